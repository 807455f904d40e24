// app.cpp — state, input and frames of one page view (see app.hpp).
#include "ui/app.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "core/pack_text.hpp"
#include "core/url_policy.hpp"
#include "ui/page_view.hpp"

namespace passerelle::ui {
namespace {

int tier_of(float width, float dpr) {
  const TypeScale s = type_scale_for_width(width);
  // Fonts depend on the sizes (compact / regular / large) and the device pixel ratio.
  const int size_tier = s.compact ? 0 : (s.body.size > 19.5f ? 2 : 1);
  return size_tier * 1000 + static_cast<int>(std::lround(dpr * 100));
}

}  // namespace

App::App() : theme_(default_theme()) {}

const std::vector<Diagnostic>& App::load_pack(std::string_view bytes, std::string_view file_name) {
  PackResult r = parse_pack(bytes, file_name);
  errors_ = std::move(r.errors);
  notice_title_.clear();
  notice_lines_.clear();
  consent_.reset();
  if (r.pack) {
    pack_ = std::move(r.pack);
    lang_ = pack_->lang;
  } else {
    pack_.reset();
    std::vector<std::string> lines;
    lines.push_back("Le contenu de cette page (" + std::string(file_name) +
                    ") est invalide, elle ne peut donc pas être affichée. Détail des erreurs :");
    for (const Diagnostic& d : errors_) lines.push_back(format(d));
    show_notice("Cette page n’a pas pu être affichée", std::move(lines));
  }
  fonts_need_build_ = true;  // new text may need new glyphs
  layout_dirty_ = true;
  scroller_.scroll_to(0);
  wake();
  return errors_;
}

void App::show_notice(std::string title, std::vector<std::string> paragraphs) {
  notice_title_ = std::move(title);
  notice_lines_ = std::move(paragraphs);
  fonts_need_build_ = true;
  layout_dirty_ = true;
  scroller_.scroll_to(0);
  wake();
}

void App::set_viewport(float width, float height, float dpr) {
  if (!(width > 0) || !(height > 0)) return;
  if (!(dpr > 0)) dpr = 1;
  if (width != width_ || dpr != dpr_) layout_dirty_ = true;
  if (tier_of(width, dpr) != built_tier_) fonts_need_build_ = true;
  width_ = width;
  height_ = height;
  dpr_ = dpr;
  if (layout_) scroller_.set_extent(layout_->height, height_);
  wake();
}

void App::pointer_move(float x, float y) {
  mouse_ = ImVec2(x, y);
  if (dragging_thumb_ && layout_) {
    const ScrollbarGeometry g = scrollbar_geometry(width_, height_, layout_->height, scroller_.offset(), true);
    const float travel = g.track.h - g.thumb.h;
    if (travel > 0) scroller_.scroll_to(drag_start_offset_ + (y - drag_start_y_) * scroller_.max_offset() / travel);
  }
  wake();
}

void App::pointer_down(float x, float y) {
  mouse_ = ImVec2(x, y);
  mouse_down_ = mouse_down_latched_ = true;
  if (layout_) {
    const ScrollbarGeometry g = scrollbar_geometry(width_, height_, layout_->height, scroller_.offset(), true);
    if (g.visible && x >= g.track.x - 4) {
      if (g.thumb.contains(std::max(x, g.thumb.x), y)) {
        dragging_thumb_ = true;
        drag_start_y_ = y;
        drag_start_offset_ = scroller_.offset();
      } else if (y < g.thumb.y) {
        scroller_.scroll_by(-height_ * (1 - Scroller::kPageOverlap));
      } else if (y > g.thumb.y + g.thumb.h) {
        scroller_.scroll_by(height_ * (1 - Scroller::kPageOverlap));
      }
    }
  }
  wake();
}

void App::pointer_up(float x, float y) {
  mouse_ = ImVec2(x, y);
  mouse_down_ = false;
  dragging_thumb_ = false;
  wake();
}

void App::pointer_leave() {
  mouse_ = ImVec2(-FLT_MAX, -FLT_MAX);
  if (!dragging_thumb_) mouse_down_ = false;
  wake();
}

void App::wheel(float dx, float dy) {
  (void)dx;  // the page never scrolls sideways
  if (std::isfinite(dy)) scroller_.scroll_by(dy);
  wake();
}

bool App::start_consent(const ConsentStart& s) {
  if (!pack_ || !pack_->consent) return false;
  consent_.emplace(*pack_->consent);
  consent_->start(s);
  if (!s.lang.empty()) lang_ = s.lang;
  wake(4);  // the banner is an auto-sized ImGui window: it shows on its second frame
  return true;
}

void App::consent_show() {
  if (!consent_) return;
  consent_widget_.show_withdrawn_notice(false);
  consent_->open_panel();
  wake(4);
}

std::optional<ConsentOutcome> App::consent_grant(std::string_view purpose) {
  if (!consent_ || !consent_->config().purpose(purpose)) return std::nullopt;
  consent_->open_panel();  // start from the current choices, then add this one
  consent_->set_pending(purpose, true);
  ConsentOutcome o = consent_->save(wall_clock_, new_id_ ? new_id_() : std::string(32, '0'));
  consent_outcomes_.push_back(o);
  wake();
  return o;
}

std::vector<ConsentOutcome> App::take_consent_outcomes() {
  std::vector<ConsentOutcome> out;
  out.swap(consent_outcomes_);
  return out;
}

bool App::ui_key(UiKey k, bool down, bool shift) {
  const int i = static_cast<int>(k);
  if (!down) {
    const bool owned = key_owned_[i];
    key_owned_[i] = false;
    return owned;
  }
  key_owned_[i] = false;
  // Widgets take keys only while they are shown.  When the consent banner is hidden, the
  // first Tab lands on "Gérer mes cookies"; the next one leaves the canvas (browser default).
  if (!consent_) return false;
  // Focus is in a widget (the banner focuses its first choice when it opens; a click on the
  // article takes the focus away, as in a document).
  const bool focused = ImGui::GetCurrentContext() && ImGui::GetIO().NavActive;
  if (!consent_open()) {
    if (k == UiKey::tab && !shift && !focused) {
      ImGui::SetWindowFocus("##consent-manage");
    } else if (!focused || k == UiKey::tab) {
      return false;
    }
  } else {
    if (k == UiKey::activate && !focused && consent_->view() == ConsentView::banner) return false;
    // The banner does not block reading: arrows keep scrolling the page (buttons do not use
    // arrows; Tab moves between them).  Only the modal panel takes them.
    const bool arrow = k == UiKey::left || k == UiKey::right || k == UiKey::up || k == UiKey::down;
    if (arrow && consent_->view() != ConsentView::panel) return false;
  }
  key_queue_.push_back({i, shift});
  key_owned_[i] = true;
  wake();
  return true;
}

bool App::key(ScrollKey k, double now) {
  if (!layout_) return false;
  scroller_.key(k, now);
  wake();
  return true;
}

Action App::click(float x, float y, double now) {
  Action a;
  if (!layout_ || !has_page()) return a;
  if (consent_widget_.covers(ImVec2(x, y))) {
    // Over the banner: ImGui handles its buttons; only the policy link opens a tab.
    if (consent_ && consent_widget_.policy_link_at(ImVec2(x, y)) && is_safe_link_url(consent_->config().policy_url)) {
      a.kind = Action::Kind::open_url;
      a.url = consent_->config().policy_url;
    }
    return a;
  }
  const ScrollbarGeometry g = scrollbar_geometry(width_, height_, layout_->height, scroller_.offset(), true);
  if (g.visible && x >= g.track.x - 4) return a;
  const int t = layout_->target_at(x, y + scroller_.offset());
  if (t < 0) return a;
  const Target& target = layout_->targets[t];
  switch (target.kind) {
    case Target::Kind::url:
      if (!is_safe_link_url(target.url)) return a;  // validated already; checked again here
      a.kind = Action::Kind::open_url;
      a.url = target.url;
      break;
    case Target::Kind::footnote:
      if (target.footnote < static_cast<int>(layout_->footnote_y.size()))
        scroller_.animate_to(layout_->footnote_y[target.footnote] - height_ * 0.25f, now);
      a.kind = Action::Kind::handled;
      break;
    case Target::Kind::footnote_back:
      if (target.footnote < static_cast<int>(layout_->reference_y.size()) &&
          layout_->reference_y[target.footnote] >= 0)
        scroller_.animate_to(layout_->reference_y[target.footnote] - height_ * 0.3f, now);
      a.kind = Action::Kind::handled;
      break;
  }
  wake();
  return a;
}

std::string App::glyph_text() const {
  std::string s = notice_title_;
  for (const std::string& l : notice_lines_) s += l;
  if (pack_) s += visible_text(*pack_);
  s += "\u00D7";  // the banner's close mark
  return s;
}

bool App::update_fonts() {
  if (!fonts_need_build_ || width_ <= 0 || !fonts_.has_all_faces()) return false;
  ImGuiIO& io = ImGui::GetIO();
  const TypeScale scale = type_scale_for_width(width_);
  if (!fonts_.build(*io.Fonts, scale.all(), dpr_, glyph_text())) return false;
  io.FontDefault = fonts_.font(scale.ui);
  // Fonts are rasterised at device pixels; ImGui's widgets lay out in CSS pixels.
  io.FontGlobalScale = 1.0f / dpr_;
  built_tier_ = tier_of(width_, dpr_);
  fonts_need_build_ = false;
  layout_dirty_ = true;
  return true;
}

void App::relayout() {
  if (!fonts_.built() || width_ <= 0) return;
  const float old_height = layout_ ? layout_->height : 0;
  const float old_offset = scroller_.offset();
  if (!notice_title_.empty()) {
    layout_ = layout_notice(notice_title_, notice_lines_, width_, fonts_);
  } else if (pack_) {
    layout_ = layout_page(*pack_, width_, fonts_);
  } else {
    return;
  }
  scroller_.set_extent(layout_->height, height_);
  // Keep the reader's place: the same fraction of the document stays at the top.
  if (old_height > 0 && old_offset > 0) scroller_.scroll_to(old_offset / old_height * layout_->height);
  layout_dirty_ = false;
}

bool App::frame(double now) {
  ImGuiIO& io = ImGui::GetIO();
  const double dt = last_frame_time_ < 0 ? 1.0 / 60 : now - last_frame_time_;
  last_frame_time_ = now;
  io.DeltaTime = static_cast<float>(std::clamp(dt, 1e-4, 0.25));  // ImGui asserts on dt <= 0
  io.DisplaySize = ImVec2(std::max(width_, 1.0f), std::max(height_, 1.0f));
  io.DisplayFramebufferScale = ImVec2(dpr_, dpr_);
  io.MousePos = mouse_;
  io.MouseDown[0] = mouse_down_ || mouse_down_latched_;  // a quick click still lasts a frame
  mouse_down_latched_ = false;
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  const ImGuiKey map[kUiKeyCount] = {ImGuiKey_Tab, ImGuiKey_LeftArrow, ImGuiKey_RightArrow, ImGuiKey_UpArrow,
                                     ImGuiKey_DownArrow, ImGuiKey_Space, ImGuiKey_Escape};
  for (int i = 0; i < kUiKeyCount; ++i) {
    io.KeyMap[map[i]] = i;
    io.KeysDown[i] = false;
  }
  if (!key_queue_.empty()) {
    io.KeyShift = key_queue_.front().shift;
    if (!key_held_) {
      io.KeysDown[key_queue_.front().key] = true;
      key_held_ = true;
    } else {
      key_queue_.pop_front();  // released this frame
      key_held_ = false;
    }
  } else {
    io.KeyShift = false;
  }

  if (layout_dirty_) relayout();
  const bool moving = scroller_.step(now);

  ImGui::NewFrame();
  hovered_ = -1;
  scrollbar_hot_ = dragging_thumb_;
  if (layout_) {
    const ScrollbarGeometry g = scrollbar_geometry(width_, height_, layout_->height, scroller_.offset(), true);
    const bool over_bar = g.visible && mouse_.x >= g.track.x - 4 && mouse_.x <= width_;
    scrollbar_hot_ = scrollbar_hot_ || over_bar;
    const bool over_widget = io.WantCaptureMouse || consent_widget_.covers(mouse_);
    if (!over_bar && !scroller_.touching() && !over_widget && has_page())
      hovered_ = layout_->target_at(mouse_.x, mouse_.y + scroller_.offset());
    ImGui::SetMouseCursor(hovered_ >= 0 ? ImGuiMouseCursor_Hand : ImGuiMouseCursor_Arrow);

    PageDrawState st;
    st.scroll = scroller_.offset();
    st.viewport = io.DisplaySize;
    st.hovered_target = hovered_;
    st.scrollbar_hot = scrollbar_hot_;
    draw_page(*ImGui::GetBackgroundDrawList(), *layout_, fonts_, theme_, st);
    if (consent_ && has_page()) {
      ConsentFrame cf;
      cf.manager = &*consent_;
      cf.lang = lang_;
      cf.fonts = &fonts_;
      cf.scale = layout_->scale;
      cf.viewport = io.DisplaySize;
      cf.now_unix = wall_clock_;
      cf.new_id = new_id_ ? new_id_ : [] { return std::string(32, '0'); };
      if (auto o = consent_widget_.draw(cf)) {
        if (o->reload_suggested) consent_widget_.show_withdrawn_notice(true);
        consent_outcomes_.push_back(std::move(*o));
        wake(4);
      }
    }
  }
  ImGui::Render();
  ++frames_;

  if (wake_frames_ > 0) --wake_frames_;
  return moving || dragging_thumb_ || wake_frames_ > 0 || layout_dirty_ || !key_queue_.empty();
}

}  // namespace passerelle::ui
