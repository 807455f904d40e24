// consent.js — a view's consent rules (C++, when the pack declares consent) connected to
// consent-gate.js, which enforces them in the document.
//
// Depends on: abi.js (ABI, flag, nameOf), bridge.js (withStrings).

// Starts the rules with what the browser knows: the cookie, Global Privacy Control, whether
// a cookie can be stored, the page's language.
function startConsent(instance, mod, lang) {
  var gate = api._consentGate;
  var storage = gate ? gate.storageAvailable() : false;
  var cookie = gate ? gate.readCookie() : '';
  var gpc = flag(navigator.globalPrivacyControl === true);
  var on = withStrings(mod, [cookie, lang], function (c, l) {
    return mod._pl_consent_start(c, Date.now() / 1000, gpc, flag(storage), l);
  });
  instance.consent = !!on;
  instance.consentStorage = storage;
  // For tests and tools: the consent widget's state and buttons (CSS px).
  instance.consentView = function () { return nameOf(ABI.ConsentView, mod._pl_consent_view()); };
  instance.consentButtons = function () { return JSON.parse(mod.UTF8ToString(mod._pl_consent_buttons())); };
  if (!on || !gate) return;
  // Decisions made in frames since the last call go to the gate (cookie, scripts, frames).
  instance.takeConsent = function () {
    var names = gate.cookieNames().join(',');
    var outs = JSON.parse(withStrings(mod, [names], function (n) { return mod.UTF8ToString(mod._pl_consent_take(n)); }));
    outs.forEach(function (o) { gate.decided(o); });
  };
  gate.attach({
    lang: lang,
    // An embed says the withdrawal notice in its own shadow root, never in the host's body.
    announce: instance.embedded ? function (text) { liveRegion(instance).textContent = text; } : null,
    show: function () { if (instance._mod) { mod._pl_consent_show(); instance.requestFrame(); } },
    grant: function (purpose) {
      if (!instance._mod) return;
      withStrings(mod, [purpose], function (p) { return mod._pl_consent_grant(p); });
      instance.takeConsent();
      instance.requestFrame();
    }
  }, JSON.parse(mod.UTF8ToString(mod._pl_consent_state())));
}

// The view's polite live region, in its container (an embed's shadow root), made once.
function liveRegion(instance) {
  if (!instance._live) {
    var live = instance._live = document.createElement('div');
    live.className = 'passerelle-live';
    live.setAttribute('aria-live', 'polite');
    instance._container.appendChild(live);
  }
  return instance._live;
}
