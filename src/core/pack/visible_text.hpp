// pack/visible_text.hpp — every character a pack can put on screen, for sizing a glyph atlas.
//
// Depends on: pack/pack.hpp.
#pragma once
#include <string>
#include <string_view>

#include "core/pack/pack.hpp"

namespace passerelle {

// The concatenated visible text of the pack (site name, breadcrumb, title, lead, body,
// footnotes and links, and the consent widget's texts in every language), without markup.
std::string visible_text(const Pack& pack);

// The name of a language in itself ("English", "Français") for language links, or the tag
// itself for a language this table does not know.
std::string language_autonym(std::string_view tag);

}  // namespace passerelle
