// fake_metrics.hpp — a font whose every code point is `advance` × size/10 px wide, so the
// expected line breaks of a test can be worked out by hand.
#pragma once
#include "core/text/typography.hpp"
#include "core/base/utf8.hpp"

namespace passerelle::testing {

class FakeMetrics final : public FontMetrics {
 public:
  explicit FakeMetrics(float advance = 10.0f) : advance_(advance) {}
  float measure(FontSpec f, std::string_view s) const override {
    std::size_t i = 0;
    int n = 0;
    while (i < s.size()) {
      decode_utf8(s, i);
      ++n;
    }
    return n * advance_ * f.size / 10.0f;
  }
  float ascent(FontSpec f) const override { return f.size * 0.8f; }
  float content_height(FontSpec f) const override { return f.size * 1.0f; }

 private:
  float advance_;
};

}  // namespace passerelle::testing
