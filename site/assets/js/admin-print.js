// The desk's printed forms (the one-stop forms of Decree 61/2018/NĐ-CP as amended by Decree
// 107/2021/NĐ-CP, Circular 01/2018/TT-VPCP), each on A4 with the dossier code as a QR code:
//   01 receipt and appointment, 02 supplement request, 03 refusal, 04 apology and new date,
//   05 notice of stopped processing, 06 process control slip (per dossier, from a DossierDetail);
//   07 tracking book for a period (from GET /api/officer/book).
// PortalDesk.print(kind, detail) draws one form into a print area laid over the page (a preview
// on screen, the only thing on paper: assets/css/desk-print.css) and opens the print dialog;
// PortalDesk.printForms(detail) names the forms that fit a dossier. The forms' texts live in
// admin-print-forms.js (PortalDesk.printBodies); this file holds the sheet, the header and the QR.
(function () {
  "use strict";
  var P = window.Portal;
  if (!P) return;
  var h = P.h;
  var desk = window.PortalDesk = window.PortalDesk || {};
  var SVG = "http://www.w3.org/2000/svg";

  var TITLES = {
    "01": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    "02": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    "03": "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    "04": "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
    "05": "Thông báo dừng xử lý hồ sơ",
    "06": "Phiếu kiểm soát quá trình giải quyết hồ sơ",
    "07": "Sổ theo dõi hồ sơ"
  };
  desk.printTitles = TITLES;

  // --- what the forms read beside the dossier ----------------------------------------------

  function loadOnce(cacheKey, make) {
    if (!desk[cacheKey]) desk[cacheKey] = make();
    return desk[cacheKey];
  }

  // assets/data/desk-procedures.json (scripts/site/desk.py): per procedure the agency named on
  // the forms, the counter intake's fields, documents and channels. {} when unavailable.
  desk.deskProcedures = function () {
    return loadOnce("_deskProcedures", function () {
      return fetch(P.siteRoot() + "assets/data/desk-procedures.json", {credentials: "same-origin"})
        .then(function (response) { return response.ok ? response.json() : {}; })
        .catch(function () { return {}; });
    });
  };

  // Vendored files are not page scripts (overrides/main.html loads assets/js/<name>.js only),
  // and only a desk that prints needs them: added on first use, from this site (CSP 'self').
  function addScript(path) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = P.siteRoot() + path;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("Không tải được " + path)); };
      document.head.appendChild(script);
    });
  }

  function addStyle(path) {
    return new Promise(function (resolve) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = P.siteRoot() + path;
      link.onload = resolve;
      link.onerror = resolve;  // the forms still print, only plainer
      document.head.appendChild(link);
    });
  }

  desk.addScript = addScript;

  function ready() {
    return loadOnce("_printReady", function () {
      return Promise.all([
        window.qrcode ? null : addScript("assets/vendor/qrcode-generator/qrcode.js"),
        addScript("assets/js/admin-print-forms.js"),
        addStyle("assets/css/desk-print.css"),
        desk.deskProcedures()
      ]).then(function (loaded) { return loaded[3]; });
    });
  }

  // --- the QR code -------------------------------------------------------------------------

  // The QR holds the dossier code itself, not a link to the lookup page: the code is what the
  // issue asks for and what a desk scanner types into the search box; it outlives a move of the
  // site to another address (a printed URL would not); and a phone that reads it shows the
  // citizen the code to type on the lookup page, which asks for the ID number anyway. The code's
  // characters (digits, capitals, "." and "-") fit QR's alphanumeric mode; level M survives a
  // smudged or folded receipt. Drawn as SVG rectangles: crisp at any printer resolution, no
  // canvas, no markup string.
  function qrSvg(text, modulePx) {
    var qr = window.qrcode(0, "M");
    qr.addData(text, /^[0-9A-Z $%*+\-./:]*$/.test(text) ? "Alphanumeric" : "Byte");
    qr.make();
    var count = qr.getModuleCount();
    var quiet = 4;  // the quiet zone the standard asks for, in modules
    var size = count + quiet * 2;
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 " + size + " " + size);
    svg.setAttribute("width", String(size * modulePx));
    svg.setAttribute("height", String(size * modulePx));
    svg.setAttribute("class", "print-qr");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "Mã QR của mã hồ sơ " + text);
    svg.setAttribute("data-code", text);
    svg.setAttribute("shape-rendering", "crispEdges");
    var background = document.createElementNS(SVG, "rect");
    background.setAttribute("width", String(size));
    background.setAttribute("height", String(size));
    background.setAttribute("fill", "#fff");
    svg.appendChild(background);
    // One path of unit squares: small to keep in the page, and every dark module is one "h1v1h-1z".
    var d = [];
    for (var row = 0; row < count; row++) {
      for (var col = 0; col < count; col++) {
        if (qr.isDark(row, col)) d.push("M" + (col + quiet) + " " + (row + quiet) + "h1v1h-1z");
      }
    }
    var path = document.createElementNS(SVG, "path");
    path.setAttribute("d", d.join(""));
    path.setAttribute("fill", "#000");
    svg.appendChild(path);
    return svg;
  }

  // --- the sheet's shared parts ------------------------------------------------------------

  // "2026-07-08T10:15:00+07:00" → "2026-07-08" (Vietnam's day), for comparing days.
  function vnDay(iso) {
    var text = P.formatDate(iso);
    return text ? text.split("/").reverse().join("-") : "";
  }

  function today() {
    return vnDay(new Date().toISOString());
  }

  // The place of the dateline: the province of the agency's address ("… tỉnh Quảng Ngãi").
  function place(agency) {
    var match = /(?:tỉnh|thành phố)\s+([^,]+)$/i.exec((agency && agency.address) || "");
    return match ? match[1].trim() : "";
  }

  function upper(text) {
    return String(text || "").toLocaleUpperCase("vi");
  }

  function header(agency, options) {
    var dateline = (place(agency) ? place(agency) + ", " : "") + "ngày " + P.formatDate(options.date || today());
    return h("div", {class: "print-header"},
      h("div", {class: "print-header__agency"},
        h("p", {class: "print-header__name"}, upper(agency.name)),
        options.office ? h("p", {class: "print-header__office"}, options.office) : null,
        h("p", {class: "print-header__rule", "aria-hidden": "true"}),
        options.number ? h("p", null, "Số: " + options.number) : null),
      h("div", {class: "print-header__nation"},
        h("p", {class: "print-header__republic"}, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        h("p", {class: "print-header__motto"}, "Độc lập - Tự do - Hạnh phúc"),
        h("p", {class: "print-header__rule", "aria-hidden": "true"}),
        h("p", {class: "print-header__dateline"}, dateline)));
  }

  function titleBlock(kind, code) {
    return h("div", {class: "print-title" + (code ? " print-title--qr" : "")},
      h("div", {class: "print-title__text"},
        h("p", {class: "print-form-number"}, "Mẫu " + kind),
        h("h1", {class: "print-title__heading", id: "print-title"}, upper(TITLES[kind])),
        code ? h("p", {class: "print-title__code"}, "Mã hồ sơ: ", h("strong", {id: "print-code"}, code)) : null),
      code ? h("div", {class: "print-title__qr"}, qrSvg(code, 3)) : null);
  }

  // Signature blocks side by side: [[title, note], ...].
  function signatures(blocks) {
    return h("div", {class: "print-signatures"}, blocks.map(function (b) {
      return h("div", {class: "print-signature"},
        h("p", {class: "print-signature__title"}, upper(b[0])),
        h("p", {class: "print-signature__note"}, b[1] || "(Ký và ghi rõ họ tên)"),
        h("p", {class: "print-signature__name"}, b[2] || ""));
    }));
  }

  // The agency of a procedure, or of the officer's agency (code in the token), or the first one.
  function agencyFor(procedures, procedureId) {
    if (procedureId && procedures[procedureId]) return procedures[procedureId].agency || {};
    var code = (desk.claims ? desk.claims() : {})["custom:agency"];
    var all = Object.keys(procedures).map(function (id) { return procedures[id].agency || {}; });
    return all.filter(function (a) { return a.code === code; })[0] || all[0] || {name: "Chi cục Thủy sản Quảng Ngãi"};
  }

  // --- the print area ----------------------------------------------------------------------

  function area() {
    var box = document.getElementById("print-area");
    if (!box) {
      box = h("div", {id: "print-area", class: "print-area", role: "dialog", "aria-modal": "true",
        "aria-labelledby": "print-title", hidden: true});
      document.body.appendChild(box);
      document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && !box.hidden) close();
      });
    }
    return box;
  }

  function close() {
    var box = area();
    box.hidden = true;
    box.innerHTML = "";
    document.body.classList.remove("printing-form");
    if (desk._printOpener && document.contains(desk._printOpener)) desk._printOpener.focus();
  }

  function toolbar(kind) {
    return h("div", {class: "print-toolbar md-typeset"},
      h("button", {type: "button", class: "md-button md-button--primary", id: "print-again",
        onclick: function () { window.print(); }}, "In"),
      h("button", {type: "button", class: "md-button", id: "print-close", onclick: close}, "Đóng"),
      h("span", {class: "print-toolbar__hint"}, "Khổ A4" + (kind === "07" ? ", trang ngang" : "")));
  }

  // options.panel: a screen-only step before the form (the book's period), nothing printed.
  function show(kind, sheetBody, options) {
    options = options || {};
    var box = area();
    box.innerHTML = "";
    box.appendChild(toolbar(kind));
    box.appendChild(h("div", {class: options.panel ? "print-panel md-typeset" : "print-sheet print-sheet--" + kind,
      id: options.panel ? "print-panel" : "print-sheet", "data-form": kind}, sheetBody));
    box.hidden = false;
    document.body.classList.add("printing-form");
    if (options.panel) {
      document.getElementById("print-again").hidden = true;
      var first = box.querySelector("input");
      if (first) first.focus();
      return;
    }
    document.getElementById("print-again").focus();
    if (options.dialog !== false) window.print();
  }

  function failure(error) {
    var box = area();
    box.innerHTML = "";
    box.appendChild(toolbar(""));
    box.appendChild(h("p", {class: "notice notice--error", role: "alert", id: "print-error"},
      "Không in được phiếu: " + ((error && error.message) || "lỗi không xác định") + "."));
    box.hidden = false;
    document.body.classList.add("printing-form");
  }

  // The parts the form bodies (admin-print-forms.js) build with.
  desk.printParts = {
    header: header, titleBlock: titleBlock, signatures: signatures, vnDay: vnDay, today: today, upper: upper
  };

  // The forms a dossier has the facts for, in the forms' order: [{kind, label}].
  desk.printForms = function (detail) {
    var d = (detail && detail.dossier) || {};
    var apologies = ((detail && detail.events) || []).filter(function (e) { return e.action === "apologise"; });
    var fits = {
      "01": Boolean(d.received_at),
      "02": Boolean(d.supplement_items && d.supplement_items.length),
      "03": Boolean(d.refusal_grounds && d.refusal_grounds.length),
      "04": apologies.length > 0,
      "05": Boolean(d.stop_grounds && d.stop_grounds.length),
      "06": Boolean(d.received_at)
    };
    return Object.keys(fits).filter(function (kind) { return fits[kind]; }).map(function (kind) {
      return {kind: kind, label: "In mẫu " + kind + ": " + TITLES[kind].charAt(0).toLowerCase() + TITLES[kind].slice(1)};
    });
  };

  // print("01".."06", detail) for a dossier; print("07", {from, to}) for the tracking book of
  // a period (YYYY-MM-DD, both days included), or print("07") to ask for the period first.
  // options.dialog === false draws the form without opening the print dialog (tests, previews).
  desk.print = async function (kind, detail, options) {
    if (!area().contains(document.activeElement)) desk._printOpener = document.activeElement;
    kind = TITLES[kind] ? kind : "01";
    try {
      var procedures = await ready();
      var bodies = desk.printBodies;
      if (kind === "07") {
        if (!detail || !detail.from || !detail.to) {
          return show(kind, bodies.askPeriod(function (period) { desk.print("07", period, options); }), {panel: true});
        }
        var book = await desk.request("GET", "/api/officer/book?from=" + encodeURIComponent(detail.from) +
          "&to=" + encodeURIComponent(detail.to));
        return show(kind, bodies["07"](book, detail, agencyFor(procedures, null)), options);
      }
      var d = detail.dossier || {};
      show(kind, bodies[kind](detail, agencyFor(procedures, d.procedure_id), procedures[d.procedure_id] || {}), options);
    } catch (error) {
      failure(error);
    }
  };
})();
