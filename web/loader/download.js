// download.js — the files a view needs, each downloaded once per page however many views
// ask for it, with progress; the wasm also compiled once.
//
// Depends on: errors.js (failure, withCode), time.js (measure).

// A download that reports its bytes as they arrive.  Rejects with a failure for people
// ('download', 'network', 'integrity').  With an integrity ("sha384-…"), the bytes are checked: by
// SubtleCrypto after the download (the progress stays live), or by fetch itself where
// SubtleCrypto is missing (http pages).
// content: a pack, whose redirects are refused (a pack is read from where the page says,
// never from where a server sends it).
function download(url, onProgress, integrity, content) {
  var subtle = integrity && window.crypto && crypto.subtle;
  var init = { credentials: 'same-origin' };
  if (integrity && !subtle) init.integrity = integrity;
  if (content) init.redirect = 'error';
  return fetch(url, init).catch(function () { throw failure('network', { url: url }); }).then(function (res) {
    if (!res.ok) throw failure('download', { status: res.status, url: url });
    return readBody(res, onProgress);
  }).then(function (buffer) {
    var m = subtle && /^sha(256|384|512)-(\S+)$/.exec(integrity);
    if (!m) return buffer;
    return subtle.digest('SHA-' + m[1], buffer).then(function (hash) {
      var s = '', b = new Uint8Array(hash);
      for (var i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
      if (btoa(s) !== m[2]) throw failure('integrity', { url: url });
      return buffer;
    });
  }).catch(withCode('download'));
}

// The bytes of a response, read chunk by chunk so that onProgress(got, total) follows them.
function readBody(res, onProgress) {
  // With Content-Encoding, Content-Length counts compressed bytes but the stream yields
  // decoded ones: use the decoded size when the server says it, else "unknown".
  var encoded = !!res.headers.get('Content-Encoding');
  var total = Number(res.headers.get(encoded ? 'X-Decoded-Length' : 'Content-Length')) || 0;
  if (!res.body || !res.body.getReader) {
    return res.arrayBuffer().then(function (b) { onProgress(b.byteLength, b.byteLength); return b; });
  }
  var reader = res.body.getReader();
  var chunks = [], received = 0;
  function pump() {
    return reader.read().then(function (r) {
      if (r.done) {
        var out = new Uint8Array(received), at = 0;
        chunks.forEach(function (c) { out.set(c, at); at += c.length; });
        return out.buffer;
      }
      chunks.push(r.value);
      received += r.value.length;
      onProgress(received, total);
      return pump();
    });
  }
  return pump();
}

// url → {promise (bytes), got, total, listeners}: every view that needs a file shares one
// download of it.  A failed download is forgotten, so that a later view tries again.
var files = Object.create(null);
function fetchOnce(url, integrity, content) {
  var f = files[url];
  if (f) return f;
  f = files[url] = { got: 0, total: 0, listeners: [] };
  f.promise = download(url, function (got, total) {
    f.got = got;
    f.total = total;
    f.listeners.forEach(function (fn) { fn(); });
  }, integrity, content);
  f.promise.then(function () { f.listeners = []; }, function () { if (files[url] === f) delete files[url]; });
  return f;
}

// The last path segment of a URL, %-decoded for people; as it is when the escapes are not
// UTF-8 (decodeURIComponent would throw "URI malformed").
function fileName(url) {
  var name = String(url).split(/[?#]/)[0].split('/').pop();
  try { return decodeURIComponent(name); } catch (e) { return name; }
}

// The wasm: downloaded and compiled once; f.module is a Promise of the WebAssembly.Module.
function compileOnce(url, integrity) {
  var f = fetchOnce(url, integrity);
  if (!f.module) {
    f.module = f.promise.then(function (bytes) {
      var t0 = performance.now();
      return WebAssembly.compile(bytes).then(function (m) {
        measure('passerelle:compile', t0);
        return m;
      }, withCode('bad-wasm'));
    });
    f.module.then(function () { f.promise = null; },  // the bytes are not needed any more
      function () { if (files[url] === f) delete files[url]; });
  }
  return f;
}
