// The header's search box at work (added by search-box.js on first use): it loads the
// catalogue's index and asks the catalogue page's own matching (catalogue-search.js), then lists
// the best procedures as an ARIA combobox: arrows move through them, Enter opens the one chosen
// (or, with none chosen, the catalogue page filtered by the words: the form's own GET), Escape
// closes the list, then clears the words. The status line says how many were found.
(function () {
  "use strict";
  var search = window.PortalCatalogueSearch;
  var form = document.getElementById("portal-search");
  if (!search || !form || form.hasAttribute("data-ready")) return;
  form.setAttribute("data-ready", "");

  var SHOWN = 8; // a phone's screen of results; the rest are one link away, in the catalogue
  var input = form.elements.tim;
  var toggle = document.getElementById("__search");
  var list = document.getElementById("portal-search-results");
  var status = document.getElementById("portal-search-status");
  var all = document.getElementById("portal-search-all");
  var hint = status.textContent;
  var data = null;
  var options = [];
  var active = -1;

  // The options are made once and refilled: a key press changes texts, not the list's shape.
  function option(i) {
    if (!options[i]) {
      var el = document.createElement("a");
      el.className = "md-search-result__link portal-search__option";
      el.id = "portal-search-option-" + i;
      el.setAttribute("role", "option");
      el.setAttribute("tabindex", "-1");
      el.setAttribute("aria-selected", "false");
      var title = el.appendChild(document.createElement("span"));
      title.className = "portal-search__title";
      var about = el.appendChild(document.createElement("span"));
      about.className = "portal-search__about";
      options[i] = el;
    }
    return options[i];
  }

  function fillOption(el, p) {
    el.href = new URL(p.i + "/", form.action).href;
    el.firstChild.textContent = p.t;
    el.lastChild.textContent = [p.c, data.groups[p.g]].filter(Boolean).join(" · ");
  }

  function catalogueLink(words) {
    var url = new URL(form.action);
    url.searchParams.set("tim", words);
    return url.href;
  }

  function setActive(index) {
    if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
    active = index;
    if (active >= 0) {
      options[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({block: "nearest"});
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function shownCount() {
    return list.hidden ? 0 : list.childElementCount;
  }

  function show() {
    var words = input.value.trim();
    setActive(-1);
    if (!data || !words) {
      list.hidden = true;
      list.replaceChildren();
      all.parentNode.hidden = true;
      input.setAttribute("aria-expanded", "false");
      if (data) status.textContent = hint; // while loading, its "Đang tải" stays
      return;
    }
    var found = search.matches(data, words);
    var n = Math.min(found.length, SHOWN);
    for (var i = 0; i < n; i++) fillOption(option(i), found[i].p);
    if (list.childElementCount !== n) list.replaceChildren.apply(list, options.slice(0, n));
    list.hidden = n === 0;
    input.setAttribute("aria-expanded", n ? "true" : "false");
    status.textContent = !found.length ? "Không tìm thấy thủ tục phù hợp."
      : found.length > n ? "Có " + found.length + " thủ tục phù hợp, đây là " + n + " thủ tục đầu."
        : "Có " + found.length + " thủ tục phù hợp.";
    all.parentNode.hidden = found.length <= n;
    if (found.length > n) {
      all.href = catalogueLink(words);
      all.textContent = "Xem cả " + found.length + " thủ tục trong danh mục";
    }
  }

  function close() {
    if (toggle) toggle.checked = false;
    setActive(-1);
    input.setAttribute("aria-expanded", "false");
  }

  function open() {
    if (toggle && !toggle.checked) toggle.checked = true;
    if (shownCount()) input.setAttribute("aria-expanded", "true");
  }

  input.addEventListener("input", function () { open(); show(); });
  input.addEventListener("focus", open);
  form.addEventListener("reset", function () {
    setTimeout(function () { show(); input.focus(); }); // after the form has emptied the box
  });

  input.addEventListener("keydown", function (event) {
    var n = shownCount();
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      open();
      if (!n) return;
      // Down from the box to the first, up from the box to the last; past either end, the box.
      var next = active + (event.key === "ArrowDown" ? 1 : -1);
      setActive(next >= n ? -1 : next < -1 ? n - 1 : next);
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      window.location.href = options[active].href;
    } else if (event.key === "Escape") {
      event.preventDefault();
      if (toggle && toggle.checked) {
        close();
      } else {
        input.value = "";
        show();
      }
    }
  });

  // A click on a result must not first take the focus away. Tab to something else closes the
  // list; a click elsewhere lands on the theme's overlay or back arrow, which close it themselves.
  list.addEventListener("mousedown", function (event) { event.preventDefault(); });
  form.parentNode.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !form.parentNode.contains(event.relatedTarget)) close();
  });
  form.addEventListener("submit", function (event) {
    if (!input.value.trim()) event.preventDefault(); // nothing to look for
  });

  status.textContent = "Đang tải danh mục thủ tục…";
  search.load(form.getAttribute("data-index"))
    .then(function (loaded) {
      data = loaded;
      status.textContent = hint;
      show();
    })
    .catch(function () {
      // The form still works: Enter opens the catalogue page with the words.
      status.textContent = "Chưa tải được danh mục. Nhấn Enter để tìm trên trang Thủ tục.";
    });
})();
