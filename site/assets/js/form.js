// The online form of one procedure (nop-ho-so/<id>/), one step per screen: applicant, form
// fields, documents, check your answers, then the confirmation. Everything it knows about the
// procedure comes from <script id="procedure-data"> (the compiled catalogue entry), and it applies
// the same patterns and limits the API applies, so most mistakes are caught before sending.
(function () {
  "use strict";
  var root = document.getElementById("portal-form");
  var dataElement = document.getElementById("procedure-data");
  if (!root || !dataElement || !window.Portal) return;

  var P = window.Portal;
  var h = P.h;
  var procedure = JSON.parse(dataElement.textContent);
  var fields = (procedure.form && procedure.form.fields) || [];
  var documents = procedure.documents || [];
  var storageKey = "portal-form:" + procedure.id + ":" + procedure.version;

  var KIND_LABELS = {"ca-nhan": "Cá nhân", "to-chuc": "Tổ chức"};
  var APPLICANT_PATTERNS = {
    id_number: [/^[0-9]{12}$/, "Số căn cước công dân (CCCD) phải gồm đúng 12 chữ số."],
    tax_code: [/^[0-9]{10}(-?[0-9]{3})?$/, "Mã số thuế gồm 10 chữ số, hoặc 13 chữ số nếu có mã chi nhánh (ví dụ 0101234567-001)."],
    phone: [/^(0|\+84)[0-9]{9,10}$/, "Số điện thoại bắt đầu bằng 0 hoặc +84, tiếp theo là 9 hoặc 10 chữ số (ví dụ 0912345678)."],
    email: [/^[^@\s]+@[^@\s]+\.[^@\s]+$/, "Địa chỉ thư điện tử không hợp lệ (ví dụ ten@gmail.com)."]
  };
  // The 34 provinces and cities since 01/07/2025.
  var PROVINCES = ["An Giang", "Bắc Ninh", "Cà Mau", "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Đắk Lắk",
    "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Nội", "Hà Tĩnh", "Hải Phòng", "Hồ Chí Minh",
    "Huế", "Hưng Yên", "Khánh Hòa", "Lai Châu", "Lạng Sơn", "Lào Cai", "Lâm Đồng", "Nghệ An",
    "Ninh Bình", "Phú Thọ", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sơn La", "Tây Ninh",
    "Thái Nguyên", "Thanh Hóa", "Tuyên Quang", "Vĩnh Long"];
  var DEFAULT_PROVINCE = "Quảng Ngãi";
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

  var state = restore() || freshState();
  var shownErrors = [];   // errors of the current screen: [{path, message, target}]
  var uploads = {};       // slot → {progress} while a file is being sent (not persisted)
  var submitting = false;

  function freshState() {
    var kinds = procedure.applicant_types || ["ca-nhan"];
    return {
      step: STEPS[0].key,
      applicant: {kind: kinds.length === 1 ? kinds[0] : "", address: {province: DEFAULT_PROVINCE}},
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

  function text(value) {
    return blank(value) ? "" : String(value).trim();
  }

  function fullMatch(pattern, value) {
    return new RegExp("^(?:" + pattern + ")$").test(value);
  }

  // --- validation (mirrors portal.domain.catalogue) ------------------------------------------

  function err(path, message, target) {
    return {path: path, message: message, target: target || P.fieldId(path)};
  }

  function validateAddress(path, label) {
    var errors = [];
    if (blank(getPath(path + ".province"))) errors.push(err(path + ".province", "Vui lòng chọn tỉnh, thành phố của " + label + "."));
    if (blank(getPath(path + ".commune"))) errors.push(err(path + ".commune", "Vui lòng nhập xã, phường của " + label + "."));
    return errors;
  }

  function validateApplicant() {
    var a = state.applicant;
    var errors = [];
    var kinds = procedure.applicant_types || [];
    if (kinds.indexOf(a.kind) === -1) {
      errors.push(err("applicant.kind", "Vui lòng chọn người nộp là cá nhân hay tổ chức.", P.fieldId("applicant.kind." + kinds[0])));
    }
    var organisation = a.kind === "to-chuc";
    if (blank(a.full_name)) errors.push(err("applicant.full_name", organisation ? "Vui lòng nhập tên tổ chức." : "Vui lòng nhập họ và tên."));
    var idKey = organisation ? "tax_code" : "id_number";
    var idValue = text(a[idKey]);
    if (!idValue) {
      errors.push(err("applicant." + idKey, organisation ? "Vui lòng nhập mã số thuế." : "Vui lòng nhập số căn cước công dân."));
    } else if (!APPLICANT_PATTERNS[idKey][0].test(idValue)) {
      errors.push(err("applicant." + idKey, APPLICANT_PATTERNS[idKey][1]));
    }
    var phone = text(a.phone).replace(/[ .]/g, "");
    if (!phone) errors.push(err("applicant.phone", "Vui lòng nhập số điện thoại."));
    else if (!APPLICANT_PATTERNS.phone[0].test(phone)) errors.push(err("applicant.phone", APPLICANT_PATTERNS.phone[1]));
    if (!blank(a.email) && !APPLICANT_PATTERNS.email[0].test(text(a.email))) errors.push(err("applicant.email", APPLICANT_PATTERNS.email[1]));
    return errors.concat(validateAddress("applicant.address", "người nộp"));
  }

  function fieldTarget(field) {
    var path = "answers." + field.name;
    if (field.type === "address") return P.fieldId(path + ".province");
    if (field.type === "choice" && useRadios(field)) return P.fieldId(path + "." + field.options[0].value);
    return P.fieldId(path);
  }

  function validateField(field) {
    var path = "answers." + field.name;
    var value = state.answers[field.name];
    var label = field.label;
    if (field.type === "address") {
      var empty = !value || (blank(value.province) && blank(value.commune) && blank(value.street));
      if (empty && field.required === false) return [];
      return validateAddress(path, label.toLowerCase());
    }
    if (blank(value)) {
      if (field.required === false) return [];
      var verb = field.type === "choice" || field.type === "date" ? "chọn" : "nhập";
      return [err(path, "Vui lòng " + verb + " " + label + ".", fieldTarget(field))];
    }
    var v = text(value);
    if (field.type === "number") {
      var number = Number(v.replace(",", "."));
      var unit = field.unit ? " " + field.unit : "";
      if (isNaN(number)) return [err(path, label + " phải là một số.")];
      if (field.min !== null && field.min !== undefined && number < field.min) return [err(path, label + " phải từ " + P.formatNumber(field.min) + unit + " trở lên.")];
      if (field.max !== null && field.max !== undefined && number > field.max) return [err(path, label + " không được vượt quá " + P.formatNumber(field.max) + unit + ".")];
      return [];
    }
    if (field.type === "choice") {
      var known = (field.options || []).some(function (o) { return o.value === v; });
      return known ? [] : [err(path, "Vui lòng chọn " + label + " trong danh sách.", fieldTarget(field))];
    }
    if (field.max_length && v.length > field.max_length) return [err(path, label + " không được dài quá " + field.max_length + " ký tự.")];
    if (field.pattern && !fullMatch(field.pattern, v)) return [err(path, field.pattern_message || label + " không đúng định dạng.")];
    return [];
  }

  function validateAnswers() {
    return fields.reduce(function (all, field) { return all.concat(validateField(field)); }, []);
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
      return [err("consent", "Vui lòng đánh dấu ô đồng ý cho xử lý dữ liệu cá nhân để nộp hồ sơ trực tuyến.")];
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
    var direct = P.fieldId(path);
    if (document.getElementById(direct)) return direct;
    var field = fields.filter(function (f) { return "answers." + f.name === path; })[0];
    if (field) return fieldTarget(field);
    if (path === "applicant.kind") return P.fieldId("applicant.kind." + (procedure.applicant_types || [])[0]);
    return "step-heading";
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
    if (blank(getPath(path + ".province")) && getPath(path + ".commune") === undefined) setPath(path + ".province", DEFAULT_PROVINCE);
    var provinces = PROVINCES.map(function (p) { return {value: p, label: p}; });
    return h("fieldset", {class: "field fieldset address", id: P.fieldId(path)},
      h("legend", {class: "legend"}, labelText(legend, opts.required)),
      opts.hint ? h("p", {class: "hint"}, opts.hint) : null,
      selectField(path + ".province", "Tỉnh, thành phố", provinces, {placeholder: "Chọn tỉnh, thành phố"}),
      inputField(path + ".commune", "Xã, phường, đặc khu", {autocomplete: opts.autocomplete ? "address-level2" : "off"}),
      inputField(path + ".street", "Số nhà, đường, thôn, tổ", {required: false, autocomplete: opts.autocomplete ? "street-address" : "off"}));
  }

  function useRadios(field) {
    return (field.options || []).length <= 6;
  }

  function answerField(field) {
    var path = "answers." + field.name;
    var hint = field.help || null;
    var required = field.required !== false;
    switch (field.type) {
      case "textarea":
        return inputField(path, field.label, {multiline: true, hint: hint, required: required, maxlength: field.max_length});
      case "date":
        return inputField(path, field.label, {type: "date", hint: hint, required: required});
      case "phone":
        return inputField(path, field.label, {type: "tel", inputmode: "tel", hint: hint, required: required});
      case "citizen_id":
        return inputField(path, field.label, {inputmode: "numeric", hint: hint || "Gồm 12 chữ số", required: required, maxlength: 12});
      case "tax_code":
        return inputField(path, field.label, {inputmode: "numeric", hint: hint, required: required, maxlength: 14});
      case "vessel_number":
        return inputField(path, field.label, {hint: hint || "Viết như trên giấy chứng nhận đăng ký, ví dụ QNg-90123-TS", required: required, spellcheck: "false"});
      case "number":
        return inputField(path, field.label, {type: "number", inputmode: "decimal", step: "any", min: field.min, max: field.max,
          unit: field.unit, hint: hint || (field.unit ? "Đơn vị: " + field.unit : null), required: required});
      case "choice":
        return useRadios(field)
          ? radioField(path, field.label, field.options || [], {hint: hint, required: required})
          : selectField(path, field.label, field.options || [], {hint: hint, required: required});
      case "address":
        return addressFields(path, field.label, {hint: hint, required: required});
      default:
        return inputField(path, field.label, {hint: hint, required: required, maxlength: field.max_length});
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
    }}, body, h("div", {class: "actions"}, actions));
    root.innerHTML = "";
    root.appendChild(h("p", {class: "step-progress"}, "Bước " + (index + 1) + "/" + STEPS.length));
    root.appendChild(h("h2", {id: "step-heading", tabindex: "-1"}, STEPS[index].title));
    root.appendChild(summary);
    root.appendChild(form);
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
    var organisation = state.applicant.kind === "to-chuc";
    screen("applicant", [
      radioField("applicant.kind", "Bạn nộp hồ sơ với tư cách", kinds.map(function (k) { return {value: k, label: KIND_LABELS[k] || k}; }),
        {onchange: function (value) {
          // Person and organisation ask for different fields: redraw, keeping the focus.
          shownErrors = [];
          render();
          var radio = document.getElementById(P.fieldId("applicant.kind." + value));
          if (radio) radio.focus();
        }}),
      state.applicant.kind ? [
        inputField("applicant.full_name", organisation ? "Tên tổ chức" : "Họ và tên",
          {autocomplete: organisation ? "organization" : "name", hint: organisation ? "Ghi đúng như trên giấy chứng nhận đăng ký." : "Ghi đúng như trên căn cước công dân."}),
        organisation
          ? inputField("applicant.tax_code", "Mã số thuế", {inputmode: "numeric", hint: "10 chữ số, hoặc 13 chữ số nếu là chi nhánh", maxlength: 14})
          : inputField("applicant.id_number", "Số căn cước công dân (CCCD)", {inputmode: "numeric", hint: "Gồm 12 chữ số", maxlength: 12}),
        inputField("applicant.phone", "Số điện thoại", {type: "tel", inputmode: "tel", autocomplete: "tel", hint: "Để nhận tin nhắn về hồ sơ"}),
        inputField("applicant.email", "Thư điện tử", {type: "email", inputmode: "email", autocomplete: "email", required: false}),
        addressFields("applicant.address", organisation ? "Địa chỉ trụ sở" : "Địa chỉ liên hệ", {autocomplete: true})
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

  // The time limit and fee this dossier will get: the first of the channel's cases whose answer
  // matches (a reissue is often quicker and cheaper), else the default, as the API decides.
  function onlineTerms(online) {
    var terms = {time_limit: online.time_limit, fee: online.fee};
    var cases = online.cases || [];
    for (var i = 0; i < cases.length; i++) {
      var when = cases[i].when || {};
      if (state.answers[when.field] === when.equals) {
        if (cases[i].time_limit) terms.time_limit = cases[i].time_limit;
        if (cases[i].fee) terms.fee = cases[i].fee;
        break;
      }
    }
    return terms;
  }

  function formatFee(fee) {
    var kind = fee && fee.kind;
    if (kind === "none") return "Không thu phí";
    if (kind === "fixed") return P.formatNumber(fee.amount) + " đ";
    if (kind === "per_unit") {
      return P.formatNumber(fee.base) + " đ + " + P.formatNumber(fee.per_unit) + " đ/" + fee.unit +
        (fee.cap !== null && fee.cap !== undefined ? ", tối đa " + P.formatNumber(fee.cap) + " đ" : "");
    }
    return "Đang cập nhật";
  }

  function formatTimeLimit(limit) {
    if (!limit || limit.value === null || limit.value === undefined) return "Đang cập nhật";
    var unit = limit.unit === "calendar_days" ? "ngày" : "ngày làm việc";
    var from = {receipt: " kể từ ngày nhận đủ hồ sơ hợp lệ", complete_dossier: " kể từ ngày nhận đủ hồ sơ theo quy định",
      inspection: " kể từ ngày kết thúc kiểm tra thực tế"}[limit.from] || "";
    return limit.value + " " + unit + from;
  }

  function selfCheck() {
    var missing = documents.filter(function (d) { return d.required && !state.documents[d.slot]; });
    var conditional = documents.filter(function (d) { return !d.required && d.required_when && !state.documents[d.slot]; });
    return h("section", {class: "self-check", id: "self-check"},
      h("h3", null, "Tự kiểm tra hồ sơ"),
      missing.length
        ? h("p", {class: "self-check__missing"}, "Còn thiếu giấy tờ bắt buộc: " + missing.map(function (d) { return d.name; }).join("; ") + ".")
        : h("p", {class: "self-check__ok"}, "✓ Đã có đủ giấy tờ bắt buộc."),
      conditional.length ? [
        h("p", null, "Nếu bạn thuộc một trong các trường hợp sau, hãy tải thêm giấy tờ tương ứng để hồ sơ không bị yêu cầu bổ sung:"),
        h("ul", null, conditional.map(function (d) { return h("li", null, d.required_when + ": " + d.name); }))
      ] : null);
  }

  function renderCheck() {
    var a = state.applicant;
    var organisation = a.kind === "to-chuc";
    var address = a.address || {};
    var online = (procedure.channels || {}).online || {};
    var sections = [
      summarySection("Người nộp hồ sơ", "applicant", [
        ["Tư cách", KIND_LABELS[a.kind]],
        [organisation ? "Tên tổ chức" : "Họ và tên", a.full_name],
        organisation ? ["Mã số thuế", a.tax_code] : ["Số CCCD", a.id_number],
        ["Số điện thoại", a.phone],
        ["Thư điện tử", a.email],
        ["Địa chỉ", [address.street, address.commune, address.province].filter(function (x) { return !blank(x); }).join(", ")]
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
      selfCheck(),
      summaryList([
        ["Thời hạn giải quyết", formatTimeLimit(onlineTerms(online).time_limit)],
        ["Phí, lệ phí", formatFee(onlineTerms(online).fee)]
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

  function payload() {
    var a = state.applicant;
    var organisation = a.kind === "to-chuc";
    var applicant = {
      kind: a.kind, full_name: text(a.full_name), phone: text(a.phone).replace(/[ .]/g, ""),
      address: {province: text((a.address || {}).province), commune: text((a.address || {}).commune), street: text((a.address || {}).street)}
    };
    if (organisation) applicant.tax_code = text(a.tax_code); else applicant.id_number = text(a.id_number);
    if (!blank(a.email)) applicant.email = text(a.email);
    var answers = {};
    fields.forEach(function (f) {
      var value = state.answers[f.name];
      if (f.type === "address") {
        if (value && !(blank(value.province) && blank(value.commune) && blank(value.street))) {
          answers[f.name] = {province: text(value.province), commune: text(value.commune), street: text(value.street)};
        }
      } else if (!blank(value)) {
        var number = Number(text(value).replace(",", "."));
        answers[f.name] = f.type === "number" && !isNaN(number) ? number : text(value);
      }
    });
    return {
      procedure_id: procedure.id,
      applicant: applicant,
      answers: answers,
      documents: documents.filter(function (d) { return state.documents[d.slot]; }).map(function (d) {
        return {slot: d.slot, upload_id: state.documents[d.slot].upload_id};
      }),
      consent: true
    };
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
      // The answers are cleared now; the confirmation keeps the time limit they chose.
      var terms = onlineTerms((procedure.channels || {}).online || {});
      state = freshState();
      state.result = result;
      state.resultTerms = terms;
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
        state.serverErrors = error.fields || [];
        var first = state.serverErrors.length ? stepOfPath(state.serverErrors[0].path) : "check";
        var shown = serverErrorsFor(first);
        if (!shown.length) shown = [err("step-heading", error.message, "step-heading")];
        return goTo(first, shown);
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

  // --- confirmation ----------------------------------------------------------------------

  function trackingUrl(result) {
    return P.siteRoot() + "tra-cuu/?ma=" + encodeURIComponent(result.code) + "#t=" + encodeURIComponent(result.access_token || "");
  }

  function renderDone() {
    var r = state.result;
    var online = (procedure.channels || {}).online || {};
    var link = trackingUrl(r);
    root.innerHTML = "";
    root.appendChild(h("div", {class: "confirmation", id: "confirmation"},
      h("div", {class: "confirmation-panel"},
        h("h2", {id: "confirmation-heading", tabindex: "-1"}, "Đã nộp hồ sơ"),
        h("p", null, "Mã hồ sơ của bạn"),
        h("p", {class: "dossier-code", id: "dossier-code"}, r.code)),
      summaryList([
        ["Thủ tục", procedure.title],
        ["Thời điểm nộp", h("span", {id: "submitted-at"}, P.formatDateTime(r.submitted_at))],
        ["Tình trạng", h("span", {id: "dossier-status"}, r.status_label || "Mới đăng ký")]
      ]),
      h("p", {class: "check-due", id: "check-due"}, "Cơ quan sẽ kiểm tra hồ sơ trước ngày ", h("strong", null, P.formatDate(r.check_due)), "."),
      h("h3", null, "Điều gì xảy ra tiếp theo"),
      h("ol", null,
        h("li", null, "Cán bộ kiểm tra hồ sơ đã đủ chưa. Nếu thiếu, cán bộ báo cho bạn một lần, bằng văn bản, tất cả những gì cần bổ sung."),
        h("li", null, "Khi hồ sơ được tiếp nhận, bạn được báo ngày hẹn trả kết quả. Thời hạn giải quyết: " + formatTimeLimit((state.resultTerms || onlineTerms(online)).time_limit) + "."),
        h("li", null, "Bạn nhận tin nhắn về hồ sơ qua số điện thoại đã khai.")),
      h("h3", null, "Theo dõi hồ sơ"),
      h("p", null, "Đường dẫn riêng để xem hồ sơ này mà không cần nhập số CCCD. Hãy lưu lại và không chia sẻ cho người khác:"),
      h("p", {class: "tracking-link"}, h("a", {href: link, id: "tracking-link"}, link)),
      h("p", null, "Bạn cũng có thể tra cứu bằng mã hồ sơ và số CCCD hoặc mã số thuế ở trang ",
        h("a", {href: P.siteRoot() + "tra-cuu/"}, "Tra cứu hồ sơ"), "."),
      h("div", {class: "actions no-print"},
        h("button", {type: "button", class: "md-button md-button--primary", id: "print-confirmation", onclick: function () { window.print(); }}, "In giấy xác nhận"),
        h("button", {type: "button", class: "md-button", id: "new-dossier", onclick: function () {
          state = freshState();
          goTo(STEPS[0].key);
        }}, "Nộp hồ sơ khác"))));
  }

  function render() {
    if (state.step === "done" && state.result) return renderDone();
    if (stepIndex(state.step) === 0 && state.step !== STEPS[0].key) state.step = STEPS[0].key;
    if (!shownErrors.length) shownErrors = serverErrorsFor(state.step);
    if (state.step === "applicant") renderApplicant();
    else if (state.step === "answers") renderAnswers();
    else if (state.step === "documents") renderDocuments();
    else renderCheck();
  }

  render();
})();
