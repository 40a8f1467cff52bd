// A procedure's guide page and its printable pages: the documents checklist remembers what the
// citizen ticked (in this browser only, per procedure and version), and "In" buttons print.
(function () {
  "use strict";

  function load(key) {
    try {
      return JSON.parse(window.localStorage.getItem(key) || "[]");
    } catch (error) {
      return []; // storage disabled or full: the checklist still works for this visit
    }
  }

  function save(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch (error) { /* same as above */ }
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-checklist]"), function (list) {
    var key = "portal-checklist:" + list.getAttribute("data-checklist");
    var boxes = Array.prototype.slice.call(list.querySelectorAll('input[type="checkbox"]'));
    var ticked = load(key);
    boxes.forEach(function (box) {
      box.checked = ticked.indexOf(box.value) !== -1;
      box.addEventListener("change", function () {
        save(key, boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }));
      });
    });
  });

  Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
