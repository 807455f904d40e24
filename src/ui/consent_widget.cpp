// consent_widget.cpp — drawing the consent banner and panel (see consent_widget.hpp).
#include "ui/consent_widget.hpp"

#include <imgui_internal.h>  // SetFocusID, GetCurrentWindow: focus on the first choice

#include <algorithm>
#include <cmath>

namespace passerelle::ui {
namespace {

constexpr ImGuiWindowFlags kWindowFlags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                          ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse |
                                          ImGuiWindowFlags_NoSavedSettings;

ImVec4 v4(Rgb c, float a = 1.0f) { return ImVec4(c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, a); }

// A soft shadow under a floating window, so it reads as lifted above the article.  Drawn on
// the background list (after the page, before any window) so the window does not clip it.
void shadow(ImVec2 min, ImVec2 max, float rounding, Rgb ink) {
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  for (int i = 1; i <= 6; ++i) {
    const float d = static_cast<float>(i) * 2.0f;
    dl->AddRect(ImVec2(min.x - d * 0.5f, min.y - d * 0.25f), ImVec2(max.x + d * 0.5f, max.y + d),
                to_imgui(ink, (14 - 2 * i) / 255.0f), rounding + d, 0, 2.0f);
  }
}

struct StyleScope {
  explicit StyleScope(const Theme& t) {
    ImGui::PushStyleColor(ImGuiCol_WindowBg, v4(t.surface));
    ImGui::PushStyleColor(ImGuiCol_Border, v4(t.rule));
    ImGui::PushStyleColor(ImGuiCol_Text, v4(t.text));
    ImGui::PushStyleColor(ImGuiCol_Button, v4(t.link));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, v4(t.link_hover));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, v4(t.heading));
    ImGui::PushStyleColor(ImGuiCol_NavHighlight, v4(t.heading));
    ImGui::PushStyleColor(ImGuiCol_ScrollbarBg, v4(t.background, 0.0f));
    ImGui::PushStyleColor(ImGuiCol_ScrollbarGrab, v4(t.scrollbar, 0.45f));
    const BannerTokens b = banner_tokens(false);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, b.radius);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, b.button_radius);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(b.spacing, b.spacing));
    ImGui::PushStyleVar(ImGuiStyleVar_ScrollbarSize, 8.0f);
  }
  ~StyleScope() {
    ImGui::PopStyleVar(5);
    ImGui::PopStyleColor(9);
  }
};

// Wrapped text in a font.
void text_block(ImFont* font, const std::string& s, ImU32 col) {
  ImGui::PushFont(font);
  ImGui::PushStyleColor(ImGuiCol_Text, col);
  ImGui::TextWrapped("%s", s.c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

}  // namespace

bool ConsentWidget::covers(ImVec2 p) const {
  return std::any_of(windows_.begin(), windows_.end(), [&](const Box& b) { return b.contains(p); });
}

bool ConsentWidget::policy_link_at(ImVec2 p) const { return policy_rect_.contains(p); }

float ConsentWidget::panel_height(bool compact) { return 720.0f + 2 * (compact ? 8.0f : 24.0f); }

ImVec2 ConsentWidget::extent(ImVec2 viewport) const {
  float top = viewport.y, right = 0;
  for (const Box& b : windows_) {
    top = std::min(top, b.min.y);
    right = std::max(right, b.max.x);
  }
  return windows_.empty() ? ImVec2(0, 0) : ImVec2(right + 8, viewport.y - top + 8);
}

bool ConsentWidget::has_keyboard_focus() const {
  const ImGuiContext* g = ImGui::GetCurrentContext();
  if (!g || g->NavDisableHighlight || g->NavId == 0) return false;
  return std::any_of(focusables_.begin(), focusables_.end(), [&](const Focusable& f) { return f.id == g->NavId; });
}

void ConsentWidget::record_window() {
  const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
  windows_.push_back(Box{pos, ImVec2(pos.x + size.x, pos.y + size.y)});
}

void ConsentWidget::focus_first_if_new(WidgetShown now) {
  if (last_view_ != now) {
    focus_next_ = true;
    // Back from the panel to the banner: the focus returns to "Personnaliser", which opened
    // it, not to "Tout refuser" (one Enter away from a refusal not meant).
    focus_key_ = last_view_ == WidgetShown::panel && now == WidgetShown::banner ? "customise" : "";
    ImGui::SetWindowFocus();
  } else if (focus_key_.empty()) {
    focus_next_ = false;  // the first item: only on the frame the view changed
  }
  last_view_ = now;
}

void ConsentWidget::tab_stop() {
  focusables_.push_back({ImGui::GetItemID(), ImGui::GetCurrentWindow()});
}

// ImGui 1.86 tabs only between text inputs; a consent dialog needs Tab / Shift+Tab through
// its buttons and switches, in submission order, wrapping around.
void ConsentWidget::handle_tab() {
  ImGuiContext& g = *GImGui;
  if (focusables_.empty() || !ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Tab), true)) return;
  const int n = static_cast<int>(focusables_.size());
  int at = -1;
  for (int i = 0; i < n; ++i)
    if (focusables_[i].id == g.NavId) at = i;
  const int next = at < 0 ? (g.IO.KeyShift ? n - 1 : 0) : (at + (g.IO.KeyShift ? n - 1 : 1)) % n;
  ImGui::SetFocusID(focusables_[next].id, focusables_[next].window);
  g.NavDisableHighlight = false;  // keyboard use: show the focus ring
  ImGui::SetScrollHereY();        // harmless outside scrolling regions
}

