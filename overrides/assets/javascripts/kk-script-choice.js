/* The reader's reading view, before the first paint (issue 21): the one script loaded in <head> without
 * `defer`, kept tiny so it does not hold up the page. The converters (kk-translit.js, kk-tote.js) and the
 * views (reading-views.js, kk-tote-view.js) are deferred: they run when the page is parsed, before
 * DOMContentLoaded. So that a reader who chose the Latin or töte view never sees the Cyrillic text
 * meanwhile, this marks <html> with the choice (data-kk-script) and data-kk-converting, under which
 * edition.css keeps the page invisible; the view that converts the page removes the mark. Should a
 * deferred script fail to load, the page shows itself after two seconds as served. The parallel-view
 * mode (ru/en translated pages) is set here too, so the columns do not change after the first paint. */
(function () {
  "use strict";
  var root = document.documentElement;
  function load(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  var script = load("kk-script");
  if (script === "latn" || script === "arab") {
    root.setAttribute("data-kk-script", script);
    root.setAttribute("data-kk-converting", "");
    window.setTimeout(function () { root.removeAttribute("data-kk-converting"); }, 2000);
  }
  root.setAttribute("data-parallel-mode", load("kk-parallel-mode") === "translation" ? "translation" : "both");
})();
