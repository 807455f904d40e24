// status.js — what a view shows outside its canvas: loading progress, a failure with a way to
// retry, and a bad pack's errors as text.
//
// Depends on: errors.js (say), listen.js (PAGE).

// Loading progress, then (only if needed) an error message with a retry button.
function makeStatus(container, lang) {
  var box = document.createElement('div');
  box.className = 'passerelle-status';
  box.setAttribute('role', 'status');
  var label = document.createElement('p');
  label.className = 'passerelle-status-label';
  label.textContent = say('loading', null, lang);
  var bar = document.createElement('progress');
  bar.className = 'passerelle-progress';
  bar.max = 1;
  bar.value = 0;
  bar.setAttribute('aria-label', say('progress', null, lang));
  box.appendChild(label);
  box.appendChild(bar);
  container.appendChild(box);
  return {
    progress: function (fraction) { bar.value = Math.max(0, Math.min(1, fraction)); },
    fail: function (title, detail) { showFailure(box, title, detail, lang); },
    hide: function () { box.hidden = true; }
  };
}

// The status box becomes an alert: the title, the detail, and "Réessayer" (reloads the page;
// its listener is the page's: the view that failed has released its own).
function showFailure(box, title, detail, lang) {
  box.className = 'passerelle-status passerelle-error';
  box.setAttribute('role', 'alert');
  box.textContent = '';
  var h = document.createElement('p');
  h.className = 'passerelle-error-title';
  h.textContent = title;
  box.appendChild(h);
  if (detail) {
    var p = document.createElement('p');
    p.className = 'passerelle-error-detail';
    p.textContent = detail;
    box.appendChild(p);
  }
  var retry = document.createElement('button');
  retry.type = 'button';
  retry.textContent = say('retry', null, lang);
  PAGE.listen(retry, 'click', function () { location.reload(); });
  box.appendChild(retry);
  box.hidden = false;
}

// The standalone page's status: progress in a strip at the top; a failure is a notice above
// the prerendered page, which shows again (readable without the canvas).
function pageStatus(host) {
  var s = makeStatus(host, document.documentElement.lang);
  var fail = s.fail;
  s.fail = function (title, detail) {
    document.documentElement.classList.remove('passerelle-canvas-on');
    fail(title, detail);
  };
  return s;
}

// The canvas shows a bad pack's errors; this repeats them as text for assistive technology
// and for copying.
function announceErrors(element, packName, errors, lang) {
  var box = document.createElement('div');
  box.className = 'passerelle-errors-text';
  box.setAttribute('role', 'alert');
  var p = document.createElement('p');
  p.textContent = say('pack-errors', { pack: packName, n: errors.length, s: errors.length > 1 ? 's' : '' }, lang);
  box.appendChild(p);
  var ul = document.createElement('ul');
  errors.forEach(function (e) { var li = document.createElement('li'); li.textContent = e; ul.appendChild(li); });
  box.appendChild(ul);
  element.appendChild(box);
}