void ConsentWidget::take_focus_if_asked(std::string_view key) {
  // ImGui 1.86's SetKeyboardFocusHere() only reaches tab-stop inputs; buttons get the
  // keyboard focus through the nav id.
  if (!focus_next_ || (!focus_key_.empty() && focus_key_ != key)) return;
  // On the frame a window comes back, ImGui's own navigation puts the focus back on the item
  // it last had; a chosen item asks again on the next frame, then is done.
  if (focus_key_.empty() || !ImGui::GetCurrentWindow()->Appearing) {
    focus_next_ = false;
    focus_key_.clear();
  }
  ImGui::SetFocusID(ImGui::GetItemID(), ImGui::GetCurrentWindow());
}

// The one button style of every consent choice: equal size, weight and colours.
bool ConsentWidget::equal_button(const char* label, ImVec2 size, const char* key) {
  const bool pressed = ImGui::Button(label, size);
  tab_stop();
  take_focus_if_asked(key);
  buttons_.push_back(Button{label, ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
  return keyed(key) || pressed;
}

// Records the last item's rectangle under its mirror key, and says whether the mirror
// pressed it (press()): the mirror's buttons go through exactly the code of a click.
bool ConsentWidget::keyed(std::string_view key) {
  reveal_if_asked(key);
  keyed_.push_back({std::string(key), Box{ImGui::GetItemRectMin(), ImGui::GetItemRectMax()}});
  if (pending_press_.empty() || pending_press_ != key) return false;
  pending_press_.clear();
  return true;
}

std::optional<Rect> ConsentWidget::key_rect(std::string_view key) const {
  for (const auto& [k, b] : keyed_)
    if (k == key) return Rect{b.min.x, b.min.y, b.max.x - b.min.x, b.max.y - b.min.y};
  return std::nullopt;
}

// An on/off switch (role "switch"): a pill with a knob, the label to its left.
bool ConsentWidget::switch_widget(const char* id, bool* on, const char* label) {
  const Theme& t = *theme_;
  const float h = std::round(ImGui::GetFontSize() * 1.3f), w = std::round(h * 1.8f);
  ImGui::PushID(id);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const bool clicked = ImGui::InvisibleButton(label, ImVec2(w, h));
  const bool pressed = keyed(std::string("switch:") + id) || clicked;
  tab_stop();
  take_focus_if_asked();
  if (pressed) *on = !*on;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const bool hovered = ImGui::IsItemHovered();
  const Rgb track = *on ? t.link : t.muted;
  dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), to_imgui(hovered ? (*on ? t.link_hover : t.text) : track), h * 0.5f);
  const float r = h * 0.5f - 3.0f;
  const float cx = *on ? p.x + w - h * 0.5f : p.x + h * 0.5f;
  dl->AddCircleFilled(ImVec2(cx, p.y + h * 0.5f), r, to_imgui(t.background), 24);
  ImGui::PopID();
  return pressed;
}

