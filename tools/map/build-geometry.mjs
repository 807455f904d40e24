#!/usr/bin/env node
// tools/map/build-geometry.mjs — builds the map geometry the C++ core reads
// (src/core/map/geometry.*) from Natural Earth borders, at build time.
//
//   node tools/map/build-geometry.mjs --out dist/content/map-geometry.json
//
// Inputs come from npm (package-lock.json): world-atlas (Natural Earth 1:50m TopoJSON) and
// i18n-iso-countries (names). The output is deterministic: same inputs, same bytes.
// tools/map/README.md lists the cartographic corrections and why.
//
// ---- The format (copied from the contract; keep both in sync) ---------------------------
//
// # passerelle-map-geometry/2 (contract between tools/map/build-geometry.mjs and src/core/map/geometry.*)
//
// One JSON file, generated at build time (never committed) from npm `world-atlas@2.0.2`
// (countries-50m.json, Natural Earth 1:50m) and `i18n-iso-countries`.
//
// {
//   "format": "passerelle-map-geometry/2",
//   "attribution": "Natural Earth 1:50m (public domain) via world-atlas 2.0.2; boundaries per UN cartography (...)",
//   "projection": {"type": "conic-conformal", "parallels": [13, 47], "rotate": [-10, 0]},
//   "transform": {"scale": [sx, sy], "translate": [tx, ty]},
//   "frame":  [x0, y0, x1, y1],     // quantized ints: bbox of the projected region 25°W–45°E, 5°N–55°N
//   "extent": [x0, y0, x1, y1],     // quantized ints: the clip rectangle = frame grown by 20% of its size on each side
//   "arcs": ["<encoded polyline>", ...],  // each arc's quantized ints x, y, dx, dy, dx, dy, ...
//                                         // (first point absolute, then deltas), encoded below
//   "borders": {"coast": [arcIndex...], "land": [arcIndex...], "disputed": [arcIndex...]},
//   "countries": [
//     {"id": "ML", "names": {"fr": "Mali", "en": "Mali"},
//      "polygons": [ [ [arcRef, ...] /* outer ring */, [arcRef, ...] /* hole */ ], ... ]}
//   ]
// }
//
// - "Map units" = the output of d3-geo's geoConicConformal().parallels([13,47]).rotate([-10,0])
//   .scale(1).translate([0,0]) (no center, so lon 10°E / lat 0 maps to (0,0); y grows DOWN, as d3
//   outputs). A quantized point q maps to map units as q*scale + translate (per axis).
//   Readers refuse a transform that could leave float range (|scale| * 2^30 + |translate|
//   beyond FLT_MAX, error P403): every map unit must stay finite.
// - An arc's string is the encoded polyline algorithm (Google's, on these integers): each value
//   v zigzag-encoded (v >= 0: 2v; v < 0: -2v - 1), cut into 5-bit groups from the lowest, each
//   group written as the character 63 + group, with 0x20 added on every group of the value but
//   its last: characters '?' to '~' only; a value takes at most 7 characters, and the values,
//   at least four and an even number, keep every delta and point within ±2^30.  Version 1 wrote
//   the same integers as JSON arrays ("arcs": [[x, y, dx, dy, ...], ...]); readers still read it.
// - arcRef >= 0 is arcs[arcRef] forward; arcRef < 0 is arcs[~arcRef] (i.e. -arcRef-1) reversed
//   (TopoJSON convention). Consecutive arcs of a ring share their end/start point; a ring is
//   closed (first point == last point after concatenation; the reader drops the duplicate).
// - Ring orientation is not guaranteed; readers must normalise. rings[0] is the outer ring, the
//   others are holes.
// - borders: every arc that should be stroked, by kind. coast = used by one country's ring only,
//   land = used by two countries, disputed = drawn dashed (the Morocco / Western Sahara line at
//   27°40'N, and any merged-territory line kept for display). Arcs lying along the clip
//   rectangle (extent) edge are in no list (never stroked). A disputed arc may be used by no ring
//   (e.g. a line inside a merged territory) and is still listed.
// - ids are ISO 3166-1 alpha-2, upper case (EH for Western Sahara, PS for Palestine).
//
// ---- Pipeline ----------------------------------------------------------------------------
//
// 1. Corrections in lon/lat on the source topology (merges keep shared arcs exact).
// 2. Project every point with d3 (no resampling), clip to the extent rectangle in map units.
// 3. Quantize to ints, build a topology (topojson-server): shared borders become shared arcs.
// 4. Split arcs where they meet the extent edge, simplify (Visvalingam, per arc, so shared
//    borders stay shared), drop degenerate rings, classify arcs, write compact JSON.

import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
// Packages resolve from this file's location, i.e. the repository's node_modules, whatever
// NODE_PATH says (Makefile.emscripten sets it for Emscripten's acorn). They are imported here
// rather than statically so that a missing `npm ci` gives one clear line, not a stack trace.
const require = createRequire(import.meta.url);
async function importOrExit(name) {
  try {
    return await import(name);
  } catch (error) {
    process.stderr.write(`build-geometry: error: cannot load ${name} (${error.code || error.message}): ` +
      'run "npm ci" in the repository root\n');
    process.exit(1);
  }
}
const { geoConicConformal, geoContains, geoStream, geoArea } = await importOrExit('d3-geo');
const { feature, merge, mesh } = (await importOrExit('topojson-client')).default;
const { topology } = (await importOrExit('topojson-server')).default;
const { presimplify, simplify } = (await importOrExit('topojson-simplify')).default;

// ---- Parameters --------------------------------------------------------------------------

