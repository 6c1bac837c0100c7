/* Kazakh search normalisation in the browser: the twin of build_edition/site/search/normaliser.py.
 * Both interpret the same rules file (build_edition/data/search/kk-search-rules.json, copied to
 * assets/search/ in the built site); tests/test_search_normaliser.py runs both on the same words.
 * Works as a classic script (window.kkSearchNormaliser) and as a CommonJS module (tests). */
(function (root, factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.kkSearchNormaliser = api;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var WORD = /[\p{L}\p{N}]+/gu;

  function compile(data) {
    var contexts = data.contexts;
    var slots = data.slots.map(function (slot) {
      var suffixes = slot.suffixes.map(function (s) {
        var letters = s[2].split("").map(function (c) { return contexts[c]; }).join("");
        return { form: s[0], harmony: s[1], contexts: letters };
      });
      // longest first; Array.prototype.sort is stable, as Python's sorted is
      return suffixes.sort(function (a, b) { return b.form.length - a.form.length; });
    });
    var ignorable = data.ignorable
      ? new RegExp("[" + data.ignorable.replace(/[\]\\^-]/g, "\\$&") + "]", "g") : null;
    return {
      ignorable: ignorable, fold: data.fold, minStem: data.min_stem,
      minStemVowelInitial: data.min_stem_vowel_initial, vowels: data.vowels,
      frontOnly: data.front_only, backOnly: data.back_only, keep: new Set(data.keep), wordEnd: data.word_end,
      slots: slots, cache: new Map()
    };
  }

  function fold(text, rules) {
    var lower = text.normalize("NFC").toLowerCase(), out = "";
    for (var ch of lower) out += Object.prototype.hasOwnProperty.call(rules.fold, ch) ? rules.fold[ch] : ch;
    return out;
  }

  function lastVowel(stem, vowels) {
    for (var i = stem.length - 1; i >= 0; i--) if (vowels.indexOf(stem[i]) >= 0) return stem[i];
    return "";
  }

  function strippable(rest, suffix, rules) {
    var shortest = rest && rules.vowels.indexOf(rest[0]) >= 0 ? rules.minStemVowelInitial : rules.minStem;
    if (rest.length < shortest) return false;
    var hasVowel = false;
    for (var i = 0; i < rest.length; i++) if (rules.vowels.indexOf(rest[i]) >= 0) { hasVowel = true; break; }
    if (!hasVowel) return false;
    if (suffix.contexts.indexOf(rest[rest.length - 1]) < 0) return false;
    var last = lastVowel(rest, rules.vowels);
    var blocked = (suffix.harmony === "B" && last && rules.frontOnly.indexOf(last) >= 0) ||
                  (suffix.harmony === "F" && last && rules.backOnly.indexOf(last) >= 0);
    return !blocked;
  }

  function stem(word, rules) {
    for (var s = 0; s < rules.slots.length; s++) {
      if (rules.keep.has(word)) break;
      var candidates = [];
      var slot = rules.slots[s];
      for (var k = 0; k < slot.length; k++) {
        var suffix = slot[k];
        if (word.length >= suffix.form.length && word.endsWith(suffix.form)) {
          var rest = word.slice(0, word.length - suffix.form.length);
          if (strippable(rest, suffix, rules)) candidates.push(rest);
        }
      }
      if (candidates.length) {
        var kept = candidates.find(function (c) { return rules.keep.has(c); });
        word = kept !== undefined ? kept : candidates[0];
      }
    }
    return word;
  }

  function tokenize(text, rules) {
    text = text.normalize("NFC");
    if (rules.ignorable) text = text.replace(rules.ignorable, "");
    return text.match(WORD) || [];
  }

  /* Words with their offsets in the cleaned text, for highlighting. */
  function tokenSpans(text, rules) {
    text = text.normalize("NFC");
    if (rules.ignorable) text = text.replace(rules.ignorable, "");
    var spans = [];
    for (var m of text.matchAll(WORD)) spans.push({ word: m[0], start: m.index, end: m.index + m[0].length });
    return { text: text, spans: spans };
  }

  function normaliseWord(word, rules) {
    var cached = rules.cache.get(word);
    if (cached === undefined) {
      cached = stem(fold(word, rules), rules);
      rules.cache.set(word, cached);
    }
    return cached;
  }

  function normaliseText(text, rules) {
    return tokenize(text, rules).map(function (w) { return normaliseWord(w, rules); });
  }

  return {
    compile: compile, fold: fold, stem: stem, tokenize: tokenize, tokenSpans: tokenSpans,
    normaliseWord: normaliseWord, normaliseText: normaliseText
  };
});
