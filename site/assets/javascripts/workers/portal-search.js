// A thin wrapper around mkdocs-material's own search worker (site/overrides/main.html points the
// theme at this file and passes the original worker's file name as ?worker=).
//
// The index side of accent-free search is site/hooks/search_folding.py: every entry carries
// folded copies of its title and text. This wrapper only adds, to each query, every word folded
// and boosted as a whole word ("dang^4"), beside the theme's own prefix match ("dang*"). Without
// it, an unaccented short word matches many words ("ca*": cá, cải, cấp, các...) and a long title
// full of them outranks the one the citizen typed. It lives in the theme's workers/ folder
// because the theme's worker loads its language files from "../lunr" relative to itself. If the
// theme ever changes its message format, queries pass through untouched and the folded fields
// still work.
(function () {
  "use strict";
  var QUERY = 2; // SearchMessageType.QUERY in mkdocs-material 9.x
  var BOOST = 4;

  // Same folding as scripts/site/text.fold and assets/js/catalogue.js; đ does not decompose.
  function fold(value) {
    return String(value).replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function rewrite(query) {
    // Queries using lunr's own syntax (fields, presence, boosts, quotes) are left as typed.
    if (typeof query !== "string" || /["+\-~^:*]/.test(query)) return query;
    var words = query.trim().split(/\s+/).filter(Boolean);
    var exact = words.map(function (w) { return fold(w).replace(/[^a-z0-9]/g, ""); })
      .filter(Boolean).map(function (w) { return w + "^" + BOOST; });
    return exact.length ? words.concat(exact).join(" ") : query;
  }

  var worker = new URL(self.location.href).searchParams.get("worker") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(worker)) throw new Error("unexpected search worker " + worker);

  var listen = self.addEventListener.bind(self);
  self.addEventListener = function (type, listener, options) {
    if (type !== "message") return listen(type, listener, options);
    return listen("message", function (event) {
      var message = event.data;
      if (message && message.type === QUERY && typeof message.data === "string") {
        return listener({data: {type: message.type, data: rewrite(message.data)}});
      }
      return listener(event);
    }, options);
  };
  importScripts(worker);
})();
