/* The site's own script. It stands in for Material for MkDocs' bundle (114 KB) and search
 * worker (40 KB), and does only what this site uses:
 *
 * - marks the page as scripted (html.js) and keyboard focus (.focus-visible), and wraps tables
 *   to scroll sideways, as Material's stylesheet expects;
 * - the light/dark toggle: the colours follow the system until the reader picks one, and that
 *   choice is kept where Material keeps it (csp/palette.js applies it before the page shows);
 * - glossary words: a word's meaning shows on hover, and on tap;
 * - search: MiniSearch (minisearch.min.js, vendored, MIT) and the index (search/search_index.js,
 *   from generator/render/search.py) are loaded as scripts the first time search opens, so they
 *   cost nothing until then and work from file://. A word may be the start of a word, or have a
 *   typo ("steriod"); results with more of the words come first, titles and other names count
 *   most, then headings. Accents are folded in every language ("cirugia" finds "cirugía");
 *   stop words and stemming follow the index's language: light English stemming ("injections"
 *   finds "injection"), Snowball's Spanish stemmer (snowball/, loaded only for Spanish). When
 *   nothing matches, the nearest title word is suggested. Results use Material's markup and
 *   stylesheet, and only the results on screen are drawn.
 * - on the page a result opens, the words searched for are marked (?h=, search.highlight);
 * - the table of contents marks the section on screen, and the header casts a shadow once
 *   the page has scrolled;
 * - the back-to-top button (navigation.top); Enter on a focused navigation label opens it.
 *
 * Every word a reader sees comes from the page (the locale file's words on the search dialog,
 * Material's translations in #__config), so a second language needs no change here. No
 * request leaves the site.
 */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("__config").textContent);
  var features = config.features || [];
  var base = new URL(config.base.replace(/\/?$/, "/"), location.href);

  // The words search shows come from the site's locale file (generator/render/locales/), which
  // the search dialog carries (data-strings); Material's translations stand in for any missing.
  var stringsHolder = document.querySelector(".md-search[data-strings]");
  var strings = stringsHolder ? JSON.parse(stringsHolder.getAttribute("data-strings")) : {};

  function translate(key, count) {
    var text = strings[key] || (config.translations || {})[key] || "";
    return count === undefined ? text : text.replace("#", count);
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }

  // --- scripted page, keyboard focus ----------------------------------------------------

  document.documentElement.classList.remove("no-js");
  document.documentElement.classList.add("js", "js-focus-visible");
  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target.matches && target.matches(":focus-visible")) target.classList.add("focus-visible");
  });
  document.addEventListener("focusout", function (event) {
    if (event.target.classList) event.target.classList.remove("focus-visible");
  });

  // --- wide tables scroll sideways on a phone, instead of widening the page ----------------

  document.querySelectorAll(".md-typeset table:not([class])").forEach(function (table) {
    if (table.closest(".md-typeset__table")) return;
    var scroll = document.createElement("div");
    var inner = document.createElement("div");
    scroll.className = "md-typeset__scrollwrap";
    inner.className = "md-typeset__table";
    table.replaceWith(scroll);
    scroll.appendChild(inner).appendChild(table);
  });

  // --- light and dark -------------------------------------------------------------------

  function setUpPalette() {
    var inputs = Array.prototype.slice.call(document.querySelectorAll("input[name=__palette]"));
    if (!inputs.length) return;
    var keys = ["media", "scheme", "primary", "accent"];
    function systemChoice() {
      var index = inputs.findIndex(function (input) {
        return matchMedia(input.getAttribute("data-md-color-media")).matches;
      });
      return Math.max(index, 0);
    }
    function show(index) {
      var input = inputs[index];
      input.checked = true;
      keys.slice(1).forEach(function (key) {
        document.body.setAttribute("data-md-color-" + key, input.getAttribute("data-md-color-" + key));
      });
      inputs.forEach(function (other) {  // each option is followed by the toggle to the next one
        var toggle = other.nextElementSibling;
        if (toggle && toggle.tagName === "LABEL") toggle.hidden = other !== input;
      });
    }
    var saved = __md_get("__palette");
    show(saved && inputs[saved.index] ? saved.index : systemChoice());
    inputs.forEach(function (input, index) {
      input.addEventListener("change", function () {
        show(index);
        var color = {};
        keys.forEach(function (key) { color[key] = input.getAttribute("data-md-color-" + key); });
        __md_set("__palette", { index: index, color: color });
      });
    });
    matchMedia("(prefers-color-scheme: dark)").addEventListener("change", function () {
      if (!__md_get("__palette")) show(systemChoice());
    });
  }

  // --- glossary words -------------------------------------------------------------------

  function setUpTooltips() {
    if (features.indexOf("content.tooltips") < 0) return;
    var tip = document.createElement("div");
    tip.className = "glossary-tip";
    tip.id = "__glossary_tip";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    document.body.appendChild(tip);
    var host = null;

    function open(word) {
      if (host === word) return;
      close();
      host = word;
      tip.textContent = word.getAttribute("title");
      word.setAttribute("data-title", word.getAttribute("title"));
      word.removeAttribute("title");  // no second, native tooltip; put back on close
      word.setAttribute("aria-describedby", tip.id);
      tip.hidden = false;
      var box = word.getBoundingClientRect();
      var page = document.documentElement.clientWidth;
      var left = box.left + box.width / 2 - tip.offsetWidth / 2;
      tip.style.left = Math.max(8, Math.min(left, page - tip.offsetWidth - 8)) + scrollX + "px";
      var below = box.bottom + 6;
      var above = box.top - tip.offsetHeight - 6;
      var top = below + tip.offsetHeight > innerHeight && above > 0 ? above : below;
      tip.style.top = top + scrollY + "px";
    }

    function close() {
      if (!host) return;
      host.setAttribute("title", host.getAttribute("data-title"));
      host.removeAttribute("data-title");
      host.removeAttribute("aria-describedby");
      host = null;
      tip.hidden = true;
    }

    function wordAt(target) {
      return target.closest && target.closest(".md-content abbr[title], .md-content abbr[data-title]");
    }
    var closing = 0;
    document.addEventListener("mouseover", function (event) {  // the pointer may cross to the tip
      var word = wordAt(event.target);
      clearTimeout(closing);
      if (word) open(word);
      else if (host && !tip.contains(event.target)) closing = setTimeout(close, 300);
    });
    document.addEventListener("click", function (event) {  // a tap on a phone
      var word = wordAt(event.target);
      if (word) open(word);
      else close();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") close();
    });
    addEventListener("scroll", close, { passive: true });
  }

  // --- search -----------------------------------------------------------------------------

  var WORD = /[\p{L}\p{M}\p{N}]+/gu;  // marks too: in many scripts they are the vowels

  // Each language: the words too common to search for (as folded), and its stemmer. English's
  // is our own light one; others are Snowball's (snowball/, BSD), loaded with the index on
  // pages of that language only. Stop words for Spanish: the ranked list and the pronouns of
  // Snowball's algorithms/spanish/stop.txt (snowball-website), not its verb forms.
  var LANGUAGES = {
    en: { stopWords: "a an and are as at be by can do does for from has have how i if in is it " +
      "its me my no not of on or so than that the their them then there these they this to was " +
      "we what when where which who why will with you your", stem: englishStem },
    es: { stopWords: "de la que el en y a los del se las por un para con no una su al lo como " +
      "más pero sus le ya o este sí porque esta entre cuando muy sin sobre también me hasta hay " +
      "donde quien desde todo nos durante todos uno les ni contra otros ese eso ante ellos e " +
      "esto mí antes algunos qué unos yo otro otras otra él tanto esa estos mucho quienes nada " +
      "muchos cual poco ella estar estas algunas algo nosotros mi mis tú te ti tu tus ellas " +
      "nosotras vosotros vosotras os mío mía míos mías tuyo tuya tuyos tuyas suyo suya suyos " +
      "suyas nuestro nuestra nuestros nuestras vuestro vuestra vuestros vuestras esos esas",
          snowball: { scripts: ["snowball/base-stemmer.js", "snowball/spanish-stemmer.js"],
                      stemmer: "SpanishStemmer" } }
  };
  var NO_LANGUAGE = { stopWords: "", stem: function (word) { return word; } };
  var ASCII = /^[\x00-\x7f]*$/;

  function fold(word) {  // lower case; accents off Latin letters only ("é" is "e", "ñ" is "n")
    var lower = word.toLowerCase();
    if (ASCII.test(lower)) return lower;  // most words: no accent to take off
    return lower.normalize("NFD").replace(/(\p{Script=Latin})\p{M}+/gu, "$1").normalize("NFC");
  }

  function englishStem(word) {  // light English stemming: a plural ending, then a verb ending
    if (word.length > 4 && /ies$/.test(word)) word = word.slice(0, -3) + "y";
    else if (/sses$/.test(word)) word = word.slice(0, -2);
    else if (word.length > 3 && /[^su]s$/.test(word) && !/is$/.test(word)) word = word.slice(0, -1);
    if (word.length > 5 && /ing$/.test(word)) return word.slice(0, -3);
    if (word.length > 4 && /ed$/.test(word)) return word.slice(0, -2);
    return word;
  }

  // The language words are folded, stemmed and dropped in: the index's once it is loaded
  // (search.py writes the site's), the page's before (marks on a page opened from a result).
  var language = NO_LANGUAGE;
  var stopWords = new Set();
  var termOf = new Map();  // a word of a result as its term: marks ask for the same words again

  function useLanguage(code) {  // "es", "es-MX": Spanish; a language not listed: no stemming
    language = LANGUAGES[String(code || "").toLowerCase().split("-")[0]] || NO_LANGUAGE;
    stopWords = new Set(language.stopWords.split(" ").map(fold));
    termOf.clear();
    if (language.snowball && !language.stem && window[language.snowball.stemmer]) {
      var stemmer = new window[language.snowball.stemmer]();
      var stems = new Map();  // a site has far fewer words than it has words written
      language.stem = function (word) {
        var stemmed = stems.get(word);
        if (stemmed === undefined) stems.set(word, stemmed = stemmer.stemWord(word));
        return stemmed;
      };
    }
  }
  useLanguage(document.documentElement.lang || "en");

  function stem(word) {  // a folded word's stem; until a Snowball stemmer loads, the word
    return language.stem ? language.stem(word) : word;  // (a stem starts most of its words)
  }

  function processTerm(word) {  // a word as indexed and searched for; stop words dropped, and
    var folded = fold(word);     // single letters ("s" of "patient's"), which match too much
    return folded.length < 2 || stopWords.has(folded) ? null : stem(folded);
  }

  function tokenize(text) {
    return text.match(WORD) || [];
  }

  function queryTerms(query) {  // {words: as typed (folded), terms: their stems}
    var all = fold(query).match(WORD) || [];
    var kept = all.filter(function (word) { return !stopWords.has(word); });
    var words = Array.from(new Set(kept.length ? kept : all));
    return { words: words, terms: Array.from(new Set(words.map(stem))) };
  }

  function loadLanguage(code, loadScript) {  // the stemmer's scripts, if it has any
    var snowball = (LANGUAGES[String(code || "").toLowerCase().split("-")[0]] || {}).snowball;
    var scripts = snowball && !window[snowball.stemmer] ? snowball.scripts : [];
    return Promise.all(scripts.map(function (script) {
      return loadScript("assets/javascripts/" + script);
    })).then(function () { useLanguage(code); });
  }

  // Names count most: a page's title and other names, then headings, then the words.
  var BOOST = { title: 6, names: 5, headings: 1.5, page: 3, text: 1 };
  function searchOptions(known) {  // known: every term indexed
    return {
      combineWith: "OR",  // each word that matches adds, so more matching words rank higher
      // "stim" finds "stimulation": the last word typed may be the start of a word, once it has
      // three letters (one or two letters start most words of a large site: seconds per key)
      prefix: function (term, i, terms) { return i === terms.length - 1 && term.length >= 3; },
      // typos: one letter wrong in a word of 4 to 6 letters, two from 7 ("steriod", "facett").
      // A short word the site has is taken as meant: near "pain" are "paid", "pair" and "main",
      // and looking for them all made common words the slowest keys on a large site. Long
      // words have few neighbours, and those are often forms of the word ("stimulated" for
      // "stimulator"), so they stay fuzzy.
      fuzzy: function (term) {
        return term.length < 4 ? 0 : term.length < 7 ? (known.has(term) ? 0 : 1) : 2;
      },
      boost: BOOST
    };
  }

  function Index(data) {
    // data.pages: [location, title, text, [[anchor, title, text, [name...]], ...], [name...], weight]
    var docs = this.docs = [];
    var vocabulary = this.vocabulary = new Map();  // indexed term -> a word as written
    data.pages.forEach(function (page) {
      var names = (page[4] || []).join(" ");
      var parent = { id: docs.length, location: page[0], title: page[1], text: page[2], names: names,
                     headings: page[3].map(function (s) { return s[1]; }).join(" "), page: "",
                     weight: page[5] || 1 };
      parent.parent = parent;
      docs.push(parent);
      page[3].forEach(function (section) {
        docs.push({ id: docs.length, location: page[0] + "#" + section[0], title: section[1],
                    text: section[2], names: (section[3] || []).join(" "), headings: "",
                    page: page[1] + " " + names, parent: parent, weight: parent.weight });
      });
    });
    docs.forEach(function (doc) {
      tokenize(doc.title + " " + doc.names).forEach(function (word) {
        var term = processTerm(word);
        if (term && !vocabulary.has(term)) vocabulary.set(term, word.toLowerCase());
      });
    });
    var known = new Set();
    this.engine = new MiniSearch({
      fields: Object.keys(BOOST), tokenize: tokenize,
      processTerm: function (word) {  // as indexed: each term is noted
        var term = processTerm(word);
        if (term) known.add(term);
        return term;
      },
      searchOptions: Object.assign(searchOptions(known), { processTerm: processTerm })
    });
    this.engine.addAll(docs);
    this.remembered = new Map();  // the last searches' results, by the terms searched for
  }

  var REMEMBERED_SEARCHES = 8;  // backspacing, or a stop word typed ("how long d", "how long do")

  Index.prototype.search = function (query) {  // {words, terms, groups: best page first}
    var docs = this.docs;
    var wanted = queryTerms(query);
    if (!wanted.terms.length) return { words: [], terms: [], groups: [] };
    // The terms MiniSearch will look for: a key that adds none ("pain " or "pain m") gives the
    // same results, and the same object, which show() then need not draw again.
    var key = tokenize(query).map(processTerm).filter(Boolean).join(" ");
    var remembered = this.remembered.get(key);
    if (remembered) return remembered;
    var results = this.engine.search(query, {
      boostDocument: function (id) { return docs[id].weight; }
    });
    var groups = new Map();  // parent page -> {page, score, self, sections, results}
    for (var r = 0; r < results.length; r++) {  // best first: MiniSearch sorts them
      var result = results[r];
      var doc = docs[result.id];
      var group = groups.get(doc.parent);
      if (!group) {
        group = { page: doc.parent, score: 0, self: null, sections: [], results: [] };
        groups.set(doc.parent, group);
      }
      // a page's score is its best part's, and a quarter of each of its next three: a page
      // about the thing searched for says it in places
      var parts = group.results.push(result);
      if (parts <= 4) group.score += parts === 1 ? result.score : result.score / 4;
      if (doc === doc.parent) group.self = result;
      else group.sections.push(doc);
    }
    var sorted = Array.from(groups.values()).sort(function (a, b) { return b.score - a.score; });
    var found = { words: wanted.words, terms: wanted.terms, groups: sorted };
    if (this.remembered.size >= REMEMBERED_SEARCHES) {
      this.remembered.delete(this.remembered.keys().next().value);  // the oldest
    }
    this.remembered.set(key, found);
    return found;
  };

  function matchedTerms(group) {  // the indexed words a page's results matched ("steroid")
    var terms = new Set();
    group.results.forEach(function (result) {
      result.terms.forEach(function (term) { terms.add(term); });
    });
    return Array.from(terms);
  }

  Index.prototype.suggest = function (query) {  // words of titles and names near those typed
    var vocabulary = this.vocabulary;
    // only for words long enough to be misspelled: a letter or two is near every short word
    if (!queryTerms(query).terms.some(function (term) { return term.length >= 4; })) return "";
    var best = this.engine.autoSuggest(query, {
      fields: ["title", "names"], combineWith: "OR", prefix: false, maxFuzzy: 3,
      fuzzy: function (term) { return term.length < 4 ? 1 : term.length < 7 ? 2 : 3; }
    })[0];
    if (!best) return "";
    return best.terms.map(function (term) { return vocabulary.get(term) || term; }).join(" ");
  };

  function matches(word, wanted) {
    var term = termOf.get(word);
    if (term === undefined) {
      if (termOf.size > 20000) termOf.clear();
      term = stem(fold(word));
      termOf.set(word, term);
    }
    return wanted.some(function (w) { return term.lastIndexOf(w, 0) === 0; });
  }

  function marked(text, wanted) {  // escaped text with the searched-for words in <mark>
    var out = "";
    var last = 0;
    text.replace(WORD, function (word, offset) {
      if (matches(word, wanted)) {
        out += escapeHtml(text.slice(last, offset)) + "<mark>" + escapeHtml(word) + "</mark>";
        last = offset + word.length;
      }
      return word;
    });
    return out + escapeHtml(text.slice(last));
  }

  function firstMatch(text, wanted) {  // where the first searched-for word starts, or -1
    var word;
    var pattern = new RegExp(WORD.source, "gu");
    while ((word = pattern.exec(text))) {
      if (matches(word[0], wanted)) return word.index;
    }
    return -1;
  }

  function snippet(text, wanted) {  // the first block with a match (or the first), shortened
    var blocks = text.split("\n");
    var found = blocks.find(function (block) { return firstMatch(block, wanted) >= 0; });
    var block = found || blocks[0] || "";
    if (block.length > 220) {
      var at = Math.max(firstMatch(block, wanted) - 60, 0);
      var start = at ? block.indexOf(" ", at) + 1 : 0;
      var end = block.lastIndexOf(" ", start + 200);
      block = (start ? "\u2026 " : "") + block.slice(start, end > start ? end : start + 200) + " \u2026";
    }
    return "<p>" + marked(block, wanted) + "</p>";
  }

  function resultLink(doc, found, parent, showText) {
    var wanted = found.terms;
    var url = new URL(doc.location, base);
    // the opened page marks the words this result matched ("steroid" for "steriod")
    if (features.indexOf("search.highlight") >= 0) url.searchParams.set("h", found.words.join(" "));
    var heading = parent ? "h1" : "h2";
    return '<a href="' + escapeHtml(url.href) + '" class="md-search-result__link">' +
      '<article class="md-search-result__article md-typeset">' +
      (parent ? '<div class="md-search-result__icon md-icon"></div>' : "") +
      "<" + heading + ">" + marked(doc.title, wanted) + "</" + heading + ">" +
      (showText && doc.text ? snippet(doc.text, wanted) : "") +
      "</article></a>";
  }

  function resultItem(group, all, at) {  // at: its place in all.groups
    // marked: the words typed, and the words they matched on this page ("steroid" for "steriod")
    var matched = matchedTerms(group);
    var found = { words: matched, terms: all.terms.concat(matched) };
    var shown = group.sections.slice(0, 2);
    var more = group.sections.length - shown.length;
    var html = resultLink(group.page, found, true, !!group.self) +
      shown.map(function (doc) { return resultLink(doc, found, false, true); }).join("");
    if (more) {  // drawn when opened (moreLinks): the glossary may have thousands
      html += '<details class="md-search-result__more" data-group="' + at + '"><summary><div>' +
        escapeHtml(more === 1 ? translate("search.result.more.one")
                              : translate("search.result.more.other", more)) +
        "</div></summary></details>";
    }
    return '<li class="md-search-result__item">' + html + "</li>";
  }

  function moreLinks(group, all) {  // a result's sections after its first two
    var matched = matchedTerms(group);
    var found = { words: matched, terms: all.terms.concat(matched) };
    return group.sections.slice(2).map(function (doc) {
      return resultLink(doc, found, false, true);
    }).join("");
  }

  function setUpSearch() {
    var toggle = document.getElementById("__search");
    var form = document.forms.namedItem("search");
    if (!toggle || !form) return;
    var input = form.elements.namedItem("query");
    var meta = form.parentNode.querySelector(".md-search-result__meta");
    var list = form.parentNode.querySelector(".md-search-result__list");
    var output = form.parentNode.querySelector(".md-search__output");
    var dialog = form.closest(".md-search") || form;
    var index = null;
    if (output) output.inert = true;  // results are out of reach while search is closed
    var loading = null;

    function loadScript(path) {  // a script, not fetch(): this works from file:// too
      return new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL(path, base).href;
        script.onload = resolve;
        script.onerror = function () { script.remove(); reject(); };
        document.head.appendChild(script);
      });
    }

    function load() {
      loading = loading || Promise.all([
        window.MiniSearch || loadScript("assets/javascripts/minisearch.min.js"),
        loadScript("search/search_index.js"),
        loadLanguage(document.documentElement.lang, loadScript)  // at once, most often
      ]).then(function () {
        var data = window.__patient_search_index;  // not an index: as if it were missing
        return loadLanguage(data.lang || document.documentElement.lang, loadScript)
          .then(function () { return new Index(data); });
      });
      return loading.then(function (ready) { index = ready; show(); },
                          function () { loading = null; });  // missing: try again next time
    }

    function show() {
      if (!index) return;
      var query = input.value.trim();
      if (!query) {
        meta.textContent = translate("search.result.placeholder");
        list.innerHTML = "";
        shown = null;
        return;
      }
      var found = index.search(query);
      if (shown && found === shown.found) return;  // the same words: the same results, drawn
      var count = found.groups.length;
      meta.textContent = count === 0 ? translate("search.result.none")
        : count === 1 ? translate("search.result.one") : translate("search.result.other", count);
      var suggestion = count === 0 && index.suggest(query);
      if (suggestion) {  // in the live region, so a screen reader says it too
        var button = document.createElement("button");
        button.type = "button";
        button.className = "md-search-result__suggestion";
        button.textContent = suggestion;
        button.addEventListener("click", function () {
          input.value = suggestion;
          input.focus();
          show();
        });
        var around = translate("search.did_you_mean").split("#");  // "Did you mean #?"
        meta.append(". " + around[0], button, around.slice(1).join("#"));
      }
      shown = { found: found, count: 0 };
      list.innerHTML = "";
      showMore();
    }

    // Results are drawn a page at a time, the next as the reader scrolls near the end: a short
    // word may match most of a large site, and drawing every result then took seconds.
    var RESULTS_AT_A_TIME = 10;
    var shown = null;
    var scrollwrap = output && output.querySelector(".md-search__scrollwrap");

    function showMore() {
      if (!shown || shown.count >= shown.found.groups.length) return;
      var next = shown.found.groups.slice(shown.count, shown.count + RESULTS_AT_A_TIME);
      shown.count += next.length;
      list.insertAdjacentHTML("beforeend", next.map(function (group, i) {
        return resultItem(group, shown.found, shown.count - next.length + i);
      }).join(""));
    }

    list.addEventListener("toggle", function (event) {  // "toggle" does not bubble: captured
      var more = event.target;
      if (!more.open || !more.dataset || !more.dataset.group || more.dataset.drawn) return;
      more.dataset.drawn = "true";
      more.insertAdjacentHTML("beforeend", moreLinks(shown.found.groups[+more.dataset.group],
                                                     shown.found));
    }, true);

    if (scrollwrap) {
      scrollwrap.addEventListener("scroll", function () {
        if (scrollwrap.scrollTop + scrollwrap.clientHeight > scrollwrap.scrollHeight - 200) showMore();
      });
    }

    function open() {
      if (!toggle.checked) toggle.checked = true;
      if (output) output.inert = false;
      if (document.activeElement !== input) input.focus();
      load();
    }

    function close() {
      toggle.checked = false;
      if (dialog.contains(document.activeElement)) document.activeElement.blur();
      if (output) output.inert = true;
    }

    toggle.addEventListener("change", function () { if (toggle.checked) open(); else close(); });
    input.addEventListener("focus", open);
    input.addEventListener("input", show);
    form.addEventListener("submit", function (event) {  // Enter opens the first result
      event.preventDefault();
      var first = list.querySelector("a");
      if (first) first.click();
    });
    form.addEventListener("reset", function () { setTimeout(show); input.focus(); });
    list.addEventListener("click", function (event) {  // a result on this page: the dialog goes
      if (event.target.closest("a")) close();
    });

    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      // No one-key shortcut opens search (Material's "/", "s" and "f"): speech input and
      // stray key presses would set it off, and WCAG 2.1.4 asks for a way to turn it off.
      if (!toggle.checked) return;
      var links = Array.prototype.slice.call(list.querySelectorAll("a"))
        .filter(function (link) { return link.offsetParent !== null; });
      var at = links.indexOf(document.activeElement);
      if (event.key === "Escape") {
        close();
        event.preventDefault();
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        var next = at + (event.key === "ArrowDown" ? 1 : -1);
        if (next >= links.length - 1) {  // near the end of what is drawn: draw the next results
          showMore();
          links = Array.prototype.slice.call(list.querySelectorAll("a"))
            .filter(function (link) { return link.offsetParent !== null; });
        }
        if (next < 0) input.focus();
        else if (links[Math.min(next, links.length - 1)]) links[Math.min(next, links.length - 1)].focus();
      }
    });
  }

  // --- words searched for, marked on the page a result opened ------------------------------

  function highlightSearchedWords() {
    var words = new URL(location.href).searchParams.get("h");
    var article = document.querySelector(".md-content article");
    if (!words || !article || features.indexOf("search.highlight") < 0) return;
    var wanted = queryTerms(words).terms;
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentNode.closest("script, style, mark") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var text = node.nodeValue;
      var html = marked(text, wanted);
      if (html === escapeHtml(text)) return;
      var holder = document.createElement("span");
      holder.innerHTML = html;
      node.replaceWith.apply(node, Array.prototype.slice.call(holder.childNodes));
    });
  }

  // --- where the reader is: the table of contents marks the section on screen ------------

  function setUpTableOfContents() {
    var header = document.querySelector(".md-header");
    var links = Array.prototype.slice.call(
      document.querySelectorAll(".md-nav--secondary a.md-nav__link[href^='#']"));
    var sections = links.map(function (link) {
      return document.getElementById(decodeURIComponent(link.hash.slice(1)));
    });
    var order = sections.filter(function (section, index) {  // a phone's menu has a copy
      return section && sections.indexOf(section) === index;
    });
    var waiting = false;
    function mark() {
      waiting = false;
      var top = (header ? header.offsetHeight : 0) + 8;
      var current = -1;
      order.forEach(function (section, index) {
        if (section.getBoundingClientRect().top <= top) current = index;
      });
      links.forEach(function (link, index) {
        var at = order.indexOf(sections[index]);
        link.classList.toggle("md-nav__link--passed", at >= 0 && at < current);
        link.classList.toggle("md-nav__link--active", at >= 0 && at === current);
      });
      if (header) header.classList.toggle("md-header--shadow", scrollY > 0);
    }
    function soon() {
      if (!waiting) requestAnimationFrame(mark);
      waiting = true;
    }
    addEventListener("scroll", soon, { passive: true });
    addEventListener("resize", soon, { passive: true });
    mark();
  }

  // --- back to top, navigation labels, the drawer -----------------------------------------

  function setUpNavigation() {
    var top = document.querySelector("[data-md-component=top]");
    if (top) {
      var last = scrollY;
      var hide = function (hidden) {  // Material keeps the hidden button laid out: unfocusable
        top.hidden = hidden;
        top.tabIndex = hidden ? -1 : 0;
        if (hidden && document.activeElement === top) top.blur();
      };
      hide(true);
      addEventListener("scroll", function () {
        hide(!(scrollY < last && scrollY > 400));  // shown while scrolling back up
        last = scrollY;
      }, { passive: true });
      top.addEventListener("click", function () {
        hide(true);
        scrollTo({ top: 0 });
      });
    }
    document.addEventListener("keydown", function (event) {
      var label = event.target;
      if (event.key === "Enter" && label.tagName === "LABEL" && label.htmlFor) {
        event.preventDefault();
        label.click();
      }
    });
    var drawer = document.getElementById("__drawer");
    document.addEventListener("click", function (event) {  // a link to this page closes the drawer
      var link = event.target.closest && event.target.closest(".md-sidebar a[href^='#']");
      if (link && drawer) drawer.checked = false;
    });
  }

  [setUpPalette, setUpTooltips, setUpSearch, highlightSearchedWords, setUpTableOfContents,
   setUpNavigation].forEach(function (setUp) {
    try {
      setUp();
    } catch (error) {  // one part failing (say, storage blocked) leaves the others working
      setTimeout(function () { throw error; });
    }
  });
})();
