// One dossier on the desk: its header (code, procedure, status, channel, dates), the applicant,
// the answers as the API wrote them out (units included), the documents, what the actions so far
// recorded (supplement items, grounds, fee, payment, assignee, proposal, result, delivery), the
// timeline, and beside them the actions this officer may take now and the print hooks.
// Everything a citizen or an officer typed reaches the page as text nodes (Portal.h), never HTML.
(function () {
  "use strict";
  var desk = window.PortalDesk = window.PortalDesk || {};
  var P = window.Portal;
  var h = P.h;

  function field(key) {
    return desk.terms.fields[key] || key;
  }

  function money(amount) {
    return amount === null || amount === undefined ? "" : P.formatNumber(amount) + " đ";  // as figures.format_money
  }

  // The delivery labels complete a sentence ("Bạn có thể nhận …"); alone they start a line.
  function capitalised(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }
  desk.capitalised = capitalised;

  function provisional(flag) {
    return flag ? h("span", {class: "provisional-note"}, " (" + desk.label("note", "provisional_date") + ")") : null;
  }

  function dl(rows, id) {
    return h("dl", {class: "summary-list", id: id || null}, rows.filter(function (row) {
      return row && row[1] !== undefined && row[1] !== null && row[1] !== "";
    }).map(function (row) {
      return h("div", {class: "summary-list__row"}, h("dt", null, row[0]), h("dd", {id: row[2] || null}, row[1]));
    }));
  }

  function section(title, id, body) {
    return h("section", {class: "dossier-section", id: id, "aria-labelledby": id + "-title"},
      h("h3", {id: id + "-title"}, title), body);
  }

  // The answers as the API writes them out ("1.500 m³", an option's label, a date), in the
  // form's order; a procedure that left the catalogue has none, and its raw answers show instead.
  function answerRows(d) {
    if (d.answer_rows && d.answer_rows.length) {
      return d.answer_rows.map(function (row) { return [row.label, row.text]; });
    }
    var answers = d.answers || {};
    return Object.keys(answers).map(function (name) {
      var value = answers[name];
      return [name, value && typeof value === "object" ? JSON.stringify(value) : String(value)];
    });
  }

  function applicantRows(a) {
    var address = a.address || {};
    var organisation = a.kind === "to-chuc";
    return [
      ["Tư cách", desk.label("applicant_kind", a.kind)],
      [organisation ? "Tên tổ chức" : "Họ và tên", a.full_name, "applicant-name"],
      organisation ? ["Mã số thuế", a.tax_code] : ["Số CCCD", a.id_number],
      ["Số điện thoại", a.phone],
      ["Thư điện tử", a.email],
      ["Địa chỉ", [address.street, address.commune, address.province].filter(Boolean).join(", ")]
    ];
  }

  function documentList(docs) {
    if (!docs.length) return h("p", {id: "dossier-documents"}, "Không có giấy tờ.");
    return h("ul", {class: "document-list", id: "dossier-documents"}, docs.map(function (doc) {
      var name = doc.name || doc.slot;
      return h("li", null,
        h("span", null, name + (doc.filename ? " — " + doc.filename : "") + (doc.size ? " (" + P.formatBytes(doc.size) + ")" : "") + " "),
        doc.download_url ? h("a", {href: doc.download_url, target: "_blank", rel: "noopener", class: "md-button",
          "aria-label": "Xem " + name}, "Xem") : null);
    }));
  }

  function groundList(grounds) {
    return h("ul", {class: "plain-list"}, grounds.map(function (g) {
      return h("li", null, g.text, g.kind ? h("span", {class: "ground-kind"}, " (" + desk.label("ground_kind", g.kind) + ")") : null);
    }));
  }

  function specialistName(detail, username) {
    var found = (detail.specialists || []).filter(function (s) { return s.username === username; })[0];
    return found ? found.name + " (" + username + ")" : username;
  }

  // What the dossier's actions recorded, each only when present.
  function factRows(detail) {
    var d = detail.dossier;
    var rows = [];
    var t = d.time_limit;
    if (t) rows.push([field("time_limit"), t.value + " " + desk.label("time_unit", t.unit) + (t.reason ? " — " + field("time_limit.reason").toLowerCase() + ": " + t.reason : "")]);
    if (d.supplement_items && d.supplement_items.length) {
      rows.push([field("items"), h("ul", {class: "plain-list", id: "fact-supplement-items"}, d.supplement_items.map(function (item) {
        return h("li", null, h("strong", null, item.name), item.note ? ": " + item.note : "");
      }))]);
    }
    rows.push([field("supplement_note"), d.supplement_note]);
    if (d.supplement_requested_at) rows.push(["Yêu cầu bổ sung lúc", P.formatDateTime(d.supplement_requested_at)]);
    if (d.supplied_at) rows.push(["Đã bổ sung lúc", P.formatDateTime(d.supplied_at)]);
    if (d.refusal_grounds && d.refusal_grounds.length) rows.push(["Lý do từ chối", groundList(d.refusal_grounds)]);
    rows.push([field("refusal_note"), d.refusal_note]);
    if (d.stop_grounds && d.stop_grounds.length) rows.push(["Lý do dừng xử lý", groundList(d.stop_grounds)]);
    rows.push([field("stop_note"), d.stop_note]);
    if (d.assignee) rows.push([field("assignee"), specialistName(detail, d.assignee), "fact-assignee"]);
    var p = d.proposal;
    if (p) rows.push([field("proposal"), desk.terms.proposal[p.proposal] + " — " + p.opinion + " (" + p.by + ", " + P.formatDateTime(p.at) + ")", "fact-proposal"]);
    var fee = d.fee;
    if (fee) {
      rows.push([field("computed_amount"), fee.amount_text + (fee.quantity ? " (" + P.formatQuantity(fee.quantity, fee.unit) + ")" : ""), "fact-fee"]);
      rows.push([field("fee_reason"), fee.reason]);
    }
    var pay = d.payment;
    if (pay) rows.push(["Đã nộp", money(pay.amount) + (pay.receipt_number ? ", " + field("receipt_number").toLowerCase() + " " + pay.receipt_number : "") + " (" + P.formatDateTime(pay.paid_at) + ")", "fact-payment"]);
    var r = d.result;
    if (r) {
      rows.push([field("outcome"), desk.terms.outcome[r.outcome] || r.outcome, "fact-outcome"]);
      rows.push([field("result.number"), r.number]);
      rows.push([field("result.signer"), r.signer]);
      rows.push([field("result.signed_on"), P.formatDate(r.signed_on)]);
      rows.push([field("reasons"), r.reasons]);
      rows.push([field("filename"), detail.result_url ? h("a", {href: detail.result_url, target: "_blank", rel: "noopener",
        id: "fact-result-file"}, r.filename || "Tải về") : r.filename]);
    }
    var del = d.delivery;
    if (del) {
      rows.push([field("method"), capitalised(desk.label("delivery", del.method)), "fact-delivery"]);
      rows.push([field("collected_by"), del.collected_by]);
      rows.push([field("collected_at"), P.formatDateTime(del.collected_at)]);
      rows.push([field("waybill"), del.waybill]);
      rows.push([field("returned_at"), P.formatDateTime(del.returned_at)]);
    }
    if (d.apology_count) rows.push(["Số lần xin lỗi, hẹn lại", String(d.apology_count)]);
    if (d.withdrawn_at) rows.push(["Rút hồ sơ lúc", P.formatDateTime(d.withdrawn_at)]);
    return rows;
  }

  // An event's data as text: each key under the desk's label for it, codes as their labels,
  // dates as dd/mm/yyyy, lists and records flattened. A key the desk has no label for shows as
  // itself rather than being lost.
  function dataText(key, value) {
    if (value === null || value === undefined || value === "") return "";
    if (Array.isArray(value)) return value.map(function (v) { return dataText("", v); }).filter(Boolean).join("; ");
    if (key === "channel" || key === "payment_method") return desk.label("channel", value);
    if (key === "method") return desk.label("delivery", value);
    if (key === "proposal" || key === "outcome") return desk.terms[key][value] || value;
    if (key === "amount") return money(value);
    if (/_at$/.test(key)) return P.formatDateTime(value);
    if (/(date|_due|_on)$/.test(key)) return P.formatDate(value);
    if (typeof value === "object") {
      if (value.value && value.unit) return value.value + " " + desk.label("time_unit", value.unit) + (value.reason ? " — " + value.reason : "");
      return ["text", "name", "note", "code"].filter(function (k) { return value[k]; })
        .map(function (k) { return String(value[k]); }).join(": ") || JSON.stringify(value);
    }
    if (typeof value === "number") return P.formatNumber(value);
    if (typeof value === "boolean") return value ? "có" : "không";
    return String(value);
  }

  // A payment's method is where it was paid (the channel's words); a return's, the delivery.
  function dataKey(action, key) {
    return action === "paid" && key === "method" ? "payment_method" : key;
  }

  function eventData(e) {
    var data = e.data || {};
    var keys = Object.keys(data).filter(function (k) {
      return desk.terms.hidden_data.indexOf(k) < 0 && dataText(dataKey(e.action, k), data[k]) !== "";
    });
    if (!keys.length) return null;
    return h("dl", {class: "timeline__data"}, keys.map(function (k) {
      var key = dataKey(e.action, k);
      return h("div", null, h("dt", null, field(key)), h("dd", null, dataText(key, data[k])));
    }));
  }

  // "Cán bộ tiếp nhận (tiepnhan)": the role the actor acted in, and who, for an officer.
  function actorText(e) {
    var role = desk.label("role", e.actor_role);
    if (!e.actor_id || e.actor_role === "citizen" || e.actor_role === "system") return role;
    return role ? role + " (" + e.actor_id + ")" : e.actor_id;
  }

  function timeline(events) {
    return h("ol", {class: "timeline", id: "dossier-events"}, events.map(function (e) {
      return h("li", {class: "timeline__item"},
        h("span", {class: "timeline__time"}, P.formatDateTime(e.at)),
        h("span", {class: "timeline__label"}, e.label || desk.label("action", e.action)),
        actorText(e) ? h("span", {class: "timeline__note"}, actorText(e)) : null,
        eventData(e));
    }));
  }

  function header(detail) {
    var d = detail.dossier;
    var procedure = detail.procedure || {};
    return h("header", {class: "dossier-header"},
      h("h2", {id: "dossier-heading", tabindex: "-1"}, "Hồ sơ ", d.code || d.id),
      h("p", {class: "dossier-procedure", id: "dossier-procedure"}, d.procedure_title,
        procedure.case_label ? h("span", {class: "dossier-case"}, " — " + procedure.case_label) : null),
      h("p", {class: "dossier-badges"},
        h("span", {class: "status-label status-" + d.state, id: "dossier-state"}, d.status_label || desk.label("status", d.state)),
        h("span", {class: "badge", id: "dossier-channel"}, desk.label("channel", d.channel)),
        d.late ? h("span", {class: "late-mark", id: "dossier-late"}, desk.terms.late) : null),
      dl([
        ["Nộp lúc", P.formatDateTime(d.submitted_at), "dossier-submitted-at"],
        d.check_due && !d.received_at ? [field("check_due"), h("span", null, P.formatDate(d.check_due), provisional(d.check_due_provisional)), "dossier-check-due"] : null,
        ["Tiếp nhận lúc", P.formatDateTime(d.received_at), "dossier-received-at"],
        d.appointed_date ? [field("appointed_date"), h("span", null, P.formatDate(d.appointed_date), provisional(d.appointed_date_provisional)), "dossier-appointed-date"] : null,
        procedure.time_limit && !d.time_limit ? [field("time_limit"), procedure.time_limit.text] : null
      ], "dossier-dates"));
  }

  // The actions the API allows this officer now, each opening its form in the panel below.
  function actionsPanel(detail) {
    var panel = h("div", {id: "action-panel"});
    var actions = detail.allowed_actions || [];
    var buttons = actions.map(function (a) {
      return h("button", {type: "button", class: "md-button desk-action", id: "action-" + a.action, "aria-expanded": "false",
        "aria-controls": "action-panel", onclick: function (event) {
          buttons.forEach(function (b) { b.setAttribute("aria-expanded", "false"); });
          event.currentTarget.setAttribute("aria-expanded", "true");
          desk.actionForm(a.action, detail, panel);
        }}, a.label || desk.label("action", a.action));
    });
    return h("section", {class: "dossier-section desk-actions", id: "dossier-actions", "aria-labelledby": "dossier-actions-title"},
      h("h3", {id: "dossier-actions-title"}, "Thao tác"),
      buttons.length ? h("div", {class: "desk-actions__buttons"}, buttons)
        : h("p", {id: "no-actions"}, "Bạn không có thao tác nào với hồ sơ ở tình trạng này."),
      panel);
  }

  // The printable forms come from admin-print.js when it is loaded: printForms(detail) names
  // the forms that fit this dossier ([{kind, label}]), print(kind, detail) opens one.
  function printArea(detail) {
    if (typeof desk.print !== "function") return null;
    var forms = typeof desk.printForms === "function" ? desk.printForms(detail) || [] : [{kind: null, label: "In phiếu"}];
    if (!forms.length) return null;
    return h("section", {class: "dossier-section desk-print", id: "dossier-print", "aria-labelledby": "dossier-print-title"},
      h("h3", {id: "dossier-print-title"}, "In phiếu"),
      h("div", {class: "desk-actions__buttons"}, forms.map(function (f) {
        return h("button", {type: "button", class: "md-button", id: "print-" + (f.kind || "form"),
          onclick: function () { desk.print(f.kind, detail); }}, f.label);
      })));
  }

  // notice: {kind: "success" | "error", text} shown above the dossier (an action's outcome, or
  // why the dossier was reloaded).
  desk.renderDossier = function (container, detail, notice) {
    var d = detail.dossier;
    desk.current = detail;
    desk.currentContainer = container;
    container.innerHTML = "";
    var facts = factRows(detail).filter(function (row) { return row[1]; });
    var article = h("article", {class: "dossier-detail", id: "dossier-detail", "data-version": String(d.version)},
      h("p", null, h("button", {type: "button", class: "link-button", id: "back-to-queue", onclick: desk.backToList}, "← Danh sách hồ sơ")),
      notice ? h("div", {class: "notice notice--" + notice.kind, id: "action-result", tabindex: "-1",
        role: notice.kind === "error" ? "alert" : "status"}, notice.text) : null,
      header(detail),
      h("div", {class: "dossier-layout"},
        h("div", {class: "dossier-main"},
          section("Người nộp", "dossier-applicant", dl(applicantRows(d.applicant || {}))),
          section("Nội dung tờ khai", "dossier-answers", dl(answerRows(d))),
          section("Giấy tờ", "dossier-files", documentList(detail.documents || [])),
          facts.length ? section("Kết quả các bước xử lý", "dossier-facts", dl(facts)) : null,
          section("Lịch sử xử lý", "dossier-history", timeline(detail.events || []))),
        h("div", {class: "dossier-side"}, actionsPanel(detail), printArea(detail))));
    container.appendChild(article);
    var focus = notice ? document.getElementById("action-result") : document.getElementById("dossier-heading");
    focus.focus();
  };

  desk.fetchDossier = function (dossierId) {
    return desk.request("GET", "/api/officer/dossiers/" + encodeURIComponent(dossierId));
  };

  desk.loadDossier = async function (container, dossierId, notice) {
    container.innerHTML = "";
    container.appendChild(h("p", {class: "loading"}, "Đang tải hồ sơ…"));
    try {
      desk.renderDossier(container, await desk.fetchDossier(dossierId), notice);
    } catch (error) {
      if (error.status === 401) return;
      container.innerHTML = "";
      container.appendChild(h("p", null, h("button", {type: "button", class: "link-button", id: "back-to-queue", onclick: desk.backToList}, "← Danh sách hồ sơ")));
      container.appendChild(h("p", {class: "notice notice--error", role: "alert", id: "dossier-error", tabindex: "-1"}, error.message));
      document.getElementById("dossier-error").focus();
    }
  };
})();
