// The action forms' machinery: field builders (each field's wrapper carries its body path, so
// the API's 422 lands next to the right field), sending an action with the version the officer
// saw, and reading the answer:
//   success  the dossier is drawn again in its new state, with what was done;
//   422      each field's message beside it and a summary at the top, nothing written;
//   409      another officer acted first or the state forbids it: the message, and the dossier
//            reloaded so the officer sees its new state;
//   403      the message (the role may not take this action).
// What each action's form asks for is in admin-action-forms.js (desk.actionForms).
(function () {
  "use strict";
  var desk = window.PortalDesk = window.PortalDesk || {};
  var P = window.Portal;
  var h = P.h;

  function fieldLabel(key) {
    return desk.terms.fields[key] || key;
  }

  // The ids are f-<action>-<path> (Portal.fieldId), so they are stable for tests and links.
  function Builder(action) {
    this.action = action;
  }

  Builder.prototype.id = function (path) {
    return P.fieldId(this.action + "." + path);
  };

  function wrap(path, tag, attrs, children) {
    return h(tag, Object.assign({class: "field", "data-path": path}, attrs || {}), children);
  }

  // opts: label (a key of desk.terms.fields, or the text), type, value, hint, multiline,
  // optional, unit, min, max, step, maxlength, oninput.
  Builder.prototype.input = function (path, opts) {
    opts = opts || {};
    var id = this.id(path);
    var attrs = {id: id, name: path, type: opts.type || "text", class: "input", autocomplete: "off",
      min: opts.min, max: opts.max, step: opts.step, maxlength: opts.maxlength || (opts.multiline ? 2000 : 200),
      inputmode: opts.inputmode, "aria-describedby": opts.hint ? id + "-hint" : null, oninput: opts.oninput};
    var control = opts.multiline ? h("textarea", Object.assign(attrs, {type: null, rows: 3})) : h("input", attrs);
    if (opts.value !== undefined && opts.value !== null) control.value = String(opts.value);
    var text = fieldLabel(opts.label || path) + (opts.optional ? " (không bắt buộc)" : "");
    return wrap(path, "div", null, [
      h("label", {for: id, class: "label"}, text),
      opts.hint ? h("p", {class: "hint", id: id + "-hint"}, opts.hint) : null,
      opts.unit ? h("div", {class: "input-with-unit"}, control, h("span", {class: "unit"}, opts.unit)) : control]);
  };

  // options: [{value, label}]
  Builder.prototype.select = function (path, opts, options) {
    var id = this.id(path);
    return wrap(path, "div", null, [
      h("label", {for: id, class: "label"}, fieldLabel(opts.label || path)),
      h("select", {id: id, name: path, class: "input"}, h("option", {value: ""}, "Chọn…"), options.map(function (o) {
        return h("option", {value: o.value, selected: o.value === opts.value}, o.label);
      }))]);
  };

  // Radios or checkboxes in a fieldset; each input's id is f-<action>-<path>-<value>.
  // options: [{value, label, extra}] where `extra` (an element) follows the option's label.
  Builder.prototype.choices = function (path, opts, options) {
    var self = this;
    var type = opts.multiple ? "checkbox" : "radio";
    return wrap(path, "fieldset", {class: "field fieldset", id: this.id(path), tabindex: "-1"}, [
      h("legend", {class: "legend"}, fieldLabel(opts.label || path)),
      opts.hint ? h("p", {class: "hint"}, opts.hint) : null,
      h("div", {class: opts.multiple ? "checkboxes" : "radios"}, options.map(function (o) {
        var id = self.id(path + "." + o.value);
        return h("div", {class: (opts.multiple ? "checkbox" : "radio") + (o.extra ? " choice--with-extra" : "")},
          h("input", {type: type, id: id, name: path, value: o.value, checked: o.value === opts.value,
            onchange: opts.onchange ? function (event) { opts.onchange(o.value, event.target.checked); } : null}),
          h("label", {for: id}, o.label),
          o.extra || null);
      }))]);
  };

  // Reading the form back.
  function value(form, name) {
    var el = form.elements.namedItem(name);
    if (!el) return null;
    if (el.length !== undefined && el.tagName !== "SELECT") {  // a radio group
      var checked = Array.prototype.filter.call(el, function (x) { return x.checked; })[0];
      return checked ? checked.value : null;
    }
    if (el.type === "radio") return el.checked ? el.value : null;
    return el.value;
  }

  function checked(form, name) {
    return Array.prototype.filter.call(form.querySelectorAll("input[name=\"" + name + "\"]"), function (x) {
      return x.checked;
    }).map(function (x) { return x.value; });
  }

  // A number as typed: a number when it reads as one, else what was typed, so the API names the
  // field; an empty input is left out.
  function number(text) {
    var t = String(text || "").trim().replace(",", ".");
    if (!t) return undefined;
    return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : text;
  }

  function text(form, name) {
    var v = value(form, name);
    return v === null || v === undefined ? undefined : String(v).trim();
  }

  // --- errors ------------------------------------------------------------------------------

  function clearErrors(form) {
    Array.prototype.forEach.call(form.querySelectorAll(".field-error"), function (el) { el.parentNode.removeChild(el); });
    Array.prototype.forEach.call(form.querySelectorAll(".field--error"), function (el) { el.classList.remove("field--error"); });
    Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (el) { el.removeAttribute("aria-invalid"); });
  }

  // The wrapper of an API path: the path itself (after the form's own renaming, e.g. items.0 →
  // items.<slot>), else its nearest parent, else none.
  function wrapperFor(form, path, rename) {
    var parts = (rename ? rename(path) : path).split(".");
    for (var n = parts.length; n > 0; n--) {
      var found = form.querySelector("[data-path=\"" + parts.slice(0, n).join(".") + "\"]");
      if (found) return found;
    }
    return null;
  }

  function showFieldErrors(form, errors, rename) {
    return errors.map(function (error) {
      var wrapper = wrapperFor(form, error.path, rename);
      if (!wrapper) return {path: error.path, message: error.message, target: form.id + "-summary"};
      var control = wrapper.matches("fieldset") ? wrapper : wrapper.querySelector("input, select, textarea");
      var id = control.id + "-error";
      if (!document.getElementById(id)) {
        var message = h("p", {class: "field-error", id: id}, h("span", {class: "visually-hidden"}, "Lỗi: "), error.message);
        var anchor = wrapper.querySelector(".hint") || wrapper.querySelector("label, legend");
        anchor.parentNode.insertBefore(message, anchor.nextSibling);
        wrapper.classList.add("field--error");
        control.setAttribute("aria-invalid", "true");
        control.setAttribute("aria-describedby", ((control.getAttribute("aria-describedby") || "") + " " + id).trim());
      }
      return {path: error.path, message: error.message, target: control.id};
    });
  }

  // --- sending -----------------------------------------------------------------------------

  function successText(action, detail) {
    var d = detail.dossier;
    var done = "Đã thực hiện: " + desk.label("action", action) + ". Tình trạng hồ sơ: " + d.status_label + ".";
    if (action === "receive" || action === "apologise") done += " Ngày hẹn trả kết quả: " + P.formatDate(d.appointed_date) + ".";
    return done;
  }

  async function send(action, detail, form, spec) {
    var container = desk.currentContainer;
    var d = detail.dossier;
    var summary = document.getElementById(form.id + "-summary");
    var alert = document.getElementById(form.id + "-alert");
    var button = form.querySelector("button[type=submit]");
    clearErrors(form);
    summary.hidden = true;
    alert.hidden = true;
    button.disabled = true;
    try {
      var body = Object.assign({version: d.version}, await spec.body(form));
      var updated = await desk.request("POST", "/api/officer/dossiers/" + encodeURIComponent(d.id) + "/" + action, body);
      desk.renderDossier(container, updated, {kind: "success", text: successText(action, updated)});
    } catch (error) {
      button.disabled = false;
      if (error.status === 401) return;
      if (error.status === 422 && error.fields && error.fields.length) {
        P.renderErrorSummary(summary, showFieldErrors(form, error.fields, spec.rename), error.message);
      } else if (error.status === 409) {
        desk.loadDossier(container, d.id, {kind: "error", text: error.message + " Hồ sơ đã được tải lại với tình trạng mới nhất."});
      } else {
        alert.textContent = error.message;
        alert.hidden = false;
        alert.focus();
      }
    }
  }

  // The presigned POST of a file: the fields the API returned, then the file.
  desk.upload = async function (purpose, file, slot) {
    var target = await desk.request("POST", "/api/officer/uploads", {
      purpose: purpose, filename: file.name, content_type: file.type || "application/octet-stream", size: file.size, slot: slot
    });
    var data = new FormData();
    Object.keys(target.fields || {}).forEach(function (key) { data.append(key, target.fields[key]); });
    data.append("file", file);
    var response;
    try {
      response = await fetch(target.url, {method: "POST", body: data});
    } catch (network) {
      throw new Error("Mất kết nối khi tải tệp lên. Vui lòng kiểm tra mạng và chọn lại tệp.");
    }
    if (!response.ok) throw new Error("Không tải lên được tệp (mã " + response.status + "). Vui lòng thử lại.");
    return target.upload_id;
  };

  // The form of one action in the dossier's action panel.
  desk.actionForm = function (action, detail, panel) {
    var make = desk.actionForms[action];
    var b = new Builder(action);
    var spec = make ? make(b, detail) : {fields: [], body: function () { return {}; }};
    var formId = "form-" + action;
    var form = h("form", {id: formId, class: "desk-form", novalidate: true, "aria-labelledby": formId + "-title"},
      h("h4", {id: formId + "-title", tabindex: "-1"}, desk.label("action", action)),
      h("div", {class: "error-summary", id: formId + "-summary", tabindex: "-1", role: "alert", hidden: true}),
      h("p", {class: "notice notice--error", id: formId + "-alert", tabindex: "-1", role: "alert", hidden: true}),
      spec.fields,
      h("div", {class: "actions"},
        h("button", {type: "submit", class: "md-button md-button--primary", id: "submit-" + action}, desk.label("action", action)),
        h("button", {type: "button", class: "md-button", id: "cancel-" + action, onclick: function () {
          panel.innerHTML = "";
          var opener = document.getElementById("action-" + action);
          opener.setAttribute("aria-expanded", "false");
          opener.focus();
        }}, "Hủy")));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      send(action, detail, form, spec);
    });
    panel.innerHTML = "";
    panel.appendChild(form);
    document.getElementById(formId + "-title").focus();
  };

  desk.formTools = {value: value, checked: checked, number: number, text: text, fieldLabel: fieldLabel};
})();
