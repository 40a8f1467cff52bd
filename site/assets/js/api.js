// Shared helpers for the portal's pages: API calls with the contract's error shape, dates in
// Vietnam time for people, element building. ES2017, no framework, no build step.
(function () {
  "use strict";

  var config = window.PORTAL_CONFIG || {};
  var VN_OFFSET_MS = 7 * 3600 * 1000; // Asia/Ho_Chi_Minh: UTC+7, no daylight saving

  // An API refusal: `status` (HTTP), `code` (VALIDATION_FAILED, ...), Vietnamese `message`,
  // `fields` [{path, message}].
  function ApiError(status, body) {
    var error = (body && body.error) || {};
    this.name = "ApiError";
    this.status = status;
    this.code = error.code || (status ? "HTTP_" + status : "NETWORK");
    this.message = error.message || defaultMessage(status);
    this.fields = Array.isArray(error.fields) ? error.fields : [];
  }
  ApiError.prototype = Object.create(Error.prototype);

  function defaultMessage(status) {
    if (!status) return "Không kết nối được với máy chủ. Vui lòng kiểm tra mạng và thử lại.";
    if (status === 401) return "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.";
    if (status === 403) return "Bạn không có quyền thực hiện thao tác này.";
    if (status === 404) return "Không tìm thấy.";
    if (status >= 500) return "Máy chủ đang bận hoặc gặp lỗi. Vui lòng thử lại sau ít phút.";
    return "Yêu cầu không thực hiện được (mã " + status + ").";
  }

  function apiUrl(path) {
    return ((window.PORTAL_CONFIG || config).apiBase || "").replace(/\/$/, "") + path;
  }

  // JSON in, JSON out. Rejects with ApiError: status 0 when the network failed.
  async function request(method, path, options) {
    options = options || {};
    var headers = Object.assign({"Accept": "application/json"}, options.headers || {});
    var init = {method: method, headers: headers};
    if (options.body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(options.body);
    }
    var response;
    try {
      response = await fetch(options.absolute ? path : apiUrl(path), init);
    } catch (networkError) {
      throw new ApiError(0, null);
    }
    var body = null;
    try {
      body = await response.json();
    } catch (notJson) {
      body = null;
    }
    if (!response.ok) throw new ApiError(response.status, body);
    return body;
  }

  // The site root as an absolute URL, wherever the site is hosted (set in overrides/main.html).
  function siteRoot() {
    var meta = document.querySelector('meta[name="portal-base"]');
    return new URL((meta && meta.content ? meta.content : ".") + "/", location.href).href.replace(/\/+$/, "/");
  }

  // Every label a page shows for a code (status, action, role, applicant kind, ...) and the field
  // rules, as the site build wrote them (assets/data/vocabulary.json, from portal.domain.vocabulary
  // and the compiled catalogue): fetched once per page; {} when unavailable, so callers fall back
  // to the code itself.
  var vocabularyRequest = null;
  function vocabulary() {
    if (!vocabularyRequest) {
      vocabularyRequest = fetch(siteRoot() + "assets/data/vocabulary.json", {credentials: "same-origin"})
        .then(function (response) {
          if (!response.ok) throw new Error("vocabulary " + response.status);
          return response.json();
        })
        .catch(function () { return {}; });
    }
    return vocabularyRequest;
  }

  // label(words, "action", "receive") → "Tiếp nhận hồ sơ"; an unknown code reads as itself.
  function label(words, kind, code) {
    return ((words || {})[kind] || {})[code] || code || "";
  }

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function vnParts(iso) {
    if (!iso) return null;
    if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
      var p = iso.split("-");
      return {y: p[0], m: p[1], d: p[2], time: null};
    }
    var at = new Date(iso);
    if (isNaN(at.getTime())) return null;
    var vn = new Date(at.getTime() + VN_OFFSET_MS);
    return {
      y: String(vn.getUTCFullYear()), m: pad(vn.getUTCMonth() + 1), d: pad(vn.getUTCDate()),
      time: pad(vn.getUTCHours()) + ":" + pad(vn.getUTCMinutes())
    };
  }

  // "2026-07-08" or "2026-07-08T10:15:00+07:00" → "08/07/2026"
  function formatDate(iso) {
    var p = vnParts(iso);
    return p ? p.d + "/" + p.m + "/" + p.y : "";
  }

  // → "08/07/2026 10:15" (Vietnam time)
  function formatDateTime(iso) {
    var p = vnParts(iso);
    if (!p) return "";
    return p.d + "/" + p.m + "/" + p.y + (p.time ? " " + p.time : "");
  }

  // Numbers as portal.domain.figures.format_number writes them (a test compares the two): dots
  // for thousands, a comma for decimals, at most 6 decimals: 1500 → "1.500", 12.5 → "12,5".
  function formatNumber(value) {
    var number = Number(value);
    if (value === null || value === undefined || value === "" || !isFinite(number)) return String(value == null ? "" : value);
    var parts = Math.abs(number).toFixed(6).replace(/\.?0+$/, "").split(".");
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    return (number < 0 && parts.join("") !== "0" ? "-" : "") + whole + (parts[1] ? "," + parts[1] : "");
  }

  // figures.format_quantity: 1500, "m³" → "1.500 m³"; without a unit, just the number.
  function formatQuantity(value, unit) {
    return formatNumber(value) + (unit ? " " + unit : "");
  }

  function formatBytes(size) {
    if (size >= 1024 * 1024) return formatNumber(Math.round(size / 104857.6) / 10) + " MB";
    return formatNumber(Math.max(1, Math.round(size / 1024))) + " KB";
  }

  // A random UUID v4: crypto.randomUUID where available (secure contexts), else from
  // getRandomValues (plain-http local hosts, older phones).
  function uuid() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      try { return window.crypto.randomUUID(); } catch (insecure) { /* fall through */ }
    }
    var bytes = new Uint8Array(16);
    if (window.crypto && window.crypto.getRandomValues) {
      window.crypto.getRandomValues(bytes);
    } else {
      for (var i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  // h("p", {class: "x"}, "text", child, [children]) → element. Strings become text nodes, never HTML.
  function h(tag, attrs) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === null || value === undefined || value === false) return;
      if (key.slice(0, 2) === "on" && typeof value === "function") {
        el.addEventListener(key.slice(2), value);
      } else if (value === true) {
        el.setAttribute(key, "");
      } else {
        el.setAttribute(key, String(value));
      }
    });
    appendChildren(el, Array.prototype.slice.call(arguments, 2));
    return el;
  }

  function appendChildren(el, children) {
    children.forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      if (Array.isArray(child)) appendChildren(el, child);
      else el.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
    });
  }

  // "applicant.id_number" → "f-applicant-id_number": ids that CSS and URLs take as they are.
  function fieldId(path) {
    return "f-" + String(path).replace(/\./g, "-");
  }

  // The error summary (GOV.UK pattern): a list of links to the fields, focused so screen
  // readers announce it. `errors` = [{path, message, target}].
  function renderErrorSummary(container, errors, title) {
    container.innerHTML = "";
    if (!errors.length) {
      container.hidden = true;
      return;
    }
    container.hidden = false;
    container.appendChild(h("h2", {class: "error-summary__title"}, title || "Có thông tin cần sửa"));
    container.appendChild(h("ul", {class: "error-summary__list"}, errors.map(function (error) {
      var target = error.target || fieldId(error.path);
      return h("li", null, h("a", {
        href: "#" + target,
        onclick: function (event) {
          var field = document.getElementById(target);
          if (field) {
            event.preventDefault();
            field.focus();
            field.scrollIntoView({block: "center"});
          }
        }
      }, error.message));
    })));
    container.focus();
  }

  window.Portal = {
    config: config,
    ApiError: ApiError,
    request: request,
    apiUrl: apiUrl,
    siteRoot: siteRoot,
    formatDate: formatDate,
    formatDateTime: formatDateTime,
    formatNumber: formatNumber,
    formatQuantity: formatQuantity,
    vocabulary: vocabulary,
    label: label,
    formatBytes: formatBytes,
    uuid: uuid,
    h: h,
    fieldId: fieldId,
    renderErrorSummary: renderErrorSummary
  };
})();
