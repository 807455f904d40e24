// mirror/mirror.cpp — building the semantic mirror (see mirror/mirror.hpp).
//
// The walk follows page/layout.cpp's Typesetter::run() step by step, and hands out target
// numbers by the same rules as its BlockTargets (a footnote mark is a new target; adjacent
// spans of one link share one; the map's chips come after the body text before them).  If
// one changes, tests/core/unit-mirror.cpp fails until the other follows.
//
// Depends on: mirror/mirror.hpp, pack/visible_text.hpp (language names).
#include "core/mirror/mirror.hpp"

#include <algorithm>

#include "core/pack/visible_text.hpp"

namespace passerelle {
namespace {

using Role = SemNode::Role;

SemNode node(Role role, std::string text = {}) {
  SemNode n;
  n.role = role;
  n.text = std::move(text);
  return n;
}

SemNode text(std::string s) { return node(Role::text, std::move(s)); }

SemNode heading(int level, std::string s, std::string id = {}) {
  SemNode h = node(Role::heading);
  h.level = level;
  h.id = std::move(id);
  h.add(text(std::move(s)));
  return h;
}

SemNode paragraph(std::string s) {
  SemNode p = node(Role::paragraph);
  p.add(text(std::move(s)));
  return p;
}

SemNode button(std::string label, std::string key, int pressed = -1) {
  SemNode b = node(Role::button);
  b.key = std::move(key);
  b.pressed = pressed;
  b.add(text(std::move(label)));
  return b;
}

// Words the mirror needs that the canvas shows as pictures (landmark names).
struct Words {
  const char* breadcrumb;
  const char* languages;
  const char* notes;
  const char* back_to_text;
  const char* map_controls;
  const char* note;
};
const Words& words_for(std::string_view lang) {
  static const Words fr{"Fil d’Ariane", "Langues", "Notes", "Retour au texte", "Commandes de la carte", "Note"};
  static const Words en{"Breadcrumb", "Languages", "Notes", "Back to the text", "Map controls", "Note"};
  return lang.rfind("en", 0) == 0 ? en : fr;
}

std::string key_of(int target) { return "t" + std::to_string(target); }

// Target numbers, handed out like page/layout.cpp's BlockTargets::target_for.
class TargetCounter {
 public:
  int for_span(const Page& page, const Span& span) {
    if (span.kind == Span::Kind::footnote_ref) {
      last_href_.clear();
      return footnote_number(page, span.text) > 0 ? next_++ : -1;
    }
    if (span.href.empty()) {
      last_href_.clear();
      return -1;
    }
    if (span.href == last_href_) return next_ - 1;
    last_href_ = span.href;
    return next_++;
  }
  // A target that does not go through target_for (chips, footnote back-marks, language
  // links): it leaves the "same link continues" state alone.
  int pinned() { return next_++; }

 private:
  int next_ = 0;
  std::string last_href_;
};

class Builder {
 public:
  Builder(const Pack& pack, const MirrorState& state) : pack_(pack), state_(state), words_(words_for(pack.lang)) {}

  SemNode page() {
    const Page& page = pack_.page;
    SemNode root = node(Role::group);
    banner(root.add(node(Role::banner)));
    SemNode& main = root.add(node(Role::main));
    if (!page.breadcrumb.empty()) breadcrumb(main.add(node(Role::navigation, words_.breadcrumb)));
    SemNode& article = main.add(node(Role::article));
    article.add(heading(1, page.title));
    if (!page.lead.empty()) article.add(inline_block(Role::paragraph, page.lead));
    for (const Block& b : page.body) body_block(b, article);
    if (!page.footnotes.empty()) footnotes(article.add(node(Role::note, words_.notes)));
    if (!page.links.empty()) links(main.add(node(Role::list)));
    return root;
  }

