// stb_truetype.cpp — the one copy of stb_truetype (and of the stb_rect_pack it packs glyphs
// with) in every build that links ImGui.
//
// Why here: Dear ImGui compiles stb_truetype static inside imgui_draw.cpp, and ui/font_metrics
// needs its font parsing too (glyph advances without rasterising).  Two static copies cost the
// wasm about 2 KB brotli; instead imgui_draw.cpp is compiled with
// IMGUI_DISABLE_STB_TRUETYPE_IMPLEMENTATION (CMakeLists.txt) and both use this one, built
// with exactly the settings imgui_draw.cpp 1.86 gives its own copy (its allocator, asserts and
// maths), so the glyphs are the same bits.  Compiled into the imgui library target.
// stb_rect_pack comes along, first, as in imgui_draw.cpp: stb_truetype's packing API takes
// the real packer's context only when stb_rect_pack.h was included before it; without it,
// stb_truetype compiles a stand-in packer of another layout, and ImGui's packer then reads
// that memory as its own (a wasm "remainder by zero" at 3x).
//
// Depends on: imgui_internal.h (IM_ALLOC, ImFmod, ImFloorSigned, ImQsort, …),
// imstb_rectpack.h, imstb_truetype.h.
#include <imgui_internal.h>

#define STBRP_ASSERT(x) \
  do {                  \
    IM_ASSERT(x);       \
  } while (0)
#define STBRP_SORT ImQsort
#define STB_RECT_PACK_IMPLEMENTATION
#include <imstb_rectpack.h>

#define STBTT_malloc(x, u) ((void)(u), IM_ALLOC(x))
#define STBTT_free(x, u) ((void)(u), IM_FREE(x))
#define STBTT_assert(x) \
  do {                  \
    IM_ASSERT(x);       \
  } while (0)
#define STBTT_fmod(x, y) ImFmod(x, y)
#define STBTT_sqrt(x) ImSqrt(x)
#define STBTT_pow(x, y) ImPow(x, y)
#define STBTT_fabs(x) ImFabs(x)
#define STBTT_ifloor(x) ((int)ImFloorSigned(x))
#define STBTT_iceil(x) ((int)ImCeil(x))
#define STB_TRUETYPE_IMPLEMENTATION
#include <imstb_truetype.h>
