// The compiled catalogue's field rules ("field_rules" in assets/data/vocabulary.json, stated once
// in scripts/catalogue/field_rules.py) applied in the browser, step for step as
// portal.domain.validation applies them in the API: the same cleaning of text, the same patterns,
// limits and messages, and the same value to send. This file states no rule of its own.
(function () {
  "use strict";
  var P = window.Portal;
  if (!P) return;

  // `{label}`, `{max_length}`… replaced by the values given; unknown placeholders stay.
  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  // What the API counts as not given: nothing, "", {} or [].
  function blank(value) {
    return value === undefined || value === null || value === "" ||
      (Array.isArray(value) && !value.length) || (isObject(value) && !Object.keys(value).length);
  }

  function lowerFirst(text) {
    return text ? text.charAt(0).toLowerCase() + text.slice(1) : "";
  }

  function byKind(value, kind) {
    return isObject(value) ? (value[kind] || value["ca-nhan"]) : value;
  }

  // The result of a check: the value to send, or the errors ({path, message}).
  function ok(value) { return {value: value, errors: []}; }
  function fail(path, message) { return {value: null, errors: [{path: path, message: message}]}; }

  function Rules(data, words) {
    var characters = data.characters;
    this.data = data;
    this.words = words || {};
    this.forbidden = new RegExp(characters.forbidden, "u");
    this.invisible = new RegExp(characters.invisible, "gu");
    this.lineBreaks = new RegExp(characters.line_breaks, "u");
  }

  Rules.prototype.kind = function (name) { return this.data.kinds[name] || {}; };
  Rules.prototype.applicantFields = function () { return this.data.applicant.fields; };
  Rules.prototype.message = function (key, values) { return fill(this.data.messages[key], values || {}); };

  // Text as it is sent and stored (NFC, no invisible characters, trimmed), or null when it holds
  // a character no field accepts.
  Rules.prototype.cleanText = function (value, multiline) {
    var text = String(value).normalize("NFC");
    if (multiline) text = text.replace(/\r\n?/g, "\n");
    else if (this.lineBreaks.test(text)) return null;
    if (this.forbidden.test(text)) return null;
    return text.replace(this.invisible, "").trim();
  };

  Rules.prototype.checkText = function (rule, value, path, label, options) {
    options = options || {};
    if (value === undefined || value === null) value = "";
    if (typeof value !== "string") return fail(path, this.message("invalid", {label: label}));
    var text = this.cleanText(value, Boolean(rule.multiline));
    if (text === null) return fail(path, this.message("forbidden_characters", {label: label}));
    if (!text) {
      if (options.required === false) return ok(null);
      return fail(path, options.requiredMessage || this.message("required", {label: label}));
    }
    var patternMessage = fill(rule.message || this.data.messages.pattern, {label: label});
    if (rule.max_length && Array.from(text).length > rule.max_length) {
      // A value with a format is told its format, which says more than its length.
      return fail(path, rule.pattern ? patternMessage : this.message("too_long", {label: label, max_length: rule.max_length}));
    }
    (rule.ignore || "").split("").forEach(function (character) { text = text.split(character).join(""); });
    if (rule.pattern && !new RegExp("^(?:" + rule.pattern + ")$", "u").test(text)) return fail(path, patternMessage);
    return ok(text);
  };

  Rules.prototype.checkNumber = function (field, value, path, label) {
    var rule = this.kind("number");
    if (typeof value !== "number" || !isFinite(value)) return fail(path, fill(rule.message, {label: label}));
    var unit = field.unit ? " " + field.unit : "";
    var low = field.min !== null && field.min !== undefined ? field.min : rule.min;
    var high = field.max !== null && field.max !== undefined ? field.max : rule.max;
    if (value < low) return fail(path, fill(rule.min_message, {label: label, min: P.formatNumber(low), unit: unit}));
    if (value > high) return fail(path, fill(rule.max_message, {label: label, max: P.formatNumber(high), unit: unit}));
    if (field.integer) {
      return Number.isInteger(value) ? ok(value) : fail(path, fill(rule.integer_message, {label: label}));
    }
    if (Number(value.toFixed(rule.max_decimals)) !== value) {
      return fail(path, fill(rule.decimals_message, {label: label, max_decimals: rule.max_decimals}));
    }
    return ok(value);
  };

  function realDate(value) {
    var at = new Date(value + "T00:00:00Z");
    return !isNaN(at.getTime()) && at.toISOString().slice(0, 10) === value;
  }

  Rules.prototype.checkDate = function (field, value, path, label) {
    var rule = this.kind("date");
    var pattern = new RegExp("^(?:" + (field.pattern || rule.pattern) + ")$", "u");
    if (typeof value !== "string" || !pattern.test(value) || !realDate(value)) {
      return fail(path, fill(field.pattern_message || rule.message, {label: label}));
    }
    if (value < rule.min || value > rule.max) {
      return fail(path, fill(rule.range_message, {label: label, min: P.formatDate(rule.min), max: P.formatDate(rule.max)}));
    }
    return ok(value);
  };

  Rules.prototype.checkChoice = function (field, value, path, label) {
    var known = (field.options || []).some(function (option) { return option.value === value; });
    return typeof value === "string" && known ? ok(value) : fail(path, fill(this.kind("choice").message, {label: label}));
  };

  // An address counts as answered once its commune or street is: the province alone is the
  // form's default, not an answer.
  Rules.prototype.addressGiven = function (value) {
    return isObject(value) && !(blank(value.commune) && blank(value.street));
  };

  Rules.prototype.checkAddress = function (value, path, owner, label, options) {
    var self = this;
    var parts = this.kind("address").parts;
    if (value !== undefined && value !== null && !isObject(value)) return fail(path, this.message("invalid", {label: label}));
    if (options && options.required === false && !this.addressGiven(value)) return ok(null);
    value = value || {};
    var names = parts.map(function (part) { return part.name; });
    var errors = Object.keys(value).filter(function (key) { return names.indexOf(key) === -1; })
      .map(function (key) { return {path: path + "." + key, message: self.message("not_in_form")}; });
    var clean = {};
    parts.forEach(function (part) {
      var partPath = path + "." + part.name;
      var message = part.required_message ? fill(part.required_message, {owner: owner}) : null;
      var checked = self.checkText(part, value[part.name], partPath, part.label,
        {required: part.required !== false, requiredMessage: message});
      if (checked.value !== null && part.options && part.options.indexOf(checked.value) === -1) {
        checked = fail(partPath, part.message);
      }
      errors = errors.concat(checked.errors);
      clean[part.name] = checked.value || "";
    });
    return {value: errors.length ? null : clean, errors: errors};
  };

  // One form answer by its field (the compiled catalogue's form field).
  Rules.prototype.checkAnswer = function (field, value) {
    var path = "answers." + field.name;
    var label = field.label || field.name;
    var required = field.required !== false;
    if (field.type === "address") return this.checkAddress(value, path, label.toLowerCase(), label, {required: required});
    var checks = {number: this.checkNumber, choice: this.checkChoice, date: this.checkDate};
    if (checks[field.type]) {
      if (blank(value) || (typeof value === "string" && !value.trim())) {
        if (!required) return ok(null);
        return fail(path, this.message(field.type === "number" ? "required" : "required_choice", {label: label}));
      }
      return checks[field.type].call(this, field, value, path, label);
    }
    var rule = Object.assign({}, this.kind(field.type));
    if (field.max_length) rule.max_length = field.max_length;
    if (field.pattern) rule.pattern = field.pattern;
    if (field.pattern_message) rule.message = field.pattern_message;
    return this.checkText(rule, value, path, label, {required: required});
  };

  // The applicant: kind, then each field of the rules in order. `as` → the kind checked for
  // (a kind not chosen yet is checked as a person, as the API does).
  Rules.prototype.checkApplicant = function (applicant, procedure) {
    var self = this;
    var spec = this.data.applicant;
    var kindLabels = this.words.applicant_kind || {};
    var kind = applicant.kind;
    var allowed = (procedure.applicant_types || []).filter(function (k) { return kindLabels[k]; });
    var errors = [];
    if (typeof kind !== "string" || !kindLabels[kind]) {
      kind = null;
      errors.push({path: "applicant.kind", message: spec.kind.message});
    } else if (allowed.indexOf(kind) === -1) {
      errors.push({path: "applicant.kind", message: fill(spec.kind.refused_message, {
        kind: lowerFirst(kindLabels[kind]),
        accepted: allowed.map(function (k) { return lowerFirst(kindLabels[k]); }).join(", ")
      })});
    }
    var as = kind || "ca-nhan";
    var clean = {kind: kind};
    spec.fields.forEach(function (field) {
      var path = "applicant." + field.name;
      var value = applicant[field.name];
      var label = byKind(field.label, as);
      if (field.for && field.for !== as) {
        if (!blank(value)) errors.push({path: path, message: fill(spec.other_kind_message, {kind: lowerFirst(kindLabels[field.for])})});
        return;
      }
      var checked;
      if (field.kind === "address") {
        checked = self.checkAddress(value, path, field.owner, label);
      } else {
        var rule = Object.assign({}, self.kind(field.kind));
        if (field.max_length) rule.max_length = field.max_length;
        checked = self.checkText(rule, value, path, label,
          {required: field.required !== false, requiredMessage: byKind(field.required_message, as)});
      }
      errors = errors.concat(checked.errors);
      if (checked.value !== null) clean[field.name] = checked.value;
    });
    return {value: errors.length ? null : clean, errors: errors};
  };

  P.fieldRules = function (data, words) { return new Rules(data, words); };
  P.fillMessage = fill;
  P.lowerFirst = lowerFirst;
})();
