/* The tool pages' script (pages whose front matter sets tool_script; see overrides/main.html).
 * Every tool page works without it, as a form to fill in and print; this makes them better:
 *
 * - a "Print this page" button (its words come from the page: .tool-actions[data-print-label]);
 * - What matters to me: once statements are marked, a summary lists the options that line up
 *   with them, or go against them, and which statements say so. It only sums up what the page
 *   already shows under each statement: it never recommends;
 * - My questions: `?option=<id>` in the address ticks that option's questions; the form is
 *   marked (.tool-marked) so that printing leaves out what is not ticked, and a count says how
 *   many are ticked;
 * - the block log works out the relief at each time from the pain before the block, and asks
 *   for a whole number from 0 to 10 where a pain score is not one.
 *
 * Nothing is stored (no cookies, no storage) and nothing is sent: what a patient marks lives
 * only in the open page. Every word shown comes from the page, so content sets all of them.
 */
(function () {
  "use strict";

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // --- print button -----------------------------------------------------------------------

  document.querySelectorAll(".tool-actions[data-print-label]").forEach(function (holder) {
    var button = element("button", "tool-print", holder.getAttribute("data-print-label"));
    button.type = "button";
    button.addEventListener("click", function () { window.print(); });
    holder.appendChild(button);
  });

  // Forms here are never sent anywhere: pressing Enter in a field must not try.
  document.querySelectorAll("form.tool-form").forEach(function (form) {
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  });

  // --- What matters to me -------------------------------------------------------------------

  var values = document.getElementById("values-form");
  var results = document.querySelector(".values-results");
  if (values && results) {
    var list = results.querySelector(".values-results-list");
    var empty = list.textContent.trim();

    var summarise = function () {
      var options = {};
      var order = [];
      values.querySelectorAll("fieldset[data-statement]").forEach(function (statement) {
        var picked = statement.querySelector("input:checked");
        var weight = picked ? Number(picked.value) : 0;
        if (!weight) return;
        var said = statement.querySelector("legend").textContent.trim().replace(/[.!]$/, "");
        var reason = results.getAttribute("data-you-marked") + " \u201c" + said + "\u201d (" +
          picked.getAttribute("data-label") + ").";
        statement.querySelectorAll("a[data-option]").forEach(function (link) {
          var id = link.getAttribute("data-option");
          var entry = options[id];
          if (!entry) {
            entry = options[id] = { title: link.textContent, href: link.getAttribute("href"),
                                    score: 0, favours: [], against: [], first: order.length };
            order.push(id);
          }
          var favours = link.getAttribute("data-effect") === "favours";
          entry.score += favours ? weight : -weight;
          (favours ? entry.favours : entry.against).push(reason);
        });
      });
      list.textContent = "";
      if (!order.length) {
        list.appendChild(element("p", "", empty));
        return;
      }
      order.sort(function (a, b) {
        return options[b].score - options[a].score || options[a].first - options[b].first;
      });
      var ul = element("ul", "values-results-options");
      order.forEach(function (id) {
        var entry = options[id];
        var item = element("li", "values-result");
        var link = element("a", "", entry.title);
        link.href = entry.href;
        item.appendChild(element("strong")).appendChild(link);
        [["favours", entry.favours], ["against", entry.against]].forEach(function (pair) {
          if (!pair[1].length) return;
          var line = element("p", "value-effect value-" + pair[0]);
          line.appendChild(element("span", "value-effect-label", results.getAttribute("data-" + pair[0]) + ": "));
          line.appendChild(document.createTextNode(pair[1].join(" ")));
          item.appendChild(line);
        });
        ul.appendChild(item);
      });
      list.appendChild(ul);
    };
    values.addEventListener("change", summarise);
    summarise();
  }

  // --- My questions -----------------------------------------------------------------------

  var questions = document.getElementById("questions-form");
  if (questions) {
    questions.classList.add("tool-marked");
    var count = document.querySelector(".questions-count");
    var counted = function () {
      if (!count) return;
      var ticked = questions.querySelectorAll("input[type=checkbox]:checked").length;
      count.textContent = count.getAttribute("data-label") + ": " + ticked;
    };
    var wanted = new URLSearchParams(location.search).get("option");
    var group = wanted && Array.prototype.find.call(
      questions.querySelectorAll("fieldset[data-option]"),
      function (fieldset) { return fieldset.getAttribute("data-option") === wanted; });
    if (group) {
      group.querySelectorAll("input[type=checkbox]").forEach(function (box) { box.checked = true; });
      group.classList.add("question-group-linked");
      group.scrollIntoView({ block: "start" });
    }
    questions.addEventListener("change", counted);
    counted();
  }

  // --- block log: relief from the pain before the block -----------------------------------

  var log = document.getElementById("block-log-form");
  if (log) {
    var pains = Array.prototype.slice.call(log.querySelectorAll("input.block-pain"));
    var relief = function () {
      var before = pains.length && pains[0].validity.valid ? parseFloat(pains[0].value) : NaN;
      pains.forEach(function (input, row) {
        var output = input.closest("tr").querySelector("output.block-relief");
        var now = parseFloat(input.value);
        var valid = input.validity.valid;  // a whole number from 0 to 10, or nothing yet
        input.setAttribute("aria-invalid", valid ? "false" : "true");
        var known = row > 0 && before > 0 && now >= 0 && input.value !== "";
        if (!valid) {
          output.textContent = log.getAttribute("data-range");
        } else if (!known) {
          output.textContent = "";
        } else if (now > before) {
          output.textContent = log.getAttribute("data-worse");  // no "negative relief"
        } else {
          output.textContent = Math.round(((before - now) / before) * 100) + "%";
        }
      });
    };
    log.addEventListener("input", relief);
    relief();
  }
})();
