// The catalogue page's search and filters. They run over the compact index
// (assets/data/catalogue-index.json, written by scripts/site/catalogue.py: only what a card and the
// filters need), not over rendered cards, so a catalogue of thousands of procedures filters as
// fast as a small one; only the first PAGE matches are drawn. Without JavaScript the page's own
// HTML (every card, or for a large catalogue a plain list of links) shows instead.
(function () {
  "use strict";
  var form = document.getElementById("catalogue-filter");
  var list = document.getElementById("procedure-list");
  if (!form || !list) return;

  var PAGE = 50;
  var text = document.getElementById("filter-text");
  var group = document.getElementById("filter-group");
  var level = document.getElementById("filter-level");
  var applicant = document.getElementById("filter-applicant");
  var count = document.getElementById("filter-count");
  var more = document.getElementById("filter-more");
  var toggle = document.getElementById("filter-toggle");
  var toggleText = toggle.textContent;
  var data = null;
  var limit = PAGE;

  // The same folding as scripts/site/text.fold: accents dropped after NFD, đ (its own letter,
  // which NFD keeps whole) made d, and anything but letters and digits turned into one space, so
  // "Cấp, cấp lại" and "cap cap lai" compare equal and word starts can be found.
  function fold(value) {
    return String(value || "").replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
  }

  // A card is a copy of the page's <template id="procedure-card-template"> (the same Jinja macro
  // as the cards the page carries) with the entry's texts put in as text, never as HTML.
  var pattern = document.getElementById("procedure-card-template").content.firstElementChild;

  // A flagged figure keeps the template's "đang cập nhật" mark and the note that follows it.
  function fill(cell, value, flagged) {
    var mark = cell.querySelector(".unconfirmed");
    var note = cell.querySelector(".unconfirmed-note");
    cell.textContent = value;
    if (flagged && mark) cell.append(" ", mark);
    if (flagged && note) cell.append(note);
  }

  function card(p) {
    var flagged = p.u || [];
    var el = pattern.cloneNode(true);
    var link = el.querySelector(".procedure-card__title a");
    var cells = el.querySelectorAll(".procedure-card__facts dd");
    el.setAttribute("data-id", p.i);
    link.setAttribute("href", p.i + "/");
    link.textContent = p.t;
    el.querySelector(".badge--level").textContent = data.levels[p.l] || "";
    if (!p.o) el.querySelector(".badge--online").remove();
    fill(cells[0], data.groups[p.g] || "", false);
    fill(cells[1], p.tm, flagged.indexOf("tm") !== -1);
    fill(cells[2], p.fe, flagged.indexOf("fe") !== -1);
    return el;
  }

  // Every word must occur (as a part of a word, in any order); a word that starts a word of the
  // title counts more than one found inside a word, and the whole query as typed counts more
  // still, so "giay phep khai thac" puts that licence first.
  // `starts` holds each word with a space before it, built once per query rather than once per
  // procedure: this loop runs over the whole catalogue on every key press.
  function score(p, words, starts, phrase) {
    var total = 0;
    for (var w = 0; w < words.length; w++) {
      var at = p.f.indexOf(words[w]);
      if (at === -1) return -1;
      total += p.f.charCodeAt(at - 1) === 32 || p.f.indexOf(starts[w], at) !== -1 ? 2 : 1;
    }
    if (phrase && p.f.indexOf(phrase) !== -1) total += 3;
    return total;
  }

  function matches() {
    var words = fold(text.value).split(" ").filter(Boolean);
    var starts = words.map(function (word) { return " " + word; });
    var phrase = words.length > 1 ? " " + words.join(" ") : "";
    var found = [];
    for (var i = 0; i < data.procedures.length; i++) {
      var p = data.procedures[i];
      if (group.value && p.g !== group.value) continue;
      if (level.value && p.l !== level.value) continue;
      if (applicant.value && p.a.indexOf(applicant.value) === -1) continue;
      var s = words.length ? score(p, words, starts, phrase) : 0;
      if (s >= 0) found.push({p: p, s: s, n: i});
    }
    // Best first; ties keep the catalogue's order (by group, then title). Without words every
    // score is 0 and the order is already right.
    if (words.length) found.sort(function (a, b) { return b.s - a.s || a.n - b.n; });
    return found;
  }

  var drawn = null;

  function render() {
    if (!data) return;
    // Redraw only when something changed: a text box's "change" fires when it loses focus, which
    // a tap on a card does, and redrawing then would swap the link away under the finger.
    var state = [text.value, group.value, level.value, applicant.value, limit].join("\u0000");
    if (state === drawn) return;
    drawn = state;
    var found = matches();
    var cards = document.createDocumentFragment();
    for (var i = 0; i < found.length && i < limit; i++) cards.appendChild(card(found[i].p));
    list.replaceChildren(cards);
    var total = data.procedures.length;
    if (!found.length) {
      count.textContent = "Không tìm thấy thủ tục phù hợp. Thử gõ ít chữ hơn hoặc chọn “Tất cả lĩnh vực”.";
    } else if (found.length > limit) {
      count.textContent = "Có " + found.length + " thủ tục phù hợp, đang hiện " + limit + ".";
    } else {
      count.textContent = found.length === total ? "" : "Có " + found.length + " thủ tục phù hợp.";
    }
    more.hidden = found.length <= limit;
  }

  function restart() {
    limit = PAGE;
    render();
    showChosen();
  }

  // On a phone the three choices fold behind "Lọc" (portal.css); the button says how many are
  // in use ("Lọc (2)"), so a folded filter never hides silently why the list is short.
  function setOpen(open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    form.classList.toggle("catalogue-filter--open", open);
  }

  function showChosen() {
    var chosen = [group, level, applicant].filter(function (select) { return select.value; }).length;
    toggle.textContent = chosen ? toggleText + " (" + chosen + ")" : toggleText;
  }

  // A filtered list can be linked: ?tim=long+be&group=nuoi-trong fills the form on arrival.
  // (Not ?q=: the theme opens its own search box over the page for that.)
  var params = new URLSearchParams(window.location.search);
  text.value = params.get("tim") || "";
  [[group, "group"], [level, "level"], [applicant, "applicant"]].forEach(function (pair) {
    var value = params.get(pair[1]);
    if (value && pair[0].querySelector('option[value="' + CSS.escape(value) + '"]')) pair[0].value = value;
  });

  form.hidden = false;
  showChosen();
  toggle.addEventListener("click", function () { setOpen(toggle.getAttribute("aria-expanded") !== "true"); });
  form.addEventListener("input", restart);
  form.addEventListener("change", restart); // selects; the text box is handled by "input"
  form.addEventListener("submit", function (event) { event.preventDefault(); restart(); });
  more.addEventListener("click", function () { limit += PAGE; render(); });

  fetch(list.getAttribute("data-index"), {credentials: "same-origin"})
    .then(function (response) {
      if (!response.ok) throw new Error("catalogue index " + response.status);
      return response.json();
    })
    .then(function (loaded) {
      loaded.procedures.forEach(function (p) {
        p.f = " " + fold(p.t) + " " + fold(p.c || "") + " " + fold(p.i) + " ";
      });
      data = loaded;
      list.setAttribute("data-ready", "");
      render();
    })
    .catch(function () {
      // The page's own list stays; the filters cannot work without the index.
      form.hidden = true;
    });
})();
