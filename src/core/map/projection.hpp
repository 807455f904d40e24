// map/projection.hpp — the map's projection: Lambert conformal conic, exactly as d3-geo draws it.
//
// The map geometry file (passerelle-map-geometry/2) stores coordinates already projected by
// d3-geo's geoConicConformal().parallels([p1, p2]).rotate([r, 0]).scale(1).translate([0, 0]).
// To place anything else on that map (a city, a label anchor, the point under the pointer in
// lon/lat) the core must project the same way, to the last bit where the operations allow:
// this file repeats d3's raw formula and its order of floating-point operations.
//
//   tany(φ) = tan((π/2 + φ) / 2)
//   n = ln(cos φ1 / cos φ2) / ln(tany φ2 / tany φ1)        (n = sin φ1 when φ1 == φ2)
//   f = cos φ1 · tany(φ1)^n / n
//   raw(λ, φ): φ kept 1e-6 away from the pole opposite the apex; r = f / tany(φ)^n;
//              x = r · sin(nλ), y = f − r · cos(nλ)
//   output = (x, −y)   — scale 1, translate 0, no centre: y grows DOWN, as d3 outputs.
//
// λ is longitude + rotate, wrapped once into [−π, π] (d3's rotationLambda).  With the map's
// parameters ([13, 47], rotate −10) lon 10°E / lat 0 lands on (0, 0) and the apex (the pole's
// image, where all meridians meet) is (0, −f).
//
// Depends on: the standard library only.
#pragma once

namespace passerelle {

struct MapXY {
  double x = 0, y = 0;   // map units (scale 1), y down
};

struct LonLat {
  double lon = 0, lat = 0;  // degrees
};

class MapProjection {
 public:
  // A conic conformal projection; check valid() (parallels strictly inside (−90, 90), finite,
  // and not symmetric about the equator, where d3 falls back to Mercator and n would be 0).
  static MapProjection conic_conformal(double parallel1_deg, double parallel2_deg,
                                       double rotate_lambda_deg) {
    return MapProjection(parallel1_deg, parallel2_deg, rotate_lambda_deg);
  }
  MapProjection() : MapProjection(13, 47, -10) {}  // the map's own: parallels [13, 47], rotate −10

  bool valid() const { return valid_; }

  MapXY project(double lon_deg, double lat_deg) const;
  // The closed-form inverse (d3's conicConformalRaw.invert, then the rotation undone).
  LonLat invert(double x, double y) const;

  // Linear scale factor at a latitude (1 on both standard parallels): n · r / cos φ.
  double scale_factor(double lat_deg) const;

  double parallel1() const { return p1_deg_; }
  double parallel2() const { return p2_deg_; }
  double rotate_lambda() const { return rotate_deg_; }
  double cone_constant() const { return n_; }  // n
  double f() const { return f_; }
  MapXY apex() const { return {0.0, -f_}; }   // where the meridians meet

 private:
  MapProjection(double parallel1_deg, double parallel2_deg, double rotate_lambda_deg);

  double p1_deg_ = 0, p2_deg_ = 0, rotate_deg_ = 0;
  double delta_lambda_ = 0;  // rotate in radians, d3's (r % 360) · π/180
  double n_ = 0, f_ = 0;
  double dx_ = 0, dy_ = 0;   // d3's recentring offset: minus the image of (0, 0), ~1e-17
  bool valid_ = false;
};

}  // namespace passerelle
