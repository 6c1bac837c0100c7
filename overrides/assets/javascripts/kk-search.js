/* Kazakh-aware search for the edition: the query is normalised exactly as the index was
 * (kk-search-normaliser.js with the build's rules file), Latin-script queries are read as Cyrillic
 * (kk-translit.js), and Pagefind loads only the index chunks and result fragments a query needs.
 * One Pagefind record per paragraph: results link to the paragraph (#p<line>), the excerpt is the
 * paragraph as written with the matched words marked. Exact phrases rank above scattered words.
 * ?q=… in a page's address opens the search with that query. Synonyms in other languages, names,
 * typo tolerance, grouping by page and marking the opened page: kk-search-extras.js (issue 22). */
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
    // (Material's translations have no such strings: the edition's own, by interface language)
    countGrouped: { ru: "{n} абз. в {m} док.", en: "{n} paragraphs in {m} documents" }[document.documentElement.lang] ||
      "{n} абзац, {m} құжатта",
    typo: { ru: "Искали: {w}", en: "Searched for: {w}" }[document.documentElement.lang] || "Іздегеніңіз: {w}",
    all: { ru: "Все", en: "All" }[document.documentElement.lang] || "Барлығы",
    here: { ru: "этот документ", en: "this document" }[document.documentElement.lang] || "осы құжат",
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
        // results' addresses relative to the site's root, wherever it is served (kk-search-extras.js recordUrl)
        return pf.options({ excerptLength: EXCERPT_WORDS, baseUrl: "/" }).then(function () { return pf.init(); })
          .then(function () { return pf.search(""); })
          .then(function () { return pf; });
      });
      var names = fetch(new URL("assets/search/kk-search-names.json", base))
        .then(function (r) { return r.ok ? r.json() : {}; }).catch(function () { return {}; });
      performance.mark("kk-search:load-start");
      loading = Promise.all([pagefind, loadRules(), names]).then(function (loaded) {
        performance.mark("kk-search:loaded");
        return loaded;
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  var rulesLoading = null;
  function loadRules() {
    if (!rulesLoading) {
      rulesLoading = fetch(new URL("assets/search/kk-search-rules.json", base))
        .then(function (r) { return r.json(); })
        .then(function (data) { return window.kkSearchNormaliser.compile(data); });
    }
    return rulesLoading;
  }

  /* The vocabulary for typo tolerance, one shard per first letter (kk-search-extras.js): the
   * shards of a query's words of 5+ letters, merged. */
  var shards = {};
  function loadWords(terms) {
    return Promise.all(window.kkSearchExtras.shardsFor(terms).map(function (letter) {
      if (!shards[letter]) {
        shards[letter] = fetch(new URL("assets/search/words/" + letter + ".json", base))
          .then(function (r) { return r.ok ? r.json() : {}; }).catch(function () { return {}; });
      }
      return shards[letter];
    })).then(function (parts) { return Object.assign.apply(null, [{}].concat(parts)); });
  }

  /* The index of names' entries for the query, or else for one of its synonyms (Россия → Ресей). */
  function namesFor(X, asked, terms, names) {
    var found = [];
    (asked.length ? asked : [{ terms: terms }]).some(function (a) {
      found = X.nameEntries(a.terms, names);
      return found.length;
    });
    return found;
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
   * matches that word only; the word still being typed left open, so it matches as a prefix once
   * it has MIN_PREFIX letters (the words starting with two letters span several index chunks,
   * which a reader typing a longer word would download for nothing). */
  var MIN_PREFIX = 3;
  function pagefindQuery(words, typing, rules) {
    return words.map(function (w, i) {
      return i === words.length - 1 && typing && w.length >= MIN_PREFIX ? w : w + rules.wordEnd;
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

  /* A result's address in this interface: ru/ and en/ build only their own, translated and reference
   * pages (issue 18), so a page the interface lacks (``interfaces``, written with the record) opens
   * in Kazakh. */
  function resultHref(url, interfaces) {
    var built = interfacePrefix && (" " + (interfaces || "") + " ").indexOf(" " + interfacePrefix.slice(0, -1) + " ") >= 0;
    return new URL((built ? interfacePrefix : "") + (url || "").replace(/^\//, ""), base).href;
  }

  /* The entries of the index of names the query names, in their own list above the paragraphs. */
  var namesList = document.createElement("ol");
  namesList.className = "md-search-result__list kk-search-names";
  namesList.setAttribute("data-kk-search-names", "");
  list.parentNode.insertBefore(namesList, list);

  /* Filters by document (its kind said with it) and by a kind of several documents: the documents
   * with results, with their counts (kk-search-extras.js countResults, from the results' page ids). */
  var documentFilter = null;
  var filterBar = document.createElement("div");
  filterBar.className = "kk-search-filters";
  filterBar.setAttribute("data-kk-search-filters", "");
  list.parentNode.insertBefore(filterBar, namesList);
  filterBar.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-document]");
    if (!button) return;
    documentFilter = button.getAttribute("data-document") || null;
    search(input.value);
  });

  function renderFilters(extra, convert) {
    var counts = extra.perDocument || {}, catalogue = extra.catalogue || {};
    var slugs = Object.keys(counts).filter(function (k) { return counts[k] > 0; });
    if (slugs.length < 2 && !documentFilter) { filterBar.innerHTML = ""; return; }
    var here = location.pathname.slice(base.pathname.length + interfacePrefix.length).split("/")[0];
    slugs.sort(function (a, b) { return (b === here) - (a === here) || counts[b] - counts[a]; });
    function button(slug, label, count) {
      return '<button type="button" class="kk-search-filter' + ((documentFilter || "") === slug ? " kk-search-filter--on" : "") +
        '" data-document="' + escapeHtml(slug) + '" aria-pressed="' + ((documentFilter || "") === slug) + '">' +
        escapeHtml(convert(label)) + (count ? " <span>" + count + "</span>" : "") + "</button>";
    }
    // a kind of several documents with results (two books…) is a filter of its own
    var kinds = {};
    slugs.forEach(function (slug) {
      var kind = (catalogue[slug] || [])[1];
      if (kind) (kinds[kind] = kinds[kind] || []).push(slug);
    });
    filterBar.innerHTML = button("", T.all) + slugs.map(function (slug) {
      var info = catalogue[slug] || [slug, ""];
      return button(slug, info[0] + (info[1] ? " · " + info[1] : "") + (slug === here ? " (" + T.here + ")" : ""), counts[slug]);
    }).join("") + Object.keys(kinds).filter(function (kind) { return kinds[kind].length > 1; }).map(function (kind) {
      return button("kind:" + kind, kind, kinds[kind].reduce(function (n, slug) { return n + counts[slug]; }, 0));
    }).join("");
  }

  /* The index of names' own pages are built in Kazakh only (ru/ and en/ have its lists): they open in Kazakh. */
  function renderNames(entries, query, convert) {
    namesList.innerHTML = "";
    entries.forEach(function (entry) {
      var li = document.createElement("li");
      li.className = "md-search-result__item kk-search-result--name";
      li.innerHTML =
        '<a class="md-search-result__link" href="' + escapeHtml(resultHref(entry.url)) + '">' +
        '<article class="md-search-result__article md-typeset">' +
        '<div class="kk-search-result__where">' + escapeHtml(convert(entry.kind || "")) + "</div>" +
        '<p class="kk-search-result__text"><strong>' + escapeHtml(convert(entry.title)) + "</strong>" +
        escapeHtml(convert(entry.text.slice(entry.title.length))) + "</p></article></a>";
      namesList.appendChild(li);
    });
  }

  function render(query, items, total, rules, match, extra) {
    extra = extra || { names: [], notes: [], documents: 0, perDocument: {}, catalogue: {} };
    var X = window.kkSearchExtras;
    list.innerHTML = "";
    var count = !total ? T.none : extra.documents
      ? X.countText(total, extra.documents, T.countGrouped) : T.count.replace("{n}", total);
    status.textContent = (extra.notes.length ? extra.notes.join("; ") + " · " : "") + count;
    var same = function (text) { return text; };
    var convert = latinView() ? window.kkTranslit.toLatin : same;
    renderNames(extra.names, query, convert);
    renderFilters(extra, convert);
    var groups = X.groupByPage(items);
    groups.forEach(function (group) {
      var item = group.items[0];
      var data = item.data, meta = data.meta;
      var kazakh = !meta.lang || meta.lang === "kk";  // Russian and English passages keep their script
      // a page the interface does not have (an untranslated text, issue 18) opens in Kazakh
      var href = resultHref(meta.url, meta.interfaces);
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
      // the page's other matching paragraphs: one line each, under the best one
      if (group.items.length > 1) {
        var more = document.createElement("div");
        more.className = "kk-search-result__more";
        more.innerHTML = group.items.slice(1).map(function (other) {
          var text = other.data.meta.text || "";
          return '<a href="' + escapeHtml(resultHref(other.data.meta.url, other.data.meta.interfaces)) + '">' +
            escapeHtml(convert(text.length > 90 ? text.slice(0, 90) + " …" : text)) + "</a>";
        }).join("");
        li.appendChild(more);
      }
      list.appendChild(li);
    });
    root.setAttribute("data-kk-search-done", query);
    rememberQuery(query);
    window.__kkSearchLast = {
      query: query, renderedAt: performance.now(), count: total, documents: extra.documents, notes: extra.notes,
      // as the reader sees them: the names first, then one result per page (its best paragraph)
      results: extra.names.map(function (n) {
        return { url: n.url, title: n.title, document: "", text: n.text, kind: "name" };
      }).concat(groups.map(function (group) {
        var m = group.items[0].data.meta;
        return { url: m.url, title: m.title, document: m.document, text: m.text, paragraphs: group.items.length };
      }))
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
      namesList.innerHTML = "";
      filterBar.innerHTML = "";
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
      var X = window.kkSearchExtras, names = loaded[2], asked = [];
      function ask(list) {
        return Promise.all(list.map(function (a) { return pf.search(pagefindQuery(a.terms, typing, rules)); }));
      }
      // the query's own search starts at once, beside the vocabulary shards it may need
      var exact = terms.length ? ask([{ terms: terms }]) : Promise.resolve([]);
      var latinShards = asWritten && X.shardsFor(latinWords).length ? loadWords(latinWords) : Promise.resolve(null);
      return Promise.all([loadWords(terms), exact, latinShards]).then(function (loaded) {
        // a word of 5+ letters the index lacks is read as the nearest known word (Pagefind would
        // match it by its longest known prefix, which is no help)
        var fixed = X.correctTypos(terms, loaded[0], typing, function (w) { return N.fold(w, rules); });
        var main = fixed ? { terms: fixed.terms, note: fixed.note, typo: true } : { terms: terms };
        // what Pagefind is asked besides: the query's Latin words as written, its synonyms in Kazakh
        // (not when one of them is a word of 5+ letters the texts lack: Pagefind would answer with
        // the words sharing its longest prefix, "Toqaev" with "to")
        var latinSearch = asWritten && X.allKnown(latinWords, loaded[2], typing);
        var others = !terms.length ? [] : [].concat(latinSearch ? [{ terms: latinWords }] : [],
                                                    X.synonymSearches(main.terms, names),
                                                    asWritten ? X.synonymSearches(latinWords, names) : []);
        asked = !terms.length ? [] : [main].concat(others);
        return Promise.all([fixed ? ask([main]) : loaded[1], ask(others)]).then(function (parts) {
          return parts[0].concat(parts[1]);
        });
      }).then(function (responses) {
        performance.mark("kk-search:found " + query);
        var allTerms = [].concat.apply([], asked.map(function (a) { return a.terms; }));
        var notes = asked.filter(function (a) { return a.note; }).map(function (a) {
          return a.typo ? T.typo.replace("{w}", a.note) : query + " → " + a.note;
        });
        // every paragraph counted once, per document (the buttons count without the reader's filter)
        var catalogue = (names && (names["documents_" + document.documentElement.lang] || names.documents)) || {};
        if (!names.documentOf) names.documentOf = X.documentOf(names.pages);
        var counted = X.countResults(responses, names.documentOf, documentFilter, catalogue);
        if (documentFilter) {
          responses = responses.map(function (r) {
            return { results: r.results.filter(function (x) { return X.passes(names.documentOf(x.id), documentFilter, catalogue); }) };
          });
        }
        return { rules: rules, terms: terms, latinWords: latinWords, responses: responses, asked: asked, names: names,
                 extra: { names: namesFor(X, asked, terms, names), notes: notes, documents: counted.documents,
                         perDocument: counted.perDocument, catalogue: catalogue },
                 match: { terms: allTerms, typing: typing && terms[terms.length - 1].length >= MIN_PREFIX ? terms[terms.length - 1] : null } };
      });
    });
    var done = plan.then(function (p) {
      if (stale()) return;
      if (!p.terms.length) { render(query, [], 0, p.rules, p.match); return; }
      if (!p.responses.some(function (r) { return r.results.length; }) && p.extra.names.length) {
        render(query, [], 0, p.rules, p.match, p.extra); return;
      }
      var byId = new Map();
      p.responses.forEach(function (response, which) {
        var length = p.asked[which].terms.length;
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
          datas.forEach(function (d, i) {
            items.push({ data: { meta: window.kkSearchExtras.recordMeta(d, p.names) }, words: part[i].result.words || [] });
          });
        });
      }
      return fetch(first).then(function () {
        if (stale()) return;
        render(query, items, ranked.length, p.rules, p.match, p.extra);
        if (rest.length) return fetch(rest).then(function () { if (!stale()) render(query, items, ranked.length, p.rules, p.match, p.extra); });
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
  function opened(event) {
    var link = event.target.closest("a");
    if (!link) return;
    // the page it opens marks the query's words (kk-search-extras.js)
    window.kkSearchExtras.rememberMark(link.href, input.value.trim());
    if (toggle) toggle.checked = false;
  }
  list.addEventListener("click", opened);
  namesList.addEventListener("click", opened);
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

  /* A page opened from a result: mark the query's words (and its synonyms' and corrections') and
   * scroll to the first. */
  var toMark = window.kkSearchExtras.queryToMark();
  if (toMark) {
    Promise.all([loadRules(), fetch(new URL("assets/search/kk-search-names.json", base))
      .then(function (r) { return r.ok ? r.json() : {}; }).catch(function () { return {}; })]).then(function (loaded) {
      var rules = loaded[0], N = window.kkSearchNormaliser, X = window.kkSearchExtras;
      var terms = N.normaliseText(window.kkTranslit.queryToCyrillic(toMark), rules);
      var all = terms.concat([].concat.apply([], X.synonymSearches(terms, loaded[1]).map(function (a) { return a.terms; })));
      var marked = X.markPage(document.querySelector(".md-content article"), all, rules, N);
      if (!marked) {
        return loadWords(terms).then(function (words) {
          var fixed = X.correctTypos(terms, words, false, function (w) { return N.fold(w, rules); });
          if (fixed) X.markPage(document.querySelector(".md-content article"), fixed.terms, rules, N);
        });
      }
    });
  }

  var initial = new URL(location.href).searchParams.get("q");
  if (initial) {
    input.value = initial;
    open();
    search(initial);
  }
  window.kkSearch = { search: search, load: load };
})();
