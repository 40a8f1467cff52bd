// The catalogue page's filter: by words of the title (with or without Vietnamese accents), by
// group and by service level. Without JavaScript the full list simply shows.
(function () {
  "use strict";
  var form = document.getElementById("catalogue-filter");
  var list = document.getElementById("procedure-list");
  if (!form || !list) return;

  // "Giấy phép" and "giay phep" must find the same procedures.
  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  var cards = Array.prototype.slice.call(list.querySelectorAll(".procedure-card"));
  cards.forEach(function (card) { card.dataset.text = fold(card.textContent); });
  var text = document.getElementById("filter-text");
  var group = document.getElementById("filter-group");
  var level = document.getElementById("filter-level");
  var count = document.getElementById("filter-count");

  function apply() {
    var words = fold(text.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    cards.forEach(function (card) {
      var visible = (!group.value || card.dataset.group === group.value) &&
        (!level.value || card.dataset.level === level.value) &&
        words.every(function (word) { return card.dataset.text.indexOf(word) !== -1; });
      card.hidden = !visible;
      if (visible) shown += 1;
    });
    count.textContent = shown === cards.length ? "" : "Có " + shown + " thủ tục phù hợp.";
  }

  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
})();
