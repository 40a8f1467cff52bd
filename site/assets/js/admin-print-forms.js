// The texts of the desk's printed forms (PortalDesk.printBodies), after the one-stop forms of
// Circular 01/2018/TT-VPCP (Mẫu 01–06) and the tracking book (Mẫu 07); loaded by admin-print.js
// on first print. Every fact comes from the DossierDetail (or the book's rows) as the API wrote
// it; labels of codes from the vocabulary; what someone typed reaches the page as text only.
(function () {
  "use strict";
  var P = window.Portal;
  var desk = window.PortalDesk;
  if (!P || !desk || !desk.printParts) return;
  var h = P.h;
  var parts = desk.printParts;
  var BLANK = "……………………";
  var OFFICE = "Bộ phận tiếp nhận và trả kết quả";

  function label(kind, code) {
    return P.label(desk.vocabulary, kind, code);
  }

  // "Label: value" on one line; a missing value prints as a dotted blank to fill by hand.
  function line(name, value, id) {
    var empty = value === undefined || value === null || value === "";
    return h("p", {class: "print-line"}, name + ": ", h("span", {class: empty ? "print-blank" : "print-value", id: id || null}, empty ? BLANK : value));
  }

  function para(text) {
    return h("p", {class: "print-para"}, text);
  }

  function addressText(address) {
    address = address || {};
    return [address.street, address.commune, address.province].filter(Boolean).join(", ");
  }

  function applicantLines(a, nameLabel) {
    a = a || {};
    var organisation = a.kind === "to-chuc";
    return [
      line(nameLabel, a.full_name, "print-applicant"),
      organisation ? line("Mã số thuế", a.tax_code) : line("Số CCCD", a.id_number),
      line("Địa chỉ", addressText(a.address)),
      h("p", {class: "print-line"}, "Số điện thoại: ", h("span", {class: "print-value"}, a.phone || BLANK),
        h("span", {class: "print-gap"}), "Thư điện tử: ", h("span", {class: "print-value"}, a.email || BLANK))
    ];
  }

  // The request, with its case ("Cấp lại") when the procedure has cases: the API's label, else
  // the case of the channel (desk-procedures.json) that the dossier's answers match.
  function subject(detail, data) {
    var d = detail.dossier;
    var cases = ((data && data.channels && data.channels[d.channel]) || {}).cases || [];
    var matched = cases.filter(function (c) { return (d.answers || {})[c.when.field] === c.when.equals; })[0];
    var caseLabel = (detail.procedure && detail.procedure.case_label) || (matched && matched.label);
    return line("Nội dung yêu cầu giải quyết", d.procedure_title + (caseLabel ? " (" + caseLabel + ")" : ""), "print-procedure");
  }

  function provisional(flag) {
    return flag ? " (" + label("note", "provisional_date") + ")" : "";
  }

  function lastEvent(detail, action) {
    return (detail.events || []).filter(function (e) { return e.action === action; }).slice(-1)[0] || null;
  }

  // Who acted: a specialist's name when the desk knows it, else the officer's user name.
  function who(detail, e) {
    if (!e) return "";
    if (!e.actor_id || e.actor_role === "citizen" || e.actor_role === "system") return "";
    var known = (detail.specialists || []).filter(function (s) { return s.username === e.actor_id; })[0];
    return known ? known.name : e.actor_id;
  }

  function counterOf(agency) {
    return [agency.counter, agency.address].filter(Boolean).join(", ");
  }

  function timeLimitText(detail) {
    var t = detail.dossier.time_limit;
    if (!t) return detail.procedure && detail.procedure.time_limit ? detail.procedure.time_limit.text : "";
    return P.formatNumber(t.value) + " " + label("time_unit", t.unit) + (t.set_by_hand && t.reason ? " (căn cứ: " + t.reason + ")" : "");
  }

  function feeText(detail) {
    var fee = detail.dossier.fee;
    if (fee && fee.amount_text) return fee.amount_text;
    return detail.procedure && detail.procedure.fee ? detail.procedure.fee.text : "";
  }

  function groundList(grounds, id) {
    return h("ol", {class: "print-list", id: id}, (grounds || []).map(function (g) { return h("li", null, g.text); }));
  }

  // The received documents' names, once each, in the procedure's order of slots.
  function documentNames(detail) {
    var order = ((detail.procedure && detail.procedure.documents) || []).map(function (doc) { return doc.slot; });
    var rank = function (doc) { var i = order.indexOf(doc.slot); return i === -1 ? order.length : i; };
    var names = [];
    (detail.documents || []).slice().sort(function (a, b) { return rank(a) - rank(b); }).forEach(function (doc) {
      var name = doc.name || doc.slot;
      if (names.indexOf(name) === -1) names.push(name);
    });
    return names;
  }

  // How the counter's own forms (01, 03) open: the office, the code, who handed what in.
  function counterOpening(kind, detail, agency, data, at) {
    var d = detail.dossier;
    return [
      parts.header(agency, {office: OFFICE, date: at}),
      parts.titleBlock(kind, d.code),
      line(OFFICE, counterOf(agency)),
      applicantLines(d.applicant, "Tiếp nhận hồ sơ của"),
      subject(detail, data)
    ];
  }

  var bodies = {};

  bodies["01"] = function (detail, agency, data) {
    var d = detail.dossier;
    var received = lastEvent(detail, "intake") || lastEvent(detail, "receive");
    var names = documentNames(detail);
    return [
      counterOpening("01", detail, agency, data, d.received_at),
      line("Hình thức nộp", label("channel", d.channel)),
      h("p", {class: "print-line"}, "1. Thành phần hồ sơ nộp gồm:"),
      names.length ? h("ol", {class: "print-list", id: "print-documents"}, names.map(function (n) { return h("li", null, n); }))
        : para("(Không có bản điện tử của giấy tờ.)"),
      line("2. Số lượng hồ sơ", "01 bộ"),
      line("3. Thời gian giải quyết hồ sơ theo quy định", timeLimitText(detail), "print-time-limit"),
      line("4. Thời gian nhận hồ sơ", P.formatDateTime(d.received_at), "print-received-at"),
      line("5. Thời gian trả kết quả giải quyết hồ sơ", d.appointed_date ? "ngày " + P.formatDate(d.appointed_date) + provisional(d.appointed_date_provisional) : "", "print-appointed-date"),
      line("6. Phí, lệ phí", feeText(detail), "print-fee"),
      line("7. Nơi trả kết quả", agency.counter),
      para("Dùng mã hồ sơ hoặc mã QR trên phiếu này để tra cứu hồ sơ và khi nhận kết quả."),
      parts.signatures([["Người nộp hồ sơ"], ["Người tiếp nhận hồ sơ", null, who(detail, received)]])
    ];
  };

  bodies["02"] = function (detail, agency, data) {
    var d = detail.dossier;
    return [
      parts.header(agency, {office: OFFICE, date: d.supplement_requested_at}),
      parts.titleBlock("02", d.code),
      applicantLines(d.applicant, "Hồ sơ của"),
      subject(detail, data),
      line("Ngày nộp hồ sơ", P.formatDateTime(d.submitted_at || d.received_at)),
      para("Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:"),
      h("ol", {class: "print-list", id: "print-supplement-items"}, (d.supplement_items || []).map(function (item) {
        return h("li", null, h("strong", null, item.name), item.note ? ": " + item.note : "");
      })),
      d.supplement_note ? line("Ghi chú", d.supplement_note, "print-supplement-note") : null,
      para("Trong quá trình bổ sung, hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ " + (agency.counter || agency.name) +
        (agency.phone ? ", số điện thoại " + agency.phone : "") + " để được hướng dẫn."),
      para("Xin trân trọng cảm ơn!"),
      parts.signatures([["Người hướng dẫn", null, who(detail, lastEvent(detail, "request_supplement"))]])
    ];
  };

  bodies["03"] = function (detail, agency, data) {
    var d = detail.dossier;
    return [
      counterOpening("03", detail, agency, data, d.refused_at),
      para("Qua nghiên cứu, đối chiếu với các quy định hiện hành, " + agency.name +
        " từ chối tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:"),
      groundList(d.refusal_grounds, "print-grounds"),
      d.refusal_note ? line("Giải thích cụ thể", d.refusal_note, "print-note") : null,
      para("Xin trân trọng thông báo!"),
      parts.signatures([["Người tiếp nhận hồ sơ", null, who(detail, lastEvent(detail, "refuse"))]])
    ];
  };

  bodies["04"] = function (detail, agency, data) {
    var d = detail.dossier;
    var e = lastEvent(detail, "apologise") || {data: {}};
    var data = e.data || {};
    var current = data.appointed_date && data.appointed_date === d.appointed_date;
    var name = agency.name;
    return [
      parts.header(agency, {number: BLANK, date: e.at}),
      parts.titleBlock("04", d.code),
      line("Kính gửi", (d.applicant || {}).full_name, "print-applicant"),
      para("Ngày " + P.formatDate(d.received_at) + ", " + name + " tiếp nhận, giải quyết hồ sơ của Ông/Bà/Tổ chức " +
        ((d.applicant || {}).full_name || BLANK) + "."),
      subject(detail, data),
      line("Ngày hẹn trả kết quả giải quyết hồ sơ", P.formatDate(data.previous_date), "print-previous-date"),
      h("p", {class: "print-para"}, "Tuy nhiên đến nay, " + name + " chưa trả kết quả giải quyết hồ sơ cho Ông/Bà/Tổ chức, vì lý do: ",
        h("span", {id: "print-reason"}, data.reason || BLANK)),
      para("Sự chậm trễ này đã gây phiền hà cho Ông/Bà/Tổ chức. " + name + " xin nhận lỗi và mong nhận được sự thông cảm của Ông/Bà/Tổ chức."),
      h("p", {class: "print-para"}, name + " sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà/Tổ chức vào ngày ",
        h("strong", {id: "print-new-date"}, P.formatDate(data.appointed_date)), provisional(current && d.appointed_date_provisional), "."),
      para("Xin trân trọng cảm ơn!"),
      parts.signatures([["Thủ trưởng cơ quan", "(Ký, ghi rõ họ tên và đóng dấu)"]])
    ];
  };

  bodies["05"] = function (detail, agency, data) {
    var d = detail.dossier;
    var name = agency.name;
    return [
      parts.header(agency, {number: BLANK, date: d.stopped_at}),
      parts.titleBlock("05", d.code),
      line("Kính gửi", (d.applicant || {}).full_name, "print-applicant"),
      para("Ngày " + P.formatDate(d.received_at || d.submitted_at) + ", " + name + " tiếp nhận hồ sơ của Ông/Bà/Tổ chức " +
        ((d.applicant || {}).full_name || BLANK) + "."),
      subject(detail, data),
      para(name + " thông báo dừng xử lý hồ sơ này kể từ ngày " + P.formatDate(d.stopped_at) + ", vì lý do sau:"),
      groundList(d.stop_grounds, "print-grounds"),
      d.stop_note ? line("Giải thích cụ thể", d.stop_note, "print-note") : null,
      para("Mọi vướng mắc, Ông/Bà/Tổ chức liên hệ " + (agency.counter || name) + (agency.phone ? ", số điện thoại " + agency.phone : "") +
        " để được hướng dẫn."),
      para("Xin trân trọng thông báo!"),
      parts.signatures([["Thủ trưởng cơ quan", "(Ký, ghi rõ họ tên và đóng dấu)"]])
    ];
  };

  // The due date each step of the control slip is measured against: the completeness check for
  // what the desk did with a dossier still waiting for it, else the appointed date in force at
  // that moment (a receipt sets it, an apology moves it). Steps that are not the agency's to
  // time (the citizen's, a payment, the apology itself) have none.
  var UNTIMED = {submit: true, supply: true, paid: true, withdraw: true, apologise: true, intake: true};

  function timedSteps(detail) {
    var d = detail.dossier;
    var inForce = null;
    return (detail.events || []).slice().sort(function (a, b) { return String(a.at).localeCompare(String(b.at)); }).map(function (e) {
      var due = null;
      if (!UNTIMED[e.action]) due = e.from_state === "submitted" ? d.check_due : inForce;
      if (e.data && e.data.appointed_date) inForce = e.data.appointed_date;
      var day = parts.vnDay(e.at);
      var verdict = !due ? "" : day < due ? "Trước hạn" : day === due ? "Đúng hạn" : "Quá hạn";
      return {event: e, due: due, verdict: verdict};
    });
  }

  function note(detail, e) {
    var data = e.data || {};
    var known = (detail.specialists || []).filter(function (s) { return s.username === data.assignee; })[0];
    var bits = [];
    if (data.assignee) bits.push("Chuyên viên: " + (known ? known.name : data.assignee));
    if (data.appointed_date) bits.push("Hẹn trả: " + P.formatDate(data.appointed_date));
    [data.note, data.reason, data.opinion].forEach(function (text) { if (typeof text === "string" && text) bits.push(text); });
    return bits.join(". ");
  }

  bodies["06"] = function (detail, agency, data) {
    var d = detail.dossier;
    var steps = timedSteps(detail);
    return [
      parts.header(agency, {office: OFFICE, date: d.received_at}),
      parts.titleBlock("06", d.code),
      para("(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả)"),
      line("Cơ quan giải quyết hồ sơ", agency.name),
      line("Người nộp hồ sơ", (d.applicant || {}).full_name, "print-applicant"),
      subject(detail, data),
      line("Nhận hồ sơ", P.formatDateTime(d.received_at)),
      line("Hẹn trả kết quả", d.appointed_date ? P.formatDate(d.appointed_date) + provisional(d.appointed_date_provisional) : ""),
      h("table", {class: "print-table", id: "print-steps"},
        h("thead", null, h("tr", null, ["STT", "Bước xử lý", "Người thực hiện", "Thời gian", "Hạn", "Kết quả (trước hạn, đúng hạn, quá hạn)", "Ghi chú"]
          .map(function (t) { return h("th", {scope: "col"}, t); }))),
        h("tbody", null, steps.map(function (step, i) {
          var e = step.event;
          var role = label("role", e.actor_role);
          var person = who(detail, e);
          return h("tr", {"data-action": e.action},
            h("td", null, String(i + 1)),
            h("td", null, e.label || label("action", e.action)),
            h("td", null, role + (person ? " " + person : "")),
            h("td", null, P.formatDateTime(e.at)),
            h("td", null, step.due ? P.formatDate(step.due) : ""),
            h("td", {class: "print-verdict"}, step.verdict),
            h("td", null, note(detail, e)));
        }))),
      parts.signatures([["Người tiếp nhận hồ sơ"], ["Người trả kết quả"]])
    ];
  };

  // The tracking book of a period: one row per dossier received in it, as GET /api/officer/book
  // answers (services/desk_queue_models.py BookResult), in the book's columns.
  bodies["07"] = function (book, period, agency) {
    var rows = (book && book.rows) || [];
    var columns = ["STT", "Mã hồ sơ", "Tên thủ tục hành chính", "Tên cá nhân, tổ chức", "Địa chỉ, số điện thoại",
      "Nhận hồ sơ", "Hẹn trả kết quả", "Chuyển hồ sơ đến người giải quyết", "Có kết quả giải quyết", "Trả kết quả",
      "Tình trạng", "Đúng hạn, quá hạn", "Ký nhận", "Ghi chú"];
    function verdict(r) {
      if (r.late) return "Quá hạn";
      return r.closed_at ? "Đúng hạn" : "";
    }
    return [
      parts.header(agency, {office: OFFICE}),
      parts.titleBlock("07", null),
      h("p", {class: "print-period", id: "print-period"}, "Từ ngày " + P.formatDate(period.from) + " đến ngày " + P.formatDate(period.to)),
      rows.length ? h("table", {class: "print-table print-table--book", id: "print-book"},
        h("thead", null, h("tr", null, columns.map(function (t) { return h("th", {scope: "col"}, t); }))),
        h("tbody", null, rows.map(function (r, i) {
          return h("tr", {"data-code": r.code || ""},
            h("td", null, String(r.number || i + 1)),
            h("td", {class: "print-table__code"}, r.code || ""),
            h("td", null, r.procedure_title || ""),
            h("td", null, r.applicant_name || ""),
            h("td", null, [r.applicant_address, r.applicant_phone].filter(Boolean).join("; ")),
            h("td", null, P.formatDateTime(r.received_at)),
            h("td", null, P.formatDate(r.appointed_date)),
            h("td", null, P.formatDateTime(r.forwarded_at)),
            h("td", null, P.formatDateTime(r.decided_at)),
            h("td", null, P.formatDateTime(r.returned_at)),
            h("td", null, r.status_label || label("status", r.status)),
            h("td", {class: "print-verdict"}, verdict(r)),
            h("td", null, ""),
            h("td", null, ""));
        }))) : h("p", {id: "print-book-empty"}, "Không có hồ sơ nào được tiếp nhận trong khoảng thời gian này."),
      parts.signatures([["Người lập sổ"]])
    ];
  };

  // The period of the book, asked on screen before anything is printed (default: this month).
  bodies.askPeriod = function (onPeriod) {
    var now = parts.today();
    var from = h("input", {type: "date", id: "f-book-from", class: "input", value: now.slice(0, 8) + "01", required: true});
    var to = h("input", {type: "date", id: "f-book-to", class: "input", value: now, required: true});
    var error = h("p", {class: "field-error", id: "f-book-error", role: "alert", hidden: true});
    return h("form", {class: "print-period-form", id: "book-period", novalidate: true, onsubmit: function (event) {
      event.preventDefault();
      if (!from.value || !to.value || from.value > to.value) {
        error.textContent = "Vui lòng chọn khoảng thời gian: ngày bắt đầu không sau ngày kết thúc.";
        error.hidden = false;
        return;
      }
      onPeriod({from: from.value, to: to.value});
    }},
      h("h2", {id: "print-title"}, "Mẫu 07: " + desk.printTitles["07"]),
      h("div", {class: "field"}, h("label", {class: "label", for: "f-book-from"}, "Từ ngày"), from),
      h("div", {class: "field"}, h("label", {class: "label", for: "f-book-to"}, "Đến ngày"), to),
      error,
      h("button", {type: "submit", class: "md-button md-button--primary", id: "book-show"}, "Xem và in sổ"));
  };

  desk.printBodies = bodies;
})();
