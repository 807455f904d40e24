// unit-map-projection.cpp — the map's Lambert conformal conic agrees with d3-geo (which drew
// the geometry file), with an independent textbook form of the formula, and with the
// properties that make it the right projection: origin, straight meridians through the apex,
// concentric parallels, unit scale on both standard parallels, an exact inverse.
//
// Depends on: core/map/projection.hpp, GoogleTest.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/map/projection.hpp"

using namespace passerelle;

namespace {

constexpr double kPi = 3.141592653589793;
constexpr double kRad = kPi / 180;

// Snyder, "Map Projections — A Working Manual" (1987), eqs. 15-1…15-5, spherical form, with
// latitude of origin 0 and central meridian 10°E; written from the book, not from d3.
MapXY textbook(double lon, double lat) {
  const double p1 = 13 * kRad, p2 = 47 * kRad;
  auto t = [](double phi) { return std::tan(kPi / 4 + phi / 2); };
  const double n = std::log(std::cos(p1) / std::cos(p2)) / std::log(t(p2) / t(p1));
  const double F = std::cos(p1) * std::pow(t(p1), n) / n;
  const double rho = F / std::pow(t(lat * kRad), n);
  const double rho0 = F / std::pow(t(0.0), n);
  const double theta = n * (lon - 10) * kRad;
  // Snyder's y grows up; d3 (and the map) flip it.
  return {rho * std::sin(theta), -(rho0 - rho * std::cos(theta))};
}

bool close(double a, double b, double rel) {
  return std::fabs(a - b) <= rel * std::max(1.0, std::fabs(b));
}

// Written by d3-geo 3.1.2 in Node 20:
//   const p = geoConicConformal().parallels([13, 47]).rotate([-10, 0]).scale(1).translate([0, 0]);
//   p([lon, lat]) and p.invert(p([lon, lat]))
struct D3Reference {
  double lon, lat, x, y, inv_lon, inv_lat;
};
constexpr D3Reference kD3[] = {
    {10, 0, 0.0000000000000000, 0.0000000000000000, 10.000000000000000, -2.5444437451708134e-14},
    {-8, 12.64, -0.30581011713221123, -0.25461929647599080, -8.0000000000000000, 12.639999999999990},
    {-17.45, 14.69, -0.45515109047263758, -0.32146869490065844, -17.450000000000003, 14.690000000000003},
    {2.11, 13.51, -0.13344684933035250, -0.25002655332864410, 2.1100000000000008, 13.510000000000025},
    {-15.98, 18.09, -0.41788881931064914, -0.37258981770639998, -15.979999999999999, 18.089999999999982},
    {3.06, 36.75, -0.093304357052404432, -0.64034984614689128, 3.0600000000000014, 36.750000000000007},
    {-6.84, 34.02, -0.23250547016516046, -0.60912685091692409, -6.8400000000000025, 34.019999999999996},
    {-13.2, 27.15, -0.34266359975078137, -0.51237637796910018, -13.199999999999998, 27.149999999999991},
    {35.21, 31.77, 0.35479011937039340, -0.59395529150742554, 35.210000000000008, 31.770000000000010},
    {34.47, 31.5, 0.34551149245900148, -0.58726151995613618, 34.469999999999999, 31.500000000000000},
    {2.35, 48.86, -0.088778152562986115, -0.84804919524644218, 2.3499999999999970, 48.860000000000014},
    {-20, 30, -0.42849714950670625, -0.58191250676184647, -19.999999999999996, 29.999999999999993},
    {-25, 5, -0.62933243737539268, -0.19190797824760675, -24.999999999999996, 5.0000000000000071},
    {45, 55, 0.36615724421613932, -1.0131797580833406, 45.000000000000000, 54.999999999999986},
    {-25, 55, -0.36615724421613932, -1.0131797580833406, -24.999999999999996, 54.999999999999986},
    {45, 5, 0.62933243737539268, -0.19190797824760675, 45.000000000000000, 5.0000000000000071},
    {170, -80, 7.3387827534077346, -1.0229968303510888, 170.00000000000000, -80.000000000000000},
    {-179.5, 85, 0.43899732622054372, -2.1293960070919207, -179.50000000000000, 85.000000000000000},
    {190, 10, -1.9715615755459590, -2.2032514006897741, -169.99999999999997, 9.9999999999999893},
    {10, -90, 0.0000000000000000, 3404.8295297850832, 10.000000000000000, -89.999942704220487},
    {10, 90, 0.0000000000000000, -2.1558201593739206, 10.000000000000000, 90.000000000000000},
};

}  // namespace

