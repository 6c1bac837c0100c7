/* The töte reading view (issue 20), deferred in <head> after kk-tote.js and reading-views.js.
 *
 * A third script beside Cyrillic and the Latin view (reading-views.js): one click in the header shows
 * the article of every page in töte jazu, the Arabic-based Kazakh script (build_edition/text/tote.py
 * and its twin kk-tote.js), right to left: the article's Kazakh parts get lang="kk-Arab" dir="rtl".
 * Like the Latin view, the choice is kept in localStorage under "kk-script" ("arab") and the page is
 * converted when the parser has built it, before DOMContentLoaded, and kk-script-choice.js keeps the page
 * invisible until then, so the Cyrillic text never flashes. Only the article is
 * converted (the header, navigation and search stay in the interface's script), only its text nodes
 * and abbreviation titles; elements whose nearest lang is not Kazakh (Russian and English segments)
 * keep their text and get dir="ltr"; code stays left to right; numbers stay Western digits.
 * <html data-kk-script="arab"> tells the stylesheet (tote.css) and other scripts which script is shown.
 * Back to Cyrillic, or on to Latin, reloads the page. */
(function () {
  "use strict";

  var SCRIPT_KEY = "kk-script";
  var root = document.documentElement;
  var tote = window.kkTote;
  var ARTICLE = "article.md-content__inner";
  var SKIP = "script, style, code, pre, kbd, samp, textarea, svg, math";

  function load() {
    try { return window.localStorage.getItem(SCRIPT_KEY); } catch (e) { return null; }
  }
  function save(value) {
    try { window.localStorage.setItem(SCRIPT_KEY, value); } catch (e) { /* private mode: this page only */ }
  }

  function kazakhLang(lang) { return lang === "kk" || lang === "kk-Arab" || lang === ""; }

  function kazakh(element) {
    var marked = element.closest("[lang]");
    return kazakhLang(marked ? marked.getAttribute("lang") : "kk");
  }

  /* An element of the article: Kazakh ones become kk-Arab, right to left; others keep their script,
   * left to right (a Russian quotation inside a töte paragraph is isolated by its dir). */
  function markElement(element) {
    if (!element.closest(ARTICLE)) return;
    if (element.hasAttribute("lang") || element.matches(ARTICLE)) {
      var lang = element.hasAttribute("lang") ? element.getAttribute("lang") : (kazakh(element) ? "kk" : null);
      if (lang === "kk") {
        element.setAttribute("lang", "kk-Arab");
        element.setAttribute("dir", "rtl");
      } else if (lang !== null && !kazakhLang(lang) && !element.hasAttribute("dir")) {
        element.setAttribute("dir", "ltr");
      }
    }
    if (element.tagName === "ABBR" && element.title && kazakh(element)) {
      var arabic = tote.toArabic(element.title);
      if (arabic !== element.title) element.title = arabic;
    }
  }

  function convertText(node) {
    var parent = node.parentElement;
    if (!parent || !parent.closest(ARTICLE) || parent.closest(SKIP) || !kazakh(parent)) return;
    var arabic = tote.toArabic(node.nodeValue);
    if (arabic !== node.nodeValue) node.nodeValue = arabic;
  }

  function convert(node) {
    if (node.nodeType === 3) { convertText(node); return; }
    if (node.nodeType !== 1) return;
    markElement(node);
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    var current = walker.nextNode();
    while (current) {
      if (current.nodeType === 3) convertText(current); else markElement(current);
      current = walker.nextNode();
    }
  }

  var observer = null;

  function showTote() {
    root.setAttribute("data-kk-script", "arab");
    if (observer || !tote) return;
    observer = new MutationObserver(function (records) {
      for (var i = 0; i < records.length; i++) {
        var record = records[i];
        if (record.type === "characterData") convertText(record.target);
        else if (record.type === "attributes") markElement(record.target);
        else for (var j = 0; j < record.addedNodes.length; j++) convert(record.addedNodes[j]);
      }
    });
    observer.observe(root, { childList: true, subtree: true, characterData: true,
                             attributes: true, attributeFilter: ["title"] });
    if (document.body) convert(document.body);
    root.removeAttribute("data-kk-converting");        // shown now (kk-script-choice.js, edition.css)
  }

  function toteButton() {
    var arab = root.getAttribute("data-kk-script") === "arab";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-header__button kk-tote-toggle";
    button.setAttribute("aria-pressed", arab ? "true" : "false");
    // the label in the script it switches to; the accessible name starts with it (WCAG 2.5.3)
    button.setAttribute("lang", arab ? "kk-Cyrl" : "kk-Arab");
    button.setAttribute("dir", arab ? "ltr" : "rtl");
    button.textContent = arab ? "Кирил" : "توتە";
    button.title = arab ? "Кирилл әліпбиімен оқу" : "Төте жазумен оқу (араб графикасы)";
    button.setAttribute("aria-label", button.textContent + " – " + button.title);
    button.addEventListener("click", function () {
      var shown = root.getAttribute("data-kk-script");
      if (shown === "arab" || shown === "latn") {
        save(shown === "arab" ? "cyrl" : "arab");
        window.location.reload();          // the page as served, then converted if töte was chosen
        return;
      }
      save("arab");
      showTote();
      var fresh = toteButton();
      button.replaceWith(fresh);
      fresh.focus();
    });
    return button;
  }

  function placeToteButton() {
    var header = document.querySelector(".md-header__inner");
    if (!header || !tote) return;
    var latin = header.querySelector(".kk-script-toggle");
    var before = latin ? latin.nextSibling : header.querySelector("label.md-header__button[for='__search']") ||
      header.querySelector(".md-header__source");
    header.insertBefore(toteButton(), before);
  }

  /* The Latin button (reading-views.js) while töte is shown: Latin is chosen, from the page as served. */
  document.addEventListener("click", function (event) {
    var latin = event.target.closest && event.target.closest(".kk-script-toggle");
    if (!latin || root.getAttribute("data-kk-script") !== "arab") return;
    event.stopPropagation();
    event.preventDefault();
    save("latn");
    window.location.reload();
  }, true);

  if (load() === "arab") showTote();

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", placeToteButton);
  else placeToteButton();

  window.kkToteView = { showTote: showTote };
})();
