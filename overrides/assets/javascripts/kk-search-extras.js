/* What the edition's search does besides asking Pagefind (issue 22), kept apart from kk-search.js:
 * - synonyms in other languages: "ОБСЕ", "OSCE" also search "ЕҚЫҰ" (kk-search-names.json, from the
 *   glossary's aliases / ru / en; build_edition/site/search/extras.py);
 * - names: a query that is a name of the index of names shows that entry first ("Абай");
 * - typos: a word of 5+ letters the index does not have is read as the nearest word one edit away
 *   (kk-search-words.json, fetched only then): "Тоқайев" → Тоқаев;
 * - grouping: paragraphs of one page are one result, the best paragraph first;
 * - marking: the page a result opens marks the query's words and scrolls to the first.
 * Works as a classic script (window.kkSearchExtras) and as a CommonJS module (tests). */
(function (root, factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.kkSearchExtras = api;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var MIN_TYPO_WORD = 5;
  var MARK_KEY = "kk-search:mark";

  function sameTokens(a, b) {
    return a.length === b.length && a.every(function (t, i) { return t === b[i]; });
  }

  /* Where ``part`` occurs as a run in ``terms`` (-1 if it does not). */
  function indexOfRun(terms, part) {
    for (var i = 0; i + part.length <= terms.length; i++) {
      if (sameTokens(terms.slice(i, i + part.length), part)) return i;
    }
    return -1;
  }

  /* The query's terms with every alias replaced by its term: [{terms, note}] (none if no alias). */
  function synonymSearches(terms, names) {
    var out = [];
    ((names && names.synonyms) || []).forEach(function (s) {
      var alias = s[0], term = s[1], replacement = s[2];
      var at = indexOfRun(terms, alias);
      if (at < 0) return;
      var replaced = terms.slice(0, at).concat(replacement, terms.slice(at + alias.length));
      if (out.some(function (o) { return sameTokens(o.terms, replaced); })) return;
      out.push({ terms: replaced, note: term });
    });
    return out;
  }

  /* Entries of the index of names whose variant is the whole query: [{url, title, text}]. */
  function nameEntries(terms, names) {
    var seen = {}, out = [];
    ((names && names.names) || []).forEach(function (n) {
      if (!sameTokens(n[0], terms) || seen[n[4]]) return;
      seen[n[4]] = true;
      out.push({ url: n[4], title: n[1], kind: n[2], text: n[1] + (n[2] ? " — " + n[2] : "") + (n[3] ? ": " + n[3] : "") });
    });
    return out;
  }

  /* Is ``a`` one edit (insertion, deletion, substitution, transposition) from ``b``? */
  function oneEdit(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (a.length === b.length) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  /* Every query term of 5+ letters the vocabulary lacks (the one being typed: that no word
   * starts with), replaced by the most frequent word one edit away from it, or from the word as
   * written (`лаумулен` is one edit from "Лаумулин", whose search form is `лаумул`):
   * {terms, note} or null when nothing changes. ``words``: {token: [count, written form]}. */
  function correctTypos(terms, words, typing, foldWord) {
    var changed = false, shown = [];
    var corrected = terms.map(function (t, i) {
      if (t.length < MIN_TYPO_WORD || Object.prototype.hasOwnProperty.call(words, t)) return t;
      var w;
      if (typing && i === terms.length - 1) {
        for (w in words) if (w.indexOf(t) === 0) return t;
      }
      var best = null;
      for (w in words) {
        if ((oneEdit(t, w) || oneEdit(t, foldWord(words[w][1]))) && (!best || words[w][0] > words[best][0])) best = w;
      }
      if (!best) return t;
      changed = true;
      shown.push(words[best][1]);
      return best;
    });
    return changed ? { terms: corrected, note: shown.join(" ") } : null;
  }

  /* Are all ``terms`` of 5+ letters in the vocabulary (the one being typed: does a word start with
   * it)? ``words`` null: not known, so yes. */
  function allKnown(terms, words, typing) {
    if (!words) return true;
    return terms.every(function (t, i) {
      if (t.length < MIN_TYPO_WORD || Object.prototype.hasOwnProperty.call(words, t)) return true;
      if (!(typing && i === terms.length - 1)) return false;
      for (var w in words) if (w.indexOf(t) === 0) return true;
      return false;
    });
  }

  /* The vocabulary shards a query needs: the first letters of its terms of 5+ letters (none for a
   * phrase of more than three words: a reader retyping a phrase meets its other words anyway, and
   * its first query stays small). */
  var MAX_TYPO_QUERY = 3;
  function shardsFor(terms) {
    if (terms.length > MAX_TYPO_QUERY) return [];
    return Array.from(new Set(terms.filter(function (t) { return t.length >= MIN_TYPO_WORD; })
      .map(function (t) { return t.codePointAt(0).toString(16); })));
  }

  function pageOf(url) {
    return (url || "").split("#")[0];
  }

  /* Paragraph results (in rank order, each with data.meta.url) grouped by page, the best
   * paragraph first, the groups in the order of their best paragraph. */
  function groupByPage(items) {
    var groups = [], byPage = {};
    items.forEach(function (item) {
      var page = pageOf(item.data.meta.url);
      if (!byPage[page]) { byPage[page] = { page: page, items: [] }; groups.push(byPage[page]); }
      byPage[page].items.push(item);
    });
    return groups;
  }

  /* "N абзац, M құжатта". */
  function countText(paragraphs, documents, template) {
    return (template || "{n} абзац, {m} құжатта").replace("{n}", paragraphs).replace("{m}", documents);
  }

  /* The record's address from the one Pagefind gives its stand-in page ("/doc/page/p12.html" →
   * "doc/page/#p12"; build_edition/site/search/index.py record_url does the same). */
  function recordUrl(pagefindUrl) {
    var path = (pagefindUrl || "").replace(/^\/+/, ""), at = path.lastIndexOf("/");
    return path.slice(0, at + 1) + "#" + path.slice(at + 1).replace(/\.html$/, "");
  }

  /* What a result shows, from its Pagefind fragment (``data``: the paragraph as written, its
   * language if not Kazakh, the other interfaces that have its page) and the names file (the page's and document's titles). */
  function recordMeta(data, names) {
    var meta = data.meta || {}, url = meta.url || recordUrl(data.url);
    var titles = (names && names.titles) || {}, entry = (titles.pages || {})[url.split("#")[0]] || ["", -1];
    return { url: url, title: entry[0], document: (titles.documents || [])[entry[1]] || entry[0],
             text: meta.text || "", lang: meta.lang || "kk", interfaces: meta.interfaces || "" };
  }

  /* The document of a Pagefind result id: ``pages`` lists the ids of every document but the
   * default one (kk-search-names.json, build_edition/site/search/extras.py page_groups). */
  function documentOf(pages) {
    var map = new Map(), others = (pages && pages.others) || {};
    Object.keys(others).forEach(function (slug) {
      others[slug].split(" ").forEach(function (id) { map.set(id, slug); });
    });
    var fallback = (pages && pages["default"]) || "";
    return function (id) { return map.get(id) || fallback; };
  }

  /* Does a document pass the reader's filter: null (all), a document's slug, or "kind:<kind>"
   * (``catalogue``: {slug: [short title, kind]})? */
  function passes(slug, filter, catalogue) {
    if (!filter) return true;
    if (filter.indexOf("kind:") === 0) return ((catalogue || {})[slug] || [])[1] === filter.slice(5);
    return filter === slug;
  }

  /* The results of all searches (each {results: [{id}]}) counted once each, per document:
   * {perDocument: {slug: n}} of all of them, and {total, documents} of those the filter passes. */
  function countResults(responses, docOf, filter, catalogue) {
    var seen = new Set(), perDocument = {}, total = 0, documents = new Set();
    responses.forEach(function (response) {
      response.results.forEach(function (r) {
        if (seen.has(r.id)) return;
        seen.add(r.id);
        var slug = docOf(r.id);
        perDocument[slug] = (perDocument[slug] || 0) + 1;
        if (passes(slug, filter, catalogue)) { total++; documents.add(slug); }
      });
    });
    return { perDocument: perDocument, total: total, documents: documents.size };
  }

  /* A result opened: remember its query for that page (the address stays the paragraph's). */
  function rememberMark(href, query) {
    try { sessionStorage.setItem(MARK_KEY, JSON.stringify({ page: pageOf(href), query: query })); } catch (e) { /* private mode */ }
  }

  /* The query to mark on this page, if the reader came from a result (once). */
  function queryToMark() {
    try {
      var saved = JSON.parse(sessionStorage.getItem(MARK_KEY) || "null");
      sessionStorage.removeItem(MARK_KEY);
      return saved && saved.page === pageOf(location.href) ? saved.query : "";
    } catch (e) { return ""; }
  }

  /* Mark on the opened page the words whose search form is one of ``terms``; scroll to the first
   * (inside the target paragraph when the address has one). Returns the number marked. */
  function markPage(container, terms, rules, N) {
    if (!container || !terms.length) return 0;
    var wanted = new Set(terms);
    var walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentNode.closest("script, style, mark, .headerlink, abbr[title] > mark")
          ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    var marks = [];
    nodes.forEach(function (node) {
      var text = node.nodeValue, re = /[\p{L}\p{N}]+/gu, m, last = 0, parts = [];
      while ((m = re.exec(text))) {
        if (!wanted.has(N.normaliseWord(m[0], rules))) continue;
        parts.push(document.createTextNode(text.slice(last, m.index)));
        var mark = document.createElement("mark");
        mark.className = "kk-search-mark";
        mark.textContent = m[0];
        parts.push(mark);
        marks.push(mark);
        last = m.index + m[0].length;
      }
      if (!parts.length) return;
      parts.push(document.createTextNode(text.slice(last)));
      var fragment = document.createDocumentFragment();
      parts.forEach(function (p) { fragment.appendChild(p); });
      node.parentNode.replaceChild(fragment, node);
    });
    if (marks.length) {
      var target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
      var first = (target && marks.find(function (m) { return target.contains(m); })) || marks[0];
      first.scrollIntoView({ block: "center" });
      first.classList.add("kk-search-mark--first");
    }
    return marks.length;
  }

  return {
    rememberMark: rememberMark, queryToMark: queryToMark, synonymSearches: synonymSearches, nameEntries: nameEntries, oneEdit: oneEdit,
    correctTypos: correctTypos, allKnown: allKnown, shardsFor: shardsFor, groupByPage: groupByPage, countText: countText, documentOf: documentOf, recordUrl: recordUrl, recordMeta: recordMeta, passes: passes, countResults: countResults,
    markPage: markPage, pageOf: pageOf
  };
});