  // The site's name; the language links (typeset right to left in the bar, so their targets
  // are numbered from the last).
  void banner(SemNode& header) {
    const std::vector<Translation>& translations = pack_.page.translations;
    header.add(paragraph(pack_.site.name));
    if (translations.empty()) return;
    const int first = static_cast<int>(translations.size());
    std::vector<int> numbers(translations.size());
    for (int i = first - 1; i >= 0; --i) numbers[i] = targets_.pinned();
    SemNode& nav = header.add(node(Role::navigation, words_.languages));
    SemNode& list = nav.add(node(Role::list));
    for (std::size_t i = 0; i < translations.size(); ++i) {
      SemNode link = node(Role::link);
      link.href = translations[i].href;
      link.lang = translations[i].lang;
      link.key = key_of(numbers[i]);
      link.add(text(language_autonym(translations[i].lang)));
      list.add(node(Role::list_item)).add(std::move(link));
    }
  }

  void breadcrumb(SemNode& nav) {
    SemNode& list = nav.add(node(Role::list));
    list.ordered = true;
    for (const std::string& c : pack_.page.breadcrumb) list.add(node(Role::list_item)).add(text(c));
    SemNode& here = list.add(node(Role::list_item));
    here.current = true;
    here.add(text(pack_.page.title));
  }

  void body_block(const Block& b, SemNode& article) {
    switch (b.kind) {
      case Block::Kind::paragraph: article.add(inline_block(Role::paragraph, b.text)); break;
      case Block::Kind::heading: {
        SemNode h = inline_block(Role::heading, b.text);
        h.level = b.level;
        article.add(std::move(h));
        break;
      }
      case Block::Kind::list: {
        SemNode list = node(Role::list);
        list.ordered = b.ordered;
        for (const InlineText& item : b.items) list.add(inline_block(Role::list_item, item));
        article.add(std::move(list));
        break;
      }
      case Block::Kind::map:
        if (pack_.map) article.add(map_figure());
        break;
    }
  }

  // Each note with its id, led by the link back to its mark.
  void footnotes(SemNode& notes) {
    const std::vector<Footnote>& footnotes = pack_.page.footnotes;
    SemNode& list = notes.add(node(Role::list));
    list.ordered = true;
    for (std::size_t i = 0; i < footnotes.size(); ++i) {
      const std::string n = std::to_string(i + 1);
      SemNode item = node(Role::list_item);
      item.id = "fn-" + n;
      SemNode back = node(Role::link);
      back.href = "#fnref-" + n;
      back.key = key_of(targets_.pinned());
      back.text = "[" + n + "] " + words_.back_to_text;  // not the same name as the mark
      back.add(text("[" + n + "]"));
      item.add(std::move(back));
      item.add(text("\u00A0"));
      append_inline(item, footnotes[i].text);
      list.add(std::move(item));
    }
  }

  void links(SemNode& list) {
    for (const PageLink& l : pack_.page.links) {
      SemNode& item = list.add(node(Role::list_item));
      Span span;
      span.text = l.text;
      span.href = l.url;
      InlineText t;
      t.spans.push_back(std::move(span));
      append_inline(item, t);
      if (!l.lang.empty() && l.lang != pack_.lang) {
        // The language belongs to the text, link or not.
        SemNode& inner = item.children.back();
        inner.lang = l.lang;
      }
    }
  }

  SemNode map_only() {
    SemNode root = node(Role::group);
    if (pack_.map) root.add(map_figure());
    return root;
  }

 private:
  // The figure: heading, the map's buttons, legend, country list, details.
  SemNode map_figure() {
    const MapSection& map = *pack_.map;
    SemNode fig = node(Role::figure);
    fig.add(heading(2, map.labels.title, "map-title"));

    SemNode& controls = fig.add(node(Role::group, words_.map_controls));
    controls.id = "map-controls";  // the prerendered page hides them: no map to zoom yet
    controls.add(button(map.labels.zoom_in, "map:zoom_in"));
    controls.add(button(map.labels.zoom_out, "map:zoom_out"));
    controls.add(button(map.labels.reset, "map:reset"));

    SemNode& legend = fig.add(node(Role::list));
    for (const MapRole& r : map.roles) legend.add(node(Role::list_item)).add(text(r.label));
    legend.add(node(Role::list_item)).add(text(map.labels.other));

    fig.add(paragraph(map.labels.list));
    SemNode& chips = fig.add(node(Role::list, map.labels.list));
    for (const MapRole& r : map.roles) {
      for (const std::string& iso : r.countries) {
        const MapCountryText* c = map.country(iso);
        chips.add(node(Role::list_item))
            .add(button(c ? c->name : iso, key_of(targets_.pinned()), state_.map_selected == iso ? 1 : 0));
      }
    }

    SemNode& details = fig.add(node(Role::group));
    const MapCountryText* c = map.country(state_.map_selected);
    if (c) {
      details.add(heading(3, c->name));
      const int role = map.role_of(c->id);
      if (role >= 0) details.add(paragraph(map.roles[role].label));
      for (const InlineText& para : c->details) details.add(inline_block(Role::paragraph, para));
    } else {
      details.add(paragraph(map.labels.empty));
    }
    return fig;
  }

