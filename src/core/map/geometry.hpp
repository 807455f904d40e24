// map/geometry.hpp — the countries and borders of the "International" map, ready to draw and
// to hit-test, read from a passerelle-map-geometry/2 (or /1) document.
//
// tools/map/build-geometry.mjs projects Natural Earth 1:50m (world-atlas) with d3-geo, clips
// it to the region and writes shared, quantized arcs (the format: the header of
// that tool).  This reader stitches the arcs back into rings, normalises their
// orientation, triangulates every polygon once (ImGui 1.86 fills only convex polygons, so the
// UI draws triangles) and keeps the stroked arcs by kind.
//
// The file is a build product, but it is still input: parse_map_geometry() never throws,
// never aborts and bounds its work (MapGeometryLimits) whatever the bytes; it answers with a
// geometry or with Diagnostics (codes 4xx in base/diagnostic.hpp, plus the generic 1xx/2xx/3xx
// ones for bytes, shapes and list sizes).
//
// Coordinates are "map units": d3's output at scale 1 (y grows DOWN), stored as floats —
// what the renderer needs, precise to ~1e-7 of the map's size.  Orientation: outer rings have
// a positive shoelace area (clockwise on the y-down screen), holes a negative one; triangles
// are oriented like the outer ring.
//
// Depends on: base/diagnostic.hpp, map/projection.hpp, the standard library (the JSON layer,
// json/, and map/triangulate.hpp are private to map/geometry.cpp).
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/diagnostic.hpp"
#include "core/map/projection.hpp"

namespace passerelle {

struct MapPoint {
  float x = 0, y = 0;  // map units
};

struct MapBox {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // x0 <= x1, y0 <= y1 (inclusive)
  bool contains(MapPoint p) const { return p.x >= x0 && p.x <= x1 && p.y >= y0 && p.y <= y1; }
  bool intersects(const MapBox& o) const {
    return x0 <= o.x1 && o.x0 <= x1 && y0 <= o.y1 && o.y0 <= y1;
  }
  float width() const { return x1 - x0; }
  float height() const { return y1 - y0; }
};

struct MapPolygon {
  // rings[0] is the outer ring, the others holes; no closing duplicate.
  std::vector<std::vector<MapPoint>> rings;
  std::vector<MapPoint> vertices;       // all rings end to end, for drawing
  std::vector<std::uint32_t> triangles; // indices into vertices, 3 per triangle: outer − holes
  MapBox box;
  double area = 0;                      // outer minus holes, map units²
  bool contains(MapPoint p) const;      // even-odd over the rings
};

struct MapCountry {
  std::string id;                       // ISO 3166-1 alpha-2, "ML"
  std::vector<std::pair<std::string, std::string>> names;  // (language, name), file order
  std::vector<MapPolygon> polygons;
  MapBox box;
  double area = 0;                      // sum of the polygons' areas
  // The name in lang, else in "en", else the first one, else the id.
  const std::string& name(std::string_view lang) const;
  bool contains(MapPoint p) const;
};

enum class BorderKind { coast, land, disputed };

struct MapBorder {
  BorderKind kind = BorderKind::coast;
  int arc = 0;                          // index in the file's arcs (to group or debug)
  std::vector<MapPoint> points;         // a polyline, at least two points
  MapBox box;
};

struct MapGeometry {
  MapProjection projection;
  MapBox frame;                         // the region to show
  MapBox extent;                        // the clip rectangle: nothing lies outside it
  std::vector<MapCountry> countries;
  std::vector<MapBorder> borders;
  std::string attribution;
  int skipped_rings = 0;                // rings of zero area (collapsed by quantization)
  int fallback_cuts = 0;                // triangulator fallbacks (0 on clean data)

  int find(std::string_view iso) const;          // index of the country, or -1
  // The country whose polygons contain p (bounding boxes first), -1 at sea.  When several do
  // (an enclave drawn over its host), the smallest area wins, so tiny enclaves stay hittable.
  int country_at(MapPoint p) const;
  MapPoint project(double lon_deg, double lat_deg) const;
};

// The real 1:50m map has ~130 KB, ~600 arcs, ~25,000 ring points, ~120 countries, and no
// polygon over ~1,100 points: the limits leave room for a 1:10m map and bound the time a
// hostile file can take (ear clipping gets quadratic on self-crossing rings; see triangulate).
struct MapGeometryLimits {
  std::size_t max_bytes = 8 * 1024 * 1024;     // the whole document
  std::size_t max_arcs = 50'000;
  std::size_t max_points = 500'000;            // all arcs together
  std::size_t max_countries = 400;
  std::size_t max_polygons = 20'000;           // all countries together
  std::size_t max_border_arcs = 100'000;       // all border lists together
  std::size_t max_ring_points = 500'000;       // all rings once stitched (arcs are shared)
  std::size_t max_polygon_points = 50'000;     // one polygon: what one triangulation gets
};

struct MapGeometryResult {
  std::optional<MapGeometry> geometry;  // set only when errors is empty
  std::vector<Diagnostic> errors;
  bool ok() const { return geometry.has_value(); }
};

// The read cut into bounded steps, so that a browser's main thread can paint and take input
// between them (issue 16: the one-shot read was its longest task after start-up).  Step 1
// parses the JSON, step 2 reads every section but the countries (projection, transform,
// boxes, arcs, borders: decoding the arcs takes about as long as the parse); the next steps
// read the countries, then build their polygons (stitched
// rings converted and triangulated), each step about step_work points built, or four times
// as many references resolved and points stitched (a point read costs a quarter of one built).  The bound counts work, not time, so a
// load takes the same steps everywhere; one country read or one polygon built is never cut,
// so a step may pass the bound by that much.
//
// parse_map_geometry() is every step run at once: one code path, the same diagnostics.
// The bytes are not copied: they must stay alive and unchanged until the loader is done or
// destroyed (diagnostics look up their line and column in them).  Destroying a loader in the
// middle of a load frees everything it holds.
class MapGeometryLoader {
 public:
  // What one step may do (see above): under 1 ms natively, up to ~25 ms of CPU at 4x in
  // the browser (traces of the slow profile).
  static constexpr std::size_t kStepWork = 3000;

  MapGeometryLoader(std::string_view bytes, std::string_view file_name,
                    const MapGeometryLimits& limits = {}, std::size_t step_work = kStepWork);
  ~MapGeometryLoader();
  MapGeometryLoader(const MapGeometryLoader&) = delete;
  MapGeometryLoader& operator=(const MapGeometryLoader&) = delete;

  // Does the next step; true while work remains (false once done: result() is final).
  bool step();
  bool done() const;
  int steps_taken() const { return steps_; }
  // The answer, once done() (before, an empty result).  take_result() moves it out.
  const MapGeometryResult& result() const;
  MapGeometryResult take_result();

 private:
  struct State;
  std::unique_ptr<State> s_;
  int steps_ = 0;
};

// file_name only labels the diagnostics.
MapGeometryResult parse_map_geometry(std::string_view bytes, std::string_view file_name,
                                     const MapGeometryLimits& limits = {});

}  // namespace passerelle
