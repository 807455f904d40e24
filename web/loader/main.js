// main.js — the end of passerelle.js: the standalone page mounts each [data-passerelle-pack]
// element once the document is parsed (the first one with the page's semantic mirror and
// status strip).
//
// Depends on: mount.js (api.mount), mirror.js (makeMirror), status.js (pageStatus),
// listen.js (PAGE), gpu-warmup.js (warmGpu).

function boot() {
  var nodes = document.querySelectorAll('[data-passerelle-pack]');
  var mirror = document.querySelector('[data-passerelle-mirror]');
  var statusHost = document.querySelector('.passerelle-statusbar');
  for (var i = 0; i < nodes.length; i++) {
    if (nodes[i].__passerelle) continue;
    var options = { autofocus: nodes[i].hasAttribute('data-passerelle-autofocus'), gpuWarmup: warmGpu() };
    if (mirror && i === 0) {  // one mirror: the page's
      options.mirror = makeMirror(mirror);
      if (statusHost) options.status = pageStatus(statusHost);
    }
    nodes[i].__passerelle = api.mount(nodes[i], options);
  }
}
if (document.readyState === 'loading') PAGE.listen(document, 'DOMContentLoaded', boot);
else boot();
