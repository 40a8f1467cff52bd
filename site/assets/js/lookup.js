// The status page (tra-cuu/): dossier code + the applicant's CCCD or tax code → status and
// timeline, no personal data. A private link /tra-cuu/?ma=<code>#t=<token> goes on to ho-so/.
(function () {
  "use strict";
  var form = document.getElementById("lookup-form");
  if (!form || !window.Portal) return;
  var P = window.Portal;
  var h = P.h;
  var codeInput = document.getElementById("f-lookup-code");
  var idInput = document.getElementById("f-lookup-id_number");
  var summary = document.getElementById("lookup-errors");
  var result = document.getElementById("lookup-result");

  function setFieldError(input, message) {
    var box = input.parentNode;
    var id = input.id + "-error";
    var old = document.getElementById(id);
    if (old) old.parentNode.removeChild(old);
    box.classList.toggle("field--error", Boolean(message));
    input.setAttribute("aria-invalid", message ? "true" : "false");
    if (message) box.insertBefore(h("p", {class: "field-error", id: id}, message), input);
    var hint = document.getElementById(input.id + "-hint");
    var described = [hint ? hint.id : null, message ? id : null].filter(Boolean).join(" ");
    if (described) input.setAttribute("aria-describedby", described); else input.removeAttribute("aria-describedby");
  }

  function showErrors(errors) {
    setFieldError(codeInput, (errors.filter(function (e) { return e.path === "code"; })[0] || {}).message);
    setFieldError(idInput, (errors.filter(function (e) { return e.path === "id_number"; })[0] || {}).message);
    P.renderErrorSummary(summary, errors.map(function (e) {
      var target = e.path === "code" ? codeInput.id : e.path === "id_number" ? idInput.id : "lookup-submit";
      return {path: e.path, message: e.message, target: target};
    }));
  }

  function row(label, value, id) {
    return h("div", {class: "summary-list__row"}, h("dt", null, label), h("dd", {id: id}, value || "Chưa có"));
  }

  // The API names each status and action; a code it left unnamed reads as the portal's label.
  function render(data, words) {
    result.innerHTML = "";
    var timeline = Array.isArray(data.timeline) ? data.timeline : [];
    result.appendChild(h("section", {class: "lookup-card", id: "lookup-status"},
      h("h2", {id: "lookup-heading", tabindex: "-1"}, data.procedure_title || "Hồ sơ"),
      h("p", null, "Mã hồ sơ: ", h("strong", {id: "lookup-code"}, data.code)),
      h("p", {class: "status-label status-" + (data.status || "unknown"), id: "status-label"}, data.status_label || P.label(words, "status", data.status)),
      h("dl", {class: "summary-list"},
        row("Thời điểm nộp", P.formatDateTime(data.submitted_at), "lookup-submitted-at"),
        row("Thời điểm tiếp nhận", P.formatDateTime(data.received_at), "lookup-received-at"),
        row("Ngày hẹn trả kết quả", data.appointed_date && P.formatDate(data.appointed_date) +
          (data.appointed_date_provisional ? " (" + P.label(words, "note", "provisional_date") + ")" : ""), "lookup-appointed-date")),
      timeline.length ? [
        h("h3", null, "Quá trình xử lý"),
        h("ol", {class: "timeline", id: "lookup-timeline"}, timeline.map(function (item) {
          var note = item.note || item.message || item.reason;
          return h("li", {class: "timeline__item"},
            h("span", {class: "timeline__time"}, P.formatDateTime(item.at || item.time)),
            h("span", {class: "timeline__label"}, item.label || P.label(words, "action", item.action)),
            note ? h("span", {class: "timeline__note"}, note) : null);
        }))
      ] : null));
    document.getElementById("lookup-heading").focus();
  }

  async function lookup(body) {
    var button = document.getElementById("lookup-submit");
    button.disabled = true;
    result.innerHTML = "";
    result.appendChild(h("p", null, "Đang tra cứu…"));
    try {
      var data = await P.request("POST", "/api/lookup", {body: body});
      render(data, await P.vocabulary());
      showErrors([]);
    } catch (error) {
      result.innerHTML = "";
      if (error.status === 422 && error.fields.length) {
        showErrors(error.fields);
      } else if (error.status === 404) {
        showErrors([{path: "", message: "Không tìm thấy hồ sơ với mã hồ sơ và số giấy tờ đã nhập. Vui lòng kiểm tra lại."}]);
      } else {
        showErrors([{path: "", message: error.message}]);
      }
    } finally {
      button.disabled = false;
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var code = codeInput.value.trim().toUpperCase();
    var idNumber = idInput.value.trim();
    var errors = [];
    if (!code) errors.push({path: "code", message: "Vui lòng nhập mã hồ sơ."});
    if (!idNumber) errors.push({path: "id_number", message: "Vui lòng nhập số CCCD hoặc mã số thuế của người nộp."});
    if (errors.length) return showErrors(errors);
    lookup({code: code, id_number: idNumber});
  });

  // The private link from the confirmation page: the token is in the fragment, which browsers
  // never send to a server, so it stays out of access logs.
  // The link opens the applicant's own page (ho-so/: documents and actions), the token still in
  // the fragment; replace() keeps this page out of the history.
  var code = new URLSearchParams(location.search).get("ma");
  var tokenMatch = /(?:^|&)t=([^&]+)/.exec(location.hash.replace(/^#/, ""));
  if (code) codeInput.value = code;
  if (code && tokenMatch) {
    location.replace(P.siteRoot() + "ho-so/?ma=" + encodeURIComponent(code) + "#t=" + tokenMatch[1]);
  }
})();
