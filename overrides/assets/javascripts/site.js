/* The site's own script. It stands in for Material for MkDocs' bundle (114 KB) and search
 * worker (40 KB), and does only what this site uses:
 *
 * - marks the page as scripted (html.js) and keyboard focus (.focus-visible), and wraps tables
 *   to scroll sideways, as Material's stylesheet expects;
 * - the light/dark toggle: the colours follow the system until the reader picks one, and that
 *   choice is kept where Material keeps it (csp/palette.js applies it before the page shows);
 * - glossary words: a word's meaning shows on hover, and on tap;
 * - search: the index (search/search_index.js, from generator/render/search.py) is loaded as a
 *   script the first time search opens, so it costs nothing until then and works from file://.
 *   Every word typed must start a word of a result (with light English stemming: "injections"
 *   finds "injection"); titles and other names count most. Results use Material's markup and stylesheet.
 * - on the page a result opens, the words searched for are marked (?h=, search.highlight);
 * - the table of contents marks the section on screen, and the header casts a shadow once
 *   the page has scrolled;
 * - the back-to-top button (navigation.top); Enter on a focused navigation label opens it.
 *
 * Every word a reader sees comes from the page (Material's translations in #__config), so a
 * second language needs no change here. No request leaves the site.
 */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("__config").textContent);
  var features = config.features || [];
  var base = new URL(config.base.replace(/\/?$/, "/"), location.href);

  function translate(key, count) {
    var text = (config.translations || {})[key] || "";
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
  var STOP_WORDS = new Set(("a an and are as at be by can do does for from has have how i if in is it " +
    "its me my no not of on or so than that the their them then there these they this to was we " +
    "what when where which who why will with you your").split(" "));
  var english = /^en\b/.test(document.documentElement.lang || "en");

  function fold(word) {  // lower case; accents off Latin letters only ("é" is "e")
    return word.toLowerCase().normalize("NFD").replace(/(\p{Script=Latin})\p{M}+/gu, "$1")
      .normalize("NFC");
  }

  function stem(word) {  // light English stemming: a plural ending, then a verb ending
    if (!english) return word;
    if (word.length > 4 && /ies$/.test(word)) word = word.slice(0, -3) + "y";
    else if (/sses$/.test(word)) word = word.slice(0, -2);
    else if (word.length > 3 && /[^su]s$/.test(word) && !/is$/.test(word)) word = word.slice(0, -1);
    if (word.length > 5 && /ing$/.test(word)) return word.slice(0, -3);
    if (word.length > 4 && /ed$/.test(word)) return word.slice(0, -2);
    return word;
  }

  function terms(text) {
    return (fold(text).match(WORD) || []).map(stem);
  }

  function queryTerms(query) {  // {words: as typed (folded), terms: their stems}
    var all = fold(query).match(WORD) || [];
    var kept = all.filter(function (word) { return !(english && STOP_WORDS.has(word)); });
    var words = Array.from(new Set(kept.length ? kept : all));
    return { words: words, terms: Array.from(new Set(words.map(stem))) };
  }

  function Index(data) {
    // data.pages: [location, title, text, [[anchor, title, text], ...], [other name, ...]]
    var docs = this.docs = [];
    var words = this.words = new Map();  // stem -> Map(doc number -> weight)
    data.pages.forEach(function (page) {
      var parent = { location: page[0], title: page[1], text: page[2], names: (page[4] || []).join(" "),
                     page: null };
      parent.page = parent;
      docs.push(parent);
      page[3].forEach(function (section) {
        docs.push({ location: page[0] + "#" + section[0], title: section[1], text: section[2], page: parent });
      });
    });
    docs.forEach(function (doc, number) {
      doc.number = number;
      // a title counts most, and more the fewer words it has: "Radiofrequency ablation"
      // before "Ask about radiofrequency ablation"
      var title = (doc === doc.page ? 60 : 20) / Math.max(2, terms(doc.title).length);
      [[doc.title, title], [doc.names || "", 30], [doc.text, 1]].forEach(function (field) {
        terms(field[0]).forEach(function (term) {
          var postings = words.get(term) || words.set(term, new Map()).get(term);
          postings.set(number, (postings.get(number) || 0) + field[1]);
        });
      });
    });
  }

  Index.prototype.search = function (query) {
    var self = this;
    var query = queryTerms(query);
    var wanted = query.terms;
    if (!wanted.length) return { words: [], terms: [], groups: [] };
    var scores = new Map();  // doc number -> {score, found: Set of terms}
    wanted.forEach(function (term) {
      var hits = new Map();
      self.words.forEach(function (postings, word) {
        if (word.lastIndexOf(term, 0) !== 0) return;  // every term is the start of a word
        var exact = word === term ? 2 : 1;
        postings.forEach(function (weight, number) {
          hits.set(number, (hits.get(number) || 0) + weight * exact);
        });
      });
      var rarity = Math.log(1 + self.docs.length / Math.max(hits.size, 1));
      hits.forEach(function (weight, number) {
        var entry = scores.get(number) || scores.set(number, { score: 0, found: new Set() }).get(number);
        entry.score += weight * rarity;
        entry.found.add(term);
      });
    });
    var most = 0;
    scores.forEach(function (entry) { most = Math.max(most, entry.found.size); });
    var groups = new Map();  // page -> {score, parent entry, sections}
    scores.forEach(function (entry, number) {
      if (entry.found.size < most) return;  // all the words, when some section has them all
      var doc = self.docs[number];
      var group = groups.get(doc.page) || groups.set(doc.page, { page: doc.page, score: 0, sections: [] }).get(doc.page);
      group.score = Math.max(group.score, entry.score);
      if (doc === doc.page) group.self = entry;
      else group.sections.push({ doc: doc, score: entry.score });
    });
    var sorted = Array.from(groups.values()).sort(function (a, b) { return b.score - a.score; });
    sorted.forEach(function (group) { group.sections.sort(function (a, b) { return b.score - a.score; }); });
    return { words: query.words, terms: wanted, groups: sorted };
  };

  function matches(word, wanted) {
    var term = stem(fold(word));
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
    if (features.indexOf("search.highlight") >= 0) url.searchParams.set("h", found.words.join(" "));
    var heading = parent ? "h1" : "h2";
    return '<a href="' + escapeHtml(url.href) + '" class="md-search-result__link">' +
      '<article class="md-search-result__article md-typeset">' +
      (parent ? '<div class="md-search-result__icon md-icon"></div>' : "") +
      "<" + heading + ">" + marked(doc.title, wanted) + "</" + heading + ">" +
      (showText && doc.text ? snippet(doc.text, wanted) : "") +
      "</article></a>";
  }

  function resultItem(group, found) {
    var shown = group.sections.slice(0, 2);
    var more = group.sections.slice(2);
    var html = resultLink(group.page, found, true, !!group.self) +
      shown.map(function (s) { return resultLink(s.doc, found, false, true); }).join("");
    if (more.length) {
      html += '<details class="md-search-result__more"><summary><div>' +
        escapeHtml(more.length === 1 ? translate("search.result.more.one")
                                     : translate("search.result.more.other", more.length)) +
        "</div></summary>" +
        more.map(function (s) { return resultLink(s.doc, found, false, true); }).join("") +
        "</details>";
    }
    return '<li class="md-search-result__item">' + html + "</li>";
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

    function load() {
      loading = loading || new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL("search/search_index.js", base).href;
        script.onload = function () {
          try {
            resolve(new Index(window.__patient_search_index));
          } catch (error) {  // not an index: as if it were missing
            reject(error);
          }
        };
        script.onerror = reject;
        document.head.appendChild(script);
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
        return;
      }
      var found = index.search(query);
      var count = found.groups.length;
      meta.textContent = count === 0 ? translate("search.result.none")
        : count === 1 ? translate("search.result.one") : translate("search.result.other", count);
      list.innerHTML = found.groups.map(function (group) { return resultItem(group, found); }).join("");
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