const FORMAT = 'passerelle-map-geometry/2';
const PARALLELS = [13, 47];
const ROTATE = [-10, 0];
// The region the page shows: 25°W–45°E, 5°N–55°N.
const REGION = { west: -25, east: 45, south: 5, north: 55 };
const REGION_SAMPLE_STEP = 0.1;  // degrees; parallels are curved once projected
const EXTENT_GROWTH = 0.2;       // extent = frame grown by 20% of its width/height per side
// Quantization: this many units across the frame width (the extent is then 1.4× that).
// 10 000 rounds a point by at most 1/20 000 of the frame, far finer than the simplification
// below (1/3 000) already moves it; 20 000 cost 4.7 KB more with brotli for no visible change.
const FRAME_UNITS = 10000;
// Simplification tolerance as a fraction of the frame width: a point goes when the triangle it
// makes with its neighbours is smaller than tolerance², i.e. well under a pixel on any screen.
const TOLERANCE_FRACTION = 1 / 3000;
// The Morocco / Western Sahara cut follows a parallel; sample it this often (degrees of
// longitude) so the projected line curves like the parallel does.
const CUT_STEP_DEG = 0.05;
// Metropolitan France: any polygon of id 250 not in this lon/lat box is an overseas part.
const METROPOLE_BOX = { west: -6, east: 10, south: 41, north: 52 };

// Points that must land in the given country after all corrections ([lon, lat]). They guard
// the corrections themselves: if one regresses, the build fails instead of shipping it.
const CHECK_POINTS = [
  ['MA', 'Rabat', [-6.84, 34.02]],
  ['EH', 'Laâyoune', [-13.20, 27.15]],
  ['EH', 'Smara', [-11.67, 26.74]],
  ['EH', 'Awsard', [-14.33, 22.55]],
  ['DZ', 'Tindouf', [-8.15, 27.67]],
  ['PS', 'Gaza', [34.47, 31.50]],
  ['PS', 'Ramallah', [35.20, 31.90]],
  ['FR', 'Paris', [2.35, 48.86]],
  ['RS', 'Pristina', [21.17, 42.66]],
  ['CY', 'Kyrenia', [33.32, 35.33]],
  ['UA', 'Simferopol', [34.10, 44.95]],
  ['SO', 'Hargeisa', [44.06, 9.56]],
  ['ML', 'Bamako', [-8.00, 12.64]],
];

// ---- Small helpers -----------------------------------------------------------------------

// A build tool should stop with one clear sentence, not a stack trace.
class BuildError extends Error {}
function fail(message) { throw new BuildError(message); }
function check(condition, message) { if (!condition) fail(message); }

function parseArgs(argv) {
  const args = { out: null };
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--out' && i + 1 < argv.length) args.out = argv[++i];
    else fail(`unknown argument "${argv[i]}" (usage: build-geometry.mjs --out FILE)`);
  }
  check(args.out, 'missing --out FILE (usage: build-geometry.mjs --out FILE)');
  return args;
}

// require() with a message that says what to do when node_modules is not installed.
function requireInput(name) {
  try {
    return require(name);
  } catch (error) {
    fail(`cannot load ${name} (${error.code || error.message}): run "npm ci" in the repository root`);
  }
}

function samePoint(a, b) { return a[0] === b[0] && a[1] === b[1]; }

// Consecutive duplicates appear when a cut lands on a vertex or after rounding; they would
// make zero-length segments for no benefit.
function dropRepeats(points) {
  const out = [];
  for (const p of points) if (!out.length || !samePoint(out[out.length - 1], p)) out.push(p);
  return out;
}

// Shoelace area (signed); y grows down in map units, so the sign is "screen clockwise".
function signedArea(ring) {
  let sum = 0;
  for (let i = 0, n = ring.length - 1; i < n; ++i) {
    sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  }
  return sum / 2;
}

// Even-odd ray casting; good enough for "is this vertex inside that ring".
function ringContains(ring, [x, y]) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function polygonsOf(geometry) {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  fail(`unexpected geometry type ${geometry.type}`);
}

function multiPolygon(polygons) { return { type: 'MultiPolygon', coordinates: polygons }; }

// ---- Projection, frame, quantization -----------------------------------------------------

// precision(0) turns off d3's adaptive resampling: each vertex is projected on its own, so a
// vertex shared by two countries projects to the same map units in both.
function makeProjection() {
  return geoConicConformal().parallels(PARALLELS).rotate(ROTATE).scale(1).translate([0, 0])
    .precision(0);
}

// The frame is the bbox of the projected region outline. The outline is sampled densely
// because parallels project to circle arcs: the corners alone would miss their bulge.
function projectedRegionBox(projection) {
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  const add = (lon, lat) => {
    const [x, y] = projection([lon, lat]);
    box[0] = Math.min(box[0], x); box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x); box[3] = Math.max(box[3], y);
  };
  const { west, east, south, north } = REGION;
  const lonSteps = Math.round((east - west) / REGION_SAMPLE_STEP);
  const latSteps = Math.round((north - south) / REGION_SAMPLE_STEP);
  for (let i = 0; i <= lonSteps; ++i) {
    const lon = west + ((east - west) * i) / lonSteps;
    add(lon, south); add(lon, north);
  }
  for (let i = 0; i <= latSteps; ++i) {
    const lat = south + ((north - south) * i) / latSteps;
    add(west, lat); add(east, lat);
  }
  return box;
}

// One uniform scale for both axes (distances stay isotropic for the reader), origin at the
// extent's top-left corner so every quantized coordinate is a small non-negative int, and an
// extent whose edges are exact ints: clipped points then quantize exactly onto the edge.
function makeQuantization(frameBox) {
  const width = frameBox[2] - frameBox[0], height = frameBox[3] - frameBox[1];
  const k = width / FRAME_UNITS;
  const tx = frameBox[0] - EXTENT_GROWTH * width;
  const ty = frameBox[1] - EXTENT_GROWTH * height;
  const nx = Math.round(((1 + 2 * EXTENT_GROWTH) * width) / k);
  const ny = Math.round(((1 + 2 * EXTENT_GROWTH) * height) / k);
  const quantize = ([x, y]) => [Math.round((x - tx) / k), Math.round((y - ty) / k)];
  return {
    k, tx, ty,
    quantize,
    extent: [0, 0, nx, ny],
    clipBox: [[tx, ty], [tx + nx * k, ty + ny * k]],   // the extent in map units
    frame: [...quantize([frameBox[0], frameBox[1]]), ...quantize([frameBox[2], frameBox[3]])],
  };
}

