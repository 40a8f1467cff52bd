// The desk's pre-check of citizens' drafts: the "Chờ xem trước" queue (desk.loadPrechecks, drawn
// in the queue view's list box by admin-queue.js) and one draft (#xem-truoc=<draft id>,
// desk.loadPrecheck): who applies, the answers as the API wrote them out, the files, the
// system's self-check, and while it waits the answer form, one optional note per item the
// procedure declares (the API's `allowed_paths`) and a general note, sent once. A 422 lands
// beside the note it names, a 409 reloads the draft. Words: desk.terms.precheck (admin-words.js).
(function () {
  "use strict";
  var desk = window.PortalDesk = window.PortalDesk || {};
  var P = window.Portal;
  var h = P.h;

  function words() {
    return desk.terms.precheck;
  }

  // --- the queue ------------------------------------------------------------------------------

  function row(item) {
    var name = item.applicant_name || item.procedure_title;
    return h("tr", {class: "queue-item" + (item.overdue ? " queue-item--overdue" : ""), "data-draft-id": item.draft_id},
      h("th", {scope: "row", class: "queue-item__code"},
        h("a", {href: "#xem-truoc=" + encodeURIComponent(item.draft_id), id: "open-precheck-" + item.draft_id,
          "aria-label": words().open + name}, item.applicant_name || "—")),
      h("td", null, item.procedure_title || item.procedure_id),
      h("td", null, P.formatDateTime(item.requested_at)),
      h("td", {class: "queue-item__due"}, P.formatDate(item.due),
        item.overdue ? h("strong", {class: "late-mark"}, desk.terms.late) : null));
  }

  function table(items) {
    return h("div", {class: "queue-table-wrap"},
      h("table", {class: "queue-table", id: "precheck-list"},
        h("thead", null, h("tr", null,
          h("th", {scope: "col"}, words().applicant), h("th", {scope: "col"}, "Thủ tục"),
          h("th", {scope: "col"}, words().requested_at), h("th", {scope: "col"}, words().due))),
        h("tbody", null, items.map(row))));
  }

  desk.loadPrechecks = async function (box, cursor) {
    var data;
    try {
      data = await desk.request("GET", "/api/officer/prechecks" + (cursor ? "?cursor=" + encodeURIComponent(cursor) : ""));
    } catch (error) {
      if (error.status === 401) return;
      box.innerHTML = "";
      box.appendChild(h("p", {class: "notice notice--error", role: "alert", id: "queue-error"}, error.message));
      return;
    }
    var items = data.items || [];
    var more = document.getElementById("queue-more");
    if (more) more.parentNode.removeChild(more);
    var body = box.querySelector("#precheck-list tbody");
    if (!cursor || !body) {
      box.innerHTML = "";
      if (!items.length) return box.appendChild(h("p", {id: "queue-empty"}, words().empty));
      box.appendChild(table(items));
    } else {
      items.forEach(function (item, n) {
        var tr = body.appendChild(row(item));
        if (!n) tr.querySelector("a").focus();
      });
    }
    if (data.next_cursor) {
      box.appendChild(h("p", {class: "actions"}, h("button", {type: "button", class: "md-button", id: "queue-more",
        onclick: function (event) {
          event.target.disabled = true;
          event.target.textContent = "Đang tải…";
          desk.loadPrechecks(box, data.next_cursor);
        }}, "Tải thêm")));
    }
  };

  // --- one draft ------------------------------------------------------------------------------

  function dl(rows, id) {
    return h("dl", {class: "summary-list", id: id || null}, rows.filter(function (r) { return r[1]; }).map(function (r) {
      return h("div", {class: "summary-list__row"}, h("dt", null, r[0]), h("dd", {id: r[2] || null}, r[1]));
    }));
  }

  function section(title, id, body) {
    return h("section", {class: "dossier-section", id: id, "aria-labelledby": id + "-title"},
      h("h3", {id: id + "-title"}, title), body);
  }

  function valueText(value) {
    if (value && typeof value === "object") {
      return [value.street, value.commune, value.province].filter(Boolean).join(", ");
    }
    return value === null || value === undefined ? "" : String(value);
  }

  function group(path) {
    return path.split(".")[0];
  }

  // The applicant's fields under the labels the API gives for them (a person's or an
  // organisation's), the kind first.
  function applicantRows(draft) {
    var a = draft.applicant || {};
    var rows = [["Tư cách", a.kind ? desk.label("applicant_kind", a.kind) : ""]];
    draft.allowed_paths.forEach(function (item) {
      if (group(item.path) === "applicant") rows.push([item.label, valueText(a[item.path.slice(10)])]);
    });
    return rows;
  }

  function documentList(draft) {
    var names = {};
    draft.allowed_paths.forEach(function (item) { names[item.path] = item.label; });
    if (!draft.documents.length) return h("p", {id: "precheck-documents"}, words().no_documents);
    return h("ul", {class: "document-list", id: "precheck-documents"}, draft.documents.map(function (doc) {
      var name = names["documents." + doc.slot] || doc.slot;
      return h("li", null,
        h("span", null, name + (doc.filename ? " — " + doc.filename : "") + (doc.size ? " (" + P.formatBytes(doc.size) + ")" : "") + " "),
        h("a", {href: doc.url, target: "_blank", rel: "noopener", class: "md-button", "aria-label": "Xem " + name}, "Xem"));
    }));
  }

  function selfCheck(draft) {
    var missing = draft.check.missing || [];
    if (!missing.length) return h("p", {id: "precheck-check"}, words().check_complete);
    return h("ul", {class: "plain-list", id: "precheck-check"}, missing.map(function (m) { return h("li", null, m.message); }));
  }

  // The desk's answer as the citizen reads it.
  function answered(precheck) {
    return dl([
      [words().answered_at, P.formatDateTime(precheck.answered_at)],
      [words().general_note, precheck.note, "precheck-answer-note"],
      [words().form, precheck.comments.length ? h("ul", {class: "plain-list", id: "precheck-answer-comments"},
        precheck.comments.map(function (c) { return h("li", null, h("strong", null, c.label), ": " + c.note); })) : ""]
    ], "precheck-answer");
  }

  function header(draft) {
    var p = draft.precheck || {};
    return h("header", {class: "dossier-header"},
      h("h2", {id: "precheck-heading", tabindex: "-1"}, words().heading),
      h("p", {class: "dossier-procedure", id: "precheck-procedure"}, draft.procedure_title),
      h("p", {class: "dossier-badges"},
        h("span", {class: "status-label", id: "precheck-status"}, draft.status_label)),
      dl([
        [words().requested_at, P.formatDateTime(p.requested_at)],
        [words().due, P.formatDate(p.due), "precheck-due"],
        [words().saved_at, P.formatDateTime(draft.saved_at)]
      ], "precheck-dates"));
  }

  function noteField(path, label, hint) {
    var id = P.fieldId("precheck." + path);
    return h("div", {class: "field", "data-path": path},
      h("label", {for: id, class: "label"}, label),
      hint ? h("p", {class: "hint", id: id + "-hint"}, hint) : null,
      h("textarea", {id: id, name: path, class: "input", rows: 2, maxlength: path === "note" ? 2000 : 1000,
        "aria-describedby": hint ? id + "-hint" : null}));
  }

  function showErrors(form, errors, sent) {
    return errors.map(function (error) {
      // comments.<i>.… names the i-th comment sent: back to the item it was about.
      var m = /^comments\.(\d+)/.exec(error.path);
      var path = m && sent[Number(m[1])] ? sent[Number(m[1])] : error.path;
      var wrapper = form.querySelector("[data-path=\"" + path + "\"]");
      if (!wrapper) return {path: error.path, message: error.message, target: "precheck-form-summary"};
      var control = wrapper.querySelector("textarea");
      var id = control.id + "-error";
      if (!document.getElementById(id)) {
        wrapper.insertBefore(h("p", {class: "field-error", id: id}, h("span", {class: "visually-hidden"}, "Lỗi: "), error.message),
          control);
        wrapper.classList.add("field--error");
        control.setAttribute("aria-invalid", "true");
        control.setAttribute("aria-describedby", ((control.getAttribute("aria-describedby") || "") + " " + id).trim());
      }
      return {path: error.path, message: error.message, target: control.id};
    });
  }

  function clearErrors(form) {
    Array.prototype.forEach.call(form.querySelectorAll(".field-error"), function (el) { el.parentNode.removeChild(el); });
    Array.prototype.forEach.call(form.querySelectorAll(".field--error"), function (el) { el.classList.remove("field--error"); });
    Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (el) {
      el.removeAttribute("aria-invalid");
      el.setAttribute("aria-describedby", (el.getAttribute("aria-describedby") || "").split(" ").filter(function (ref) {
        return !/-error$/.test(ref);
      }).join(" "));
    });
  }

  function answerForm(container, draft) {
    var groups = {};
    draft.allowed_paths.forEach(function (item) {
      (groups[group(item.path)] = groups[group(item.path)] || []).push(noteField(item.path, words().comment + "“" + item.label + "”"));
    });
    var summary = h("div", {class: "error-summary", id: "precheck-form-summary", tabindex: "-1", role: "alert", hidden: true});
    var alert = h("p", {class: "notice notice--error", id: "precheck-form-alert", tabindex: "-1", role: "alert", hidden: true});
    var form = h("form", {id: "precheck-form", class: "desk-form", novalidate: true, "aria-labelledby": "precheck-form-title"},
      h("h3", {id: "precheck-form-title"}, words().form),
      h("p", {class: "hint"}, words().form_hint),
      summary, alert,
      Object.keys(words().groups).filter(function (g) { return groups[g]; }).map(function (g) {
        return h("fieldset", {class: "fieldset", id: "precheck-group-" + g}, h("legend", {class: "legend"}, words().groups[g]), groups[g]);
      }),
      noteField("note", words().general_note),
      h("div", {class: "actions"}, h("button", {type: "submit", class: "md-button md-button--primary", id: "precheck-submit"}, words().submit)));
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      var sent = [];
      var comments = [];
      draft.allowed_paths.forEach(function (item) {
        var text = form.elements.namedItem(item.path).value;
        if (text.trim()) {
          sent.push(item.path);
          comments.push({path: item.path, note: text});
        }
      });
      var note = form.elements.namedItem("note").value;
      var button = document.getElementById("precheck-submit");
      clearErrors(form);
      summary.hidden = true;
      alert.hidden = true;
      button.disabled = true;
      try {
        var body = {version: draft.version, comments: comments};
        if (note.trim()) body.note = note;
        var updated = await desk.request("POST", "/api/officer/prechecks/" + encodeURIComponent(draft.draft_id) + "/answer", body);
        render(container, updated, {kind: "success", text: words().answered});
      } catch (error) {
        button.disabled = false;
        if (error.status === 401) return;
        if (error.status === 422 && error.fields && error.fields.length) {
          P.renderErrorSummary(summary, showErrors(form, error.fields, sent), error.message);
        } else if (error.status === 409) {
          desk.loadPrecheck(container, draft.draft_id, {kind: "error", text: error.message + words().reloaded});
        } else {
          alert.textContent = error.message;
          alert.hidden = false;
          alert.focus();
        }
      }
    });
    return form;
  }

  function backButton() {
    return h("p", null, h("button", {type: "button", class: "link-button", id: "back-to-queue", onclick: function () {
      desk.openQueue("precheck");
    }}, words().back));
  }

  function render(container, draft, notice) {
    container.innerHTML = "";
    var rows = (draft.answer_rows || []).map(function (r) { return [r.label, r.text]; });
    var article = h("article", {class: "dossier-detail", id: "precheck-detail", "data-version": String(draft.version)},
      backButton(),
      notice ? h("div", {class: "notice notice--" + notice.kind, id: "precheck-result", tabindex: "-1",
        role: notice.kind === "error" ? "alert" : "status"}, notice.text) : null,
      header(draft),
      h("div", {class: "dossier-layout"},
        h("div", {class: "dossier-main"},
          section(words().applicant, "precheck-applicant", dl(applicantRows(draft))),
          section(words().answers, "precheck-answers", dl(rows)),
          section(words().documents, "precheck-files", documentList(draft)),
          section(words().check, "precheck-self-check", selfCheck(draft))),
        h("div", {class: "dossier-side"},
          draft.status === "precheck_waiting" ? answerForm(container, draft)
            : draft.precheck && draft.precheck.answered_at ? section(words().form, "precheck-answered", answered(draft.precheck)) : null)));
    container.appendChild(article);
    document.getElementById(notice ? "precheck-result" : "precheck-heading").focus();
  }

  desk.loadPrecheck = async function (container, draftId, notice) {
    container.innerHTML = "";
    container.appendChild(h("p", {class: "loading"}, "Đang tải hồ sơ nháp…"));
    try {
      render(container, await desk.request("GET", "/api/officer/prechecks/" + encodeURIComponent(draftId)), notice);
    } catch (error) {
      if (error.status === 401) return;
      container.innerHTML = "";
      container.appendChild(backButton());
      container.appendChild(h("p", {class: "notice notice--error", role: "alert", id: "precheck-error", tabindex: "-1"}, error.message));
      document.getElementById("precheck-error").focus();
    }
  };
})();
