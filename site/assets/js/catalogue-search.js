// The one way the site finds a procedure by its words. The catalogue page's filter (catalogue.js)
// and the header's search box (search-box-ui.js) both load the catalogue's compact index
// (assets/data/catalogue-index.json, scripts/site/catalogue.py) and ask `matches` here, so the
// same words always give the same answer in both: diacritic-free, in any word order, partial
// words allowed.
(function () {
  "use strict";
  if (window.PortalCatalogueSearch) return; // loaded by the page and again by the header box

  // The same folding as scripts/site/text.fold: accents dropped after NFD, đ (its own letter,
  // which NFD keeps whole) made d, and anything but letters and digits turned into one space, so
  // "Cấp, cấp lại" and "cap cap lai" compare equal and word starts can be found.
  function fold(value) {
    return String(value || "").replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
  }

  // One request per page, whoever asks first (the catalogue page and the header box share it);
  // a failed load may be tried again.
  var loads = {};

  function load(url) {
    var key = new URL(url, document.baseURI).href;
    if (!loads[key]) {
      loads[key] = fetch(key, {credentials: "same-origin"})
        .then(function (response) {
          if (!response.ok) throw new Error("catalogue index " + response.status);
          return response.json();
        })
        .then(function (data) {
          // Each entry's searchable text, folded once: title, national code and id, each word
          // preceded by a space so a word's start can be told from a match inside a word.
          data.procedures.forEach(function (p) {
            p.f = " " + fold(p.t) + " " + fold(p.c || "") + " " + fold(p.i) + " ";
          });
          return data;
        });
      loads[key].catch(function () { delete loads[key]; });
    }
    return loads[key];
  }

  // Every word must occur (as a part of a word, in any order); a word that starts a word of the
  // title counts more than one found inside a word, and the whole query as typed counts more
  // still, so "giay phep khai thac" puts that licence first.
  // `starts` holds each word with a space before it, built once per query rather than once per
  // procedure: this loop runs over the whole catalogue on every key press.
  function score(f, words, starts, phrase) {
    var total = 0;
    for (var w = 0; w < words.length; w++) {
      var at = f.indexOf(words[w]);
      if (at === -1) return -1;
      total += f.charCodeAt(at - 1) === 32 || f.indexOf(starts[w], at) !== -1 ? 2 : 1;
    }
    if (phrase && f.indexOf(phrase) !== -1) total += 3;
    return total;
  }

  // The procedures that match `text` and the choices in `filters` ({group, level, applicant},
  // each "" or absent for all), best first; ties keep the catalogue's order (by group, then
  // title). Each result is {p: the index entry, s: its score}.
  function matches(data, text, filters) {
    filters = filters || {};
    var words = fold(text).split(" ").filter(Boolean);
    var starts = words.map(function (word) { return " " + word; });
    var phrase = words.length > 1 ? " " + words.join(" ") : "";
    // Scores are small whole numbers (at most 2 a word, plus 3): one list per score, each filled
    // in the catalogue's order, read from the best down, orders thousands of matches without a
    // sort. Without words every score is 0 and the order is the catalogue's.
    var byScore = [];
    var procedures = data.procedures;
    for (var i = 0; i < procedures.length; i++) {
      var p = procedures[i];
      if (filters.group && p.g !== filters.group) continue;
      if (filters.level && p.l !== filters.level) continue;
      if (filters.applicant && p.a.indexOf(filters.applicant) === -1) continue;
      var s = words.length ? score(p.f, words, starts, phrase) : 0;
      if (s >= 0) (byScore[s] || (byScore[s] = [])).push({p: p, s: s});
    }
    var found = [];
    for (var k = byScore.length - 1; k >= 0; k--) if (byScore[k]) found = found.concat(byScore[k]);
    return found;
  }

  window.PortalCatalogueSearch = {fold: fold, load: load, matches: matches};
})();