// ---- Source data -------------------------------------------------------------------------

function loadSources() {
  const atlas = requireInput('world-atlas/countries-50m.json');
  const atlasVersion = requireInput('world-atlas/package.json').version;
  const isoCountries = requireInput('i18n-iso-countries');
  isoCountries.registerLocale(requireInput('i18n-iso-countries/langs/fr.json'));
  isoCountries.registerLocale(requireInput('i18n-iso-countries/langs/en.json'));
  check(atlas.type === 'Topology' && atlas.objects && atlas.objects.countries,
    'world-atlas/countries-50m.json has no "countries" object');
  return { atlas, atlasVersion, isoCountries };
}

// Source geometries by numeric id (a list: Australia and Ashmore and Cartier Is. share 036),
// and the few Natural Earth features that have no id, by name.
function indexSourceGeometries(atlas) {
  const byId = new Map(), byName = new Map();
  for (const geometry of atlas.objects.countries.geometries) {
    if (geometry.id != null) {
      if (!byId.has(geometry.id)) byId.set(geometry.id, []);
      byId.get(geometry.id).push(geometry);
    } else {
      byName.set(geometry.properties.name, geometry);
    }
  }
  return {
    byId, byName,
    id(numeric, name) {
      const geometries = byId.get(numeric) || fail(`world-atlas: ${name} (id ${numeric}) is missing`);
      check(geometries.length === 1, `world-atlas: ${name} (id ${numeric}) is not one feature`);
      return geometries[0];
    },
    named(name) { return byName.get(name) || fail(`world-atlas: feature "${name}" is missing`); },
  };
}

// ---- Corrections (lon/lat) ---------------------------------------------------------------

function arcIndexes(geometry) {
  const rings = geometry.type === 'Polygon' ? geometry.arcs : geometry.arcs.flat();
  return new Set(rings.flat().map((a) => (a < 0 ? ~a : a)));
}

// The shared border of two source geometries as lon/lat lines (for lines kept as "disputed").
function sharedBorder(atlas, a, b) {
  const lines = mesh(atlas, { type: 'GeometryCollection', geometries: [a, b] }, (x, y) => x !== y);
  check(lines.coordinates.length > 0, 'expected a shared border that does not exist');
  return lines.coordinates;
}

// The Algeria / Morocco / W. Sahara tripoint, taken from the data itself: the arc Morocco and
// W. Sahara share (the berm) starts there, and Algeria's border passes through it. Cutting at
// this exact vertex makes the new line meet Algeria's border without a gap.
function findTripoint(atlas, morocco, westernSahara, algeria) {
  const moroccoArcs = arcIndexes(morocco), algeriaArcs = arcIndexes(algeria);
  const shared = [...arcIndexes(westernSahara)].filter((a) => moroccoArcs.has(a));
  check(shared.length === 1, `expected one arc shared by Morocco and W. Sahara, found ${shared.length}`);
  const berm = feature(atlas, { type: 'LineString', arcs: [shared[0]] }).geometry.coordinates;
  const algeriaPoints = [...algeriaArcs].flatMap(
    (a) => feature(atlas, { type: 'LineString', arcs: [a] }).geometry.coordinates);
  const ends = [berm[0], berm[berm.length - 1]]
    .filter((p) => algeriaPoints.some((q) => samePoint(p, q)));
  check(ends.length === 1, 'the Morocco / W. Sahara arc does not end on the Algerian border');
  return ends[0];
}

// Points of the parallel `lat` from `from` to `to` (both included, exact), every CUT_STEP_DEG.
function parallelLine(from, to) {
  const steps = Math.max(1, Math.ceil(Math.abs(to[0] - from[0]) / CUT_STEP_DEG));
  const line = [from];
  for (let i = 1; i < steps; ++i) line.push([from[0] + ((to[0] - from[0]) * i) / steps, from[1]]);
  line.push(to);
  return line;
}

// Splits a closed lon/lat ring by the parallel `lat` into its northern and southern parts,
// closed along the (densified) parallel. A point exactly on the parallel counts as north, so
// a crossing at a vertex (the tripoint) is that vertex itself, not a rounded copy of it.
// Both parts use the same cut points (one reversed), so the new border is shared exactly.
function splitRingAtLatitude(ring, lat) {
  const points = ring.slice(0, -1);
  const n = points.length;
  const north = (p) => p[1] >= lat;
  const crossings = [];
  for (let i = 0; i < n; ++i) {
    const a = points[i], b = points[(i + 1) % n];
    if (north(a) === north(b)) continue;
    const t = (lat - a[1]) / (b[1] - a[1]);
    const point = a[1] === lat ? a : b[1] === lat ? b : [a[0] + t * (b[0] - a[0]), lat];
    crossings.push({ index: i, point });
  }
  check(crossings.length === 2,
    `Western Sahara cut: expected exactly 2 crossings of ${lat}°N, found ${crossings.length}`);
  const [c0, c1] = crossings;
  const run = (from, to) => {       // ring points after crossing `from` up to crossing `to`
    const out = [];
    for (let i = (from.index + 1) % n; ; i = (i + 1) % n) {
      out.push(points[i]);
      if (i === to.index) break;
    }
    return out;
  };
  const cut = parallelLine(c1.point, c0.point);             // from c1 back to c0
  const pieceA = dropRepeats([c0.point, ...run(c0, c1), ...cut]);
  const pieceB = dropRepeats([c1.point, ...run(c1, c0), ...cut.slice().reverse()]);
  const aIsNorth = north(points[(c0.index + 1) % n]);
  return {
    north: aIsNorth ? pieceA : pieceB,
    south: aIsNorth ? pieceB : pieceA,
    crossings: [c0.point, c1.point],
    line: cut,                      // the very same points, so the dashed line is their arc
  };
}