  SemNode inline_block(Role role, const InlineText& t) {
    SemNode n = node(role);
    append_inline(n, t);
    return n;
  }

  // Spans → text, emphasis, strong, links and footnote marks, numbering targets on the way.
  void append_inline(SemNode& parent, const InlineText& t) {
    int open_link = -1;  // target of the link node last appended to parent, if any
    for (const Span& span : t.spans) {
      const int target = targets_.for_span(pack_.page, span);
      if (span.kind == Span::Kind::footnote_ref) {
        open_link = -1;
        const int n = footnote_number(pack_.page, span.text);
        SemNode sup = node(Role::superscript);
        SemNode link = node(Role::link);
        link.href = "#fn-" + std::to_string(n);
        if (seen_refs_.insert(n)) link.id = "fnref-" + std::to_string(n);
        if (target >= 0) link.key = key_of(target);
        link.text = words_.note + std::string(" [") + std::to_string(n) + "]";
        link.add(text("[" + std::to_string(n) + "]"));
        sup.add(std::move(link));
        parent.add(std::move(sup));
        continue;
      }
      SemNode run = text(span.text);
      if (span.strong) {
        SemNode s = node(Role::strong);
        s.add(std::move(run));
        run = std::move(s);
      }
      if (span.emphasis) {
        SemNode e = node(Role::emphasis);
        e.add(std::move(run));
        run = std::move(e);
      }
      if (target < 0) {
        open_link = -1;
        parent.add(std::move(run));
        continue;
      }
      if (target != open_link) {
        SemNode link = node(Role::link);
        link.href = span.href;
        link.external = true;
        link.key = key_of(target);
        parent.add(std::move(link));
        open_link = target;
      }
      parent.children.back().add(std::move(run));
    }
  }

  struct SeenSet {
    std::vector<int> seen;
    bool insert(int n) {
      if (std::find(seen.begin(), seen.end(), n) != seen.end()) return false;
      seen.push_back(n);
      return true;
    }
  };

