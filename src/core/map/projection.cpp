// map/projection.cpp — d3-geo's conic conformal, operation for operation (see the header).
//
// Each step mirrors a d3 function so that results agree with what tools/map computed in
// Node to the last bit wherever both libms round alike (V8 uses fdlibm ports; glibc's pow,
// tan… are correctly rounded in almost all cases, so the odd last-ulp difference remains).
//
// Depends on: map/projection.hpp, the standard library.
#include "core/map/projection.hpp"

#include <cmath>

namespace passerelle {
namespace {

constexpr double kPi = 3.141592653589793;       // Math.PI
constexpr double kHalfPi = kPi / 2;
constexpr double kTau = kPi * 2;
constexpr double kRadians = kPi / 180;           // d3's radians
constexpr double kDegrees = 180 / kPi;           // d3's degrees
constexpr double kEpsilon = 1e-6;                // d3's epsilon

double tany(double y) { return std::tan((kHalfPi + y) / 2); }

double sign(double x) { return x > 0 ? 1 : x < 0 ? -1 : 0; }

double js_round(double x) { return std::floor(x + 0.5); }  // Math.round: halves go up

// d3's forwardRotationLambda (and rotationIdentity when delta is 0).
double rotate_by(double lambda, double delta) {
  lambda += delta;
  if (std::fabs(lambda) > kPi) lambda -= js_round(lambda / kTau) * kTau;
  return lambda;
}

}  // namespace

MapProjection::MapProjection(double p1, double p2, double rotate)
    : p1_deg_(p1), p2_deg_(p2), rotate_deg_(rotate) {
  const bool finite = std::isfinite(p1) && std::isfinite(p2) && std::isfinite(rotate);
  if (!finite || !(std::fabs(p1) < 90) || !(std::fabs(p2) < 90)) return;
  // conicProjection: phi0 = _[0] * radians …; rotate: deltaLambda = _[0] % 360 * radians,
  // then rotateRadians reduces it modulo tau.
  const double y0 = p1 * kRadians, y1 = p2 * kRadians;
  delta_lambda_ = std::fmod(std::fmod(rotate, 360.0) * kRadians, kTau);
  // conicConformalRaw
  const double cy0 = std::cos(y0);
  n_ = y0 == y1 ? std::sin(y0) : std::log(cy0 / std::cos(y1)) / std::log(tany(y1) / tany(y0));
  f_ = cy0 * std::pow(tany(y0), n_) / n_;
  // d3 switches to Mercator when n is 0 (parallels symmetric about the equator); we do not.
  if (!std::isfinite(n_) || !std::isfinite(f_) || std::fabs(n_) < 1e-9) return;
  valid_ = true;
  // recenter() with centre [0, 0], scale 1, translate [0, 0]: the image of the raw origin is
  // subtracted.  tan(π/4) is 0.9999999999999999, so this is a few 1e-17, not 0: kept to match.
  // raw(0, 0), then scaleTranslate(1, 0, 0): centre = (0 + x, 0 - y); dx = 0 - centre.
  const double r = f_ / std::pow(tany(0.0), n_);
  const double rx = r * std::sin(n_ * 0.0), ry = f_ - r * std::cos(n_ * 0.0);
  dx_ = 0.0 - (0.0 + 1.0 * rx);
  dy_ = 0.0 - (0.0 - 1.0 * ry);
}

MapXY MapProjection::project(double lon_deg, double lat_deg) const {
  if (!valid_) return {};
  // projection(point) = projectRotateTransform(point[0] * radians, point[1] * radians)
  const double lambda = rotate_by(lon_deg * kRadians, delta_lambda_);
  double phi = lat_deg * kRadians;
  if (f_ > 0) {
    if (phi < -kHalfPi + kEpsilon) phi = -kHalfPi + kEpsilon;
  } else {
    if (phi > kHalfPi - kEpsilon) phi = kHalfPi - kEpsilon;
  }
  const double r = f_ / std::pow(tany(phi), n_);
  const double x = r * std::sin(n_ * lambda);
  const double y = f_ - r * std::cos(n_ * lambda);
  // scaleTranslate(k = 1, dx, dy, sx = 1, sy = 1): [dx + k * x, dy - k * y]
  return {dx_ + 1.0 * x, dy_ - 1.0 * y};
}

LonLat MapProjection::invert(double px, double py) const {
  if (!valid_) return {};
  // transform.invert: [(x - dx) / k * sx, (dy - y) / k * sy]
  const double x = (px - dx_) / 1.0 * 1.0;
  const double y = (dy_ - py) / 1.0 * 1.0;
  // conicConformalRaw.invert
  const double fy = f_ - y;
  const double r = sign(n_) * std::sqrt(x * x + fy * fy);
  double l = std::atan2(x, std::fabs(fy)) * sign(fy);
  if (fy * n_ < 0) l -= kPi * sign(x) * sign(fy);
  const double lambda = l / n_;
  const double phi = 2 * std::atan(std::pow(f_ / r, 1 / n_)) - kHalfPi;
  // rotate.invert = forwardRotationLambda(-deltaLambda), then degrees
  return {rotate_by(lambda, -delta_lambda_) * kDegrees, phi * kDegrees};
}

double MapProjection::scale_factor(double lat_deg) const {
  if (!valid_) return 0;
  const double phi = lat_deg * kRadians;
  const double r = f_ / std::pow(tany(phi), n_);
  return n_ * r / std::cos(phi);
}

}  // namespace passerelle