// UN maps: Western Sahara is the whole territory south of 27°40'N, with a dashed line there.
// In world-atlas, Morocco runs south to ~21.4°N along the berm and "W. Sahara" is only the
// strip east of it; we rebuild both from their union, cut at the data's own tripoint latitude.
function cutWesternSahara(atlas, src) {
  const morocco = src.id('504', 'Morocco'), westernSahara = src.id('732', 'W. Sahara');
  const tripoint = findTripoint(atlas, morocco, westernSahara, src.id('012', 'Algeria'));
  const lat = tripoint[1];
  check(Math.abs(lat - (27 + 40 / 60)) < 0.05, `tripoint latitude ${lat} is not near 27°40'N`);
  const north = [], south = [];
  let split = null;
  for (const polygon of merge(atlas, [morocco, westernSahara]).coordinates) {
    const lats = polygon[0].map((p) => p[1]);
    if (Math.min(...lats) >= lat) { north.push(polygon); continue; }
    if (Math.max(...lats) < lat) { south.push(polygon); continue; }
    check(!split && polygon.length === 1,
      'Western Sahara cut: expected one crossing polygon without holes');
    split = splitRingAtLatitude(polygon[0], lat);
    north.push([split.north]); south.push([split.south]);
  }
  check(split, 'Western Sahara cut: the Morocco + W. Sahara union does not cross the cut');
  check(split.crossings.some((p) => samePoint(p, tripoint)),
    'Western Sahara cut: the cut does not pass through the Algerian tripoint');
  return { morocco: multiPolygon(north), westernSahara: multiPolygon(south), line: split.line,
    lat, tripoint, coast: split.crossings.find((p) => !samePoint(p, tripoint)) };
}

// Natural Earth gives Crimea to Russia (one polygon of Russia's MultiPolygon, bordering
// Ukraine at Perekop). UN cartography shows it as Ukraine: move that polygon.
function moveCrimea(atlas, src) {
  const russia = src.id('643', 'Russia'), ukraine = src.id('804', 'Ukraine');
  const simferopol = [34.10, 44.95];
  const isCrimea = (arcs) => geoContains(feature(atlas, { type: 'Polygon', arcs }), simferopol);
  const crimea = russia.arcs.filter(isCrimea);
  const inUkraine = polygonsOf(feature(atlas, ukraine).geometry)
    .some((coordinates) => geoContains({ type: 'Polygon', coordinates }, simferopol));
  if (crimea.length === 0 && inUkraine) return { russia, ukraine, moved: false };
  check(crimea.length === 1, `expected Crimea as one polygon of Russia, found ${crimea.length}`);
  return {
    russia: { type: 'MultiPolygon', arcs: russia.arcs.filter((arcs) => !isCrimea(arcs)) },
    ukraine: [ukraine, { type: 'Polygon', arcs: crimea[0] }],
    moved: true,
  };
}

// Applies every correction and returns lon/lat features keyed by alpha-2, plus the lines to
// draw dashed. Each entry of `parts` is merged in the source topology, so the borders that
// remain are exactly Natural Earth's.
function correctedCountries(atlas, src, isoCountries, report) {
  const parts = new Map();      // alpha-2 → source topology geometries to merge
  const ready = new Map();      // alpha-2 → GeoJSON geometry already built
  const disputed = [];          // lon/lat lines
  const skip = new Set(['504', '732', '643', '804']);

  for (const [numeric, geometries] of src.byId) {
    if (skip.has(numeric)) continue;
    const alpha2 = isoCountries.numericToAlpha2(numeric);
    check(alpha2, `world-atlas id ${numeric} (${geometries[0].properties.name}) has no ISO alpha-2 code`);
    check(!parts.has(alpha2), `two world-atlas ids map to ${alpha2}`);
    parts.set(alpha2, [...geometries]);
  }

  const ws = cutWesternSahara(atlas, src);
  ready.set('MA', ws.morocco);
  ready.set('EH', ws.westernSahara);
  disputed.push(ws.line);
  report.push(`Western Sahara: cut at ${ws.lat}°N from the Algerian tripoint (${ws.tripoint[0]}) ` +
    `to the coast (${ws.coast[0].toFixed(4)}), ${ws.line.length} points, dashed`);

  const crimea = moveCrimea(atlas, src);
  parts.set('RU', [crimea.russia]);
  parts.set('UA', [crimea.ukraine].flat());
  report.push(crimea.moved ? 'Crimea: Natural Earth has it in Russia; moved to Ukraine'
    : 'Crimea: already in Ukraine in the data');

  // Territories without an ISO code of their own, merged as UN maps show them. A line kept
  // dashed marks the territory; the others simply disappear into the host country.
  const mergeInto = (name, alpha2, dashedWith) => {
    const territory = src.named(name);
    const host = parts.get(alpha2) || fail(`no ${alpha2} to merge ${name} into`);
    for (const other of dashedWith) disputed.push(...sharedBorder(atlas, territory, other));
    host.push(territory);
    src.byName.delete(name);
  };
  mergeInto('Kosovo', 'RS', [src.id('688', 'Serbia')]);
  mergeInto('Somaliland', 'SO', [src.id('706', 'Somalia')]);
  mergeInto('N. Cyprus', 'CY', []);
  // Siachen: UN maps draw no separate territory there. It goes to India (which holds it) and
  // its lines with Pakistan and China, which the parties contest, are dashed.
  mergeInto('Siachen Glacier', 'IN', [src.id('586', 'Pakistan'), src.id('156', 'China')]);
  report.push('Kosovo → RS, Somaliland → SO (old lines dashed); N. Cyprus → CY; ' +
    'Siachen Glacier → IN (lines with PK and CN dashed)');

  const countries = new Map();
  for (const [alpha2, geometries] of parts) {
    countries.set(alpha2, geometries.length === 1 ? feature(atlas, geometries[0]).geometry
      : merge(atlas, geometries));
  }
  for (const [alpha2, geometry] of ready) countries.set(alpha2, geometry);

  const france = polygonsOf(countries.get('FR'));
  const metropole = france.filter((polygon) => polygon[0].every(([lon, lat]) =>
    lon >= METROPOLE_BOX.west && lon <= METROPOLE_BOX.east &&
    lat >= METROPOLE_BOX.south && lat <= METROPOLE_BOX.north));
  countries.set('FR', multiPolygon(metropole));
  report.push(`France: ${metropole.length} metropolitan polygons kept, ` +
    `${france.length - metropole.length} overseas dropped`);

  // Whatever is left without an id lies outside the map (checked after clipping).
  const leftovers = [...src.byName.keys()];
  return { countries, disputed, leftovers };
}

