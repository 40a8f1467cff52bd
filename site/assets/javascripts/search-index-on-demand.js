// The search index is fetched only once the reader opens the search (site/overrides/main.html
// says why). A file rather than an inline script: the site's Content-Security-Policy runs no
// inline script (template.yaml).
(function () {
  var held = [], opened = false;
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  function release() {
    if (opened) return;
    opened = true;
    held.splice(0).forEach(function (go) { go(); });
  }
  XMLHttpRequest.prototype.open = function (method, url) {
    this.portalSearchIndex = /\/search\/search_index\.json$/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this, args = arguments;
    if (xhr.portalSearchIndex && !opened) {
      held.push(function () { send.apply(xhr, args); });
      return;
    }
    return send.apply(xhr, args);
  };
  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest("form[name=search]")) release();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search") release();
  });
  document.addEventListener("keydown", function (event) {
    if (["/", "s", "f", "S", "F"].indexOf(event.key) !== -1) release();
  });
})();
