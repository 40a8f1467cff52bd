// What each action's form asks for (desk.actionForms[action](builder, detail) → {fields, body,
// rename}): the choices come from the dossier's procedure as the API sent it (its documents, its
// declared grounds, its fee and time limit) and the agency's specialists, so an officer can only
// pick what the rules allow. The API judges every value (required, in the list, a working day)
// and names each wrong field; the forms do not repeat those rules.
(function () {
  "use strict";
  var desk = window.PortalDesk = window.PortalDesk || {};
  var P = window.Portal;
  var h = P.h;
  var t = function () { return desk.formTools; };

  function procedureOf(detail) {
    return detail.procedure || {documents: [], refusal_grounds: [], stop_grounds: [], fee: {}, time_limit: {}};
  }

  function note(text) {
    return h("p", {class: "hint desk-form__note"}, text);
  }

  // Today and now in Vietnam, for the date and time inputs' defaults.
  function vietnamNow() {
    return new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 16);
  }

  function groundsForm(kind) {
    return function (b, detail) {
      var grounds = procedureOf(detail)[kind] || [];
      return {
        fields: [
          grounds.length ? b.choices("grounds", {multiple: true}, grounds.map(function (g) {
            return {value: g.code, label: g.text + (g.kind ? " (" + desk.label("ground_kind", g.kind) + ")" : "")};
          })) : h("p", {class: "notice notice--error"}, "Thủ tục này chưa khai báo lý do nào trong danh mục."),
          b.input("note", {label: kind === "refusal_grounds" ? "refusal_note" : "stop_note", multiline: true})
        ],
        body: function (form) {
          return {grounds: t().checked(form, "grounds"), note: t().text(form, "note")};
        }
      };
    };
  }

  // One checkbox per document of the procedure; a ticked one asks what is wrong with it, with the
  // catalogue's common problems one click away.
  function supplementForm(b, detail) {
    var docs = procedureOf(detail).documents || [];
    var options = docs.map(function (doc) {
      var path = "items." + doc.slot + ".note";
      var box = b.input(path, {label: "item_note", multiline: true});
      box.hidden = true;
      box.classList.add("supplement-note");
      var area = box.querySelector("textarea");
      if (doc.problems && doc.problems.length) {
        box.appendChild(h("div", {class: "problem-picks"}, h("span", {class: "hint"}, "Lỗi thường gặp: "), doc.problems.map(function (problem) {
          return h("button", {type: "button", class: "link-button problem-pick", onclick: function () {
            var before = area.value.trim().replace(/[.;]+$/, "");
            area.value = (before ? before + "; " : "") + problem;
            area.focus();
          }}, problem);
        })));
      }
      return {value: doc.slot, label: doc.name, extra: box};
    });
    var order = [];  // the slots in the order sent: the API names an item by its index
    return {
      fields: [
        h("p", {class: "notice", id: "supplement-once"}, desk.terms.supplement_once),
        b.choices("items", {multiple: true, onchange: function (slot, on) {
          var box = document.querySelector("[data-path=\"items." + slot + ".note\"]");
          box.hidden = !on;
          if (on) box.querySelector("textarea").focus();
        }}, options),
        b.input("note", {label: "supplement_note", multiline: true, optional: true})
      ],
      body: function (form) {
        order = t().checked(form, "items");
        return {
          items: order.map(function (slot) { return {slot: slot, note: t().text(form, "items." + slot + ".note") || ""}; }),
          note: t().text(form, "note") || null
        };
      },
      rename: function (path) {
        return path.replace(/^items\.(\d+)/, function (all, i) { return order[Number(i)] ? "items." + order[Number(i)] : all; });
      }
    };
  }

  function assigneeForm(b, detail) {
    var people = (detail.specialists || []).map(function (s) { return {value: s.username, label: s.name + " (" + s.username + ")"}; });
    return {
      fields: [b.select("assignee", {value: detail.dossier.assignee}, people), b.input("note", {multiline: true, optional: true})],
      body: function (form) {
        return {assignee: t().value(form, "assignee"), note: t().text(form, "note") || null};
      }
    };
  }

  function noteForm(label, optional) {
    return function (b) {
      return {
        fields: [b.input("note", {label: label, multiline: true, optional: optional})],
        body: function (form) { return {note: t().text(form, "note") || (optional ? null : "")}; }
      };
    };
  }

  // The fee of a per-unit tariff for a quantity, as portal.domain.catalogue.fee_amount counts it
  // (base + rate × quantity, rounded to the đồng, capped), from what the API sent of the tariff.
  function feeFor(fee, quantity) {
    if (!(quantity > 0)) return null;
    var rate = fee.per_unit !== undefined ? fee.per_unit : fee.amount;
    if (rate === undefined || rate === null) return null;
    var total = Math.floor((fee.base || 0) + rate * quantity + 0.5);
    return fee.cap !== undefined && fee.cap !== null ? Math.min(total, fee.cap) : total;
  }

  function feeForm(b, detail) {
    var fee = procedureOf(detail).fee || {};
    var fields = [h("p", {id: "fee-text"}, h("strong", null, t().fieldLabel("fee") + ": "), fee.text || "—")];
    if (fee.kind === "per_unit") {
      var output = h("output", {id: "fee-computed", for: b.id("quantity"), "aria-live": "polite"}, "—");
      fields.push(b.input("quantity", {type: "text", inputmode: "decimal", unit: fee.unit, oninput: function (event) {
        var amount = feeFor(fee, Number(String(event.target.value).replace(",", ".")));
        output.textContent = amount === null ? "—" : P.formatNumber(amount) + " đ";
      }}));
      // Without the tariff's figures (an unconfirmed fee) there is nothing to count.
      if (feeFor(fee, 1) !== null) fields.push(h("p", {class: "computed"}, t().fieldLabel("computed_amount") + ": ", output));
    }
    if (fee.unconfirmed) {
      fields.push(note("Danh mục chưa xác nhận mức phí của thủ tục này: nhập số tiền và căn cứ theo văn bản."));
      fields.push(b.input("amount", {inputmode: "numeric"}));
      fields.push(b.input("reason", {label: "fee_reason", multiline: true}));
    }
    return {
      fields: fields,
      body: function (form) {
        return {quantity: t().number(t().value(form, "quantity")), amount: t().number(t().value(form, "amount")),
          reason: t().text(form, "reason")};
      }
    };
  }

  function paidForm(b, detail) {
    var fee = detail.dossier.fee || {};
    return {
      fields: [b.input("amount", {label: "paid_amount", inputmode: "numeric", value: fee.amount}), b.input("receipt_number")],
      body: function (form) {
        return {amount: t().number(t().value(form, "amount")), receipt_number: t().text(form, "receipt_number")};
      }
    };
  }

  // Radios that show the block of the chosen option only.
  function switching(b, path, options, blocks) {
    Object.keys(blocks).forEach(function (key) { blocks[key].hidden = true; });
    var radios = b.choices(path, {onchange: function (chosen) {
      Object.keys(blocks).forEach(function (key) { blocks[key].hidden = key !== chosen; });
    }}, options);
    return [radios].concat(Object.keys(blocks).map(function (key) { return blocks[key]; }));
  }

  function decideForm(b) {
    var upload = null;  // the pending or finished upload of the result file: a promise of its id
    var status = h("p", {class: "upload-status", id: "result-upload-status", "aria-live": "polite"});
    var file = b.input("result.upload_id", {type: "file"});
    var input = file.querySelector("input");
    input.setAttribute("accept", ".pdf,application/pdf");
    input.classList.add("file-input");
    input.addEventListener("change", function () {
      var chosen = input.files && input.files[0];
      if (!chosen) { upload = null; return; }
      status.textContent = "Đang tải lên " + chosen.name + "…";
      upload = desk.upload("result", chosen).then(function (id) {
        status.textContent = "✓ Đã tải lên: " + chosen.name + " (" + P.formatBytes(chosen.size) + ")";
        return id;
      }, function (error) {
        status.textContent = error.message;
        upload = null;
        return "";
      });
    });
    file.appendChild(status);
    var approve = h("div", {class: "desk-form__block", id: "decide-approve"},
      b.input("result.number"), b.input("result.signer"),
      b.input("result.signed_on", {type: "date", value: vietnamNow().slice(0, 10)}), file);
    var deny = h("div", {class: "desk-form__block", id: "decide-deny"}, b.input("reasons", {multiline: true}));
    var outcomes = ["approve", "deny"].map(function (o) { return {value: o, label: desk.terms.outcome[o]}; });
    return {
      fields: switching(b, "outcome", outcomes, {approve: approve, deny: deny}),
      body: async function (form) {
        var outcome = t().value(form, "outcome");
        if (outcome === "deny") return {outcome: outcome, reasons: t().text(form, "reasons")};
        if (outcome !== "approve") return {outcome: outcome};
        return {outcome: outcome, result: {
          number: t().text(form, "result.number"), signer: t().text(form, "result.signer"),
          signed_on: t().value(form, "result.signed_on"), upload_id: upload ? await upload : ""
        }};
      }
    };
  }

  function returnForm(b) {
    var counter = h("div", {class: "desk-form__block", id: "return-counter"},
      b.input("collected_by"), b.input("collected_at", {type: "datetime-local", value: vietnamNow()}));
    var post = h("div", {class: "desk-form__block", id: "return-post"}, b.input("waybill"));
    var methods = ["online", "counter", "post"].map(function (m) {
      return {value: m, label: desk.capitalised(desk.label("delivery", m))};
    });
    return {
      fields: switching(b, "method", methods, {counter: counter, post: post}),
      body: function (form) {
        var method = t().value(form, "method");
        var at = t().value(form, "collected_at");
        if (method === "counter") return {method: method, collected_by: t().text(form, "collected_by"), collected_at: at ? at + ":00+07:00" : null};
        if (method === "post") return {method: method, waybill: t().text(form, "waybill")};
        return {method: method};
      }
    };
  }

  desk.actionForms = {
    receive: function (b, detail) {
      var limit = procedureOf(detail).time_limit || {};
      if (!limit.unconfirmed) {
        return {fields: [note("Thời hạn giải quyết: " + (limit.text || "theo danh mục") + ". Ngày hẹn trả kết quả được tính khi tiếp nhận.")],
          body: function () { return {}; }};
      }
      var units = ["working_days", "calendar_days"].map(function (u) { return {value: u, label: desk.label("time_unit", u)}; });
      return {
        fields: [h("fieldset", {class: "fieldset", id: "receive-time-limit"},
          h("legend", {class: "legend"}, t().fieldLabel("time_limit")),
          note(desk.terms.time_unit_hint),
          b.input("time_limit.value", {inputmode: "numeric"}),
          b.choices("time_limit.unit", {}, units),
          b.input("time_limit.reason", {multiline: true}))],
        body: function (form) {
          return {time_limit: {value: t().number(t().value(form, "time_limit.value")), unit: t().value(form, "time_limit.unit"),
            reason: t().text(form, "time_limit.reason")}};
        }
      };
    },
    refuse: groundsForm("refusal_grounds"),
    stop: groundsForm("stop_grounds"),
    request_supplement: supplementForm,
    supply: noteForm("supply_note", true),
    forward: assigneeForm,
    assign: assigneeForm,
    propose: function (b) {
      var options = ["approve", "deny"].map(function (p) { return {value: p, label: desk.terms.proposal[p]}; });
      return {
        fields: [b.choices("proposal", {}, options), b.input("opinion", {multiline: true})],
        body: function (form) { return {proposal: t().value(form, "proposal"), opinion: t().text(form, "opinion")}; }
      };
    },
    send_back: noteForm("send_back_note", false),
    request_fee: feeForm,
    paid: paidForm,
    decide: decideForm,
    apologise: function (b) {
      return {
        fields: [b.input("new_date", {type: "date", min: vietnamNow().slice(0, 10)}), b.input("reason", {label: "apology_reason", multiline: true})],
        body: function (form) { return {new_date: t().value(form, "new_date"), reason: t().text(form, "reason")}; }
      };
    },
    return: returnForm
  };
})();
