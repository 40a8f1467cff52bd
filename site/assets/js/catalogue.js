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

  // Drawing the cards (style, layout, paint), not finding them, is most of a key press's time on
  // a slow phone (scripts/bench): two screens of cards at a time, "Xem thêm" for the next ones.
  var PAGE = 20;
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
  var search = window.PortalCatalogueSearch; // catalogue-search.js: the same matching as the header box

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

  // A procedure's card is made once and reused by every later query that shows it.
  var made = new Map();

  function card(p) {
    var el = made.get(p);
    if (!el) made.set(p, el = newCard(p));
    return el;
  }

  function newCard(p) {
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

  function matches() {
    return search.matches(data, text.value, {group: group.value, level: level.value, applicant: applicant.value});
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

  // A filtered list can be linked: ?tim=long+be&group=nuoi-trong fills the form on arrival (the
  // header's search box sends its words the same way).
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

  search.load(list.getAttribute("data-index"))
    .then(function (loaded) {
      data = loaded;
      list.setAttribute("data-ready", "");
      render();
    })
    .catch(function () {
      // The page's own list stays; the filters cannot work without the index.
      form.hidden = true;
    });
})();