// d3's spherical clipping reads winding: a ring wound the wrong way is the rest of the globe.
function checkWinding(countries) {
  for (const [alpha2, geometry] of countries) {
    for (const coordinates of polygonsOf(geometry)) {
      check(geoArea({ type: 'Polygon', coordinates }) < 2 * Math.PI,
        `${alpha2}: a polygon is wound inside out after the corrections`);
    }
  }
}

// ---- Projection and clipping -------------------------------------------------------------

// Streams a lon/lat geometry through the projection (antimeridian cut, projection, extent
// clip) and collects the output rings in map units.
function projectedRings(projection, geometry) {
  const rings = [];
  let ring = null;
  geoStream(geometry, projection.stream({
    point(x, y) { ring.push([x, y]); },
    lineStart() { ring = []; },
    lineEnd() {
      if (ring.length > 2) {
        if (!samePoint(ring[0], ring[ring.length - 1])) ring.push(ring[0]);
        rings.push(ring);
      }
      ring = null;
    },
    polygonStart() {}, polygonEnd() {}, sphere() {},
  }));
  return rings;
}

// Clipping may split one polygon into several and emits rings loose; d3 winds exterior rings
// clockwise on screen (positive signedArea here) and holes the other way. Each hole goes to
// the smallest exterior that holds its first vertex.
function groupRings(rings) {
  const exteriors = [], holes = [];
  for (const ring of rings) {
    const area = signedArea(ring);
    if (area > 0) exteriors.push({ ring, area, holes: [] });
    else if (area < 0) holes.push(ring);
  }
  exteriors.sort((a, b) => a.area - b.area);
  for (const hole of holes) {
    const owner = exteriors.find((e) => ringContains(e.ring, hole[0]));
    check(owner, 'a hole lies in no exterior ring after clipping');
    owner.holes.push(hole);
  }
  return exteriors.map((e) => [e.ring, ...e.holes]);
}

// Rounding can fold a zig-zag into a spike (A, B, A): the segment A–B then appears twice in
// one ring and topojson would see one arc used over and over. Remove spikes (and the repeats
// they leave), going round a closed ring until none is left. Two neighbours meet the same
// folded sequence along their shared border, so they drop the same points.
function dropSpikes(points, closed) {
  const out = [];
  for (const p of closed ? points.slice(0, -1) : points) {
    if (out.length && samePoint(out[out.length - 1], p)) continue;
    if (out.length >= 2 && samePoint(out[out.length - 2], p)) { out.pop(); continue; }
    out.push(p);
  }
  if (!closed) return out;
  for (let changed = true; changed && out.length >= 3;) {
    changed = false;
    if (samePoint(out[0], out[out.length - 1])) { out.pop(); changed = true; }
    else if (samePoint(out[out.length - 1], out[1])) { out.shift(); changed = true; }
    else if (samePoint(out[out.length - 2], out[0])) { out.pop(); changed = true; }
  }
  return out.length ? [...out, out[0]] : out;
}

function quantizeRing(ring, quantize) {
  const points = dropSpikes(ring.map(quantize), true);
  return points.length >= 4 ? points : null;   // closed: at least a triangle
}

// Projects, clips and quantizes every country; countries with nothing inside are dropped.
function projectCountries(countries, projection, q) {
  const out = [];
  for (const alpha2 of [...countries.keys()].sort()) {
    const polygons = [];
    for (const polygon of groupRings(projectedRings(projection, countries.get(alpha2)))) {
      const [outer, ...holes] = polygon.map((ring) => quantizeRing(ring, q.quantize));
      if (outer) polygons.push([outer, ...holes.filter(Boolean)]);
    }
    if (polygons.length) out.push({ id: alpha2, geometry: multiPolygon(polygons) });
  }
  return out;
}

function projectLines(lines, projection, q) {
  const out = [];
  for (const coordinates of lines) {
    const pieces = [];
    let piece = null;
    geoStream({ type: 'LineString', coordinates }, projection.stream({
      point(x, y) { piece.push(q.quantize([x, y])); },
      lineStart() { piece = []; },
      lineEnd() { piece = dropSpikes(piece, false); if (piece.length > 1) pieces.push(piece); },
      polygonStart() {}, polygonEnd() {}, sphere() {},
    }));
    out.push(...pieces);
  }
  return out;
}

// ---- Topology ----------------------------------------------------------------------------

// Which side of the extent a quantized point lies on (bit mask; 0 = not on the edge).
function edgeMask([x, y], [x0, y0, x1, y1]) {
  return (x === x0 ? 1 : 0) | (x === x1 ? 2 : 0) | (y === y0 ? 4 : 0) | (y === y1 ? 8 : 0);
}

function isEdgeSegment(a, b, extent) { return (edgeMask(a, extent) & edgeMask(b, extent)) !== 0; }

