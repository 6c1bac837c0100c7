/* Reading views of the edition (issue 8), deferred in <head> right after kk-translit.js (overrides/main.html).
 *
 * Latin script: one click in the header shows every Kazakh text of the site in the official Latin
 * alphabet of 2021 (build_edition/text/translit.py and its twin kk-translit.js); the choice is kept in
 * localStorage, so every page opens in it. The page is converted when the parser has built it, before
 * DOMContentLoaded (this script is deferred), and kk-script-choice.js keeps it invisible until then, so
 * the Cyrillic text never flashes; later changes (Material's widgets, search results, tooltips) are
 * converted by a MutationObserver as they come. Only text nodes are converted, and the titles of abbreviations (their tooltips): links,
 * ids and other attributes stay as they are, so search, anchors and glossary links keep working.
 * Text whose nearest lang is not Kazakh (Russian and English segments, translations) and code are
 * left alone, and so are Latin words and numbers inside Kazakh text. Back to Cyrillic reloads the page.
 * <html data-kk-script="latn"> tells other scripts (the search results) which script is shown.
 *
 * Parallel view: on a translated page of the ru/en interface (build_edition/site/translation_hook.py), a
 * button switches between original | translation and the translation alone; kept in localStorage.
 *
 * Apparatus: a correction's link marks the corrected word itself in its paragraph. Print: the print
 * header gets the page's address.
 */
