// pack_text.cpp — collecting a pack's visible text (see pack_text.hpp).
#include "core/pack_text.hpp"

namespace passerelle {

std::string visible_text(const Pack& pack) {
  const Page& p = pack.page;
  std::string s = pack.site.name;
  for (const std::string& c : p.breadcrumb) s += c;
  s += p.title;
  s += p.lead.plain();
  for (const Block& b : p.body) {
    s += b.text.plain();
    for (const InlineText& item : b.items) s += item.plain();
  }
  for (const Footnote& f : p.footnotes) s += f.text.plain();
  for (const PageLink& l : p.links) s += l.text;
  return s;
}

}  // namespace passerelle
