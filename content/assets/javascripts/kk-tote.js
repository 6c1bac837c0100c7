/* Kazakh Cyrillic → töte jazu (the Arabic-based Kazakh script) and töte search queries → Cyrillic:
 * the browser twin of build_edition/text/tote.py (its docstring gives the rules and their sources).
 * Both are checked against tests/data/tote_vectors.json. The tables are written in from
 * build_edition/data/translit/kk-arab.json (placeholders in this script's source,
 * build_edition/data/translit/kk-tote.js) by `build-edition build` (build_edition/write/scripts.py).
 * Works as a classic script (window.kkTote) and as a CommonJS module (for the tests). */
(function (root, factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.kkTote = api;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var LETTERS = {
    "а": "ا", "ә": "ا", "б": "ب", "в": "ۆ", "г": "گ", "ғ": "ع", "д": "د", "е": "ە", "ё": "يو",
    "ж": "ج", "з": "ز", "и": "ي", "й": "ي", "к": "ك", "қ": "ق", "л": "ل", "м": "م", "н": "ن",
    "ң": "ڭ", "о": "و", "ө": "و", "п": "پ", "р": "ر", "с": "س", "т": "ت", "у": "ۋ", "ұ": "ۇ",
    "ү": "ۇ", "ф": "ف", "х": "ح", "һ": "ھ", "ц": "تس", "ч": "چ", "ш": "ش", "щ": "شش", "ъ": "",
    "ы": "ى", "і": "ى", "ь": "", "э": "ە", "ю": "يۋ", "я": "يا"
  };
  var DIGRAPHS = { "ия": "يا", "ию": "يۋ" };
  var HARMONY = { "hamza": "ء", "front_vowels": "әөүі", "front_letters": "егкэ" };
  var PUNCTUATION = { ",": "،", ";": "؛", "?": "؟" };
  var QUERY_VARIANTS = {
    "ٴ": "ء", "ٵ": "ءا", "ٶ": "ءو", "ٷ": "ءۇ", "ٸ": "ءى", "أ": "ءا", "ؤ": "ءو", "ئ": "ءى", "ی": "ي",
    "ې": "ە", "ه": "ە", "ک": "ك", "ڪ": "ك", "ں": "ن", "ة": "ە", "ۈ": "ءۇ", "ۉ": "ۇ", "ۅ": "و",
    "‌": "", "‍": "", "ـ": ""
  };
  var HAMZA = HARMONY.hamza;

  function has(text, letters) {
    for (var i = 0; i < text.length; i++) if (letters.indexOf(text[i]) >= 0) return true;
    return false;
  }

  /* One Cyrillic word (no hyphen, no digit) in töte, with the hamza if the word needs one. */
  function wordToArabic(word) {
    var lower = word.toLowerCase(), out = "", i = 0;
    while (i < lower.length) {
      var pair = lower.slice(i, i + 2);
      if (pair.length === 2 && Object.prototype.hasOwnProperty.call(DIGRAPHS, pair)) {
        out += DIGRAPHS[pair]; i += 2; continue;
      }
      out += Object.prototype.hasOwnProperty.call(LETTERS, lower[i]) ? LETTERS[lower[i]] : word[i];
      i += 1;
    }
    var hamza = has(lower, HARMONY.front_vowels) && !has(lower, HARMONY.front_letters);
    return (hamza ? HAMZA : "") + out;
  }

  var PUNCTUATION_RE = new RegExp("[" + Object.keys(PUNCTUATION).join("").replace(/[\]\\^-]/g, "\\$&") + "]", "g");

  /* Kazakh Cyrillic text in töte; digits, Latin letters and other characters are kept. */
  function toArabic(text) {
    text = text.replace(/[\u0400-\u04FF]+/g, wordToArabic);
    return text.replace(PUNCTUATION_RE, function (mark, start, whole) {
      if (mark === "," && start > 0 && start < whole.length - 1 &&
          /\d/.test(whole[start - 1]) && /\d/.test(whole[start + 1])) return ",";   // 3,5 stays
      return PUNCTUATION[mark];
    });
  }

  /* -- töte → Cyrillic, for search queries only (see tote.py for the reasoning) ------------------ */

  var FRONT_VOWELS = HARMONY.front_vowels;
  var BACK_READING = {}, FRONT_READING = {};
  Object.keys(LETTERS).forEach(function (cyrillic) {
    var arabic = LETTERS[cyrillic];
    if (arabic.length !== 1) return;
    if (!Object.prototype.hasOwnProperty.call(BACK_READING, arabic)) BACK_READING[arabic] = cyrillic;
    if (FRONT_VOWELS.indexOf(cyrillic) >= 0) FRONT_READING[arabic] = cyrillic;
  });
  Object.keys(BACK_READING).forEach(function (arabic) {
    if (!Object.prototype.hasOwnProperty.call(FRONT_READING, arabic)) FRONT_READING[arabic] = BACK_READING[arabic];
  });
  function lettersOf(cyrillic) { return cyrillic.split("").map(function (c) { return LETTERS[c]; }).join(""); }
  var YY = LETTERS["ы"];
  var FRONT_MARKS = lettersOf(HARMONY.front_letters);
  var BACK_MARKS = lettersOf("қғ");
  var FRONT_KS = lettersOf("кг");
  var VOWEL_LETTERS = lettersOf("аоұыеу");
  var Y = LETTERS["и"], A = LETTERS["а"];
  var ARABIC_LETTER = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/;
  var HARAKAT = /[\u064B-\u065F\u0670]/g;

  function near(word, i, letters) {
    return (i > 0 && letters.indexOf(word[i - 1]) >= 0) || (i + 1 < word.length && letters.indexOf(word[i + 1]) >= 0);
  }

  function frontYy(word, i, done) {
    if (near(word, i, FRONT_KS)) return true;
    if (near(word, i, BACK_MARKS)) return false;
    for (var j = i - 1; j >= 0; j--) {
      if (word[j] === YY) return done[j];
      if (FRONT_MARKS.indexOf(word[j]) >= 0) return true;
      if (BACK_MARKS.indexOf(word[j]) >= 0) return false;
    }
    for (var k = i + 1; k < word.length; k++) {
      if (FRONT_MARKS.indexOf(word[k]) >= 0) return true;
      if (BACK_MARKS.indexOf(word[k]) >= 0) return false;
    }
    return false;
  }

  function read(reading, ch) {
    return Object.prototype.hasOwnProperty.call(reading, ch) ? reading[ch] : ch;
  }

  function wordToCyrillic(word) {
    var frontWord = word.indexOf(HAMZA) >= 0;
    word = word.split(HAMZA).join("");
    var done = {}, out = "";
    for (var i = 0; i < word.length; i++) {
      var ch = word[i], before = i ? word[i - 1] : "", after = i + 1 < word.length ? word[i + 1] : "";
      if (ch === Y && before && VOWEL_LETTERS.indexOf(before) < 0 && after === A) {
        out += "ия"; i += 1;                        // ия after a consonant; я elsewhere
      } else if (ch === Y && before && VOWEL_LETTERS.indexOf(before) >= 0 &&
                 (!after || VOWEL_LETTERS.indexOf(after) < 0)) {
        out += "й";                                 // й after a vowel, before none
      } else if (ch === YY && frontWord) {
        out += near(word, i, BACK_MARKS) ? BACK_READING[ch] : FRONT_READING[ch];
      } else if (ch === YY) {
        done[i] = frontYy(word, i, done);
        out += done[i] ? FRONT_READING[ch] : BACK_READING[ch];
      } else {
        out += read(frontWord ? FRONT_READING : BACK_READING, ch);
      }
    }
    return out.split("тс").join("ц");
  }

  /* A search query typed in töte as lower-case Cyrillic; other words and digits pass through. */
  function toteQueryToCyrillic(text) {
    text = text.replace(HARAKAT, "");
    var mapped = "";
    for (var i = 0; i < text.length; i++) mapped += read(QUERY_VARIANTS, text[i]);
    Object.keys(PUNCTUATION).forEach(function (latin) { mapped = mapped.split(PUNCTUATION[latin]).join(latin); });
    return mapped.replace(/\p{L}+/gu, function (word) {
      return ARABIC_LETTER.test(word) ? wordToCyrillic(word) : word;
    });
  }

  function isToteQuery(text) { return ARABIC_LETTER.test(text); }

  return {
    LETTERS: LETTERS,
    toArabic: toArabic,
    wordToArabic: wordToArabic,
    toteQueryToCyrillic: toteQueryToCyrillic,
    isToteQuery: isToteQuery
  };
});
