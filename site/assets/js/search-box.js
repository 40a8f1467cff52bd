// The header's search box wakes up here (site/overrides/partials/search.html). Nothing else of
// the search is fetched until the reader focuses the box, opens it from the magnifier (a phone)
// or presses "/": then the shared matching (catalogue-search.js, unless the page has it already)
// and the box's script (search-box-ui.js) are added, and the latter loads the catalogue's index.
// Until they run, the box is a plain GET form to the catalogue page, which reads the words.
(function () {
  "use strict";
  var form = document.getElementById("portal-search");
  var toggle = document.getElementById("__search"); // the theme's checkbox that opens the box
  if (!form) return;
  var input = form.elements.tim;
  var started = false;

  function start() {
    if (started) return;
    started = true;
    var sources = form.getAttribute("data-scripts").split(" ");
    if (window.PortalCatalogueSearch) sources.shift();
    sources.forEach(function (src) {
      var script = document.createElement("script");
      script.src = src;
      script.async = false; // in order: the box's script needs the matching
      document.head.appendChild(script);
    });
  }

  input.addEventListener("focus", function () {
    if (toggle) toggle.checked = true; // the theme's CSS widens the box and shows its results
    start();
  });
  if (toggle) toggle.addEventListener("change", function () { if (toggle.checked) input.focus(); });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest && event.target.closest("input, textarea, select, [contenteditable]")) return;
    event.preventDefault();
    input.focus();
  });
})();