std::optional<ConsentOutcome> ConsentWidget::draw(const ConsentFrame& f) {
  buttons_.clear();
  rows_.clear();
  settling_ = false;
  windows_.clear();
  keyed_.clear();
  policy_rect_ = Box{};
  if (!f.manager || !f.fonts || !f.fonts->ready(consent_fonts(f.scale))) return std::nullopt;
  const ConsentTexts& t = f.manager->config().texts_in(f.lang);
  focusables_.clear();
  theme_ = f.theme ? f.theme : &default_theme();
  StyleScope style(*theme_);
  std::optional<ConsentOutcome> out;
  modal_ = f.manager->view() == passerelle::ConsentView::panel;
  switch (f.manager->view()) {
    case passerelle::ConsentView::banner: out = banner(f, t); break;
    case passerelle::ConsentView::panel: out = panel(f, t); break;
    case passerelle::ConsentView::hidden:
      last_view_ = WidgetShown::hidden;
      manage_button(f, t);
      break;
  }
  if (!out) handle_tab();
  reveal_key_.clear();  // drawn and brought into view, or no longer shown
  // A press waits a few frames for its widget (a window ImGui is still sizing submits nothing
  // on its first frame), then is dropped: it was for a widget no longer shown.
  if (!pending_press_.empty() && --pending_frames_ <= 0) pending_press_.clear();
  return out;
}

// The banner: the notice, the three equal choices, and "Continuer sans accepter ×" at the top
// right.  Each part is drawn by its own function, in the order ImGui needs them (which is
// also the tab order).
std::optional<ConsentOutcome> ConsentWidget::banner(const ConsentFrame& f, const ConsentTexts& t) {
  const BannerTokens bt = banner_tokens(f.scale.compact);
  const float margin = bt.margin;
  const float w = std::min(f.viewport.x - 2 * margin, bt.max_width);
  ImGui::SetNextWindowPos(ImVec2(f.viewport.x * 0.5f, f.viewport.y - margin), ImGuiCond_Always, ImVec2(0.5f, 1.0f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(w, 0), ImVec2(w, f.viewport.y * (f.own_viewport ? 1.0f : 0.6f) - margin));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(bt.pad_x, bt.pad_y));
  std::optional<ConsentOutcome> out;
  if (ImGui::Begin("##consent-banner", nullptr, kWindowFlags | ImGuiWindowFlags_AlwaysAutoResize)) {
    record_window();
    scroll_region();
    shadow(ImGui::GetWindowPos(), ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x,
                                         ImGui::GetWindowPos().y + ImGui::GetWindowSize().y), 10.0f, theme_->shadow);
    const float inner = ImGui::GetContentRegionAvail().x;
    const std::string close = t.continue_without + " \u00D7";
    ImGui::PushFont(f.fonts->font(f.scale.ui_small));
    const ImVec2 close_size = ImGui::CalcTextSize(close.c_str());
    ImGui::PopFont();
    const ImVec2 top = banner_notice(f, t, inner, close_size);
    out = banner_choices(f, t, inner);
    if (banner_close(f, close, ImVec2(top.x + inner - close_size.x - 2 * bt.close_pad_x, top.y - bt.close_raise)))
      out = f.manager->continue_without(f.now_unix, f.new_id());
  }
  ImGui::End();
  ImGui::PopStyleVar();
  return out;
}

// The banner's title, text, notices and policy link.  Returns where the title starts (the
// close control goes at its right).  When the title and the close control do not fit on one
// line (phones), the close control gets a line of its own above the title.
ImVec2 ConsentWidget::banner_notice(const ConsentFrame& f, const ConsentTexts& t, float inner, ImVec2 close_size) {
  const Theme& theme = *theme_;
  const FontBook& fb = *f.fonts;
  const ConsentManager& m = *f.manager;
  ImGui::PushFont(fb.font(f.scale.h3));
  const float title_w = ImGui::CalcTextSize(t.title.c_str()).x;
  ImGui::PopFont();
  const ImVec2 top = ImGui::GetCursorPos();
  if (banner_tokens(f.scale.compact).close_own_line || title_w + close_size.x + 32 > inner)
    ImGui::Dummy(ImVec2(0, close_size.y));
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner);
  text_block(fb.font(f.scale.h3), t.title, to_imgui(theme.heading));
  text_block(fb.font(f.scale.compact ? f.scale.ui_small : f.scale.ui), t.body, to_imgui(theme.text));
  if (m.gpc_applied()) text_block(fb.font(f.scale.ui_small), t.gpc_notice, to_imgui(theme.muted));
  if (!m.storage_available()) text_block(fb.font(f.scale.ui_small), t.no_storage_notice, to_imgui(theme.muted));
  if (!m.config().policy_url.empty()) policy_link(f, t);
  ImGui::PopTextWrapPos();
  ImGui::Dummy(ImVec2(0, 2));
  return top;
}