TEST(MapProjection, MatchesD3GeoToTheLastBitsWithinTheMap) {
  const MapProjection p;
  for (const D3Reference& r : kD3) {
    const MapXY xy = p.project(r.lon, r.lat);
    // A few ulps: V8's fdlibm and glibc may round tan/pow differently in the last bit.
    EXPECT_TRUE(close(xy.x, r.x, 1e-14)) << r.lon << "," << r.lat << ": x " << xy.x << " vs " << r.x;
    EXPECT_TRUE(close(xy.y, r.y, 1e-14)) << r.lon << "," << r.lat << ": y " << xy.y << " vs " << r.y;
    const LonLat back = p.invert(r.x, r.y);
    EXPECT_TRUE(close(back.lon, r.inv_lon, 1e-12)) << r.lon << "," << r.lat << ": " << back.lon;
    EXPECT_TRUE(close(back.lat, r.inv_lat, 1e-12)) << r.lon << "," << r.lat << ": " << back.lat;
  }
}

TEST(MapProjection, AgreesWithTheTextbookFormula) {
  const MapProjection p;
  for (double lon = -25; lon <= 45; lon += 2.5)
    for (double lat = 5; lat <= 55; lat += 2.5) {
      const MapXY a = p.project(lon, lat), b = textbook(lon, lat);
      EXPECT_NEAR(a.x, b.x, 1e-13) << lon << "," << lat;
      EXPECT_NEAR(a.y, b.y, 1e-13) << lon << "," << lat;
    }
}

TEST(MapProjection, TenEastOnTheEquatorIsTheOrigin) {
  const MapXY o = MapProjection().project(10, 0);
  EXPECT_EQ(o.x, 0.0);
  EXPECT_EQ(o.y, 0.0);
}

TEST(MapProjection, NorthIsUpBecauseYGrowsDown) {
  const MapProjection p;
  EXPECT_LT(p.project(2.35, 48.86).y, p.project(-8.0, 12.64).y);  // Paris above Bamako
  EXPECT_LT(p.project(-17.45, 14.69).x, p.project(2.11, 13.51).x);  // Dakar left of Niamey
}

TEST(MapProjection, MeridiansAreStraightLinesThroughTheApex) {
  const MapProjection p;
  const MapXY apex = p.apex();
  EXPECT_LT(apex.y, -1.0);  // far above the map (the North Pole's image)
  for (double lon : {-25.0, -10.0, 0.0, 10.0, 30.0, 45.0}) {
    const MapXY a = p.project(lon, 5), b = p.project(lon, 30), c = p.project(lon, 55);
    const double ux = a.x - apex.x, uy = a.y - apex.y;
    for (const MapXY& q : {b, c}) {
      const double vx = q.x - apex.x, vy = q.y - apex.y;
      const double cross = ux * vy - uy * vx;
      EXPECT_NEAR(cross / (std::hypot(ux, uy) * std::hypot(vx, vy)), 0.0, 1e-14) << lon;
    }
  }
  // The central meridian is vertical.
  EXPECT_NEAR(p.project(10, 40).x, 0.0, 1e-15);
}

TEST(MapProjection, ParallelsAreArcsCentredOnTheApex) {
  const MapProjection p;
  const MapXY apex = p.apex();
  for (double lat : {5.0, 13.0, 30.0, 47.0, 55.0}) {
    const MapXY a = p.project(10, lat);
    const double r = std::hypot(a.x - apex.x, a.y - apex.y);
    for (double lon = -25; lon <= 45; lon += 5) {
      const MapXY q = p.project(lon, lat);
      EXPECT_NEAR(std::hypot(q.x - apex.x, q.y - apex.y), r, 1e-14) << lon << "," << lat;
    }
  }
}