(function () {
  "use strict";

  var SCRIPT_KEY = "kk-script";
  var PARALLEL_KEY = "kk-parallel-mode";
  var root = document.documentElement;
  var translit = window.kkTranslit;
  var SKIP = "script, style, code, pre, kbd, samp, textarea, .kk-script-toggle";

  function load(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function save(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* private mode: this page only */ }
  }

  /* -- Latin script -------------------------------------------------------------------------- */

  /* Material shows a tooltip in a box at the end of <body>: its text is in the language of the
   * element it describes (aria-describedby), not of the page's interface. */
  function languageHost(element) {
    var tooltip = element.closest("[role='tooltip'][id]");
    if (!tooltip) return element;
    return document.querySelector("[aria-describedby~='" + CSS.escape(tooltip.id) + "']") || element;
  }

  function kazakh(element) {
    var marked = languageHost(element).closest("[lang]");
    var lang = marked ? marked.getAttribute("lang") : "kk";
    return lang === "kk" || lang === "";
  }

  function convertText(node) {
    var parent = node.parentElement;
    if (!parent || parent.closest(SKIP) || !kazakh(parent)) return;
    var latin = translit.toLatin(node.nodeValue);
    if (latin !== node.nodeValue) node.nodeValue = latin;
  }

  function convertTitle(element) {
    if (element.tagName === "ABBR" && element.title && kazakh(element)) {
      var latin = translit.toLatin(element.title);
      if (latin !== element.title) element.title = latin;
    }
  }

  /* A tooltip made before the switch may be shown again for its element: convert it when it is. */
  function convertDescriptions(element) {
    (element.getAttribute("aria-describedby") || "").split(/\s+/).forEach(function (id) {
      var described = id && document.getElementById(id);
      if (described && described.getAttribute("role") === "tooltip") convert(described);
    });
  }

  function convert(node) {
    if (node.nodeType === 3) { convertText(node); return; }
    if (node.nodeType !== 1) return;
    convertTitle(node);
    if (node.closest && node.closest(SKIP)) return;
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    var current = walker.nextNode();
    while (current) {
      if (current.nodeType === 3) convertText(current); else convertTitle(current);
      current = walker.nextNode();
    }
  }

  var observer = null;

  function showLatin() {
    root.setAttribute("data-kk-script", "latn");
    if (observer || !translit) return;
    if (kazakh(root) && document.title) document.title = translit.toLatin(document.title);
    observer = new MutationObserver(function (records) {
      for (var i = 0; i < records.length; i++) {
        var record = records[i];
        if (record.type === "characterData") convertText(record.target);
        else if (record.attributeName === "title") convertTitle(record.target);
        else if (record.attributeName === "aria-describedby") convertDescriptions(record.target);
        else for (var j = 0; j < record.addedNodes.length; j++) convert(record.addedNodes[j]);
      }
    });
    // the whole document, from now on: the parser's nodes, Material's widgets, search results, and
    // tooltips: Material takes an abbreviation's title while its tooltip shows, puts back the text it
    // took when the tooltip hides (maybe after the switch) and may show the same tooltip box again
    observer.observe(root, { childList: true, subtree: true, characterData: true,
                             attributes: true, attributeFilter: ["title", "aria-describedby"] });
    if (document.body) convert(document.body);
    root.removeAttribute("data-kk-converting");        // shown now (kk-script-choice.js, edition.css)
  }

  // the toggle's tooltip in the interface language (the <html> lang: kk, or ru/en under ru/ and en/)
  var SCRIPT_TOOLTIPS = {
    kk: {latn: "Латын әліпбиімен оқу (2021)", cyrl: "Кирилл әліпбиімен оқу"},
    ru: {latn: "Читать казахский текст латиницей (алфавит 2021 года)", cyrl: "Читать казахский текст кириллицей"},
    en: {latn: "Read the Kazakh text in the Latin alphabet (2021)", cyrl: "Read the Kazakh text in Cyrillic"}
  };

  function scriptButton() {
    var latin = root.getAttribute("data-kk-script") === "latn";
    var tooltips = SCRIPT_TOOLTIPS[(root.getAttribute("lang") || "kk").split("-")[0]] || SCRIPT_TOOLTIPS.kk;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-header__button kk-script-toggle";
    button.setAttribute("aria-pressed", latin ? "true" : "false");
    // the label in the script it switches to (its lang keeps it out of the conversion)
    var label = document.createElement("span");
    label.setAttribute("lang", latin ? "kk-Cyrl" : "kk-Latn");
    label.textContent = latin ? "Кирил" : "Latyn";
    button.appendChild(label);
    button.title = latin ? tooltips.cyrl : tooltips.latn;
    // the accessible name starts with the visible label (WCAG 2.5.3 label in name)
    button.setAttribute("aria-label", label.textContent + " – " + button.title);
    button.addEventListener("click", function () {
      if (root.getAttribute("data-kk-script") === "latn") {
        save(SCRIPT_KEY, "cyrl");
        window.location.reload();          // the Cyrillic text is the page as served
      } else {
        save(SCRIPT_KEY, "latn");
        showLatin();
        var fresh = scriptButton();
        button.replaceWith(fresh);
        fresh.focus();
      }
    });
    return button;
  }

  function placeScriptButton() {
    var header = document.querySelector(".md-header__inner");
    if (!header || !translit) return;
    var before = header.querySelector("label.md-header__button[for='__search']") ||
      header.querySelector(".md-header__source");
    header.insertBefore(scriptButton(), before);
  }

  /* -- Parallel view ------------------------------------------------------------------------- */

  function setParallelMode(mode) {
    root.setAttribute("data-parallel-mode", mode);
    var toggle = document.querySelector("[data-parallel-toggle]");
    if (toggle) {
      toggle.textContent = mode === "translation" ? toggle.dataset.labelParallel : toggle.dataset.labelOnly;
      toggle.setAttribute("aria-pressed", mode === "translation" ? "true" : "false");
    }
  }

  function wireParallelToggle() {
    var toggle = document.querySelector("[data-parallel-toggle]");
    if (!toggle) return;
    toggle.hidden = false;
    setParallelMode(root.getAttribute("data-parallel-mode") || "both");
    toggle.addEventListener("click", function () {
      var mode = root.getAttribute("data-parallel-mode") === "translation" ? "both" : "translation";
      save(PARALLEL_KEY, mode);
      setParallelMode(mode);
    });
  }

  /* -- the apparatus: a correction's link marks the corrected word in its paragraph ------------- */

  /* An entry of the apparatus reads "жария-/лаумен → жариялаумен", linked to the paragraph (#p913):
   * following it marks the reading after the arrow in that paragraph (not the whole paragraph) and
   * brings it to the middle of the screen, clear of the header and the back-to-top button. */
  var MARK_SKIP = ".segment-link, .headerlink, .edition-cite-button, .page-milestone, sup";

  function clearMarks() {
    document.querySelectorAll("mark.edition-emendation").forEach(function (mark) {
      var parent = mark.parentNode;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      parent.removeChild(mark);
      parent.normalize();
    });
    root.removeAttribute("data-edition-marked");
  }

  function findText(element, wanted) {
    var walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest(MARK_SKIP)) continue;
      var at = node.nodeValue.indexOf(wanted);
      if (at >= 0) return { node: node, at: at };
    }
    return null;
  }

  function markReading(target, reading) {
    var wanted = reading.trim();
    var found = wanted && findText(target, wanted);
    if (!found) {                            // the reading with its punctuation may span two text nodes
      wanted = wanted.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
      found = wanted && findText(target, wanted);
    }
    if (!found) return null;
    var range = document.createRange();
    range.setStart(found.node, found.at);
    range.setEnd(found.node, found.at + wanted.length);
    var mark = document.createElement("mark");
    mark.className = "edition-emendation";
    range.surroundContents(mark);
    root.setAttribute("data-edition-marked", "");
    return mark;
  }

  function followApparatusLink(link) {
    var arrow = link.textContent.split("→");
    var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (arrow.length !== 2 || !target) return;
    var mark = markReading(target, arrow[1]);
    if (mark) mark.scrollIntoView({ block: "center" });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href^='#']");
    if (!link || event.defaultPrevented) return;
    clearMarks();
    if (link.closest(".edition-apparatus")) {
      // after the browser has followed the link (and scrolled to the paragraph)
      window.setTimeout(function () { followApparatusLink(link); }, 0);
    }
  });

  /* -- footnotes on a touch screen: a tap shows the note in place ------------------------------ */

  /* Material's footnote tooltips (mkdocs.yml: content.footnote.tooltips) show a note when its number
   * is hovered or focused; a tap on a phone would also follow the link to the end of a long page.
   * A tap only focuses the number, so the note opens beside it and the reader stays in the text. */
  var lastPointer = "";
  document.addEventListener("pointerdown", function (event) { lastPointer = event.pointerType; }, true);
  document.addEventListener("click", function (event) {
    var ref = event.target.closest && event.target.closest("a.footnote-ref");
    if (!ref || lastPointer !== "touch") return;
    event.preventDefault();
    ref.focus({ preventScroll: true });
  }, true);

  /* -- the printed page: its address in the print header (overrides/main.html) ------------------ */

  function fillPrintAddress() {
    document.querySelectorAll("[data-edition-print-address]").forEach(function (element) {
      if (!/^https?:/.test(element.textContent.trim())) element.textContent = window.location.href.split("#")[0];
    });
  }

  /* -- when the page is parsed (kk-script-choice.js has marked <html> before the first paint) ---- */

  if (load(SCRIPT_KEY) === "latn") showLatin();
  if (!root.hasAttribute("data-parallel-mode")) {
    root.setAttribute("data-parallel-mode", load(PARALLEL_KEY) === "translation" ? "translation" : "both");
  }

  function ready() {
    placeScriptButton();
    wireParallelToggle();
    fillPrintAddress();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();

  window.kkReadingViews = { showLatin: showLatin, setParallelMode: setParallelMode };
})();