// The policy link: underlined text (the DOM click handler opens it, see policy_link_at).
void ConsentWidget::policy_link(const ConsentFrame& f, const ConsentTexts& t) {
  const Theme& theme = *theme_;
  ImGui::PushFont(f.fonts->font(f.scale.ui_small));
  ImGui::PushStyleColor(ImGuiCol_Text, v4(theme.link));
  ImGui::TextUnformatted(t.policy_link.c_str());
  keyed("policy");
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ImGui::GetWindowDrawList()->AddLine(ImVec2(a.x, b.y), b, to_imgui(theme.link), 1.0f);
  policy_rect_ = Box{a, b};
  if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

// The three choices of the banner: one widget, same size.  Stacked on narrow screens.
std::optional<ConsentOutcome> ConsentWidget::banner_choices(const ConsentFrame& f, const ConsentTexts& t, float inner) {
  ConsentManager& m = *f.manager;
  std::optional<ConsentOutcome> out;
  ImGui::PushFont(f.fonts->font(f.scale.ui_bold));
  ImGui::PushStyleColor(ImGuiCol_Text, v4(theme_->on_accent));
  const BannerTokens bt = banner_tokens(f.scale.compact);
  const bool stacked = inner < bt.stack_below;
  // Phones: a little shorter, so the banner leaves more of the article in view.
  const float bh = std::round(ImGui::GetFontSize() * bt.button_height_em);
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const ImVec2 bsize(stacked ? inner : std::floor((inner - 2 * spacing) / 3), bh);
  focus_first_if_new(WidgetShown::banner);
  if (equal_button(t.refuse_all.c_str(), bsize, "refuse_all")) out = m.refuse_all(f.now_unix, f.new_id());
  if (!stacked) ImGui::SameLine();
  if (equal_button(t.accept_all.c_str(), bsize, "accept_all")) out = m.accept_all(f.now_unix, f.new_id());
  if (!stacked) ImGui::SameLine();
  if (equal_button(t.customise.c_str(), bsize, "customise")) m.open_panel();
  ImGui::PopStyleColor();
  ImGui::PopFont();
  return out;
}

// "Continuer sans accepter ×" at `at` (top right), submitted last: last in the tab order.
// Returns true when pressed (a refusal).  The cursor is put back where it was.
bool ConsentWidget::banner_close(const ConsentFrame& f, const std::string& label, ImVec2 at) {
  const Theme& theme = *theme_;
  ImGui::PushFont(f.fonts->font(f.scale.ui_small));
  const ImVec2 back = ImGui::GetCursorPos();
  ImGui::SetCursorPos(at);
  ImGui::PushStyleColor(ImGuiCol_Button, v4(theme.background, 0.0f));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, v4(theme.rule, 0.6f));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, v4(theme.rule));
  ImGui::PushStyleColor(ImGuiCol_Text, v4(theme.muted));
  const BannerTokens bt = banner_tokens(f.scale.compact);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(bt.close_pad_x, bt.close_pad_y));
  const bool clicked = ImGui::Button(label.c_str());
  const bool pressed = keyed("continue_without") || clicked;
  tab_stop();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(4);
  ImGui::PopFont();
  ImGui::SetCursorPos(back);
  ImGui::Dummy(ImVec2(0, 0));
  return pressed;
}