// topojson only cuts arcs at junctions, so a coast that runs into the extent edge and along it
// is one arc. Cut arcs where they start or stop following the edge, so edge arcs can be left
// unstroked and simplification keeps the exact point where a coast leaves the map.
function splitArcsAtEdge(topo, extent) {
  const replacement = [];          // old arc index → new arc indexes, in order
  const arcs = [];
  topo.arcs.forEach((arc, index) => {
    const pieces = [];
    let start = 0;
    for (let i = 1; i < arc.length - 1; ++i) {
      if (isEdgeSegment(arc[i - 1], arc[i], extent) !== isEdgeSegment(arc[i], arc[i + 1], extent)) {
        pieces.push(arc.slice(start, i + 1));
        start = i;
      }
    }
    pieces.push(arc.slice(start));
    replacement[index] = pieces.map((piece) => arcs.push(piece) - 1);
  });
  const remap = (refs) => refs.flatMap((ref) => (ref >= 0 ? replacement[ref]
    : replacement[~ref].slice().reverse().map((a) => ~a)));
  forEachRing(topo, (refs) => remap(refs));
  topo.arcs = arcs;
}

// Calls fn on every ring / line (arc ref list) of the topology and stores what it returns.
function forEachRing(topo, fn) {
  for (const geometry of topo.objects.countries.geometries) {
    geometry.arcs = geometry.arcs.map((polygon) => polygon.map((ring) => fn(ring)));
  }
  const lines = topo.objects.disputed;
  if (lines.type === 'MultiLineString') lines.arcs = lines.arcs.map((line) => fn(line));
}

function arcPoints(topo, ref) {
  const points = topo.arcs[ref < 0 ? ~ref : ref];
  return ref < 0 ? points.slice().reverse() : points;
}

function ringPoints(topo, refs) {
  const points = [];
  for (const ref of refs) {
    const arc = arcPoints(topo, ref);
    points.push(...(points.length ? arc.slice(1) : arc));
  }
  return points;
}

function distinctCount(points) { return new Set(points.map((p) => `${p[0]},${p[1]}`)).size; }

// After simplification a ring can collapse (an island reduced to its two arc ends, a sliver
// of coast along the edge). Drop those rings; a polygon whose outer ring goes goes entirely.
function dropDegenerateRings(topo) {
  let dropped = 0;
  for (const geometry of topo.objects.countries.geometries) {
    const isSolid = (refs) => {
      const points = ringPoints(topo, refs);
      const solid = distinctCount(points) >= 3 && Math.abs(signedArea(points)) >= 1;
      if (!solid) ++dropped;
      return solid;
    };
    geometry.arcs = geometry.arcs
      .filter((polygon) => isSolid(polygon[0]))
      .map((polygon) => [polygon[0], ...polygon.slice(1).filter(isSolid)]);
  }
  const gone = topo.objects.countries.geometries.filter((g) => g.arcs.length === 0).map((g) => g.id);
  topo.objects.countries.geometries =
    topo.objects.countries.geometries.filter((geometry) => geometry.arcs.length > 0);
  return { dropped, gone };
}

// Builds the topology in quantized ints: identical points in two countries become one arc.
function buildTopology(countries, disputedLines, extent) {
  const topo = topology({
    countries: {
      type: 'FeatureCollection',
      features: countries.map(({ id, geometry }) => ({ type: 'Feature', id, geometry })),
    },
    disputed: { type: 'MultiLineString', coordinates: disputedLines },
  });
  for (const geometry of topo.objects.countries.geometries) {
    if (geometry.type === 'Polygon') geometry.arcs = [geometry.arcs];
    geometry.type = 'MultiPolygon';
  }
  splitArcsAtEdge(topo, extent);
  return topo;
}

function simplifyTopology(topo, minArea) {
  const simplified = simplify(presimplify(topo), minArea);
  topo.arcs = simplified.arcs.map((arc) => dropRepeats(arc.map(([x, y]) => [x, y])));
  return topo;
}

// ---- Classification and output -----------------------------------------------------------

// coast = one ring uses the arc, land = two countries do, disputed = a dashed line does (it
// may also be a land border: dashed wins). Edge arcs and arcs between two rings of the same
// country (none expected; counted in `internal`) are not stroked.
function classifyArcs(topo, extent) {
  const rings = topo.arcs.map(() => 0);
  const users = topo.arcs.map(() => new Set());
  for (const geometry of topo.objects.countries.geometries) {
    for (const ring of geometry.arcs.flat()) {
      for (const ref of ring) {
        const arc = ref < 0 ? ~ref : ref;
        users[arc].add(geometry.id);
        ++rings[arc];
      }
    }
  }
  const disputed = new Set(topo.objects.disputed.arcs.flat().map((r) => (r < 0 ? ~r : r)));
  let internal = 0;
  const kind = topo.arcs.map((arc, index) => {
    check(rings[index] <= 2, `arc ${index} is used by ${rings[index]} rings`);
    if (disputed.has(index)) return 'disputed';
    if (arc.every((p, i) => i === 0 || isEdgeSegment(arc[i - 1], p, extent))) return null;
    if (rings[index] === 1) return 'coast';
    if (users[index].size === 2) return 'land';
    ++internal;
    return null;
  });
  return { kind, internal };
}

// Two neighbours clip their shared border against the extent edge separately; if rounding
// ever put the two clipped ends one unit apart, the border would fork at the edge. Fail then.
function checkEdgeEnds(arcs, kinds, extent) {
  const ends = new Map();
  arcs.forEach((arc, index) => {
    if (!kinds[index]) return;
    for (const p of [arc[0], arc[arc.length - 1]]) {
      if (edgeMask(p, extent)) ends.set(`${p[0]},${p[1]}`, p);
    }
  });
  const points = [...ends.values()];
  for (let i = 0; i < points.length; ++i) {
    for (let j = i + 1; j < points.length; ++j) {
      const [a, b] = [points[i], points[j]];
      check(Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) > 2,
        `two borders reach the extent edge ${a} and ${b} almost at the same point`);
    }
  }
}

