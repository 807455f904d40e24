// map/geometry.cpp — reading passerelle-map-geometry/2 (and /1), stitching rings, triangulating, and
// hit-testing the result (see map/geometry.hpp).
//
// Reading follows the pack reader's rules, with the same reader (json/field_reader.hpp): no
// exceptions, typed access only, every problem a Diagnostic with a JSON pointer.  Line and
// column are looked up only once something is wrong, and only in a file of at most
// kMaxLocatedBytes: scanning the positions of a whole map (one entry per coordinate) would
// cost more than parsing it.
//
// The read is resumable (MapGeometryLoader): GeometryParser reads the top level, then the
// countries, then builds the polygons, each of the last two a budget of work at a time, with
// its place kept in its members; the diagnostics come out in the same order whatever the
// budget, and parse_map_geometry() runs it with no budget.
//
// Depends on: map/geometry.hpp, json/document.hpp and json/field_reader.hpp (json::Json),
// json/limits.hpp, map/triangulate.hpp, the standard library.
#include "core/map/geometry.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <limits>
#include <optional>

#include "core/json/document.hpp"
#include "core/json/field_reader.hpp"
#include "core/json/limits.hpp"
#include "core/map/triangulate.hpp"

namespace passerelle {
namespace {

using json::child;
using json::FieldReader;
using json::Json;

// What tools/map/build-geometry.mjs writes; the first version (its arcs as arrays of integers)
// is still read: a partner's pack may name a geometry file built before.
constexpr std::string_view kFormat = "passerelle-map-geometry/2";
constexpr std::string_view kFormatArrays = "passerelle-map-geometry/1";
constexpr std::int64_t kMaxCoordinate = std::int64_t{1} << 30;
constexpr std::size_t kMaxTextBytes = 4096;   // attribution, names
// Positions take 12 bytes per JSON value (a coordinate takes 2 to 5 bytes of text): beyond
// this size the pointer alone says where (line and column stay 0, "unknown").
constexpr std::size_t kMaxLocatedBytes = 1024 * 1024;

struct QPoint {
  std::int64_t x = 0, y = 0;  // quantized
  bool operator==(const QPoint&) const = default;
};
using RawPolygon = std::vector<std::vector<QPoint>>;  // rings as read, not yet converted

bool is_language_key(std::string_view s) {
  if (s.empty() || s.size() > 35) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// --- the document -----------------------------------------------------------------------
struct QBox {
  std::int64_t x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

class GeometryParser {
 public:
  GeometryParser(FieldReader& r, const MapGeometryLimits& limits) : r_(r), lim_(limits) {}
  // The three parts of a read, in this order (MapGeometryLoader runs them in steps).  The
  // document's top level: everything but the countries, whose list read_countries() walks.
  void read_sections(const Json& root);
  // Reads countries until about `budget` units of work are done (at least one country);
  // true while some are left.  root must stay alive until it returns false.
  bool read_countries(std::size_t budget);
  // Once every country has been read without error: builds polygons until about `budget`
  // units of work are done (at least one polygon); true while some are left.
  bool build_polygons(std::size_t budget);
  MapGeometry& geometry() { return g_; }

 private:
  void read_projection(const Json& v, const std::string& p);
  void read_transform(const Json& v, const std::string& p);
  bool read_box(const Json& v, const std::string& p, QBox& out);
  void read_arcs(const Json& v, const std::string& p);
  void read_encoded_arcs(const Json::array_t& arcs, const std::string& p);
  void read_borders(const Json& v, const std::string& p);
  void read_country(const Json& v, const std::string& p);
  void read_country_id(const Json& id, const std::string& p, MapCountry& country);
  void read_names(const Json& names, const std::string& p, MapCountry& country);
  // The country's polygons, each a list of stitched rings; false when they pass the limit of
  // polygons in all countries (the country is then left out).
  bool read_polygons(const Json& v, const std::string& p, std::vector<RawPolygon>& polygons);
  // Appends the ring's points (closing point included); false after a diagnostic.
  bool stitch_ring(const Json& v, const std::string& p, std::vector<QPoint>& ring,
                   std::size_t& polygon_points);
  // The arc an arc reference names (reversed for ~i), or -1 after a diagnostic.
  std::int64_t resolve(const Json& v, const std::string& p, bool& reversed);
  MapPoint to_map(QPoint q) const {
    return {static_cast<float>(static_cast<double>(q.x) * sx_ + tx_),
            static_cast<float>(static_cast<double>(q.y) * sy_ + ty_)};
  }
  MapBox to_map(const QBox& b) const;
  // Returns the polygon's work: its points, at least 1.
  std::size_t finish_polygon(std::vector<std::vector<QPoint>>& rings, MapCountry& country);
  void finish_country(MapCountry& country);

  FieldReader& r_;
  const MapGeometryLimits& lim_;
  MapGeometry g_;
  double sx_ = 1, sy_ = 1, tx_ = 0, ty_ = 0;
  bool transform_ok_ = false;
  std::vector<std::vector<QPoint>> arcs_;
  bool encoded_arcs_ = false;  // format /2: each arc one string (decode_polyline)
  bool arcs_read_ = false;  // "arcs" was an array within the limit: references can be checked
  bool arcs_ok_ = false;    // … and every arc decoded: rings can be stitched
  std::size_t ring_points_ = 0, polygons_ = 0;
  // Raw rings of every country, kept until the whole document has validated.
  std::vector<std::vector<RawPolygon>> pending_;
  // Where the steps are: the countries' list (null when it could not be read), the next one
  // to read; the next country and polygon to build; work done (references resolved, ring
  // points stitched), what a step's budget counts.
  const Json::array_t* countries_ = nullptr;
  std::size_t next_read_ = 0, build_country_ = 0, build_polygon_ = 0;
  std::size_t work_ = 0;
};

void GeometryParser::read_sections(const Json& root) {
  if (!r_.expect_object(root, "")) return;
  r_.check_fields(root, "", {"format", "attribution", "projection", "transform", "frame",
                             "extent", "arcs", "borders", "countries"});
  const Json* format = r_.required(root, "", "format", "\"" + std::string(kFormat) + "\"");
  if (!format) return;
  const std::string* f = json::as_string(*format);
  encoded_arcs_ = f && *f == kFormat;
  if (!f || (*f != kFormat && *f != kFormatArrays)) {
    r_.report_value(ErrorCode::map_unsupported_format, "/format", "\"" + std::string(kFormat) + "\"",
                    json::describe(*format));
    return;  // another format: nothing else can be read with confidence
  }
  if (const Json* a = r_.required(root, "", "attribution", "the data's credit line"))
    r_.read_plain(*a, "/attribution", g_.attribution);
  if (const Json* v = r_.required(root, "", "projection", "an object"))
    read_projection(*v, "/projection");
  if (const Json* v = r_.required(root, "", "transform", "an object"))
    read_transform(*v, "/transform");
  QBox frame, extent;
  const Json* fv = r_.required(root, "", "frame", "[x0, y0, x1, y1]");
  const Json* ev = r_.required(root, "", "extent", "[x0, y0, x1, y1]");
  const bool frame_ok = fv && read_box(*fv, "/frame", frame);
  const bool extent_ok = ev && read_box(*ev, "/extent", extent);
  if (frame_ok && extent_ok &&
      !(extent.x0 <= frame.x0 && extent.y0 <= frame.y0 && extent.x1 >= frame.x1 &&
        extent.y1 >= frame.y1))
    r_.report_value(ErrorCode::map_bad_box, "/extent", "a rectangle that contains the frame",
                    "a rectangle that leaves part of the frame out");
  if (transform_ok_) {
    if (frame_ok) g_.frame = to_map(frame);
    if (extent_ok) g_.extent = to_map(extent);
  }
  if (const Json* v = r_.required(root, "", "arcs", "an array of arcs")) read_arcs(*v, "/arcs");
  if (const Json* v = r_.required(root, "", "borders", "an object")) read_borders(*v, "/borders");
  if (const Json* v = r_.required(root, "", "countries", "an array"))
    countries_ = r_.read_array(*v, "/countries", /*allow_empty=*/true, lim_.max_countries);
}

bool GeometryParser::read_countries(std::size_t budget) {
  const std::size_t start = work_;
  while (countries_ && next_read_ < countries_->size() && !r_.saturated()) {
    if (work_ - start >= budget) return true;
    read_country((*countries_)[next_read_], child("/countries", next_read_));
    ++next_read_;
    ++work_;  // a country costs something even with nothing to stitch
  }
  return false;
}

// The triangulation is the costly part: it runs only once everything is valid.
bool GeometryParser::build_polygons(std::size_t budget) {
  std::size_t work = 0;
  while (build_country_ < g_.countries.size()) {
    std::vector<RawPolygon>& polygons = pending_[build_country_];
    MapCountry& country = g_.countries[build_country_];
    if (build_polygon_ == polygons.size()) {
      finish_country(country);
      polygons = {};  // the raw rings are no longer needed
      ++build_country_;
      build_polygon_ = 0;
      continue;
    }
    if (work >= budget) return true;
    work += finish_polygon(polygons[build_polygon_++], country);
  }
  return false;
}

void GeometryParser::finish_country(MapCountry& country) {
  bool first = true;
  for (const MapPolygon& poly : country.polygons) {
    if (first) country.box = poly.box;
    country.box = {std::min(country.box.x0, poly.box.x0), std::min(country.box.y0, poly.box.y0),
                   std::max(country.box.x1, poly.box.x1), std::max(country.box.y1, poly.box.y1)};
    country.area += poly.area;
    first = false;
  }
}

void GeometryParser::read_projection(const Json& v, const std::string& p) {
  if (!r_.expect_object(v, p)) return;
  r_.check_fields(v, p, {"type", "parallels", "rotate"});
  const Json* type = r_.required(v, p, "type", "\"conic-conformal\"");
  const Json* parallels = r_.required(v, p, "parallels", "[φ1, φ2] in degrees");
  const Json* rotate = r_.required(v, p, "rotate", "[λ, 0] in degrees");
  if (!type || !parallels || !rotate) return;
  const std::string* t = json::as_string(*type);
  if (!t || *t != "conic-conformal") {
    r_.report_value(ErrorCode::map_bad_projection, child(p, "type"), "\"conic-conformal\"",
                    json::describe(*type));
    return;
  }
  auto numbers = [&](const Json& a, const std::string& ap, std::size_t min, std::size_t max,
                     double* out) {
    const auto* arr = json::as_array(a);
    if (!arr || arr->size() < min || arr->size() > max) {
      r_.report_value(ErrorCode::map_bad_projection, ap,
                      "an array of " + std::to_string(min) +
                          (min == max ? "" : " or " + std::to_string(max)) + " numbers",
                      arr ? std::to_string(arr->size()) + " items" : json::describe(a));
      return false;
    }
    for (std::size_t i = 0; i < arr->size(); ++i)
      if (!json::as_number((*arr)[i], out[i])) {
        r_.report_value(ErrorCode::map_bad_projection, child(ap, i), "a finite number",
                        json::describe((*arr)[i]));
        return false;
      }
    return true;
  };
  double par[2] = {0, 0}, rot[3] = {0, 0, 0};
  if (!numbers(*parallels, child(p, "parallels"), 2, 2, par)) return;
  if (!numbers(*rotate, child(p, "rotate"), 2, 3, rot)) return;
  if (rot[1] != 0 || rot[2] != 0) {
    r_.report_value(ErrorCode::map_bad_projection, child(p, "rotate"),
                    "a rotation about the pole only ([λ, 0])", "a tilted rotation");
    return;
  }
  g_.projection = MapProjection::conic_conformal(par[0], par[1], rot[0]);
  if (!g_.projection.valid())
    r_.report_value(ErrorCode::map_bad_projection, child(p, "parallels"),
                    "two latitudes strictly between −90 and 90, not symmetric about the equator",
                    "[" + std::to_string(par[0]) + ", " + std::to_string(par[1]) + "]");
}

void GeometryParser::read_transform(const Json& v, const std::string& p) {
  if (!r_.expect_object(v, p)) return;
  r_.check_fields(v, p, {"scale", "translate"});
  const Json* scale = r_.required(v, p, "scale", "[sx, sy]");
  const Json* translate = r_.required(v, p, "translate", "[tx, ty]");
  if (!scale || !translate) return;
  auto pair = [&](const Json& a, const std::string& ap, bool non_zero, double& x, double& y) {
    const auto* arr = json::as_array(a);
    if (!arr || arr->size() != 2) {
      r_.report_value(ErrorCode::map_bad_transform, ap, "an array of two numbers",
                      arr ? std::to_string(arr->size()) + " items" : json::describe(a));
      return false;
    }
    double xy[2];
    for (std::size_t i = 0; i < 2; ++i)
      if (!json::as_number((*arr)[i], xy[i]) || (non_zero && xy[i] == 0)) {
        r_.report_value(ErrorCode::map_bad_transform, child(ap, i),
                        non_zero ? "a finite number other than 0" : "a finite number",
                        json::describe((*arr)[i]));
        return false;
      }
    x = xy[0], y = xy[1];
    return true;
  };
  const bool s = pair(*scale, child(p, "scale"), true, sx_, sy_);
  const bool t = pair(*translate, child(p, "translate"), false, tx_, ty_);
  transform_ok_ = s && t;
  // Every coordinate the format allows (±kMaxCoordinate) must land on a finite float: a scale
  // of 1e36 or a translate of 1e300 used to be accepted and gave infinite map units to the
  // camera and the triangulator (found with fuzz_map_geometry's finite-coordinates property).
  if (transform_ok_) {
    const double reach_x = std::fabs(sx_) * static_cast<double>(kMaxCoordinate) + std::fabs(tx_);
    const double reach_y = std::fabs(sy_) * static_cast<double>(kMaxCoordinate) + std::fabs(ty_);
    const double limit = std::numeric_limits<float>::max();
    if (!(reach_x <= limit && reach_y <= limit)) {
      char reach[32];
      std::snprintf(reach, sizeof reach, "%.3g", std::max(reach_x, reach_y));
      r_.report_value(ErrorCode::map_bad_transform, p,
                      "a scale and translate that keep coordinates up to ±" +
                          std::to_string(kMaxCoordinate) + " within float range (±3.4e38)",
                      std::string("map units up to ") + reach);
      transform_ok_ = false;
    }
  }
}

bool GeometryParser::read_box(const Json& v, const std::string& p, QBox& out) {
  const auto* arr = json::as_array(v);
  if (!arr || arr->size() != 4) {
    r_.report_value(ErrorCode::map_bad_box, p, "[x0, y0, x1, y1] (four integers)",
                    arr ? std::to_string(arr->size()) + " items" : json::describe(v));
    return false;
  }
  std::int64_t q[4];
  for (std::size_t i = 0; i < 4; ++i)
    if (!json::as_integer((*arr)[i], q[i]) || q[i] < -kMaxCoordinate ||
        q[i] > kMaxCoordinate) {
      r_.report_value(ErrorCode::map_bad_box, child(p, i), "an integer (quantized coordinate)",
                      json::describe((*arr)[i]));
      return false;
    }
  if (!(q[0] < q[2] && q[1] < q[3])) {
    r_.report_value(ErrorCode::map_bad_box, p, "x0 < x1 and y0 < y1",
                    "[" + std::to_string(q[0]) + ", " + std::to_string(q[1]) + ", " +
                        std::to_string(q[2]) + ", " + std::to_string(q[3]) + "]");
    return false;
  }
  out = {q[0], q[1], q[2], q[3]};
  return true;
}

MapBox GeometryParser::to_map(const QBox& b) const {
  const MapPoint a = to_map(QPoint{b.x0, b.y0}), c = to_map(QPoint{b.x1, b.y1});
  return {std::min(a.x, c.x), std::min(a.y, c.y), std::max(a.x, c.x), std::max(a.y, c.y)};
}

// One arc of format /2, decoded into values (x, y, dx, dy, …): the encoded polyline
// algorithm (Google's, here on the quantized integers).  Each value is zigzag-encoded (0, -1,
// 1, -2, … as 0, 1, 2, 3, …), cut into 5-bit groups from the lowest, and each group written as
// the character '?' + group, plus 0x20 on every group of the value but its last: characters
// '?' (63) to '~' (126) only, about half the bytes of the numbers in JSON once compressed
// smaller by 11 %, and one JSON string per arc instead of a value per number (the parse was
// the longest task of the map's load, issue 16).  Empty string on success, else what is wrong.
std::string decode_polyline(std::string_view s, std::vector<std::int64_t>& out) {
  out.clear();
  std::uint64_t value = 0;
  int groups = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 63 || c > 126)
      return "character " + std::to_string(i) + " is not one of '?' to '~' (byte " + std::to_string(c) + ")";
    if (++groups > 7) return "a number of more than 7 characters, at character " + std::to_string(i);
    const std::uint64_t g = c - 63;
    value |= (g & 0x1f) << (5 * (groups - 1));
    if (g & 0x20) continue;
    out.push_back((value & 1) ? -static_cast<std::int64_t>(value >> 1) - 1 : static_cast<std::int64_t>(value >> 1));
    value = 0;
    groups = 0;
  }
  if (groups) return "the last number is cut off";
  return {};
}

void GeometryParser::read_arcs(const Json& v, const std::string& p) {
  const auto* arcs = r_.read_array(v, p, /*allow_empty=*/true, lim_.max_arcs);
  if (!arcs) return;
  arcs_read_ = true;
  if (encoded_arcs_) {
    read_encoded_arcs(*arcs, p);
    return;
  }
  const std::size_t errors_before = r_.error_count();
  std::size_t total = 0;
  arcs_.resize(arcs->size());
  for (std::size_t a = 0; a < arcs->size(); ++a) {
    const std::string ap = child(p, a);
    const auto* values = json::as_array((*arcs)[a]);
    if (!values || values->size() < 4 || values->size() % 2 != 0) {
      r_.report_value(ErrorCode::map_bad_arc, ap,
                      "[x, y, dx, dy, …]: an even number of integers, at least four",
                      values ? std::to_string(values->size()) + " items"
                       : json::describe((*arcs)[a]));
      continue;
    }
    total += values->size() / 2;
    if (total > lim_.max_points) {
      r_.report_value(ErrorCode::map_too_complex, ap,
                      "at most " + std::to_string(lim_.max_points) + " points in all arcs",
                      "more by arc " + std::to_string(a));
      return;
    }
    std::vector<QPoint>& out = arcs_[a];
    out.reserve(values->size() / 2);
    QPoint q;
    for (std::size_t i = 0; i < values->size(); i += 2) {
      std::int64_t d[2];
      bool ok = true;
      for (std::size_t k = 0; k < 2 && ok; ++k) {
        ok = json::as_integer((*values)[i + k], d[k]) && d[k] >= -kMaxCoordinate &&
             d[k] <= kMaxCoordinate;
        if (!ok)
          r_.report_value(ErrorCode::map_bad_arc, child(ap, i + k),
                          "an integer between " + std::to_string(-kMaxCoordinate) + " and " +
                              std::to_string(kMaxCoordinate),
                          json::describe((*values)[i + k]));
      }
      if (!ok) break;
      q.x += d[0];
      q.y += d[1];
      if (q.x < -kMaxCoordinate || q.x > kMaxCoordinate || q.y < -kMaxCoordinate ||
          q.y > kMaxCoordinate) {
        r_.report_value(ErrorCode::map_bad_arc, child(ap, i),
                        "deltas that keep the point within ±" + std::to_string(kMaxCoordinate),
                        "a point at (" + std::to_string(q.x) + ", " + std::to_string(q.y) + ")");
        break;
      }
      out.push_back(q);
    }
  }
  arcs_ok_ = r_.error_count() == errors_before;
}

// Format /2's arcs (see decode_polyline), held to the same rules as /1's: an even number of
// values, at least four, within the points' limit, and every delta and point within
// ±kMaxCoordinate.
void GeometryParser::read_encoded_arcs(const Json::array_t& arcs, const std::string& p) {
  const std::size_t errors_before = r_.error_count();
  const std::string range = "within ±" + std::to_string(kMaxCoordinate);
  std::size_t total = 0;
  std::vector<std::int64_t> values;
  arcs_.resize(arcs.size());
  for (std::size_t a = 0; a < arcs.size(); ++a) {
    const std::string* text = json::as_string(arcs[a]);
    const std::string problem = text ? decode_polyline(*text, values) : "not a string";
    if (!problem.empty() || values.size() < 4 || values.size() % 2 != 0) {
      r_.report_value(ErrorCode::map_bad_arc, child(p, a),
                      "an encoded polyline of x, y, dx, dy, …: an even number of integers, at least four",
                      !problem.empty() ? (text ? problem : json::describe(arcs[a]))
                                       : std::to_string(values.size()) + " integers");
      continue;
    }
    total += values.size() / 2;
    if (total > lim_.max_points) {
      r_.report_value(ErrorCode::map_too_complex, child(p, a),
                      "at most " + std::to_string(lim_.max_points) + " points in all arcs",
                      "more by arc " + std::to_string(a));
      return;
    }
    std::vector<QPoint>& out = arcs_[a];
    out.reserve(values.size() / 2);
    QPoint q;
    for (std::size_t i = 0; i < values.size(); i += 2) {
      q.x += values[i];  // each value is within ±2^34 (7 groups): no overflow
      q.y += values[i + 1];
      if (std::max({std::abs(values[i]), std::abs(values[i + 1]), std::abs(q.x), std::abs(q.y)}) >
          kMaxCoordinate) {
        r_.report_value(ErrorCode::map_bad_arc, child(p, a), "values and points " + range,
                        "point " + std::to_string(i / 2) + " at (" + std::to_string(q.x) + ", " +
                            std::to_string(q.y) + ")");
        break;
      }
      out.push_back(q);
    }
  }
  arcs_ok_ = r_.error_count() == errors_before;
}

std::int64_t GeometryParser::resolve(const Json& v, const std::string& p, bool& reversed) {
  std::int64_t ref = 0;
  if (!json::as_integer(v, ref)) {
    r_.report_value(ErrorCode::wrong_type, p, "an arc reference (an integer)", json::describe(v));
    return -1;
  }
  reversed = ref < 0;
  const std::int64_t index = reversed ? ~ref : ref;
  if (!arcs_read_) return -1;  // already reported at /arcs; one message, not one per reference
  if (index >= static_cast<std::int64_t>(arcs_.size())) {
    const std::string n = std::to_string(arcs_.size());
    r_.report_value(ErrorCode::map_bad_arc_ref, p,
                    arcs_.empty() ? std::string("no reference: there are no arcs")
                            : "an arc index from 0 to " + std::to_string(arcs_.size() - 1) +
                                  ", or from −1 to −" + n + " for a reversed arc",
                    std::to_string(ref));
    return -1;
  }
  return index;
}

void GeometryParser::read_borders(const Json& v, const std::string& p) {
  if (!r_.expect_object(v, p)) return;
  r_.check_fields(v, p, {"coast", "land", "disputed"});
  std::size_t total = 0;
  const std::pair<std::string_view, BorderKind> kinds[] = {
      {"coast", BorderKind::coast}, {"land", BorderKind::land}, {"disputed", BorderKind::disputed}};
  for (const auto& [name, kind] : kinds) {
    const Json* list = json::member(v, name);
    if (!list) continue;
    const std::string lp = child(p, name);
    const auto* refs = r_.read_array(*list, lp, /*allow_empty=*/true, lim_.max_border_arcs);
    if (!refs) continue;
    total += refs->size();
    if (total > lim_.max_border_arcs) {
      r_.report_value(ErrorCode::too_many_items, lp,
                      "at most " + std::to_string(lim_.max_border_arcs) + " border arcs in all",
                      std::to_string(total) + " so far");
      return;
    }
    for (std::size_t i = 0; i < refs->size(); ++i) {
      bool reversed = false;
      const std::int64_t a = resolve((*refs)[i], child(lp, i), reversed);
      if (a < 0 || !arcs_ok_) continue;
      MapBorder b;
      b.kind = kind;
      b.arc = static_cast<int>(a);
      const std::vector<QPoint>& arc = arcs_[static_cast<std::size_t>(a)];
      b.points.reserve(arc.size());
      for (const QPoint& q : arc) b.points.push_back(to_map(q));
      if (reversed) std::reverse(b.points.begin(), b.points.end());
      b.box = {b.points[0].x, b.points[0].y, b.points[0].x, b.points[0].y};
      for (const MapPoint& m : b.points)
        b.box = {std::min(b.box.x0, m.x), std::min(b.box.y0, m.y), std::max(b.box.x1, m.x),
                 std::max(b.box.y1, m.y)};
      g_.borders.push_back(std::move(b));
    }
  }
}

void GeometryParser::read_country(const Json& v, const std::string& p) {
  if (!r_.expect_object(v, p)) return;
  r_.check_fields(v, p, {"id", "names", "polygons"});
  MapCountry country;
  if (const Json* id = r_.required(v, p, "id", "an ISO 3166-1 alpha-2 code"))
    read_country_id(*id, child(p, "id"), country);
  if (const Json* names = r_.required(v, p, "names", "{\"fr\": …, \"en\": …}"))
    read_names(*names, child(p, "names"), country);
  std::vector<RawPolygon> polygons;
  if (const Json* pv = r_.required(v, p, "polygons", "an array of polygons")) {
    if (!read_polygons(*pv, child(p, "polygons"), polygons)) return;
  }
  g_.countries.push_back(std::move(country));
  pending_.push_back(std::move(polygons));
}

void GeometryParser::read_country_id(const Json& id, const std::string& p, MapCountry& country) {
  const std::string* s = json::as_string(id);
  const bool iso = s && s->size() == 2 && std::all_of(s->begin(), s->end(), [](char ch) {
                     return ch >= 'A' && ch <= 'Z';
                   });
  if (!iso) {
    r_.report_value(s ? ErrorCode::bad_value : ErrorCode::wrong_type, p,
                    "two capital letters (ISO 3166-1 alpha-2)", json::describe(id));
  } else if (g_.find(*s) >= 0) {
    r_.report_value(ErrorCode::duplicate_id, p, "an id used once",
                    json::describe(id) + ", already used by another country");
  } else {
    country.id = *s;
  }
}

void GeometryParser::read_names(const Json& names, const std::string& p, MapCountry& country) {
  const auto* o = r_.expect_object(names, p);
  if (!o) return;
  if (o->empty()) r_.report_value(ErrorCode::empty_value, p, "at least one name", "an empty object");
  for (const auto& [lang, name] : *o) {
    const std::string lp = child(p, lang);
    if (!is_language_key(lang)) {
      r_.report_value(ErrorCode::bad_value, lp, "a language tag (\"fr\", \"en\")",
                      quote_for_message(lang));
      continue;
    }
    std::string text;
    if (r_.read_plain(name, lp, text)) country.names.emplace_back(lang, std::move(text));
  }
}

bool GeometryParser::read_polygons(const Json& v, const std::string& p,
                                   std::vector<RawPolygon>& polygons) {
  const auto* list = r_.read_array(v, p, /*allow_empty=*/false, lim_.max_polygons);
  if (!list) return true;
  polygons_ += list->size();
  if (polygons_ > lim_.max_polygons) {
    r_.report_value(ErrorCode::too_many_items, p,
                    "at most " + std::to_string(lim_.max_polygons) + " polygons in all countries",
                    std::to_string(polygons_) + " so far");
    return false;
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string polyp = child(p, i);
    const auto* rings =
        r_.read_array((*list)[i], polyp, /*allow_empty=*/false, lim_.max_polygon_points);
    if (!rings) continue;
    RawPolygon polygon;
    std::size_t polygon_points = 0;
    for (std::size_t k = 0; k < rings->size(); ++k) {
      std::vector<QPoint> ring;
      if (!stitch_ring((*rings)[k], child(polyp, k), ring, polygon_points)) break;
      polygon.push_back(std::move(ring));
    }
    if (polygon.size() == rings->size()) polygons.push_back(std::move(polygon));
  }
  return true;
}

bool GeometryParser::stitch_ring(const Json& v, const std::string& p, std::vector<QPoint>& ring,
                                 std::size_t& polygon_points) {
  const auto* refs = r_.read_array(v, p, /*allow_empty=*/false, lim_.max_ring_points);
  if (!refs) return false;
  bool ok = true;
  for (std::size_t i = 0; i < refs->size(); ++i) {
    bool reversed = false;
    const std::string rp = child(p, i);
    const std::int64_t a = resolve((*refs)[i], rp, reversed);
    ++work_;
    if (a < 0) {
      ok = false;
      continue;
    }
    if (!arcs_ok_ || !ok) continue;  // still check the other references
    const std::vector<QPoint>& arc = arcs_[static_cast<std::size_t>(a)];
    work_ += arc.size();
    ring_points_ += arc.size();
    polygon_points += arc.size();
    if (ring_points_ > lim_.max_ring_points || polygon_points > lim_.max_polygon_points) {
      const bool all = ring_points_ > lim_.max_ring_points;
      r_.report_value(ErrorCode::map_too_complex, rp,
                      "at most " + std::to_string(all ? lim_.max_ring_points : lim_.max_polygon_points) +
                          (all ? " points in all rings" : " points in one polygon"),
                      "more once this arc is added");
      return false;
    }
    const QPoint first = reversed ? arc.back() : arc.front();
    if (!ring.empty() && !(ring.back() == first)) {
      r_.report_value(ErrorCode::map_arcs_not_joined, rp,
                      "an arc that starts where the previous one ends (" + std::to_string(ring.back().x) +
                          ", " + std::to_string(ring.back().y) + ")",
                      "an arc starting at (" + std::to_string(first.x) + ", " +
                          std::to_string(first.y) + ")");
      ok = false;
      continue;
    }
    const std::size_t skip = ring.empty() ? 0 : 1;
    if (reversed) {
      for (std::size_t k = arc.size() - skip; k-- > 0;) ring.push_back(arc[k]);
    } else {
      ring.insert(ring.end(), arc.begin() + static_cast<std::ptrdiff_t>(skip), arc.end());
    }
  }
  if (!ok) return false;
  if (arcs_ok_ && !(ring.front() == ring.back())) {
    r_.report_value(ErrorCode::map_ring_not_closed, p,
                    "a ring that ends where it starts (" + std::to_string(ring.front().x) + ", " +
                        std::to_string(ring.front().y) + ")",
                    "a ring ending at (" + std::to_string(ring.back().x) + ", " +
                        std::to_string(ring.back().y) + ")");
    return false;
  }
  return true;
}

// Converts to map units, drops repeated points and zero-area rings, orients (outer positive,
// holes negative), triangulates.
std::size_t GeometryParser::finish_polygon(std::vector<std::vector<QPoint>>& rings,
                                           MapCountry& country) {
  std::size_t work = 1;
  for (const auto& ring : rings) work += ring.size();
  MapPolygon poly;
  std::vector<TriPoint> tri_points;
  std::vector<std::uint32_t> sizes;
  for (std::size_t r = 0; r < rings.size(); ++r) {
    std::vector<MapPoint> ring;
    ring.reserve(rings[r].size());
    for (const QPoint& q : rings[r]) {
      const MapPoint m = to_map(q);
      if (!ring.empty() && ring.back().x == m.x && ring.back().y == m.y) continue;
      ring.push_back(m);
    }
    while (ring.size() > 1 && ring.front().x == ring.back().x && ring.front().y == ring.back().y)
      ring.pop_back();
    std::vector<TriPoint> t(ring.size());
    for (std::size_t i = 0; i < ring.size(); ++i) t[i] = {ring[i].x, ring[i].y};
    const double area = signed_area(t);
    if (ring.size() < 3 || area == 0) {
      if (r == 0) {  // no outer ring: the holes mean nothing
        g_.skipped_rings += static_cast<int>(rings.size());
        return work;
      }
      ++g_.skipped_rings;
      continue;
    }
    if ((area > 0) != (r == 0)) {
      std::reverse(ring.begin(), ring.end());
      std::reverse(t.begin(), t.end());
    }
    poly.area += r == 0 ? std::fabs(area) : -std::fabs(area);
    sizes.push_back(static_cast<std::uint32_t>(ring.size()));
    tri_points.insert(tri_points.end(), t.begin(), t.end());
    poly.vertices.insert(poly.vertices.end(), ring.begin(), ring.end());
    poly.rings.push_back(std::move(ring));
  }
  TriangulateStats stats;
  poly.triangles = triangulate(tri_points, sizes, &stats);
  g_.fallback_cuts += stats.fallback_cuts;
  poly.box = {poly.vertices[0].x, poly.vertices[0].y, poly.vertices[0].x, poly.vertices[0].y};
  for (const MapPoint& m : poly.rings[0])
    poly.box = {std::min(poly.box.x0, m.x), std::min(poly.box.y0, m.y), std::max(poly.box.x1, m.x),
                std::max(poly.box.y1, m.y)};
  country.polygons.push_back(std::move(poly));
  return work;
}

// Even-odd crossing test of one ring (a horizontal ray to +x).
bool crosses_odd(const std::vector<MapPoint>& ring, MapPoint p) {
  bool inside = false;
  const double px = p.x, py = p.y;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const double xi = ring[i].x, yi = ring[i].y, xj = ring[j].x, yj = ring[j].y;
    if ((yi > py) != (yj > py) && px < (xj - xi) * (py - yi) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

}  // namespace

bool MapPolygon::contains(MapPoint p) const {
  if (rings.empty() || !box.contains(p)) return false;
  bool inside = false;
  for (const auto& ring : rings)
    if (!ring.empty() && crosses_odd(ring, p)) inside = !inside;
  return inside;
}

const std::string& MapCountry::name(std::string_view lang) const {
  for (const auto& [l, n] : names)
    if (l == lang) return n;
  for (const auto& [l, n] : names)
    if (l == "en") return n;
  return names.empty() ? id : names.front().second;
}

bool MapCountry::contains(MapPoint p) const {
  if (!box.contains(p)) return false;
  return std::any_of(polygons.begin(), polygons.end(),
                     [&](const MapPolygon& poly) { return poly.contains(p); });
}

int MapGeometry::find(std::string_view iso) const {
  for (std::size_t i = 0; i < countries.size(); ++i)
    if (countries[i].id == iso) return static_cast<int>(i);
  return -1;
}

int MapGeometry::country_at(MapPoint p) const {
  int best = -1;
  for (std::size_t i = 0; i < countries.size(); ++i) {
    const MapCountry& c = countries[i];
    if (best >= 0 && c.area >= countries[static_cast<std::size_t>(best)].area) continue;
    if (c.contains(p)) best = static_cast<int>(i);
  }
  return best;
}

MapPoint MapGeometry::project(double lon_deg, double lat_deg) const {
  const MapXY xy = projection.project(lon_deg, lat_deg);
  return {static_cast<float>(xy.x), static_cast<float>(xy.y)};
}

// --- the loader ----------------------------------------------------------------------------

// A point stitched costs about a quarter of a point converted and triangulated (the real
// map at CPU 4x in Chromium's baseline code: ~2.5 ms per 1,000 points read, each reference
// with its JSON pointer, ~10 ms per 1,000 built; natively reading is cheaper still), so a
// step reads four times as many: the step bound is in points built.
constexpr std::size_t kReadWorkPerBuildWork = 4;

enum class LoadPhase { parse, sections, countries, build, done };

struct MapGeometryLoader::State {
  State(std::string_view b, std::string_view f, const MapGeometryLimits& l, std::size_t w)
      : bytes(b), file(f), limits(l), step_work(w > 0 ? w : 1) {
    json_limits.max_bytes = limits.max_bytes;
    json_limits.max_depth = 16;  // the format nests 7 levels deep
    json_limits.max_string_bytes = kMaxTextBytes;
    json_limits.max_items = SIZE_MAX;  // each list has its own limit, given where it is read
    json_limits.max_located_bytes = kMaxLocatedBytes;
  }
  ~State() { json::release(root); }  // an abandoned load: without the recursive destructor

  void parse();
  void read_sections();
  void read_countries();
  void build();

  std::string_view bytes;
  std::string file;
  MapGeometryLimits limits;
  std::size_t step_work;
  json::Limits json_limits;
  MapGeometryResult result;
  Json root;
  // Made once the JSON parsed; they refer to the members above, which never move (State
  // lives behind a unique_ptr).
  std::optional<FieldReader> reader;
  std::optional<GeometryParser> parser;
  LoadPhase phase = LoadPhase::parse;
};

void MapGeometryLoader::State::parse() {
  if (!json::load(bytes, file, json_limits, root, result.errors)) {
    phase = LoadPhase::done;
    return;
  }
  reader.emplace(bytes, file, json_limits, result.errors);
  parser.emplace(*reader, limits);
  phase = LoadPhase::sections;
}

// A step of its own: decoding the arcs is as long as the JSON parse.
void MapGeometryLoader::State::read_sections() {
  parser->read_sections(root);
  phase = LoadPhase::countries;
}

void MapGeometryLoader::State::read_countries() {
  const std::size_t budget = step_work > SIZE_MAX / kReadWorkPerBuildWork
                                 ? SIZE_MAX : step_work * kReadWorkPerBuildWork;
  if (parser->read_countries(budget)) return;
  json::release(root);  // without nlohmann's temporary copy of wide containers
  phase = result.errors.empty() ? LoadPhase::build : LoadPhase::done;
}

void MapGeometryLoader::State::build() {
  if (parser->build_polygons(step_work)) return;
  result.geometry = std::move(parser->geometry());
  phase = LoadPhase::done;
}

MapGeometryLoader::MapGeometryLoader(std::string_view bytes, std::string_view file_name,
                                     const MapGeometryLimits& limits, std::size_t step_work)
    : s_(std::make_unique<State>(bytes, file_name, limits, step_work)) {}

MapGeometryLoader::~MapGeometryLoader() = default;

bool MapGeometryLoader::step() {
  switch (s_->phase) {
    case LoadPhase::parse: s_->parse(); break;
    case LoadPhase::sections: s_->read_sections(); break;
    case LoadPhase::countries: s_->read_countries(); break;
    case LoadPhase::build: s_->build(); break;
    case LoadPhase::done: return false;
  }
  ++steps_;
  return !done();
}

bool MapGeometryLoader::done() const { return s_->phase == LoadPhase::done; }

const MapGeometryResult& MapGeometryLoader::result() const { return s_->result; }

MapGeometryResult MapGeometryLoader::take_result() { return std::move(s_->result); }

MapGeometryResult parse_map_geometry(std::string_view bytes, std::string_view file_name,
                                     const MapGeometryLimits& limits) {
  MapGeometryLoader loader(bytes, file_name, limits, SIZE_MAX);
  while (loader.step()) {
  }
  return loader.take_result();
}

}  // namespace passerelle