// The settings panel: a modal dialog with one row per purpose (scrolling) above the three
// equal choices.
std::optional<ConsentOutcome> ConsentWidget::panel(const ConsentFrame& f, const ConsentTexts& t) {
  const Theme& theme = *theme_;
  ConsentManager& m = *f.manager;
  const FontBook& fb = *f.fonts;
  const float margin = f.scale.compact ? 8.0f : 24.0f;
  const float w = std::min(f.viewport.x - 2 * margin, 680.0f);
  const float h = std::min(f.viewport.y - 2 * margin, panel_height(f.scale.compact) - 2 * margin);
  // A dimmed page behind the dialog: the panel is modal while open.
  ImGui::GetBackgroundDrawList()->AddRectFilled(ImVec2(0, 0), f.viewport, to_imgui(theme.shadow, 90 / 255.0f));
  ImGui::SetNextWindowPos(ImVec2(f.viewport.x * 0.5f, f.viewport.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(w, h), ImGuiCond_Always);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, f.scale.compact ? ImVec2(16, 14) : ImVec2(24, 20));
  std::optional<ConsentOutcome> out;
  if (ImGui::Begin("##consent-panel", nullptr, kWindowFlags | ImGuiWindowFlags_NoScrollbar)) {
    windows_.push_back(Box{ImVec2(0, 0), f.viewport});  // modal: the whole page is covered
    const float inner = ImGui::GetContentRegionAvail().x;
    text_block(fb.font(f.scale.h3), t.panel_title, to_imgui(theme.heading));
    if (m.gpc_applied()) text_block(fb.font(f.scale.ui_small), t.gpc_notice, to_imgui(theme.muted));
    if (!m.storage_available()) text_block(fb.font(f.scale.ui_small), t.no_storage_notice, to_imgui(theme.muted));

    ImGui::PushFont(fb.font(f.scale.ui_bold));
    const float bh = std::round(ImGui::GetFontSize() * 2.4f);
    ImGui::PopFont();
    const bool stacked = inner < 480;
    const float footer = stacked ? 3 * bh + 3 * ImGui::GetStyle().ItemSpacing.y : bh + ImGui::GetStyle().ItemSpacing.y;

    ImGui::BeginChild("##purposes", ImVec2(0, -footer - 4), false, ImGuiWindowFlags_NavFlattened);
    scroll_region();
    focus_first_if_new(WidgetShown::panel);
    for (const ConsentPurpose& p : m.config().purposes) purpose_row(f, t, p, inner);
    ImGui::EndChild();

    out = panel_choices(f, t, inner, bh, stacked);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) m.close_panel();
  }
  ImGui::End();
  ImGui::PopStyleVar();
  return out;
}

