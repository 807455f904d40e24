// pack_text.hpp — every character a pack can put on screen, for sizing a glyph atlas.
//
// Depends on: pack.hpp.
#pragma once
#include <string>

#include "core/pack.hpp"

namespace passerelle {

// The concatenated visible text of the pack (site name, breadcrumb, title, lead, body,
// footnotes and links, and the consent widget's texts in every language), without markup.
std::string visible_text(const Pack& pack);

}  // namespace passerelle