// Renumbers arcs to keep only those a ring or a dashed line uses, in first-use order
// (countries in id order), so the file does not depend on topojson's internal order.
function compactArcs(topo) {
  const newIndex = new Map();
  const order = [];
  const use = (ref) => {
    const arc = ref < 0 ? ~ref : ref;
    if (!newIndex.has(arc)) { newIndex.set(arc, order.length); order.push(arc); }
    const index = newIndex.get(arc);
    return ref < 0 ? ~index : index;
  };
  forEachRing(topo, (refs) => refs.map(use));
  topo.arcs = order.map((arc) => topo.arcs[arc]);
}

function deltaEncode(arc) {
  const out = [arc[0][0], arc[0][1]];
  for (let i = 1; i < arc.length; ++i) out.push(arc[i][0] - arc[i - 1][0], arc[i][1] - arc[i - 1][1]);
  return out;
}

// An arc's integers as one string, the encoded polyline algorithm (see the format above):
// zigzag, 5-bit groups from the lowest, '?' + group, + 0x20 on all but a value's last group.
// 36.9 -> 32.8 KB with brotli, and one JSON string per arc for the reader to parse.
function encodePolyline(values) {
  let out = '';
  for (const v of values) {
    let z = v < 0 ? -2 * v - 1 : 2 * v;
    while (z >= 0x20) { out += String.fromCharCode(63 + (0x20 | (z & 0x1f))); z = Math.floor(z / 32); }
    out += String.fromCharCode(63 + z);
  }
  return out;
}

function decodePolyline(text) {
  const out = [];
  for (let i = 0, z = 0, shift = 1; i < text.length; ++i) {
    const g = text.charCodeAt(i) - 63;
    check(g >= 0 && g <= 63, `an arc's character ${i} is out of range`);
    z += (g & 0x1f) * shift;
    if (g & 0x20) { shift *= 32; continue; }
    out.push(z % 2 ? -(z + 1) / 2 : z / 2);
    z = 0; shift = 1;
  }
  return out;
}

// Names come from i18n-iso-countries. Its first name is the official form, sometimes long
// ("Russian Federation"); when it lists other forms we take the first that suits a map label
// ("Russia"): no abbreviation ("UK"), no inverted or bracketed form ("Korea, Republic of"),
// no leading "The", not a copy without accents ("Aland Islands"), and not a name another
// country also has ("Congo"). A few names are still wrong for a label (inverted forms, odd
// capitals in fr): fixed here and listed in tools/map/README.md.
const NAME_OVERRIDES = {
  en: { GB: 'United Kingdom', MD: 'Moldova', SY: 'Syria', VA: 'Vatican City' },
  fr: { AE: 'Émirats arabes unis', CF: 'République centrafricaine', CI: "Côte d'Ivoire",
    CZ: 'Tchéquie', SA: 'Arabie saoudite', SZ: 'Eswatini', TZ: 'Tanzanie', US: 'États-Unis',
    VA: 'Vatican' },
};

const withoutAccents = (name) => name.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

function shortName(isoCountries, alpha2, lang) {
  if (NAME_OVERRIDES[lang][alpha2]) return NAME_OVERRIDES[lang][alpha2];
  const names = isoCountries.getName(alpha2, lang, { select: 'all' });
  check(names && names.length, `no ${lang} name for ${alpha2} in i18n-iso-countries`);
  const everyName = isoCountries.getNames(lang, { select: 'all' });
  const suitable = (name) => /[a-z]/.test(name) && !/[,()]/.test(name) && !name.startsWith('The ') &&
    !names.some((other) => other !== name && withoutAccents(other) === name) &&
    !Object.entries(everyName).some(([code, list]) => code !== alpha2 && [list].flat().includes(name));
  return names.slice(1).find(suitable) || names[0];
}

function buildDocument(topo, q, kinds, isoCountries, atlasVersion) {
  const borders = { coast: [], land: [], disputed: [] };
  kinds.forEach((kind, index) => { if (kind) borders[kind].push(index); });
  const countries = topo.objects.countries.geometries
    .slice().sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((geometry) => ({
      id: geometry.id,
      names: { fr: shortName(isoCountries, geometry.id, 'fr'), en: shortName(isoCountries, geometry.id, 'en') },
      polygons: geometry.arcs,
    }));
  return {
    format: FORMAT,
    attribution: `Natural Earth 1:50m (public domain) via world-atlas ${atlasVersion}; ` +
      'boundaries per UN cartography (Western Sahara south of 27°40\'N, Crimea in Ukraine; ' +
      'Kosovo, Somaliland, Northern Cyprus and Siachen not shown as separate; disputed lines dashed)',
    projection: { type: 'conic-conformal', parallels: PARALLELS, rotate: ROTATE },
    transform: { scale: [q.k, q.k], translate: [q.tx, q.ty] },
    frame: q.frame,
    extent: q.extent,
    arcs: topo.arcs.map((arc) => encodePolyline(deltaEncode(arc))),
    borders,
    countries,
  };
}

// ---- Checks on the result ----------------------------------------------------------------

// Decodes the document like a reader would (from the JSON itself) and checks the contract.
function checkDocument(doc, projection) {
  const arcs = doc.arcs.map(decodePolyline).map((flat) => {
    const points = [];
    for (let i = 0, x = 0, y = 0; i < flat.length; i += 2) {
      x = i ? x + flat[i] : flat[i]; y = i ? y + flat[i + 1] : flat[i + 1];
      points.push([x, y]);
    }
    return points;
  });
  const ring = (refs) => {
    const points = [];
    for (const ref of refs) {
      check(Number.isInteger(ref) && (ref < 0 ? ~ref : ref) < arcs.length, `bad arc ref ${ref}`);
      const arc = ref < 0 ? arcs[~ref].slice().reverse() : arcs[ref];
      if (points.length) check(samePoint(points[points.length - 1], arc[0]), 'ring arcs do not chain');
      points.push(...(points.length ? arc.slice(1) : arc));
    }
    check(samePoint(points[0], points[points.length - 1]), 'a ring is not closed');
    return points;
  };
  const decoded = new Map(doc.countries.map((c) => [c.id, c.polygons.map((p) => p.map(ring))]));
  const [sx, sy] = doc.transform.scale, [tx, ty] = doc.transform.translate;
  const toQuantized = ([lon, lat]) => {
    const [x, y] = projection([lon, lat]);
    return [(x - tx) / sx, (y - ty) / sy];
  };
  const countryAt = (point) => [...decoded].filter(([, polygons]) => polygons.some(
    ([outer, ...holes]) => ringContains(outer, point) && !holes.some((h) => ringContains(h, point))))
    .map(([id]) => id);
  for (const [id, name, lonLat] of CHECK_POINTS) {
    const found = countryAt(toQuantized(lonLat));
    check(found.length === 1 && found[0] === id, `${name} should be in ${id}, found in [${found}]`);
  }
  check(countryAt(toQuantized([-20, 30])).length === 0, 'the Atlantic at (-20, 30) is in a country');
  check(decoded.get('PS') && decoded.get('PS').length === 2,
    'Palestine should have exactly two parts (West Bank and Gaza)');
  for (const kind of ['coast', 'land', 'disputed']) check(doc.borders[kind].length > 0, `no ${kind} arcs`);
  return { arcs, decoded };
}