// One purpose of the panel: its name, "always on" or its switch at the right, its description
// and its services with their cookies.
void ConsentWidget::purpose_row(const ConsentFrame& f, const ConsentTexts& t, const ConsentPurpose& p, float inner) {
  const Theme& theme = *theme_;
  const FontBook& fb = *f.fonts;
  ImGui::Separator();
  const float row_y = ImGui::GetCursorPosY();
  // What stands at the right of the name: "always on" (small) or the switch.  The name wraps
  // before it: on a narrow phone "Cookies strictement nécessaires" was drawn over "Toujours
  // actif".
  ImGui::PushFont(fb.font(p.required ? f.scale.ui_small : f.scale.ui));
  const float side_w = p.required ? ImGui::CalcTextSize(t.always_on.c_str()).x : std::round(ImGui::GetFontSize() * 1.3f * 1.8f);
  ImGui::PopFont();
  const float side_x = inner - side_w - 12;
  Row row;
  ImGui::PushFont(fb.font(f.scale.ui_bold));
  ImGui::PushTextWrapPos(side_x - 12);
  ImGui::TextUnformatted(p.name.in(f.lang).c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  row.name_min = ImGui::GetItemRectMin();
  row.name_max = ImGui::GetItemRectMax();
  const float below_name = ImGui::GetCursorPosY();
  ImGui::SetCursorPos(ImVec2(side_x, row_y));
  if (p.required) {
    ImGui::PushFont(fb.font(f.scale.ui_small));
    ImGui::TextColored(v4(theme.muted), "%s", t.always_on.c_str());
    ImGui::PopFont();
  } else {
    bool on = f.manager->pending(p.id);
    ImGui::PushFont(fb.font(f.scale.ui));
    if (switch_widget(p.id.c_str(), &on, p.name.in(f.lang).c_str())) f.manager->set_pending(p.id, on);
    ImGui::PopFont();
  }
  row.side_min = ImGui::GetItemRectMin();
  row.side_max = ImGui::GetItemRectMax();
  rows_.push_back(row);
  ImGui::SetCursorPosY(std::max(below_name, ImGui::GetCursorPosY()));
  ImGui::PushTextWrapPos(inner - 8);
  text_block(fb.font(f.scale.ui), p.description.in(f.lang), to_imgui(theme.text));
  // French puts a no-break space before the colon; other languages none.
  const char* colon = f.lang.rfind("fr", 0) == 0 ? "\u00A0: " : ": ";
  for (const ConsentService& s : p.services) {
    std::string line = t.services_label + colon + s.name_in(f.lang);
    if (!s.cookies.empty()) {
      line += " — " + t.cookies_label + colon;
      for (std::size_t i = 0; i < s.cookies.size(); ++i) line += (i ? ", " : "") + s.cookies[i];
    }
    text_block(fb.font(f.scale.ui_small), line, to_imgui(theme.muted));
  }
  ImGui::PopTextWrapPos();
  ImGui::Dummy(ImVec2(0, 4));
}

// The panel's three choices, the same widget as the banner's: "Enregistrer", "Tout refuser",
// "Tout accepter", `height` tall; stacked on narrow screens.
std::optional<ConsentOutcome> ConsentWidget::panel_choices(const ConsentFrame& f, const ConsentTexts& t,
                                                           float inner, float height, bool stacked) {
  ConsentManager& m = *f.manager;
  std::optional<ConsentOutcome> out;
  ImGui::PushFont(f.fonts->font(f.scale.ui_bold));
  ImGui::PushStyleColor(ImGuiCol_Text, v4(theme_->on_accent));
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const ImVec2 bsize(stacked ? inner : std::floor((inner - 2 * spacing) / 3), height);
  if (equal_button(t.save.c_str(), bsize, "save")) out = m.save(f.now_unix, f.new_id());
  if (!stacked) ImGui::SameLine();
  if (equal_button(t.refuse_all.c_str(), bsize, "refuse_all")) out = m.refuse_all(f.now_unix, f.new_id());
  if (!stacked) ImGui::SameLine();
  if (equal_button(t.accept_all.c_str(), bsize, "accept_all")) out = m.accept_all(f.now_unix, f.new_id());
  ImGui::PopStyleColor();
  ImGui::PopFont();
  return out;
}

void ConsentWidget::manage_button(const ConsentFrame& f, const ConsentTexts& t) {
  const Theme& theme = *theme_;
  const FontBook& fb = *f.fonts;
  ImGui::SetNextWindowPos(ImVec2(8, f.viewport.y - 8), ImGuiCond_Always, ImVec2(0.0f, 1.0f));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 6.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
  if (ImGui::Begin("##consent-manage", nullptr, kWindowFlags | ImGuiWindowFlags_AlwaysAutoResize |
                                                    ImGuiWindowFlags_NoBackground)) {
    record_window();
    if (withdrawn_notice_) {
      ImGui::PushTextWrapPos(std::min(f.viewport.x - 24, 420.0f));
      ImGui::PushStyleColor(ImGuiCol_ChildBg, v4(theme.background));
      text_block(fb.font(f.scale.ui_small), t.withdrawn_notice, to_imgui(theme.heading));
      ImGui::PopStyleColor();
      ImGui::PopTextWrapPos();
    }
    ImGui::PushFont(fb.font(f.scale.ui_small));
    ImGui::PushStyleColor(ImGuiCol_Button, v4(theme.background, 0.92f));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, v4(theme.rule));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, v4(theme.rule));
    ImGui::PushStyleColor(ImGuiCol_Text, v4(theme.muted));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(10, 6));
    const bool manage_pressed = ImGui::Button(t.manage.c_str());
    if (keyed("manage") || manage_pressed) {
      withdrawn_notice_ = false;
      f.manager->open_panel();
    }
    tab_stop();
    buttons_.push_back(Button{t.manage, ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor(4);
    ImGui::PopFont();
  }
  ImGui::End();
  ImGui::PopStyleVar(3);
}

}  // namespace passerelle::ui
