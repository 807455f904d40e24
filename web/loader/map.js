// map.js — a view's map: its geometry downloaded after the first frame (so the text is
// readable at once), the country it selects first, instance.map, and the URL and live region
// that follow the selection.
//
// The standalone page selects from the URL's #pays=ML and keeps the URL in step with the
// selection; an embed selects options.country and leaves the host's URL alone.  Both announce
// the selection in a live region.
//
// Depends on: errors.js (say, message), time.js (now, measure), bridge.js (withStrings,
// copyIn), download.js (fetchOnce, fileName), listen.js (the view's scope), abi.js (ABI),
// mount.js (nextTask).

function startMap(instance, mod, packUrl, options) {
  var rel = mod.UTF8ToString(mod._pl_map_geometry_url());
  if (!rel || instance.view === 'error') return;
  var routed = !instance.embedded;
  var live = document.createElement('div');
  live.className = 'passerelle-live';
  live.setAttribute('aria-live', 'polite');
  (options.container || instance.element).appendChild(live);
  var m = { instance: instance, mod: mod, routed: routed, live: live, country: options.country };
  instance.map = mapApi(m);
  selectWanted(m);
  if (routed) instance._scope.listen(window, 'hashchange', function () { selectWanted(m, false); });
  var geometryUrl = new URL(rel, packUrl).href;
  // After the first frame: its download must not share the bandwidth with the wasm, fonts and
  // pack, nor its parse (a long task) come between the font slices and the first frame.
  instance.map.ready = instance.firstFrame.then(function () {
    return loadGeometry(m, geometryUrl);
  }).then(function () {
    selectWanted(m, true);  // the map can now move to the deep-linked country
    if (instance.requestFrame && instance._mod) instance.requestFrame();
  });
}

// A pl_* call that returns a string, with string arguments.
function mapString(mod, call, args) {
  return withStrings(mod, args, function () { return mod.UTF8ToString(call.apply(null, arguments)); });
}

// The country the URL (standalone page) or the tag (embeds) asks for.
function wantedCountry(m) {
  if (!m.routed) return String(m.country || '').toUpperCase();
  return mapString(m.mod, m.mod._pl_map_parse_hash, [location.hash]);
}

// Selects the wanted country if it is not already (again: even if it is).
function selectWanted(m, again) {
  var instance = m.instance, mod = m.mod;
  if (!instance._mod) return;
  var iso = wantedCountry(m);
  if (iso && (again === true || iso !== mapString(mod, mod._pl_map_selected, []))) {
    withStrings(mod, [iso], function (p) { return mod._pl_map_select(p, now()); });
    mod._pl_map_take_change();  // came from the URL or the tag: nothing to write back
    if (instance.requestFrame) instance.requestFrame();
  }
}

// instance.map.
function mapApi(m) {
  var instance = m.instance, mod = m.mod;
  function pagePoint(x, y) {
    var r = instance.canvas.getBoundingClientRect();
    return { x: r.left + window.scrollX + x, y: r.top + window.scrollY + y };
  }
  return {
    select: function (iso) {
      if (!instance._mod) return false;
      var ok = withStrings(mod, [String(iso || '').toUpperCase()], function (p) { return mod._pl_map_select(p, now()); });
      if (instance.requestFrame) instance.requestFrame();
      return !!ok;
    },
    selected: function () { return instance._mod ? mapString(mod, mod._pl_map_selected, []) || null : null; },
    // For tests and tools: {ready, selected, zoom, box: {x, y, w, h} in page CSS px}.
    state: function () {
      var st = JSON.parse(mod.UTF8ToString(mod._pl_map_state()));
      var at = pagePoint(st.box[0], st.box[1]);
      st.box = { x: at.x, y: at.y, w: st.box[2], h: st.box[3] };
      return st;
    },
    screenPoint: function (lon, lat) {
      if (!instance._mod || !mod._pl_map_screen_point(Number(lon), Number(lat))) return null;
      return pagePoint(mod._pl_map_point_x(), mod._pl_map_point_y());
    },
    // Called after each frame.
    sync: function () { syncSelection(m); }
  };
}

// Writes a changed selection to the URL (standalone page only; replaceState: no history
// entry per click) and announces it.
function syncSelection(m) {
  var mod = m.mod;
  if (!mod._pl_map_take_change()) return;
  var iso = mapString(mod, mod._pl_map_selected, []);
  if (m.routed) {
    var hash = mapString(mod, mod._pl_map_hash, [location.hash, iso]);
    if (hash !== location.hash && !(hash === '' && location.hash === '#')) {
      history.replaceState(history.state, '', hash ? hash : location.pathname + location.search);
    }
  }
  m.live.textContent = iso ? mapString(mod, mod._pl_map_name, [iso]) : '';
}

// Downloads the geometry and loads it in steps, one per task (pl_map_geometry_step, up to
// ~25 ms each at CPU 4x but the JSON parse, 64-80 ms): the whole load in one call was the longest task after start-up, 210-400 ms on a slow
// phone, with input and painting blocked.  Each step leaves a 'passerelle:map-step' measure;
// 'passerelle:map-load' spans the download's end to the map's readiness.  A failure is drawn
// in the map's box ('map': the rest of the page is usable) and kept in
// instance.map.failure.  Never rejects.
function loadGeometry(m, url) {
  var instance = m.instance, mod = m.mod;
  var name = fileName(url), downloaded = 0;
  return fetchOnce(url, '').promise.then(function (buffer) {
    if (!instance._mod) return;
    downloaded = performance.now();
    // The bytes are copied into the App, which keeps them until the last step (or frees
    // them with itself when the view is destroyed in the middle: pl_shutdown).
    withStrings(mod, [name], function (p) {
      return copyIn(mod, buffer, function (ptr, len) { return mod._pl_map_geometry_begin(ptr, len, p); });
    });
    return stepGeometry(m);
  }).then(function () {
    if (downloaded && instance._mod) measure('passerelle:map-load', downloaded, { view: instance.view });
  }).catch(function (err) {
    var msg = message(err);
    if (instance._mod) {
      withStrings(mod, [say('map', { detail: msg }, instance.lang)], function (p) { mod._pl_map_unavailable(p); });
    }
    instance.map.failure = msg;
  });
}

// The load's next step in a task of its own, then the ones after it; rejects with the first
// error of a bad geometry.  Stops, quietly, when the view is gone.
function stepGeometry(m) {
  var instance = m.instance, mod = m.mod;
  return nextTask().then(function () {
    if (!instance._mod) return;  // destroyed: pl_shutdown freed the load with the App
    var t0 = performance.now();
    var r = mod._pl_map_geometry_step();
    measure('passerelle:map-step', t0, { view: instance.view });
    if (r === ABI.MapStep.more) return stepGeometry(m);
    if (r === ABI.MapStep.failed) throw new Error(mod.UTF8ToString(mod._pl_map_error()));
  });
}
