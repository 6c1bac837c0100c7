/* Kazakh Cyrillic ↔ Latin (official alphabet of 2021): the browser twin of
 * build_edition/text/translit.py (see its docstring for the table and the documented choice for
 * я ю ё ц ч щ ъ ь). Both are checked against tests/data/translit_vectors.json.
 * Works as a classic script (window.kkTranslit) and as a CommonJS module (for the tests). */
(function (root, factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.kkTranslit = api;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var CYRILLIC_TO_LATIN = {
    "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e", "ж": "j",
    "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n", "ң": "ñ",
    "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "ū", "ү": "ü",
    "ф": "f", "х": "h", "һ": "h", "ш": "ş", "ы": "y", "і": "ı", "э": "e",
    "я": "ya", "ю": "yu", "ё": "yo", "ц": "ts", "ч": "ch", "щ": "şş", "ъ": "", "ь": ""
  };
  var LATIN_UPPER = { "ı": "I", "i": "İ" };

  function upperLatin(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var ch = text[i];
      out += LATIN_UPPER[ch] || ch.toUpperCase();
    }
    return out;
  }

  function isUpper(ch) { return ch !== ch.toLowerCase() && ch === ch.toUpperCase(); }
  function isLetter(ch) { return ch.toLowerCase() !== ch.toUpperCase(); }

  function wordToLatin(word) {
    var letters = 0, capitals = 0;
    for (var i = 0; i < word.length; i++) {
      if (isLetter(word[i])) { letters++; if (isUpper(word[i])) capitals++; }
    }
    var allCaps = letters > 1 && capitals === letters;
    var out = "";
    for (var j = 0; j < word.length; j++) {
      var ch = word[j], lower = ch.toLowerCase();
      var latin = CYRILLIC_TO_LATIN[lower];
      if (latin === undefined) out += ch;
      else if (ch === lower) out += latin;
      else if (allCaps) out += upperLatin(latin);
      else out += upperLatin(latin.slice(0, 1)) + latin.slice(1);
    }
    return out;
  }

  function toLatin(text) {
    return text.replace(/[\u0400-\u04FF]+/g, wordToLatin);
  }

  var LATIN_TO_CYRILLIC = [
    ["shch", "щ"], ["sch", "щ"],
    ["a'", "ә"], ["g'", "ғ"], ["n'", "ң"], ["o'", "ө"], ["u'", "ү"], ["y'", "ұ"], ["i'", "і"],
    ["s'", "ш"], ["c'", "ч"],
    ["sh", "ш"], ["ch", "ч"], ["zh", "ж"], ["kh", "х"], ["gh", "ғ"], ["ts", "ц"],
    ["ya", "я"], ["yu", "ю"], ["yo", "ё"], ["ye", "е"],
    ["ä", "ә"], ["á", "ә"], ["ğ", "ғ"], ["ǵ", "ғ"], ["ñ", "ң"], ["ń", "ң"], ["ö", "ө"], ["ó", "ө"],
    ["ū", "ұ"], ["ü", "ү"], ["ú", "ү"], ["ş", "ш"], ["ç", "ч"], ["ı", "і"], ["ý", "у"],
    ["a", "а"], ["b", "б"], ["c", "ц"], ["d", "д"], ["e", "е"], ["f", "ф"], ["g", "г"], ["h", "х"],
    ["i", "и"], ["j", "ж"], ["k", "к"], ["l", "л"], ["m", "м"], ["n", "н"], ["o", "о"], ["p", "п"],
    ["q", "қ"], ["r", "р"], ["s", "с"], ["t", "т"], ["u", "у"], ["v", "в"], ["w", "у"], ["x", "х"],
    ["y", "ы"], ["z", "з"]
  ];
  var VOWELS_LATIN = "aeiouäöüūıáóúýy";

  function latinLower(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) out += text[i] === "İ" ? "i" : text[i].toLowerCase();
    return out;
  }

  function toCyrillicQuery(text) {
    text = latinLower(text);
    var out = [], i = 0;
    while (i < text.length) {
      var ch = text[i];
      if (ch === "y" && out.length && VOWELS_LATIN.indexOf(text[i - 1]) >= 0 &&
          (i + 1 === text.length || VOWELS_LATIN.indexOf(text[i + 1]) < 0)) {
        out.push("й"); i += 1; continue;
      }
      var matched = false;
      for (var k = 0; k < LATIN_TO_CYRILLIC.length; k++) {
        var pair = LATIN_TO_CYRILLIC[k];
        if (text.startsWith(pair[0], i)) { out.push(pair[1]); i += pair[0].length; matched = true; break; }
      }
      if (!matched) { out.push(ch); i += 1; }
    }
    return out.join("");
  }

  var LATIN_LETTER = /[a-zäöüūıñğşçáóúýǵńİ]/i;
  var CYRILLIC_LETTER = /[\u0400-\u04FF]/;

  function isLatinQuery(text) {
    return LATIN_LETTER.test(text) && !CYRILLIC_LETTER.test(text);
  }

  /* töte (kk-tote.js, loaded beside this script in the site), if it is there */
  function toteApi() {
    var global = typeof self !== "undefined" ? self : typeof globalThis !== "undefined" ? globalThis : null;
    return global && global.kkTote;
  }

  /* What the search box hands to the normaliser: a Latin-script query read as Cyrillic, and in a
   * Cyrillic query any word typed with Latin look-alikes too; a query with Arabic letters is töte
   * (build_edition/text/translit.py's twin). */
  function queryToCyrillic(text) {
    var tote = toteApi();
    if (tote && tote.isToteQuery(text)) return tote.toteQueryToCyrillic(text);
    if (isLatinQuery(text)) return toCyrillicQuery(text);
    return text.replace(/\p{L}+/gu, function (word) {
      return CYRILLIC_LETTER.test(word) && LATIN_LETTER.test(word) ? toCyrillicQuery(word) : word;
    });
  }

  /* Transliterates the text nodes under `root` in place, skipping code and every element whose
   * nearest lang attribute is not Kazakh (Russian quotations, English abstracts). */
  function latinizeElement(root) {
    if (typeof document === "undefined") return;
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var el = node.parentElement;
        if (!el || el.closest("code, pre, script, style")) return NodeFilter.FILTER_REJECT;
        var langEl = el.closest("[lang]");
        var lang = langEl ? langEl.getAttribute("lang") : "kk";
        return lang === "kk" || lang === "" ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) { node.nodeValue = toLatin(node.nodeValue); });
  }

  return {
    CYRILLIC_TO_LATIN: CYRILLIC_TO_LATIN,
    LATIN_TO_CYRILLIC: LATIN_TO_CYRILLIC,
    toLatin: toLatin,
    toCyrillicQuery: toCyrillicQuery,
    isLatinQuery: isLatinQuery,
    queryToCyrillic: queryToCyrillic,
    latinizeElement: latinizeElement
  };
});