TEST(MapProjection, ScaleIsOneOnBothStandardParallelsAndConformal) {
  const MapProjection p;
  EXPECT_NEAR(p.scale_factor(13), 1.0, 1e-15);
  EXPECT_NEAR(p.scale_factor(47), 1.0, 1e-15);
  EXPECT_LT(p.scale_factor(30), 1.0);  // between the parallels the cone is inside the sphere
  EXPECT_GT(p.scale_factor(5), 1.0);
  EXPECT_GT(p.scale_factor(55), 1.0);
  // The formula n·r/cos φ agrees with measured distances, along meridians and parallels
  // alike (conformal: the same scale in every direction).
  const double h = 1e-5;
  for (double lat : {5.0, 13.0, 30.0, 47.0, 55.0}) {
    const MapXY s = p.project(20, lat - h), n = p.project(20, lat + h);
    const double along_meridian = std::hypot(n.x - s.x, n.y - s.y) / (2 * h * kRad);
    const MapXY w = p.project(20 - h, lat), e = p.project(20 + h, lat);
    const double along_parallel =
        std::hypot(e.x - w.x, e.y - w.y) / (2 * h * kRad * std::cos(lat * kRad));
    EXPECT_NEAR(along_meridian, p.scale_factor(lat), 1e-8) << lat;
    EXPECT_NEAR(along_parallel, p.scale_factor(lat), 1e-8) << lat;
  }
}

TEST(MapProjection, InvertUndoesProjectWorldWide) {
  const MapProjection p;
  for (double lon = -180; lon <= 180; lon += 7.5)
    for (double lat = -80; lat <= 85; lat += 5) {
      const MapXY xy = p.project(lon, lat);
      const LonLat back = p.invert(xy.x, xy.y);
      // ±180 are one meridian: d3's rotation wraps them to the same side.
      const double dlon = std::remainder(back.lon - lon, 360.0);
      EXPECT_NEAR(dlon, 0.0, 1e-9) << lon << "," << lat;
      EXPECT_NEAR(back.lat, lat, 1e-9) << lon << "," << lat;
    }
}

TEST(MapProjection, TheConeConstantIsLogRatioOfTheParallels) {
  const MapProjection p;
  auto t = [](double phi) { return std::tan(kPi / 4 + phi * kRad / 2); };
  const double n = std::log(std::cos(13 * kRad) / std::cos(47 * kRad)) / std::log(t(47) / t(13));
  EXPECT_NEAR(p.cone_constant(), n, 1e-15);
  // One standard parallel: n = sin φ1 (d3's tangent cone).
  EXPECT_NEAR(MapProjection::conic_conformal(30, 30, 0).cone_constant(), 0.5, 1e-15);
}

TEST(MapProjection, RejectsParametersWithoutACone) {
  EXPECT_TRUE(MapProjection::conic_conformal(13, 47, -10).valid());
  EXPECT_FALSE(MapProjection::conic_conformal(-30, 30, 0).valid());  // n = 0: d3's Mercator
  EXPECT_FALSE(MapProjection::conic_conformal(90, 47, 0).valid());
  EXPECT_FALSE(MapProjection::conic_conformal(13, -95, 0).valid());
  EXPECT_FALSE(MapProjection::conic_conformal(std::nan(""), 47, 0).valid());
  EXPECT_FALSE(MapProjection::conic_conformal(13, 47, std::numeric_limits<double>::infinity()).valid());
  const MapProjection bad = MapProjection::conic_conformal(-30, 30, 0);
  EXPECT_EQ(bad.project(10, 10).x, 0.0);  // an invalid projection answers (0, 0), no NaN
  EXPECT_EQ(bad.invert(1, 1).lat, 0.0);
}

TEST(MapProjection, SouthernConesWork) {
  // n < 0: the apex is the South Pole's image, below the map; still an exact round trip.
  const MapProjection p = MapProjection::conic_conformal(-20, -40, 0);
  ASSERT_TRUE(p.valid());
  EXPECT_LT(p.cone_constant(), 0);
  for (double lat : {-60.0, -30.0, 0.0, 20.0}) {
    const MapXY xy = p.project(25, lat);
    const LonLat back = p.invert(xy.x, xy.y);
    EXPECT_NEAR(back.lon, 25, 1e-9);
    EXPECT_NEAR(back.lat, lat, 1e-9);
  }
}
