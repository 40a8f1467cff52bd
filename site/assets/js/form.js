// The online form of one procedure (nop-ho-so/<id>/), one step per screen: applicant, form
// fields, documents, check your answers, then the confirmation. What it knows about the procedure
// comes from <script id="procedure-data"> (the compiled catalogue entry); every label of a code
// and every field rule come from assets/data/vocabulary.json, and field-rules.js applies those
// rules exactly as the API does, so most mistakes are caught before sending. This file states no
// rule, pattern or message of a field.
// (Over 400 lines: the four screens and the upload share one state and one set of building
// blocks; split, each part would reach into the others.) What stands apart is in its own file and
// gets `host` (below), what this file shares of the form: drafts and the resume link
// (form-draft.js), the self-check and the desk's pre-check answer (form-review.js), the
// confirmation (form-confirmation.js).
(function () {
  "use strict";
  var root = document.getElementById("portal-form");
  var dataElement = document.getElementById("procedure-data");
  if (!root || !dataElement || !window.Portal || !window.Portal.fieldRules || !window.Portal.formDraft ||
    !window.Portal.formReview || !window.Portal.formConfirmation) return;

  var P = window.Portal;
  var h = P.h;
  var procedure = JSON.parse(dataElement.textContent);
  var fields = (procedure.form && procedure.form.fields) || [];
  var documents = procedure.documents || [];
  var storageKey = "portal-form:" + procedure.id + ":" + procedure.version;
  var words = {};   // labels of codes (Portal.vocabulary)
  var rules = null; // the field rules (Portal.fieldRules), once loaded
  var CONTENT_TYPES = {pdf: "application/pdf", jpg: "image/jpeg", jpeg: "image/jpeg", png: "image/png",
    heic: "image/heic", tif: "image/tiff", tiff: "image/tiff", doc: "application/msword",
    docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    xls: "application/vnd.ms-excel", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"};

  var STEPS = [
    {key: "applicant", title: "Thông tin người nộp hồ sơ"},
    {key: "answers", title: "Nội dung tờ khai"},
    {key: "documents", title: "Giấy tờ kèm theo"},
    {key: "check", title: "Kiểm tra thông tin trước khi nộp"}
  ].filter(function (step) {
    return !(step.key === "answers" && !fields.length) && !(step.key === "documents" && !documents.length);
  });

  var state = null;
  var shownErrors = [];   // errors of the current screen: [{path, message, target}]
  var uploads = {};       // slot → {progress} while a file is being sent (not persisted)
  var submitting = false;
  var drafts = null;      // Portal.formDraft (form-draft.js): saving, the resume link, the pre-check request
  var review = null;      // Portal.formReview (form-review.js): the self-check, the desk's pre-check answer
  var confirmation = null; // Portal.formConfirmation (form-confirmation.js): the screen after submitting

  function freshState() {
    var kinds = procedure.applicant_types || ["ca-nhan"];
    return {
      step: STEPS[0].key,
      applicant: {kind: kinds.length === 1 ? kinds[0] : "", address: {province: defaultProvince()}},
      answers: {},
      documents: {},
      consent: false,
      // One key per attempt, reused when a send is retried after a network failure, so the
      // API creates the dossier at most once.
      idempotencyKey: P.uuid(),
      serverErrors: [],
      result: null
    };
  }

  function restore() {
    try {
      var saved = JSON.parse(sessionStorage.getItem(storageKey) || "null");
      return saved && saved.applicant ? saved : null;
    } catch (unavailable) {
      return null;
    }
  }

  function save() {
    try { sessionStorage.setItem(storageKey, JSON.stringify(state)); } catch (unavailable) { /* private mode */ }
  }

  // --- values by path ----------------------------------------------------------------------

  function getPath(path) {
    return path.split(".").reduce(function (value, key) {
      return value && typeof value === "object" ? value[key] : undefined;
    }, state);
  }

  function setPath(path, value) {
    var keys = path.split(".");
    var target = state;
    keys.slice(0, -1).forEach(function (key) {
      if (!target[key] || typeof target[key] !== "object") target[key] = {};
      target = target[key];
    });
    target[keys[keys.length - 1]] = value;
    save();
  }

  function blank(value) {
    return value === undefined || value === null || String(value).trim() === "";
  }

  // --- validation (Portal.fieldRules, the API's own rules) ----------------------------------

  function err(path, message, target) {
    return {path: path, message: message, target: target || P.fieldId(path)};
  }

  function shown(errors) {
    return errors.map(function (e) { return err(e.path, e.message, targetForPath(e.path)); });
  }

  function addressPart(name) {
    return rules.kind("address").parts.filter(function (part) { return part.name === name; })[0];
  }

  function defaultProvince() {
    return addressPart("province").default;
  }

  // An applicant field's label, length bound and hint, as the rules state them.
  function applicantField(name, kind) {
    var field = rules.applicantFields().filter(function (f) { return f.name === name; })[0];
    var rule = rules.kind(field.kind);
    var label = field.label && typeof field.label === "object" ? field.label[kind] || field.label["ca-nhan"] : field.label;
    return {label: label, maxlength: field.max_length || rule.max_length, hint: rule.hint};
  }

  // A form answer as the API will receive it: a number field's text as a number.
  function typedAnswer(field) {
    var value = state.answers[field.name];
    if (field.type === "number" && typeof value === "string" && value.trim()) return Number(value.trim().replace(",", "."));
    return value;
  }

  function validateApplicant() {
    return shown(rules.checkApplicant(state.applicant, procedure).errors);
  }

  function fieldTarget(field) {
    var path = "answers." + field.name;
    if (field.type === "address") return P.fieldId(path + ".province");
    if (field.type === "choice" && useRadios(field)) return P.fieldId(path + "." + field.options[0].value);
    return P.fieldId(path);
  }

  function validateAnswers() {
    return fields.reduce(function (all, field) {
      return all.concat(shown(rules.checkAnswer(field, typedAnswer(field)).errors));
    }, []);
  }

  function validateDocuments() {
    var errors = [];
    documents.forEach(function (doc) {
      var path = "documents." + doc.slot;
      if (uploads[doc.slot]) errors.push(err(path, "Tệp “" + doc.name + "” đang được tải lên, vui lòng đợi."));
      else if (doc.required && !state.documents[doc.slot]) errors.push(err(path, "Vui lòng tải lên: " + doc.name + "."));
    });
    return errors;
  }

  function validateStep(key) {
    if (key === "applicant") return validateApplicant();
    if (key === "answers") return validateAnswers();
    if (key === "documents") return validateDocuments();
    if (key === "check" && !state.consent) {
      return [err("consent", rules.data.consent.message)];
    }
    return [];
  }

  function stepOfPath(path) {
    var head = String(path).split(".")[0];
    var found = STEPS.filter(function (s) { return s.key === head; })[0];
    return found ? found.key : "check";
  }

  // An API error path ("answers.so_luong_long", "applicant.address.commune") → the element to
  // focus, when the screen has one.
  function targetForPath(path) {
    var field = fields.filter(function (f) { return "answers." + f.name === path; })[0];
    if (field) return fieldTarget(field);
    if (path === "applicant.kind") return P.fieldId("applicant.kind." + (procedure.applicant_types || [])[0]);
    var direct = P.fieldId(path);
    return document.getElementById(direct) ? direct : "step-heading";
  }

  // --- building blocks -----------------------------------------------------------------------

  function errorFor(path) {
    var found = shownErrors.filter(function (e) { return e.path === path; })[0];
    return found ? found.message : "";
  }

  function errorText(id, message) {
    return message ? h("p", {class: "field-error", id: id + "-error"}, h("span", {class: "visually-hidden"}, "Lỗi: "), message) : null;
  }

  function describedBy(id, hint, message) {
    var ids = [];
    if (hint) ids.push(id + "-hint");
    if (message) ids.push(id + "-error");
    return ids.length ? ids.join(" ") : null;
  }

  function labelText(label, required) {
    return required === false ? label + " (không bắt buộc)" : label;
  }

  // A text-like input bound to `path`. opts: type, inputmode, autocomplete, hint, required,
  // maxlength, unit, min, max, step.
  function inputField(path, label, opts) {
    opts = opts || {};
    var id = P.fieldId(path);
    var message = errorFor(path);
    var value = getPath(path);
    var attrs = {
      id: id, name: path, type: opts.type || "text", inputmode: opts.inputmode, autocomplete: opts.autocomplete || "off",
      maxlength: opts.maxlength, min: opts.min, max: opts.max, step: opts.step, spellcheck: opts.spellcheck,
      class: "input" + (message ? " input--error" : ""),
      "aria-describedby": describedBy(id, opts.hint, message), "aria-invalid": message ? "true" : null,
      oninput: function (event) { setPath(path, event.target.value); }
    };
    var control = opts.multiline ? h("textarea", Object.assign(attrs, {rows: 4, type: null})) : h("input", attrs);
    control.value = value === undefined || value === null ? "" : String(value);
    return h("div", {class: "field" + (message ? " field--error" : "")},
      h("label", {for: id, class: "label"}, labelText(label, opts.required)),
      opts.hint ? h("p", {class: "hint", id: id + "-hint"}, opts.hint) : null,
      errorText(id, message),
      opts.unit ? h("div", {class: "input-with-unit"}, control, h("span", {class: "unit", "aria-hidden": "true"}, opts.unit)) : control);
  }

  function selectField(path, label, options, opts) {
    opts = opts || {};
    var id = P.fieldId(path);
    var message = errorFor(path);
    var current = getPath(path) || "";
    var select = h("select", {
      id: id, name: path, class: "input" + (message ? " input--error" : ""),
      "aria-describedby": describedBy(id, opts.hint, message), "aria-invalid": message ? "true" : null,
      onchange: function (event) { setPath(path, event.target.value); }
    }, h("option", {value: ""}, opts.placeholder || "Chọn…"), options.map(function (o) {
      return h("option", {value: o.value, selected: o.value === current}, o.label);
    }));
    return h("div", {class: "field" + (message ? " field--error" : "")},
      h("label", {for: id, class: "label"}, labelText(label, opts.required)),
      opts.hint ? h("p", {class: "hint", id: id + "-hint"}, opts.hint) : null,
      errorText(id, message), select);
  }

  // Radios in a fieldset; each radio's id is f-<path>-<value>.
  function radioField(path, legend, options, opts) {
    opts = opts || {};
    var groupId = P.fieldId(path);
    var message = errorFor(path);
    var current = getPath(path);
    return h("fieldset", {class: "field fieldset" + (message ? " field--error" : ""), id: groupId,
      "aria-describedby": describedBy(groupId, opts.hint, message)},
      h("legend", {class: "legend"}, labelText(legend, opts.required)),
      opts.hint ? h("p", {class: "hint", id: groupId + "-hint"}, opts.hint) : null,
      errorText(groupId, message),
      h("div", {class: "radios"}, options.map(function (o) {
        var id = P.fieldId(path + "." + o.value);
        return h("div", {class: "radio"},
          h("input", {type: "radio", id: id, name: path, value: o.value, checked: o.value === current,
            onchange: function () { setPath(path, o.value); if (opts.onchange) opts.onchange(o.value); }}),
          h("label", {for: id}, o.label));
      })));
  }

  function addressFields(path, legend, opts) {
    opts = opts || {};
    var province = addressPart("province"), commune = addressPart("commune"), street = addressPart("street");
    if (blank(getPath(path + ".province")) && getPath(path + ".commune") === undefined) setPath(path + ".province", province.default);
    var provinces = province.options.map(function (p) { return {value: p, label: p}; });
    return h("fieldset", {class: "field fieldset address", id: P.fieldId(path)},
      h("legend", {class: "legend"}, labelText(legend, opts.required)),
      opts.hint ? h("p", {class: "hint"}, opts.hint) : null,
      selectField(path + ".province", province.label, provinces, {placeholder: "Chọn " + province.label.toLowerCase()}),
      inputField(path + ".commune", commune.label, {maxlength: commune.max_length, autocomplete: opts.autocomplete ? "address-level2" : "off"}),
      inputField(path + ".street", street.label, {required: street.required, maxlength: street.max_length,
        autocomplete: opts.autocomplete ? "street-address" : "off"}));
  }

  function useRadios(field) {
    return (field.options || []).length <= 6;
  }

  function answerField(field) {
    var path = "answers." + field.name;
    var rule = rules.kind(field.type);
    var hint = field.help || rule.hint || null;
    var required = field.required !== false;
    var maxlength = field.max_length || rule.max_length;
    switch (field.type) {
      case "textarea":
        return inputField(path, field.label, {multiline: true, hint: hint, required: required, maxlength: maxlength});
      case "date":
        return inputField(path, field.label, {type: "date", hint: hint, required: required, min: rule.min, max: rule.max});
      case "phone":
        return inputField(path, field.label, {type: "tel", inputmode: "tel", hint: hint, required: required, maxlength: maxlength});
      case "citizen_id":
      case "tax_code":
        return inputField(path, field.label, {inputmode: "numeric", hint: hint, required: required, maxlength: maxlength});
      case "vessel_number":
        return inputField(path, field.label, {hint: hint, required: required, spellcheck: "false", maxlength: maxlength});
      case "number":
        return inputField(path, field.label, {type: "number", inputmode: field.integer ? "numeric" : "decimal",
          step: field.integer ? "1" : "any", min: field.min, max: field.max,
          unit: field.unit, hint: hint || (field.unit ? "Đơn vị: " + field.unit : null), required: required});
      case "choice":
        return useRadios(field)
          ? radioField(path, field.label, field.options || [], {hint: hint, required: required})
          : selectField(path, field.label, field.options || [], {hint: hint, required: required});
      case "address":
        return addressFields(path, field.label, {hint: hint, required: required});
      default:
        return inputField(path, field.label, {hint: hint, required: required, maxlength: maxlength});
    }
  }

  // --- screens ---------------------------------------------------------------------------

  function stepIndex(key) {
    for (var i = 0; i < STEPS.length; i++) if (STEPS[i].key === key) return i;
    return 0;
  }

  function goTo(key, errors) {
    state.step = key;
    shownErrors = errors || [];
    save();
    render();
    var focusTarget = shownErrors.length ? document.getElementById("form-errors") : document.getElementById("step-heading");
    if (focusTarget) focusTarget.focus();
    window.scrollTo(0, 0);
  }

  // Errors the API returned for this screen's fields, shown until the citizen continues.
  function serverErrorsFor(key) {
    return (state.serverErrors || []).filter(function (e) { return stepOfPath(e.path) === key; })
      .map(function (e) { return err(e.path, e.message, targetForPath(e.path)); });
  }

  function next() {
    var key = state.step;
    var errors = validateStep(key);
    state.serverErrors = (state.serverErrors || []).filter(function (e) { return stepOfPath(e.path) !== key; });
    if (errors.length) return goTo(key, errors);
    var following = STEPS[stepIndex(key) + 1];
    goTo(following ? following.key : key);
  }

  function back() {
    var previous = STEPS[stepIndex(state.step) - 1];
    if (previous) goTo(previous.key);
  }

  function screen(key, body, actions) {
    var index = stepIndex(key);
    var summary = h("div", {class: "error-summary", id: "form-errors", tabindex: "-1", role: "alert", hidden: true});
    var form = h("form", {id: "step-" + key, class: "step", novalidate: true, onsubmit: function (event) {
      event.preventDefault();
      if (key === "check") submit(); else next();
    }}, body, h("div", {class: "actions"}, actions, drafts.actions(key)));
    root.innerHTML = "";
    root.appendChild(h("p", {class: "step-progress"}, "Bước " + (index + 1) + "/" + STEPS.length));
    root.appendChild(h("h2", {id: "step-heading", tabindex: "-1"}, STEPS[index].title));
    root.appendChild(summary);
    root.appendChild(form);
    root.appendChild(drafts.panel(key));
    review.decorate(form);
    if (shownErrors.length) {
      // Relink each error to the element this screen rendered for it.
      shownErrors.forEach(function (e) { if (!document.getElementById(e.target)) e.target = targetForPath(e.path); });
      P.renderErrorSummary(summary, shownErrors);
    }
  }

  function continueButtons(key) {
    return [
      h("button", {type: "submit", class: "md-button md-button--primary", id: "step-continue"}, "Tiếp tục"),
      stepIndex(key) > 0 ? h("button", {type: "button", class: "md-button", id: "step-back", onclick: back}, "Quay lại") : null
    ];
  }

  function renderApplicant() {
    var kinds = procedure.applicant_types || ["ca-nhan"];
    var kind = state.applicant.kind;
    var organisation = kind === "to-chuc";
    var kindLabels = words.applicant_kind || {};
    var name = applicantField("full_name", kind), id = applicantField(organisation ? "tax_code" : "id_number", kind);
    var phone = applicantField("phone", kind), email = applicantField("email", kind);
    screen("applicant", [
      radioField("applicant.kind", "Bạn nộp hồ sơ với tư cách", kinds.map(function (k) { return {value: k, label: kindLabels[k] || k}; }),
        {onchange: function (value) {
          // Person and organisation ask for different fields: redraw, keeping the focus.
          shownErrors = [];
          render();
          var radio = document.getElementById(P.fieldId("applicant.kind." + value));
          if (radio) radio.focus();
        }}),
      kind ? [
        inputField("applicant.full_name", name.label, {maxlength: name.maxlength,
          autocomplete: organisation ? "organization" : "name", hint: organisation ? "Ghi đúng như trên giấy chứng nhận đăng ký." : "Ghi đúng như trên căn cước công dân."}),
        inputField("applicant." + (organisation ? "tax_code" : "id_number"), id.label, {inputmode: "numeric", hint: id.hint, maxlength: id.maxlength}),
        inputField("applicant.phone", phone.label, {type: "tel", inputmode: "tel", autocomplete: "tel", hint: "Để nhận tin nhắn về hồ sơ", maxlength: phone.maxlength}),
        inputField("applicant.email", email.label, {type: "email", inputmode: "email", autocomplete: "email", required: false, maxlength: email.maxlength}),
        addressFields("applicant.address", applicantField("address", kind).label, {autocomplete: true})
      ] : null
    ], continueButtons("applicant"));
  }

  function renderAnswers() {
    screen("answers", fields.map(answerField), continueButtons("answers"));
  }

  function acceptList(doc) {
    return (doc.accept || []).map(function (t) { return t.toUpperCase(); }).join(", ");
  }

  function documentNeed(doc) {
    if (doc.required) return "Bắt buộc";
    if (doc.required_when) return "Cần nộp " + doc.required_when.charAt(0).toLowerCase() + doc.required_when.slice(1);
    return "Không bắt buộc";
  }

  function renderDocuments() {
    screen("documents", [
      h("p", null, "Chụp ảnh rõ nét hoặc chọn tệp PDF cho từng giấy tờ. Mỗi tệp được tải lên ngay khi bạn chọn."),
      documents.map(function (doc) {
        var path = "documents." + doc.slot;
        var id = P.fieldId(path);
        var message = errorFor(path);
        var extensions = [];
        (doc.accept || []).forEach(function (t) { extensions.push("." + t); if (t === "jpg") extensions.push(".jpeg"); });
        return h("div", {class: "field document-slot" + (message ? " field--error" : ""), id: "slot-" + doc.slot},
          h("label", {for: id, class: "label"}, doc.name),
          h("p", {class: "hint", id: id + "-hint"},
            (doc.form ? doc.form + ". " : "") + documentNeed(doc) + ". Tệp " + acceptList(doc) + ", tối đa " + doc.max_size_mb + " MB."),
          h("p", {class: "field-error", id: id + "-error", hidden: !message}, message),
          h("input", {type: "file", id: id, name: path, accept: extensions.join(","), class: "file-input",
            "aria-describedby": id + "-hint " + id + "-status " + id + "-error",
            onchange: function (event) { chooseFile(doc, event.target); }}),
          h("div", {class: "upload-status", id: id + "-status", "aria-live": "polite"}));
      })
    ], continueButtons("documents"));
    documents.forEach(updateSlotStatus);
  }

  function updateSlotStatus(doc) {
    var id = P.fieldId("documents." + doc.slot);
    var box = document.getElementById(id + "-status");
    if (!box) return;
    box.innerHTML = "";
    var uploading = uploads[doc.slot];
    var done = state.documents[doc.slot];
    if (uploading) {
      box.appendChild(h("progress", {max: "100", value: String(uploading.progress), "aria-hidden": "true"}));
      box.appendChild(h("span", null, " Đang tải lên… " + uploading.progress + "%"));
    } else if (done) {
      box.appendChild(h("span", {class: "upload-done"}, "✓ Đã tải lên: " + done.filename + " (" + P.formatBytes(done.size) + ")"));
      box.appendChild(h("button", {type: "button", class: "link-button", onclick: function () {
        delete state.documents[doc.slot];
        save();
        updateSlotStatus(doc);
      }}, "Bỏ tệp này", h("span", {class: "visually-hidden"}, ": " + doc.name)));
    }
  }

  function showSlotError(doc, message) {
    var id = P.fieldId("documents." + doc.slot);
    var box = document.getElementById(id + "-error");
    if (!box) return;
    box.textContent = message || "";
    box.hidden = !message;
    box.parentNode.classList.toggle("field--error", Boolean(message));
  }

  function extensionOf(filename) {
    var match = /\.([A-Za-z0-9]+)$/.exec(filename || "");
    var ext = match ? match[1].toLowerCase() : "";
    return ext === "jpeg" ? "jpg" : ext;
  }

  // Refuse what the API would refuse before sending a byte: wrong type, too large, empty.
  function fileProblem(doc, file) {
    if ((doc.accept || []).indexOf(extensionOf(file.name)) === -1) {
      return "Tệp “" + file.name + "” không đúng loại. Vui lòng chọn tệp " + acceptList(doc) + ".";
    }
    if (file.size > doc.max_size_mb * 1024 * 1024) {
      return "Tệp “" + file.name + "” lớn hơn " + doc.max_size_mb + " MB. Hãy chụp lại với độ phân giải thấp hơn hoặc chọn tệp khác.";
    }
    if (!file.size) return "Tệp “" + file.name + "” không có nội dung.";
    return "";
  }

  async function chooseFile(doc, input) {
    var file = input.files && input.files[0];
    if (!file) return;
    var problem = fileProblem(doc, file);
    showSlotError(doc, problem);
    if (problem) {
      input.value = "";
      return;
    }
    var ext = extensionOf(file.name);
    var contentType = CONTENT_TYPES[ext] || file.type || "application/octet-stream";
    uploads[doc.slot] = {progress: 0};
    updateSlotStatus(doc);
    try {
      var slot = await P.request("POST", "/api/uploads", {body: {
        procedure_id: procedure.id, slot: doc.slot, filename: file.name, content_type: contentType, size: file.size
      }});
      await postFile(slot.url, slot.fields || {}, file, function (percent) {
        if (uploads[doc.slot]) uploads[doc.slot].progress = percent;
        updateSlotStatus(doc);
      });
      state.documents[doc.slot] = {upload_id: slot.upload_id, filename: file.name, size: file.size};
      state.serverErrors = (state.serverErrors || []).filter(function (e) { return e.path !== "documents." + doc.slot; });
      save();
    } catch (error) {
      var fieldMessage = error && error.fields && error.fields.length ? error.fields[0].message : "";
      showSlotError(doc, fieldMessage || (error && error.message) || "Không tải lên được tệp. Vui lòng thử lại.");
      input.value = "";
    } finally {
      delete uploads[doc.slot];
      updateSlotStatus(doc);
    }
  }

  // The presigned POST: the fields the API returned, then the file, as multipart form data.
  // XMLHttpRequest rather than fetch because it reports upload progress.
  function postFile(url, formFields, file, onProgress) {
    return new Promise(function (resolve, reject) {
      var body = new FormData();
      Object.keys(formFields).forEach(function (key) { body.append(key, formFields[key]); });
      body.append("file", file);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", url);
      xhr.upload.onprogress = function (event) {
        if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
      };
      xhr.onload = function () {
        if (xhr.status >= 200 && xhr.status < 300) resolve();
        else reject(new Error("Không tải lên được tệp (mã " + xhr.status + "). Vui lòng thử lại."));
      };
      xhr.onerror = function () { reject(new Error("Mất kết nối khi tải tệp lên. Vui lòng kiểm tra mạng và chọn lại tệp.")); };
      xhr.send(body);
    });
  }

  // --- check your answers --------------------------------------------------------------------

  function displayAnswer(field) {
    var value = state.answers[field.name];
    if (field.type === "address") {
      return value ? [value.street, value.commune, value.province].filter(function (x) { return !blank(x); }).join(", ") : "";
    }
    if (blank(value)) return "";
    if (field.type === "choice") {
      var option = (field.options || []).filter(function (o) { return o.value === value; })[0];
      return option ? option.label : value;
    }
    if (field.type === "date") return P.formatDate(value);
    if (field.type === "number") return P.formatNumber(value) + (field.unit ? " " + field.unit : "");
    return String(value);
  }

  function summaryList(rows) {
    return h("dl", {class: "summary-list"}, rows.map(function (row) {
      return h("div", {class: "summary-list__row"}, h("dt", null, row[0]), h("dd", null, row[1] || "—"));
    }));
  }

  function summarySection(title, key, rows, changeLabel) {
    return h("section", {class: "summary-section", id: "summary-" + key},
      h("div", {class: "summary-section__head"},
        h("h3", null, title),
        h("button", {type: "button", class: "link-button", id: "change-" + key, onclick: function () { goTo(key); }},
          "Sửa", h("span", {class: "visually-hidden"}, " " + changeLabel))),
      summaryList(rows));
  }

  // The time limit and fee this dossier will get, as the catalogue words them: the first of the
  // channel's cases whose answer matches (a reissue is often quicker and cheaper), else the
  // default, as the API decides.
  function onlineTerms(online) {
    var cases = online.cases || [];
    for (var i = 0; i < cases.length; i++) {
      var when = cases[i].when || {};
      if (state.answers[when.field] === when.equals) return {time_limit: cases[i].time_limit_text, fee: cases[i].fee_text};
    }
    return {time_limit: online.time_limit_text, fee: online.fee_text};
  }

  function renderCheck() {
    var a = state.applicant;
    var organisation = a.kind === "to-chuc";
    var address = a.address || {};
    var online = (procedure.channels || {}).online || {};
    var sections = [
      summarySection("Người nộp hồ sơ", "applicant", [
        ["Tư cách", (words.applicant_kind || {})[a.kind]],
        [applicantField("full_name", a.kind).label, a.full_name],
        organisation ? [applicantField("tax_code", a.kind).label, a.tax_code] : [applicantField("id_number", a.kind).label, a.id_number],
        [applicantField("phone", a.kind).label, a.phone],
        [applicantField("email", a.kind).label, a.email],
        [applicantField("address", a.kind).label, [address.street, address.commune, address.province].filter(function (x) { return !blank(x); }).join(", ")]
      ], "thông tin người nộp")
    ];
    if (fields.length) {
      sections.push(summarySection("Nội dung tờ khai", "answers", fields.map(function (f) { return [f.label, displayAnswer(f)]; }), "nội dung tờ khai"));
    }
    if (documents.length) {
      sections.push(summarySection("Giấy tờ kèm theo", "documents", documents.filter(function (d) { return state.documents[d.slot]; }).map(function (d) {
        return [d.name, state.documents[d.slot].filename];
      }).concat(Object.keys(state.documents).length ? [] : [["Giấy tờ", "Chưa tải lên giấy tờ nào"]]), "giấy tờ kèm theo"));
    }
    var consentMessage = errorFor("consent");
    var privacyUrl = P.siteRoot() + "quyen-rieng-tu/";
    screen("check", [
      sections,
      review.selfCheck(),
      summaryList([
        ["Thời hạn giải quyết", onlineTerms(online).time_limit],
        ["Phí, lệ phí", onlineTerms(online).fee]
      ]),
      h("div", {class: "field checkbox-field" + (consentMessage ? " field--error" : ""), id: "field-consent"},
        errorText("f-consent", consentMessage),
        h("div", {class: "checkbox"},
          h("input", {type: "checkbox", id: "f-consent", name: "consent", checked: Boolean(state.consent),
            "aria-describedby": consentMessage ? "f-consent-error" : null,
            onchange: function (event) { state.consent = event.target.checked; save(); }}),
          h("label", {for: "f-consent"}, "Tôi đồng ý để Chi cục Thủy sản Quảng Ngãi xử lý dữ liệu cá nhân trong hồ sơ này để giải quyết thủ tục. ")),
        h("p", {class: "hint"}, h("a", {href: privacyUrl, target: "_blank", rel: "noopener", id: "privacy-link"}, "Đọc thông báo về bảo vệ dữ liệu cá nhân"))),
      h("p", {class: "submit-status", id: "submit-status", role: "status", "aria-live": "polite"})
    ], [
      h("button", {type: "submit", class: "md-button md-button--primary", id: "submit-dossier"}, "Nộp hồ sơ"),
      h("button", {type: "button", class: "md-button", id: "step-back", onclick: back}, "Quay lại")
    ]);
  }

  // --- sending ---------------------------------------------------------------------------

  // What is sent: the values as the rules clean them (the API would store the same).
  function payload() {
    var answers = {};
    fields.forEach(function (field) {
      var checked = rules.checkAnswer(field, typedAnswer(field));
      if (checked.value !== null) answers[field.name] = checked.value;
    });
    return Object.assign({
      procedure_id: procedure.id,
      applicant: rules.checkApplicant(state.applicant, procedure).value,
      answers: answers,
      documents: documents.filter(function (d) { return state.documents[d.slot]; }).map(function (d) {
        return {slot: d.slot, upload_id: state.documents[d.slot].upload_id};
      }),
      consent: true
    }, drafts.submission());
  }

  // The API's 422: each field's message beside it, from the first step that has one.
  function refused(error) {
    state.serverErrors = error.fields || [];
    var first = state.serverErrors.length ? stepOfPath(state.serverErrors[0].path) : "check";
    var errors = serverErrorsFor(first);
    if (!errors.length) errors = [err("step-heading", error.message, "step-heading")];
    goTo(first, errors);
  }

  async function submit() {
    if (submitting) return;
    for (var i = 0; i < STEPS.length; i++) {
      var errors = validateStep(STEPS[i].key);
      if (errors.length) return goTo(STEPS[i].key, errors);
    }
    var button = document.getElementById("submit-dossier");
    var status = document.getElementById("submit-status");
    submitting = true;
    button.disabled = true;
    status.textContent = "Đang gửi hồ sơ…";
    try {
      var result = await P.request("POST", "/api/dossiers", {
        headers: {"Idempotency-Key": state.idempotencyKey}, body: payload()
      });
      // The answers are cleared now; the confirmation keeps the time limit they chose and where
      // the API sends the code. A draft's link now leads to a submitted draft: the address drops it.
      var terms = onlineTerms((procedure.channels || {}).online || {});
      var applicant = state.applicant;
      state = freshState();
      state.result = result;
      state.resultTerms = terms;
      state.resultSentTo = {phone: applicant.phone || null, email: applicant.email || null};
      if (location.search || location.hash) history.replaceState(null, "", location.pathname);
      state.step = "done";
      save();
      render();
      var heading = document.getElementById("confirmation-heading");
      if (heading) heading.focus();
      window.scrollTo(0, 0);
    } catch (error) {
      if (error.status === 422) {
        // The API refused the content and created nothing: what is sent next is a new attempt.
        state.idempotencyKey = P.uuid();
        return refused(error);
      }
      // A network failure or a server error: the same key is sent again on retry, so a dossier
      // the API did create is returned instead of a second one being made.
      status.textContent = "";
      goTo("check", [err("submit", error.message + " Bấm “Nộp hồ sơ” để gửi lại.", "submit-dossier")]);
    } finally {
      submitting = false;
      var again = document.getElementById("submit-dossier");
      if (again) again.disabled = false;
    }
  }

  function render() {
    if (state.step === "done" && state.result) return confirmation(state);
    if (stepIndex(state.step) === 0 && state.step !== STEPS[0].key) state.step = STEPS[0].key;
    if (!shownErrors.length) shownErrors = serverErrorsFor(state.step);
    if (state.step === "applicant") renderApplicant();
    else if (state.step === "answers") renderAnswers();
    else if (state.step === "documents") renderDocuments();
    else renderCheck();
  }

  function unavailable() {
    root.innerHTML = "";
    root.appendChild(h("p", {class: "form-unavailable", role: "alert"},
      "Không tải được biểu mẫu. Vui lòng kiểm tra kết nối mạng rồi tải lại trang."));
  }

  // The labels and field rules first: the form says nothing it has not read from them.
  P.vocabulary().then(function (loaded) {
    words = loaded || {};
    if (!words.field_rules) return unavailable();
    rules = P.fieldRules(words.field_rules, words);
    state = restore() || freshState();
    var host = {
      procedure: procedure, fields: fields, documents: documents, steps: STEPS, root: root, rules: function () { return rules; },
      get: function () { return state; },
      set: function (next) { state = next; save(); },
      fresh: freshState, save: save, goTo: goTo, refused: refused,
      render: function () { shownErrors = []; render(); },
      errorsOf: validateStep, stepOf: stepOfPath, targetFor: targetForPath, typedAnswer: typedAnswer,
      words: words, summaryList: summaryList, onlineTerms: onlineTerms
    };
    drafts = P.formDraft(host);
    review = P.formReview(host);
    confirmation = P.formConfirmation(host);
    // A resume link opens its draft, which wins over what this tab kept.
    var link = drafts.linked();
    if (link) return drafts.resume(link);
    render();
  });
})();
