// design/stylesheet.hpp — the design tokens as CSS: what makes the HTML look like the canvas.
//
// token_stylesheet() writes, from palette.hpp and type_scale.hpp:
//   - @font-face rules for the very font subsets the wasm rasterises (fonts/<face>.ttf), as
//     the families "Passerelle Serif" and "Passerelle Sans";
//   - every colour as a custom property (--pl-text, --pl-map-sea, …) in light, then in dark
//     under prefers-color-scheme;
//   - every size of the type scale, column, rhythm and banner as custom properties (--pl-body,
//     --pl-measure, --pl-banner-pad-x, …) for the regular tier, then the compact and large
//     tiers under the same widths as type_scale_for_width().
// The hand-written rules (shell/passerelle.css) use only these properties for colours and
// sizes; `passerelle-pack css` joins the two into dist/passerelle.css, an external file (the
// page runs under a CSP without 'unsafe-inline').
//
// Depends on: design/palette.hpp, design/type_scale.hpp, text/typography.hpp.
#pragma once
#include <string>
#include <string_view>

#include "core/design/palette.hpp"
#include "core/design/type_scale.hpp"
#include "core/text/typography.hpp"

namespace passerelle::design {

// The font file a face is shipped as, without folder or extension ("NotoSerif-Regular").
std::string_view face_file(Face face);

// The custom properties and @font-face rules; font URLs are `font_dir` + face_file + ".ttf".
// map_aspect is the map's width over its height (the built geometry's frame; the canvas
// assumes 1.25 until the geometry arrives), so the HTML keeps the map's box as tall.
std::string token_stylesheet(std::string_view font_dir = "fonts/", float map_aspect = 1.25f);

// The same tokens followed by `rules`, compacted, for a shadow root (a partner embed's
// prerendered consent banner, tools/ `passerelle-pack consent-banner`): custom properties on
// :host instead of :root (a shadow root has no :root), including the rules' own; colours
// light, dark under prefers-color-scheme unless the host says data-theme="light", dark
// whenever it says data-theme="dark" (the canvas's data-theme); and no @font-face (a shadow
// root cannot declare fonts, and a relative url() would resolve against the partner's page).
std::string shadow_stylesheet(std::string_view rules);

// "#a3122a"
std::string css_hex(Rgb c);

// CSS as shipped: comments dropped, runs of white space made one space (none at a line's
// ends or around { } ; ,), strings kept as written.  The page downloads it on every first
// visit; the commented source stays in shell/passerelle.css.
std::string compact_css(std::string_view css);

}  // namespace passerelle::design
