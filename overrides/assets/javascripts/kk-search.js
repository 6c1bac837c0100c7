/* Kazakh-aware search for the edition: the query is normalised exactly as the index was
 * (kk-search-normaliser.js with the build's rules file), Latin-script queries are read as Cyrillic
 * (kk-translit.js), and Pagefind loads only the index chunks and result fragments a query needs.
 * One Pagefind record per paragraph: results link to the paragraph (#p<line>), the excerpt is the
 * paragraph as written with the matched words marked. Exact phrases rank above scattered words.
 * ?q=… in a page's address opens the search with that query. */
(function () {
  "use strict";

  var root = document.querySelector("[data-kk-search]");
  if (!root) return;

  var MAX_RESULTS = 10;
  var EXCERPT_WORDS = 36;
  var T = {
    start: root.dataset.textStart || "Іздеу үшін теріңіз",
    none: root.dataset.textNone || "Ештеңе табылмады",
    count: root.dataset.textCount || "Табылды: {n}",
    error: root.dataset.textError || "Іздеу жүктелмеді"
  };
  var base = new URL(root.dataset.base.replace(/\/?$/, "/"), location.href);
  var input = root.querySelector("[data-kk-search-input]");
  var list = root.querySelector("[data-kk-search-results]");
  var status = root.querySelector("[data-kk-search-status]");
  var toggle = document.getElementById("__search");
  // on the ru/ and en/ interfaces (issue 8) results open the same interface's copy of the page
  var interfacePrefix = (function () {
    var lang = document.documentElement.getAttribute("lang") || "";
    var here = location.pathname.slice(base.pathname.length).split("/")[0];
    return lang && here === lang && lang !== "kk" ? lang + "/" : "";
  })();
  var loading = null;
  var sequence = 0;

  function load() {
    if (!loading) {
      var pagefind = import(new URL("pagefind/pagefind.js", base).href).then(function (pf) {
        // init() leaves the search worker cold; an empty search wakes it while the reader types
        return pf.options({ excerptLength: EXCERPT_WORDS }).then(function () { return pf.init(); })
          .then(function () { return pf.search(""); })
          .then(function () { return pf; });
      });
      var rules = fetch(new URL("assets/search/kk-search-rules.json", base))
        .then(function (r) { return r.json(); })
        .then(function (data) { return window.kkSearchNormaliser.compile(data); });
      performance.mark("kk-search:load-start");
      loading = Promise.all([pagefind, rules]).then(function (loaded) {
        performance.mark("kk-search:loaded");
        return loaded;
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function latinView() {
    return document.documentElement.getAttribute("data-kk-script") === "latn";
  }

  /* The longest run of consecutive positions, capped at the query length. */
  function phraseRun(positions, terms) {
    if (terms < 2 || !positions.length) return 1;
    var sorted = Array.from(new Set(positions)).sort(function (a, b) { return a - b; });
    var best = 1, run = 1;
    for (var i = 1; i < sorted.length; i++) {
      run = sorted[i] === sorted[i - 1] + 1 ? run + 1 : 1;
      if (run > best) best = run;
    }
    return Math.min(best, terms);
  }

  function better(a, b) {
    return b.run - a.run || b.score - a.score;
  }

  /* What Pagefind is asked: every finished word closed by the index's word-end mark, so it
   * matches that word only; the word still being typed left open, so it matches as a prefix. */
  function pagefindQuery(words, typing, rules) {
    return words.map(function (w, i) {
      return i === words.length - 1 && typing ? w : w + rules.wordEnd;
    }).join(" ");
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" }[c];
    });
  }

  /* Pagefind matches every term as a prefix ("ата" also finds "атап"); mark only the words whose
   * search form is a query term, or starts with the last term while it is still being typed. */
  function matchedPositions(spans, locations, match, rules) {
    var N = window.kkSearchNormaliser;
    function matches(i) {
      if (!spans[i]) return false;
      var form = N.normaliseWord(spans[i].word, rules);
      return match.terms.indexOf(form) >= 0 || (match.typing && form.indexOf(match.typing) === 0);
    }
    var exact = locations.filter(matches);
    if (exact.length) return exact;
    // no usable positions (or only prefix matches): find the query's words in the text itself
    var found = spans.map(function (_, i) { return i; }).filter(matches);
    return found.length ? found : locations.filter(function (i) { return i < spans.length; });
  }

  function excerptHtml(text, locations, rules, match, convert) {
    var tokens = window.kkSearchNormaliser.tokenSpans(text, rules);
    var spans = tokens.spans;
    locations = matchedPositions(spans, locations, match, rules);
    var marked = new Set(locations);
    var first = locations.length ? Math.min.apply(null, locations) : 0;
    var from = Math.max(0, first - Math.floor(EXCERPT_WORDS / 3));
    var to = Math.min(spans.length, from + EXCERPT_WORDS);
    if (to - from < EXCERPT_WORDS) from = Math.max(0, to - EXCERPT_WORDS);
    var start = from > 0 ? spans[from].start : 0;
    var end = to < spans.length ? spans[to - 1].end : tokens.text.length;
    var html = from > 0 ? "… " : "", pos = start;
    for (var i = from; i < to; i++) {
      if (!marked.has(i)) continue;
      html += escapeHtml(convert(tokens.text.slice(pos, spans[i].start)));
      html += "<mark>" + escapeHtml(convert(spans[i].word)) + "</mark>";
      pos = spans[i].end;
    }
    html += escapeHtml(convert(tokens.text.slice(pos, end)));
    return html + (to < spans.length ? " …" : "");
  }

  function render(query, items, total, rules, match) {
    list.innerHTML = "";
    status.textContent = total ? T.count.replace("{n}", total) : T.none;
    var same = function (text) { return text; };
    var convert = latinView() ? window.kkTranslit.toLatin : same;
    items.forEach(function (item) {
      var data = item.data, meta = data.meta;
      var kazakh = !meta.lang || meta.lang === "kk";  // Russian and English passages keep their script
      // a page the interface does not have (an untranslated text, issue 18) opens in Kazakh
      var built = interfacePrefix && (" " + (meta.interfaces || "") + " ").indexOf(" " + interfacePrefix.slice(0, -1) + " ") >= 0;
      var href = new URL((built ? interfacePrefix : "") + (meta.url || "").replace(/^\//, ""), base).href;
      var li = document.createElement("li");
      li.className = "md-search-result__item";
      // a page of a long document is titled "<document> (N-бөлім)": say it once
      var heading = !meta.document || (meta.title || "").indexOf(meta.document) === 0
        ? meta.title : meta.document + " › " + meta.title;
      li.innerHTML =
        '<a class="md-search-result__link" href="' + escapeHtml(href) + '">' +
        '<article class="md-search-result__article md-typeset">' +
        '<div class="kk-search-result__where">' + escapeHtml(convert(heading || "")) + "</div>" +
        '<p class="kk-search-result__text"' + (meta.lang && meta.lang !== "kk" ? ' lang="' + escapeHtml(meta.lang) + '"' : "") + ">" +
        excerptHtml(meta.text || "", item.words, rules, match, kazakh ? convert : same) + "</p></article></a>";
      list.appendChild(li);
    });
    root.setAttribute("data-kk-search-done", query);
    rememberQuery(query);
    window.__kkSearchLast = {
      query: query, renderedAt: performance.now(), count: total,
      results: items.map(function (item) {
        var m = item.data.meta;
        return { url: m.url, title: m.title, document: m.document, text: m.text };
      })
    };
    root.dispatchEvent(new CustomEvent("kk-search:results", { detail: window.__kkSearchLast }));
  }

  /* Only the newest query matters: while one Pagefind search runs, later keystrokes replace the
   * one waiting, so a fast typist never queues a search per letter behind the one that counts.
   * Fetching and showing a search's results does not hold the next search back. */
  var running = null, waiting = null;

  function search(raw) {
    var mine = ++sequence;
    var query = raw.trim();
    if (query.replace(/[^\p{L}\p{N}]/gu, "").length < 2) {
      waiting = null;
      list.innerHTML = "";
      status.textContent = T.start;
      root.setAttribute("data-kk-search-done", query);
      rememberQuery(query);
      return Promise.resolve();
    }
    if (running) {
      waiting = raw;
      return running;
    }
    var started = runSearch(raw, mine);
    running = started.searched.then(function () {
      running = null;
      if (waiting !== null) { var next = waiting; waiting = null; search(next); }
    });
    return started.done;
  }

  function runSearch(raw, mine) {
    var query = raw.trim();
    function stale() { return mine !== sequence; }
    performance.mark("kk-search:start " + query);
    var plan = load().then(function (loaded) {
      var pf = loaded[0], rules = loaded[1];
      var N = window.kkSearchNormaliser, translit = window.kkTranslit;
      var latin = translit.isLatinQuery(query);
      var terms = N.normaliseText(translit.queryToCyrillic(query), rules);
      // a single letter (an initial, or the word being typed) would match every word it starts
      var longer = terms.filter(function (t) { return t.length > 1; });
      if (longer.length) terms = longer;
      var typing = !/\s$/.test(raw);
      // Latin words printed in the texts ("Ana tili", "Nur Otan"), unless the query uses letters
      // only the Kazakh Latin alphabet has
      var asWritten = latin && !/[äñığşūüöİ]/i.test(query);
      var latinWords = asWritten ? N.tokenize(query, rules).map(function (w) { return w.toLowerCase(); }) : [];
      var searches = !terms.length ? [] : [pf.search(pagefindQuery(terms, typing, rules))].concat(
        asWritten ? [pf.search(pagefindQuery(latinWords, typing, rules))] : []);
      return Promise.all(searches).then(function (responses) {
        performance.mark("kk-search:found " + query);
        return { rules: rules, terms: terms, latinWords: latinWords, responses: responses,
                 match: { terms: terms, typing: typing ? terms[terms.length - 1] : null } };
      });
    });
    var done = plan.then(function (p) {
      if (stale()) return;
      if (!p.terms.length) { render(query, [], 0, p.rules, p.match); return; }
      var byId = new Map();
      p.responses.forEach(function (response, which) {
        var length = which === 0 ? p.terms.length : p.latinWords.length;
        response.results.forEach(function (r) {
          var ranked = { result: r, run: phraseRun(r.words, length), score: r.score };
          var seen = byId.get(r.id);
          if (!seen || better(ranked, seen) < 0) byId.set(r.id, ranked);
        });
      });
      var ranked = Array.from(byId.values()).sort(better);
      var top = ranked.slice(0, MAX_RESULTS);
      // the first five as soon as their fragments arrive, the rest after
      var first = top.slice(0, 5), rest = top.slice(5);
      var items = [];
      function fetch(part) {
        return Promise.all(part.map(function (r) { return r.result.data(); })).then(function (datas) {
          // the positions this search matched (a cached fragment may carry another search's)
          datas.forEach(function (d, i) { items.push({ data: d, words: part[i].result.words || [] }); });
        });
      }
      return fetch(first).then(function () {
        if (stale()) return;
        render(query, items, ranked.length, p.rules, p.match);
        if (rest.length) return fetch(rest).then(function () { if (!stale()) render(query, items, ranked.length, p.rules, p.match); });
      });
    }).catch(function (error) {
      status.textContent = T.error;
      console.error(error);
    });
    return { searched: plan.catch(function () {}), done: done };
  }

  function rememberQuery(query) {
    var url = new URL(location.href);
    if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
    history.replaceState(history.state, "", url.href);
  }

  function open() {
    if (toggle && !toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
    input.focus();
    load();
  }

  input.addEventListener("focus", function () {
    // on wide screens the box is in the header: focusing it opens the results panel
    if (toggle && !toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
    load();
  });
  input.addEventListener("input", function () {
    search(input.value);
  });
  root.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  root.querySelector("[data-kk-search-reset]").addEventListener("click", function () {
    input.value = ""; search(""); rememberQuery(""); input.focus();
  });
  if (toggle) {
    toggle.addEventListener("change", function () {
      if (toggle.checked) { input.focus(); load(); }
      else rememberQuery("");
    });
  }
  list.addEventListener("click", function (event) {
    if (event.target.closest("a") && toggle) toggle.checked = false;
  });
  document.addEventListener("keydown", function (event) {
    var typing = event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
    if (!typing && (event.key === "/" || event.key === "s" || event.key === "f") && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      open();
    } else if (event.key === "Escape" && toggle && toggle.checked) {
      toggle.checked = false;
      input.blur();
    }
  });

  var initial = new URL(location.href).searchParams.get("q");
  if (initial) {
    input.value = initial;
    open();
    search(initial);
  }
  window.kkSearch = { search: search, load: load };
})();