// Simplification is per arc, so two arcs can in principle end up crossing. Count proper
// crossings between segments of different arcs (grid-bucketed, exact integer arithmetic).
function countCrossings(arcs, cell) {
  const segments = [];
  arcs.forEach((arc, a) => { for (let i = 1; i < arc.length; ++i) segments.push([arc[i - 1], arc[i], a]); });
  const grid = new Map();
  segments.forEach(([p, r], s) => {
    for (let gx = Math.floor(Math.min(p[0], r[0]) / cell); gx <= Math.floor(Math.max(p[0], r[0]) / cell); ++gx) {
      for (let gy = Math.floor(Math.min(p[1], r[1]) / cell); gy <= Math.floor(Math.max(p[1], r[1]) / cell); ++gy) {
        const key = `${gx},${gy}`;
        if (!grid.has(key)) grid.set(key, []);
        grid.get(key).push(s);
      }
    }
  });
  const orient = (a, b, c) => Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
  const seen = new Set();
  let crossings = 0;
  for (const bucket of grid.values()) {
    for (let i = 0; i < bucket.length; ++i) {
      for (let j = i + 1; j < bucket.length; ++j) {
        const [s, t] = bucket[i] < bucket[j] ? [bucket[i], bucket[j]] : [bucket[j], bucket[i]];
        const [a, b, arcA] = segments[s], [c, d, arcB] = segments[t];
        if (arcA === arcB && Math.abs(s - t) === 1) continue;   // neighbours on one arc
        const key = `${s},${t}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a), o4 = orient(c, d, b);
        if (o1 * o2 < 0 && o3 * o4 < 0) ++crossings;
      }
    }
  }
  return crossings;
}

// ---- Main --------------------------------------------------------------------------------

function main() {
  const args = parseArgs(process.argv.slice(2));
  const { atlas, atlasVersion, isoCountries } = loadSources();
  const src = indexSourceGeometries(atlas);
  const report = [];

  const projection = makeProjection();
  const q = makeQuantization(projectedRegionBox(projection));
  projection.clipExtent(q.clipBox);

  const { countries, disputed, leftovers } = correctedCountries(atlas, src, isoCountries, report);
  checkWinding(countries);
  const projected = projectCountries(countries, projection, q);
  for (const name of leftovers) {
    const inside = projectedRings(projection, feature(atlas, src.named(name)).geometry).length > 0;
    check(!inside, `"${name}" has no ISO code and lies inside the map: decide where it goes`);
    report.push(`"${name}" (no id) lies outside the extent: dropped`);
  }
  const lines = projectLines(disputed, projection, q);

  const topo = buildTopology(projected, lines, q.extent);
  const frameWidth = q.frame[2] - q.frame[0];
  const tolerance = frameWidth * TOLERANCE_FRACTION;
  simplifyTopology(topo, tolerance * tolerance);
  const degenerate = dropDegenerateRings(topo);
  compactArcs(topo);
  const { kind, internal } = classifyArcs(topo, q.extent);
  check(internal === 0, `${internal} arcs lie between two rings of one country`);

  const doc = buildDocument(topo, q, kind, isoCountries, atlasVersion);
  const { arcs } = checkDocument(doc, makeProjection());
  checkEdgeEnds(arcs, kind, q.extent);
  const crossings = countCrossings(arcs, Math.ceil(frameWidth / 100));
  check(crossings === 0, `${crossings} border segments cross after simplification: lower the tolerance`);

  const json = JSON.stringify(doc);
  const bytes = Buffer.from(json, 'utf8');
  fs.mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
  const temporary = `${args.out}.tmp-${process.pid}`;
  fs.writeFileSync(temporary, bytes);
  fs.renameSync(temporary, args.out);     // never leave a half-written file for make to trust

  const points = arcs.reduce((sum, arc) => sum + arc.length, 0);
  const gzip = zlib.gzipSync(bytes, { level: 9 }).length;
  const brotli = zlib.brotliCompressSync(bytes, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }).length;
  const log = (line) => process.stderr.write(`build-geometry: ${line}\n`);
  for (const line of report) log(line);
  log(`simplified with tolerance ${tolerance.toFixed(2)} units; dropped ${degenerate.dropped} degenerate ` +
    `rings; countries left with nothing to draw: ${degenerate.gone.join(', ') || 'none'}`);
  log(`${doc.countries.length} countries, ${arcs.length} arcs ` +
    `(${doc.borders.coast.length} coast, ${doc.borders.land.length} land, ${doc.borders.disputed.length} disputed), ` +
    `${points} points`);
  log(`${args.out}: ${bytes.length} bytes, ${gzip} gzip, ${brotli} brotli`);
}

try {
  main();
} catch (error) {
  if (!(error instanceof BuildError)) throw error;
  process.stderr.write(`build-geometry: error: ${error.message}\n`);
  process.exit(1);
}
