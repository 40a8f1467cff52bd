// The counter intake (PortalDesk.intake(container)): a receptionist records a dossier handed in
// at the counter or received by post, so every dossier is in one system, counted and timed. It
// asks what the citizen's online form asks (the same field rules, field-rules.js), plus the
// channel, the case that sets the time limit (a reissue is often quicker) and, where the
// catalogue does not confirm the time limit, the time limit and its legal basis; each document
// slot takes a scan. One Idempotency-Key per form: a double click or a retry after a lost answer
// never makes a second dossier. On 201 the new dossier opens with form 01 ready to print.
// What it knows of each procedure comes from assets/data/desk-procedures.json (scripts/site/desk.py).
(function () {
  "use strict";
  var P = window.Portal;
  var desk = window.PortalDesk = window.PortalDesk || {};
  if (!P) return;
  var h = P.h;
  var TYPES = {pdf: "application/pdf", jpg: "image/jpeg", png: "image/png", doc: "application/msword",
    docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"};
  var s = null;         // the form's state, kept across redraws
  var box = null;       // the container the desk gave
  var procedures = {};  // desk-procedures.json
  var rules = null;     // Portal.fieldRules over the vocabulary's field rules

  function words() { return desk.vocabulary || {}; }
  function label(kind, code) { return P.label(words(), kind, code); }
  function term(key, fallback) { return (desk.terms && desk.terms.fields && desk.terms.fields[key]) || fallback; }
  function blank(v) { return v === undefined || v === null || String(v).trim() === ""; }

  function fresh() {
    return {procedure_id: "", shownProcedure: "", channel: "", applicant: {kind: "", address: {}}, answers: {}, files: {},
      uploading: {}, limit: {value: "", unit: "", reason: ""}, errors: {}, key: P.uuid(), sending: false};
  }

  function proc() { return procedures[s.procedure_id] || null; }

  // The chosen channel's terms: the first case the answers match, else the channel's default.
  function terms() {
    var channel = proc() && proc().channels[s.channel];
    if (!channel) return null;
    var match = channel.cases.filter(function (c) { return s.answers[c.when.field] === c.when.equals; })[0];
    return match || channel;
  }

  // The fields that pick a case: asked first and always required, since they set the time limit.
  function caseFields() {
    var p = proc();
    if (!p) return [];
    var names = {};
    Object.keys(p.channels).forEach(function (c) { p.channels[c].cases.forEach(function (k) { names[k.when.field] = true; }); });
    return p.fields.filter(function (f) { return names[f.name]; }).map(function (f) { return Object.assign({}, f, {required: true}); });
  }

  function needsTimeLimit() {
    var t = terms();
    return Boolean(t) && !t.time_limit_confirmed;
  }

  // --- building blocks: each field's wrapper shows its own error (s.errors by API path) -----

  function errorLine(path) {
    var message = s.errors[path];
    return message ? h("p", {class: "field-error", id: P.fieldId(path) + "-error"}, h("span", {class: "visually-hidden"}, "Lỗi: "), message) : null;
  }

  function wrapper(path, tag, children, extra) {
    return h(tag, Object.assign({class: "field" + (tag === "fieldset" ? " fieldset" : "") + (s.errors[path] ? " field--error" : ""),
      "data-path": path}, extra || {}), children);
  }

  function bind(path) {
    var keys = path.split(".");
    return {
      get: function () { return keys.reduce(function (v, k) { return v && typeof v === "object" ? v[k] : undefined; }, s); },
      set: function (value) {
        var target = s;
        keys.slice(0, -1).forEach(function (k) { target = target[k] = target[k] && typeof target[k] === "object" ? target[k] : {}; });
        target[keys[keys.length - 1]] = value;
      }
    };
  }

  // opts: type, multiline, hint, optional, maxlength, inputmode, unit, min, max, step
  function input(path, text, opts) {
    opts = opts || {};
    var id = P.fieldId(path);
    var b = bind(path);
    var attrs = {id: id, name: path, type: opts.type || "text", class: "input", autocomplete: "off", maxlength: opts.maxlength,
      inputmode: opts.inputmode, min: opts.min, max: opts.max, step: opts.step, "aria-invalid": s.errors[path] ? "true" : null,
      "aria-describedby": [opts.hint ? id + "-hint" : "", s.errors[path] ? id + "-error" : ""].join(" ").trim() || null,
      oninput: function (event) { b.set(event.target.value); }};
    var control = opts.multiline ? h("textarea", Object.assign(attrs, {type: null, rows: 3})) : h("input", attrs);
    control.value = blank(b.get()) ? "" : String(b.get());
    return wrapper(path, "div", [
      h("label", {for: id, class: "label"}, text + (opts.optional ? " (không bắt buộc)" : "")),
      opts.hint ? h("p", {class: "hint", id: id + "-hint"}, opts.hint) : null,
      errorLine(path),
      opts.unit ? h("div", {class: "input-with-unit"}, control, h("span", {class: "unit"}, opts.unit)) : control]);
  }

  // Radios (up to 6 options) or a select; `redraw` when the choice changes what the form asks.
  function choice(path, text, options, opts) {
    opts = opts || {};
    var b = bind(path);
    var id = P.fieldId(path);
    function picked(value) {
      b.set(value);
      if (!opts.redraw) return;
      render();
      var again = document.getElementById(P.fieldId(path + "." + value)) || document.getElementById(id);
      if (again) again.focus();
    }
    if (options.length > 6 || opts.select) {
      return wrapper(path, "div", [h("label", {for: id, class: "label"}, text), errorLine(path),
        h("select", {id: id, name: path, class: "input", "aria-invalid": s.errors[path] ? "true" : null,
          onchange: function (event) { picked(event.target.value); }},
        h("option", {value: ""}, "Chọn…"), options.map(function (o) {
          return h("option", {value: o.value, selected: o.value === b.get()}, o.label);
        }))]);
    }
    return wrapper(path, "fieldset", [h("legend", {class: "legend"}, text),
      opts.hint ? h("p", {class: "hint"}, opts.hint) : null, errorLine(path),
      h("div", {class: "radios"}, options.map(function (o) {
        var oid = P.fieldId(path + "." + o.value);
        return h("div", {class: "radio"}, h("input", {type: "radio", id: oid, name: path, value: o.value, checked: o.value === b.get(),
          onchange: function () { picked(o.value); }}), h("label", {for: oid}, o.label));
      }))], {id: id, tabindex: "-1"});
  }

  function address(path, text) {
    var parts = rules.kind("address").parts;
    var b = bind(path + ".province");
    if (blank(b.get())) b.set(parts.filter(function (part) { return part.name === "province"; })[0].default);
    return h("fieldset", {class: "field fieldset address", id: P.fieldId(path), "data-path": path},
      h("legend", {class: "legend"}, text), errorLine(path),
      parts.map(function (part) {
        if (part.options) return choice(path + "." + part.name, part.label, part.options.map(function (o) { return {value: o, label: o}; }), {select: true});
        return input(path + "." + part.name, part.label, {maxlength: part.max_length, optional: part.required === false});
      }));
  }

  function answerField(field) {
    var path = "answers." + field.name;
    var rule = rules.kind(field.type);
    var opts = {hint: field.help || rule.hint || null, optional: field.required === false, maxlength: field.max_length || rule.max_length};
    if (field.type === "choice") return choice(path, field.label, field.options || [], {hint: opts.hint, redraw: true});
    if (field.type === "address") return address(path, field.label);
    if (field.type === "number") {
      return input(path, field.label, Object.assign(opts, {type: "number", step: field.integer ? "1" : "any", unit: field.unit,
        min: field.min, max: field.max, inputmode: field.integer ? "numeric" : "decimal"}));
    }
    if (field.type === "date") return input(path, field.label, Object.assign(opts, {type: "date", min: rule.min, max: rule.max}));
    if (field.type === "textarea") return input(path, field.label, Object.assign(opts, {multiline: true}));
    if (field.type === "phone") return input(path, field.label, Object.assign(opts, {type: "tel", inputmode: "tel"}));
    return input(path, field.label, opts);
  }

  function section(title, id, children) {
    return h("section", {class: "dossier-section intake-section", id: id, "aria-labelledby": id + "-title"},
      h("h3", {id: id + "-title"}, title), children);
  }

  // --- the sections ------------------------------------------------------------------------

  function applicantSection(p) {
    var a = s.applicant;
    if (p.applicant_types.length === 1) a.kind = p.applicant_types[0];
    var fields = rules.applicantFields();
    var kindLabels = words().applicant_kind || {};
    return section("Người nộp hồ sơ", "intake-applicant", [
      p.applicant_types.length > 1 ? choice("applicant.kind", "Người nộp là", p.applicant_types.map(function (k) {
        return {value: k, label: kindLabels[k] || k};
      }), {redraw: true}) : null,
      a.kind ? fields.filter(function (f) { return !f.for || f.for === a.kind; }).map(function (f) {
        var text = typeof f.label === "object" ? f.label[a.kind] : f.label;
        if (f.kind === "address") return address("applicant.address", text);
        var rule = rules.kind(f.kind);
        return input("applicant." + f.name, text, {hint: rule.hint, maxlength: f.max_length || rule.max_length, optional: f.required === false,
          type: f.kind === "email" ? "email" : f.kind === "phone" ? "tel" : "text", inputmode: /citizen_id|tax_code/.test(f.kind) ? "numeric" : null});
      }) : null]);
  }

  function termsLine() {
    var t = terms();
    if (!t) return null;
    return h("p", {class: "intake-terms", id: "intake-terms"},
      term("time_limit", "Thời hạn giải quyết") + ": " + (t.time_limit_confirmed ? t.time_limit_text : "chưa được xác nhận trong danh mục") +
      ". " + term("fee", "Phí, lệ phí") + ": " + (t.fee_text || "") + ".");
  }

  function timeLimitSection() {
    var units = words().time_unit || {};
    return section(term("time_limit", "Thời hạn giải quyết"), "intake-time-limit", [
      h("p", {class: "hint"}, "Danh mục chưa xác nhận thời hạn của trường hợp này (" + (terms().time_limit_text || "") +
        "). Nhập thời hạn theo văn bản quy định; ngày hẹn trả kết quả được tính từ con số này."),
      errorLine("time_limit"),
      input("limit.value", term("time_limit.value", "Số ngày"), {type: "number", step: "1", min: 1, max: 365, inputmode: "numeric"}),
      choice("limit.unit", term("time_limit.unit", "Tính theo"), Object.keys(units).map(function (u) { return {value: u, label: units[u]}; })),
      input("limit.reason", term("time_limit.reason", "Căn cứ pháp lý của thời hạn"), {multiline: true, maxlength: 2000,
        hint: "Văn bản, điều, khoản quy định thời hạn."})]);
  }

  function documentSection(p) {
    return section("Giấy tờ đã nhận (bản chụp)", "intake-documents", p.documents.map(function (doc) {
      var path = "documents." + doc.slot;
      var id = P.fieldId(path);
      var done = s.files[doc.slot];
      var accept = [];
      doc.accept.forEach(function (t) { accept.push("." + t); if (t === "jpg") accept.push(".jpeg"); });
      return wrapper(path, "div", [
        h("label", {for: id, class: "label"}, doc.name + (doc.required ? "" : " (không bắt buộc)")),
        h("p", {class: "hint", id: id + "-hint"}, (doc.form ? doc.form + ". " : "") + (doc.required_when ? doc.required_when + ". " : "") +
          "Tệp " + doc.accept.join(", ").toUpperCase() + ", tối đa " + doc.max_size_mb + " MB."),
        errorLine(path),
        h("input", {type: "file", id: id, name: path, class: "file-input", accept: accept.join(","), "aria-describedby": id + "-hint " + id + "-status",
          onchange: function (event) { upload(doc, event.target); }}),
        h("div", {class: "upload-status", id: id + "-status", "aria-live": "polite"},
          s.uploading[doc.slot] ? "Đang tải lên…" : done ? h("span", {class: "upload-done"}, "✓ Đã tải lên: " + done.filename) : null)]);
    }));
  }

  function render() {
    if (s.procedure_id !== s.shownProcedure) {
      // Another procedure: other channels, fields and slots, so its answers and files start afresh.
      Object.assign(s, {shownProcedure: s.procedure_id, channel: "", answers: {}, files: {}, uploading: {}, errors: {}});
    }
    var p = proc();
    var list = Object.keys(procedures).map(function (id) { return {value: id, label: procedures[id].title}; })
      .sort(function (a, b) { return a.label.localeCompare(b.label, "vi"); });
    if (p && !p.channels[s.channel] && Object.keys(p.channels).length === 1) s.channel = Object.keys(p.channels)[0];
    var summary = h("div", {class: "error-summary", id: "intake-summary", tabindex: "-1", role: "alert", hidden: true});
    var form = h("form", {id: "intake-form", class: "desk-form intake-form", novalidate: true, onsubmit: function (event) {
      event.preventDefault();
      send();
    }},
      summary,
      choice("procedure_id", "Thủ tục", list, {select: true, redraw: true}),
      p ? [
        choice("channel", "Hình thức nộp", Object.keys(p.channels).map(function (c) { return {value: c, label: label("channel", c)}; }), {redraw: true}),
        caseFields().length ? section("Trường hợp của hồ sơ", "intake-case", caseFields().map(answerField)) : null,
        termsLine(),
        needsTimeLimit() ? timeLimitSection() : null,
        applicantSection(p),
        p.fields.length > caseFields().length ? section("Nội dung tờ khai", "intake-answers",
          p.fields.filter(function (f) { return !caseFields().some(function (c) { return c.name === f.name; }); }).map(answerField)) : null,
        p.documents.length ? documentSection(p) : null,
        h("p", {class: "notice notice--error", id: "intake-alert", role: "alert", hidden: true}),
        h("div", {class: "actions"}, h("button", {type: "submit", class: "md-button md-button--primary", id: "intake-submit",
          disabled: s.sending}, label("action", "intake")))
      ] : null);
    box.innerHTML = "";
    box.appendChild(h("h2", {id: "intake-heading", tabindex: "-1"}, "Tiếp nhận hồ sơ nộp trực tiếp hoặc qua bưu điện"));
    box.appendChild(form);
    var shown = Object.keys(s.errors).map(function (path) {
      var target = document.querySelector("[data-path=\"" + path + "\"] input, [data-path=\"" + path + "\"] select, [data-path=\"" + path + "\"] textarea");
      return {path: path, message: s.errors[path], target: target ? target.id : "intake-heading"};
    });
    if (shown.length) P.renderErrorSummary(summary, shown);
  }

  // --- uploads and sending -----------------------------------------------------------------

  async function upload(doc, inputEl) {
    var file = inputEl.files && inputEl.files[0];
    if (!file) return;
    var ext = (/\.([A-Za-z0-9]+)$/.exec(file.name) || [])[1];
    ext = ext ? ext.toLowerCase().replace("jpeg", "jpg") : "";
    var path = "documents." + doc.slot;
    delete s.errors[path];
    if (doc.accept.indexOf(ext) === -1) s.errors[path] = "Tệp “" + file.name + "” không đúng loại: chọn tệp " + doc.accept.join(", ").toUpperCase() + ".";
    else if (file.size > doc.max_size_mb * 1048576) s.errors[path] = "Tệp “" + file.name + "” lớn hơn " + doc.max_size_mb + " MB.";
    if (s.errors[path]) return render();
    s.uploading[doc.slot] = true;
    render();
    try {
      var slot = await desk.request("POST", "/api/officer/uploads", {purpose: "scan", procedure_id: s.procedure_id, slot: doc.slot,
        filename: file.name, content_type: file.type || TYPES[ext] || "application/octet-stream", size: file.size});
      var data = new FormData();
      Object.keys(slot.fields || {}).forEach(function (k) { data.append(k, slot.fields[k]); });
      data.append("file", file);
      var response = await fetch(slot.url, {method: "POST", body: data});
      if (!response.ok) throw new Error("Không tải lên được tệp (mã " + response.status + "). Vui lòng chọn lại tệp.");
      s.files[doc.slot] = {upload_id: slot.upload_id, filename: file.name};
    } catch (error) {
      s.errors[path] = (error.fields && error.fields[0] && error.fields[0].message) || error.message;
    } finally {
      delete s.uploading[doc.slot];
      render();
    }
  }

  // Every mistake at once, by the API's paths; and the body as the API will store it.
  function check() {
    var p = proc();
    var errors = {};
    var body = {procedure_id: s.procedure_id, channel: s.channel, answers: {}, documents: []};
    if (!p) errors.procedure_id = "Vui lòng chọn thủ tục.";
    if (p && !p.channels[s.channel]) errors.channel = "Vui lòng chọn hình thức nộp hồ sơ.";
    if (!p) return {errors: errors};
    var applicant = rules.checkApplicant(s.applicant, p);
    applicant.errors.forEach(function (e) { errors[e.path] = errors[e.path] || e.message; });
    body.applicant = applicant.value;
    var forced = caseFields();
    p.fields.forEach(function (f) {
      var field = forced.filter(function (c) { return c.name === f.name; })[0] || f;
      var value = s.answers[f.name];
      if (f.type === "number" && typeof value === "string" && value.trim()) value = Number(value.trim().replace(",", "."));
      var checked = rules.checkAnswer(field, value);
      checked.errors.forEach(function (e) { errors[e.path] = errors[e.path] || e.message; });
      if (checked.value !== null) body.answers[f.name] = checked.value;
    });
    p.documents.forEach(function (doc) {
      var path = "documents." + doc.slot;
      if (s.uploading[doc.slot]) errors[path] = "Tệp của “" + doc.name + "” đang được tải lên, vui lòng đợi.";
      else if (s.files[doc.slot]) body.documents.push({slot: doc.slot, upload_id: s.files[doc.slot].upload_id});
      else if (doc.required) errors[path] = "Vui lòng tải lên bản chụp: " + doc.name + ".";
    });
    if (needsTimeLimit()) {
      var value = Number(String(s.limit.value).trim());
      if (!Number.isInteger(value) || value < 1 || value > 365) errors["time_limit.value"] = "Vui lòng nhập số ngày: một số nguyên từ 1 đến 365.";
      if (!s.limit.unit) errors["time_limit.unit"] = "Vui lòng chọn thời hạn tính theo ngày làm việc hay ngày lịch.";
      if (blank(s.limit.reason)) errors["time_limit.reason"] = "Vui lòng ghi căn cứ pháp lý (văn bản, điều, khoản) của thời hạn.";
      body.time_limit = {value: value, unit: s.limit.unit, reason: String(s.limit.reason || "").trim()};
    }
    return {errors: errors, body: body};
  }

  // The state keeps the time limit under "limit"; the API names it "time_limit".
  function statePath(path) {
    return path.indexOf("time_limit.") === 0 ? "limit." + path.slice(11) : path;
  }

  async function send() {
    if (s.sending) return;
    var result = check();
    s.errors = {};
    Object.keys(result.errors).forEach(function (path) { s.errors[statePath(path)] = result.errors[path]; });
    if (Object.keys(s.errors).length) {
      render();
      return document.getElementById("intake-summary").focus();
    }
    s.sending = true;
    render();
    try {
      var detail = await desk.request("POST", "/api/officer/intake", result.body, {"Idempotency-Key": s.key});
      s = fresh();
      desk.openDossier(detail.dossier.id);
      // The receipt is what the applicant leaves the counter with: form 01 opens over the
      // dossier as a preview, to print with one click.
      if (typeof desk.print === "function") desk.print("01", detail, {dialog: false});
    } catch (error) {
      s.sending = false;
      if (error.status === 401) return;
      if (error.status === 422) {
        s.key = P.uuid();  // nothing was recorded: the next send is a new attempt
        (error.fields || []).forEach(function (e) { s.errors[statePath(e.path)] = e.message; });
      }
      render();
      if (error.status === 422 && error.fields && error.fields.length) return document.getElementById("intake-summary").focus();
      // A lost answer keeps the key: sending again returns the dossier already recorded.
      var alert = document.getElementById("intake-alert");
      alert.textContent = error.message + (error.status === 422 ? "" : " Bấm “" + label("action", "intake") + "” để gửi lại.");
      alert.hidden = false;
      alert.focus();
    }
  }

  desk.intake = async function (container) {
    box = container;
    box.innerHTML = "";
    box.appendChild(h("p", null, "Đang tải danh mục thủ tục…"));
    var loads = [desk.deskProcedures ? desk.deskProcedures() : Promise.resolve({}), P.vocabulary()];
    if (!P.fieldRules && desk.addScript) loads.push(desk.addScript("assets/js/field-rules.js"));
    var loaded = await Promise.all(loads);
    procedures = loaded[0] || {};
    var vocabulary = loaded[1] || {};
    if (!P.fieldRules || !vocabulary.field_rules || !Object.keys(procedures).length) {
      box.innerHTML = "";
      box.appendChild(h("p", {class: "notice notice--error", role: "alert"}, "Không tải được danh mục thủ tục. Vui lòng tải lại trang."));
      return;
    }
    rules = P.fieldRules(vocabulary.field_rules, vocabulary);
    if (!s) s = fresh();
    render();
    document.getElementById("intake-heading").focus();
  };
})();