  const Pack& pack_;
  const MirrorState& state_;
  const Words& words_;
  TargetCounter targets_;
  SeenSet seen_refs_;
};

void collect_text(const SemNode& n, std::string& out) {
  if (n.role == Role::text) {
    out += n.text;
    return;
  }
  const bool block = n.role != Role::emphasis && n.role != Role::strong && n.role != Role::superscript &&
                     n.role != Role::link;
  if (block) out += ' ';
  for (const SemNode& c : n.children) collect_text(c, out);
  if (block) out += ' ';
}

void collect_keys(const SemNode& n, std::vector<std::string>& out) {
  if (!n.key.empty()) out.push_back(n.key);
  for (const SemNode& c : n.children) collect_keys(c, out);
}

// --- the consent dialogs -----------------------------------------------------------------
// Why the choices may not be what they seem: Global Privacy Control, no storage.
void consent_notices(const ConsentTexts& t, const ConsentMirrorState& s, SemNode& d) {
  if (s.gpc) d.add(paragraph(t.gpc_notice));
  if (!s.storage_available) d.add(paragraph(t.no_storage_notice));
}

SemNode consent_banner(const ConsentConfig& config, const ConsentTexts& t,
                       const ConsentMirrorState& s) {
  SemNode d = node(Role::dialog);
  d.add(heading(2, t.title, "consent-title"));
  d.add(paragraph(t.body));
  consent_notices(t, s, d);
  if (!config.policy_url.empty()) {
    SemNode link = node(Role::link);
    link.href = config.policy_url;
    link.external = true;
    link.key = "consent:policy";
    link.add(text(t.policy_link));
    d.add(node(Role::paragraph)).add(std::move(link));
  }
  d.add(button(t.refuse_all, "consent:refuse_all"));
  d.add(button(t.accept_all, "consent:accept_all"));
  d.add(button(t.customise, "consent:customise"));
  d.add(button(t.continue_without, "consent:continue_without"));
  return d;
}

// One purpose of the panel: its name, its switch (or "always on"), what it is for, and its
// services with their cookies.
SemNode consent_purpose(const ConsentPurpose& p, std::string_view lang, const ConsentTexts& t,
                        const ConsentMirrorState& s) {
  const char* colon = lang.rfind("fr", 0) == 0 ? "\u00A0: " : ": ";
  SemNode g = node(Role::group);
  g.add(heading(3, p.name.in(lang)));
  if (p.required) {
    g.add(paragraph(t.always_on));
  } else {
    bool on = false;
    for (const auto& [id, value] : s.switches)
      if (id == p.id) on = value;
    SemNode sw = node(Role::switch_);
    sw.key = "consent:switch:" + p.id;
    sw.pressed = on ? 1 : 0;
    sw.add(text(p.name.in(lang)));
    g.add(std::move(sw));
  }
  g.add(paragraph(p.description.in(lang)));
  for (const ConsentService& svc : p.services) {
    std::string line = t.services_label + colon + svc.name_in(lang);
    if (!svc.cookies.empty()) {
      line += " — " + t.cookies_label + colon;
      for (std::size_t i = 0; i < svc.cookies.size(); ++i) line += (i ? ", " : "") + svc.cookies[i];
    }
    g.add(paragraph(std::move(line)));
  }
  return g;
}

SemNode consent_panel(const ConsentConfig& config, std::string_view lang, const ConsentTexts& t,
                      const ConsentMirrorState& s) {
  SemNode d = node(Role::dialog);
  d.modal = true;
  d.add(heading(2, t.panel_title, "consent-panel-title"));
  consent_notices(t, s, d);
  for (const ConsentPurpose& p : config.purposes) d.add(consent_purpose(p, lang, t, s));
  d.add(button(t.save, "consent:save"));
  d.add(button(t.refuse_all, "consent:refuse_all"));
  d.add(button(t.accept_all, "consent:accept_all"));
  return d;
}

}  // namespace

SemNode mirror_page(const Pack& pack, const MirrorState& state) {
  Builder b(pack, state);
  return state.map_only ? b.map_only() : b.page();
}

ConsentMirrorState consent_mirror_state(const ConsentManager& m, bool withdrawn_notice) {
  ConsentMirrorState s;
  s.view = m.view();
  s.gpc = m.gpc_applied();
  s.storage_available = m.storage_available();
  s.withdrawn_notice = withdrawn_notice;
  for (const ConsentPurpose& p : m.config().purposes)
    if (!p.required) s.switches.emplace_back(p.id, m.pending(p.id));
  return s;
}

SemNode mirror_consent(const ConsentConfig& config, std::string_view lang, const ConsentMirrorState& s) {
  const ConsentTexts& t = config.texts_in(lang);
  SemNode root = node(Role::group);
  switch (s.view) {
    case ConsentView::banner: root.add(consent_banner(config, t, s)); break;
    case ConsentView::panel: root.add(consent_panel(config, lang, t, s)); break;
    case ConsentView::hidden:
      if (s.withdrawn_notice) root.add(paragraph(t.withdrawn_notice));
      root.add(button(t.manage, "consent:manage"));
      break;
  }
  return root;
}

std::string mirror_text(const SemNode& n) {
  std::string raw;
  collect_text(n, raw);
  std::string out;
  bool space = true;  // drops leading spaces
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const bool ws = raw[i] == ' ' || raw[i] == '\n' || raw[i] == '\t';
    if (ws) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += raw[i];
  }
  return out;
}

std::vector<std::string> mirror_keys(const SemNode& n) {
  std::vector<std::string> out;
  collect_keys(n, out);
  return out;
}

}  // namespace passerelle
