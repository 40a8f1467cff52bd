// The applicant's own page (ho-so/?ma=<code>#t=<token>): the dossier's status and appointed
// date, what to do now (supply the listed papers, pay, choose how to receive the result,
// download it, rate, withdraw), then the timeline and the documents.
// The token stays in the URL fragment (never sent to a server, never in a Referer) and goes to
// the API in POST bodies only. The page's words are in ho-so/index.md; code labels come from the
// API or the vocabulary.
(function () {
  "use strict";
  var root = document.getElementById("private");
  if (!root || !window.Portal) return;
  var P = window.Portal;
  var h = P.h;
  var $ = function (id) { return document.getElementById(id); };
  var CONTENT_TYPES = {pdf: "application/pdf", jpg: "image/jpeg", jpeg: "image/jpeg", png: "image/png",
    doc: "application/msword", docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"};

  var code = new URLSearchParams(location.search).get("ma") || "";
  var tokenMatch = /(?:^|&)t=([^&]+)/.exec(location.hash.replace(/^#/, ""));
  var token = tokenMatch ? decodeURIComponent(tokenMatch[1]) : "";
  var view = null;
  var words = {};
  var supplied = {};   // slot → {upload_id, filename, size} once uploaded

  function show(id, visible) { $(id).hidden = !visible; }

  function message(id, text) {
    var box = $(id);
    box.textContent = text || "";
    box.hidden = !text;
    if (text) box.focus();
  }

  function fail(error) {
    message("private-error", error && error.status === 404
      ? "Không tìm thấy hồ sơ, hoặc liên kết riêng không đúng. Hãy mở lại liên kết trên giấy xác nhận nộp hồ sơ, hoặc tra cứu bằng mã hồ sơ và số giấy tờ."
      : (error && error.message) || "Không thực hiện được. Vui lòng thử lại.");
  }

  // A 422's fields beside their inputs (`prefix` + path → the field's box id).
  function fieldErrors(form, error) {
    Array.prototype.forEach.call(form.querySelectorAll(".field-error"), function (e) { e.parentNode.removeChild(e); });
    Array.prototype.forEach.call(form.querySelectorAll(".field--error"), function (e) { e.classList.remove("field--error"); });
    var unplaced = [];
    ((error && error.fields) || []).forEach(function (f) {
      var box = $("field-" + f.path.replace(/\./g, "-"));
      if (!box) { unplaced.push(f.message); return; }
      box.classList.add("field--error");
      var legend = box.querySelector("legend, label");
      box.insertBefore(h("p", {class: "field-error"}, f.message), legend ? legend.nextSibling : box.firstChild);
    });
    if (error && (unplaced.length || !(error.fields || []).length)) {
      message("private-error", unplaced.length ? unplaced.join(" ") : error.message);
    }
  }

  async function call(route, body, path) {
    return P.request("POST", path || "/api/dossiers/" + encodeURIComponent(view.dossier_id) + "/" + route,
      {body: Object.assign({access_token: token}, body || {})});
  }

  // --- status and what to do ----------------------------------------------------------------

  function renderStatus() {
    $("private-title").textContent = view.procedure_title;
    $("private-code").textContent = view.code;
    var state = $("private-state");
    state.textContent = view.status_label;
    state.className = "status-label status-" + view.status;
    if (view.appointed_date) {
      $("private-appointed").textContent = P.formatDate(view.appointed_date) +
        (view.appointed_date_provisional ? " (" + P.label(words, "note", "provisional_date") + ")" : "");
    }
    show("private-status", true);
  }

  function can(action) { return view.allowed.indexOf(action) >= 0; }

  function renderSupply() {
    var form = $("supply-form");
    form.hidden = !can("supply");
    if (form.hidden) return;
    var note = view.supplement && view.supplement.note;
    $("supply-note").textContent = note || "";
    $("supply-note").hidden = !note;
    var list = $("supply-items");
    list.innerHTML = "";
    view.supplement.items.forEach(function (item) {
      var id = "f-documents-" + item.slot;
      list.appendChild(h("div", {class: "field document-slot", id: "field-documents-" + item.slot},
        h("label", {class: "label", for: id}, item.name),
        item.note ? h("p", {class: "hint supply-reason", id: id + "-note"}, item.note) : null,
        h("input", {type: "file", class: "file-input", id: id, "aria-describedby": item.note ? id + "-note" : null,
          accept: item.accept.map(function (ext) { return "." + ext; }).join(","),
          onchange: function (event) { upload(item, event.target); }}),
        h("div", {class: "upload-status", id: id + "-status", "aria-live": "polite"})));
      uploadStatus(item.slot);
    });
  }

  function uploadStatus(slot, text) {
    var box = $("f-documents-" + slot + "-status");
    if (!box) return;
    var done = supplied[slot];
    box.textContent = text || (done ? "✓ Đã tải lên: " + done.filename + " (" + P.formatBytes(done.size) + ")" : "");
  }

  async function upload(item, input) {
    var file = input.files && input.files[0];
    if (!file) return;
    var ext = (file.name.split(".").pop() || "").toLowerCase();
    delete supplied[item.slot];
    uploadStatus(item.slot, "Đang tải lên…");
    try {
      var slot = await P.request("POST", "/api/uploads", {body: {
        procedure_id: view.procedure_id, slot: item.slot, filename: file.name,
        content_type: CONTENT_TYPES[ext] || file.type || "application/octet-stream", size: file.size
      }});
      var form = new FormData();
      Object.keys(slot.fields || {}).forEach(function (key) { form.append(key, slot.fields[key]); });
      form.append("file", file);
      var sent = await fetch(slot.url, {method: "POST", body: form});
      if (!sent.ok) throw new Error("Không tải lên được tệp (mã " + sent.status + "). Vui lòng thử lại.");
      supplied[item.slot] = {upload_id: slot.upload_id, filename: file.name, size: file.size};
      uploadStatus(item.slot);
    } catch (error) {
      input.value = "";
      uploadStatus(item.slot, (error.fields && error.fields.length ? error.fields[0].message : error.message) ||
        "Không tải lên được tệp. Vui lòng thử lại.");
    }
  }

  function renderPay() {
    var task = $("pay-task");
    task.hidden = !can("pay");
    if (task.hidden) return;
    $("pay-amount").textContent = view.fee.amount_text;
    // The online payment is another script's (window.PortalPayment); without it the fallback text stays.
    if (window.PortalPayment && typeof window.PortalPayment.section === "function") {
      window.PortalPayment.section($("pay-section"), view, token);
    }
  }

  function renderResult() {
    var task = $("result-task");
    var result = view.result;
    task.hidden = !result;
    if (!result) return;
    var text = result.outcome === "approve"
      ? "Hồ sơ đã được giải quyết" + (result.number ? ": văn bản số " + result.number : "") +
        (result.signed_on ? " ngày " + P.formatDate(result.signed_on) : "") + "."
      : "Hồ sơ không được giải quyết. Lý do: " + (result.reasons || "");
    if (view.returned) text += " Đã trả kết quả (" + view.returned.label + ") ngày " + P.formatDate(view.returned.returned_at) + ".";
    $("result-text").textContent = text;
    var link = $("result-download");
    link.parentNode.hidden = !can("download_result");
    if (can("download_result")) link.href = result.download_url;
  }

  function address() {
    return {province: $("f-address-province").value, commune: $("f-address-commune").value, street: $("f-address-street").value};
  }

  function renderDelivery() {
    var form = $("delivery-form");
    form.hidden = !can("choose_delivery");
    var choice = view.delivery_choice;
    var current = $("delivery-current");
    current.hidden = !choice;
    if (choice) {
      var where = choice.address ? ": " + [choice.address.street, choice.address.commune, choice.address.province].filter(Boolean).join(", ") : "";
      current.textContent = "Bạn đã chọn " + choice.label + where + ".";
    }
    if (form.hidden) return;
    var options = $("delivery-options");
    options.innerHTML = "";
    view.delivery_options.forEach(function (option) {
      var id = "f-method-" + option.method;
      var label = option.label.charAt(0).toUpperCase() + option.label.slice(1);
      options.appendChild(h("div", {class: "radio"},
        h("input", {type: "radio", name: "method", id: id, value: option.method,
          checked: choice && choice.method === option.method, onchange: toggleAddress}),
        h("label", {for: id}, label)));
    });
    var province = $("f-address-province");
    if (!province.options.length) {
      var parts = (((words.field_rules || {}).kinds || {}).address || {}).parts || [];
      var spec = parts.filter(function (p) { return p.name === "province"; })[0] || {};
      (spec.options || []).forEach(function (name) { province.appendChild(h("option", {value: name}, name)); });
      if (spec.default) province.value = spec.default;
    }
    if (choice && choice.address) {
      province.value = choice.address.province;
      $("f-address-commune").value = choice.address.commune || "";
      $("f-address-street").value = choice.address.street || "";
    }
    toggleAddress();
  }

  function chosenMethod() {
    var checked = document.querySelector('#delivery-options input[name="method"]:checked');
    return checked ? checked.value : "";
  }

  function toggleAddress() {
    $("delivery-address").hidden = chosenMethod() !== "post";
  }

  function renderRating() {
    $("rating-form").hidden = !can("rate");
    var given = $("rating-given");
    given.hidden = !view.rating;
    if (view.rating) {
      var label = document.querySelector('label[for="f-score-' + view.rating.score + '"]');
      given.textContent = "Bạn đã đánh giá: " + (label ? label.textContent : view.rating.score) + ". Cảm ơn bạn đã góp ý.";
    }
  }

  // --- history ---------------------------------------------------------------------------------

  function detailLines(d) {
    var lines = [];
    if (d.appointed_date) lines.push("Ngày hẹn trả kết quả: " + P.formatDate(d.appointed_date));
    if (d.previous_date) lines.push("Ngày hẹn trước đó: " + P.formatDate(d.previous_date));
    if (d.check_due) lines.push("Hạn kiểm tra hồ sơ: " + P.formatDate(d.check_due));
    (d.items || []).forEach(function (i) { lines.push(i.name + (i.note ? ": " + i.note : "")); });
    (d.grounds || []).forEach(function (g) { lines.push("Căn cứ: " + g); });
    if (d.amount_text) lines.push("Số tiền: " + d.amount_text);
    if (d.number) lines.push("Văn bản số " + d.number + (d.signed_on ? " ngày " + P.formatDate(d.signed_on) : ""));
    if (d.reasons) lines.push("Lý do: " + d.reasons);
    if (d.method_label) lines.push("Hình thức: " + d.method_label + (d.waybill ? " (vận đơn " + d.waybill + ")" : ""));
    (d.documents || []).forEach(function (doc) { lines.push(doc); });
    if (d.note) lines.push(d.note);
    return lines;
  }

  function renderHistory() {
    var timeline = $("private-timeline");
    timeline.innerHTML = "";
    view.timeline.slice().reverse().forEach(function (e) {
      timeline.appendChild(h("li", {class: "timeline__item"},
        h("span", {class: "timeline__time"}, P.formatDateTime(e.at)),
        h("span", {class: "timeline__label"}, e.label || P.label(words, "action", e.action)),
        detailLines(e.details || {}).map(function (line) { return h("span", {class: "timeline__note"}, line); })));
    });
    var documents = $("private-documents");
    documents.innerHTML = "";
    view.documents.forEach(function (doc) {
      documents.appendChild(h("li", null,
        h("span", {class: "document-list__name"}, (doc.name || doc.slot) + ": "),
        h("a", {href: doc.download_url, rel: "noopener"}, doc.filename || doc.slot),
        doc.size ? " (" + P.formatBytes(doc.size) + ")" : ""));
    });
    var access = $("private-access");
    access.innerHTML = "";
    (view.access_trail || []).forEach(function (opening) {
      access.appendChild(h("li", null, opening.role_label + " đã mở hồ sơ lúc " + P.formatDateTime(opening.at)));
    });
    if (!(view.access_trail || []).length) access.appendChild(h("li", null, "Chưa có cán bộ nào mở hồ sơ."));
    show("private-history", true);
  }

  function render() {
    renderStatus();
    renderSupply();
    renderPay();
    renderResult();
    renderDelivery();
    renderRating();
    $("withdraw-form").hidden = !can("withdraw");
    show("private-todo", view.allowed.length > 0 || Boolean(view.result) || Boolean(view.rating) || Boolean(view.delivery_choice));
    renderHistory();
  }

  async function load() {
    try {
      view = await P.request("POST", "/api/dossiers/" + encodeURIComponent(code) + "/view", {body: {access_token: token}});
      words = await P.vocabulary();
      render();
      $("private-title").focus();
    } catch (error) {
      fail(error);
    } finally {
      show("private-loading", false);
    }
  }

  // After an action: the dossier as it now stands, and what happened, announced.
  async function act(form, button, route, body, done) {
    message("private-error", "");
    message("private-done", "");
    button.disabled = true;
    try {
      view = route === "withdraw" ? (await call(route, body), await call("view")) : await call(route, body);
      fieldErrors(form, null);
      render();
      message("private-done", done);
    } catch (error) {
      if (error.status === 422) fieldErrors(form, error); else fail(error);
    } finally {
      button.disabled = false;
    }
  }

  $("supply-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var documents = view.supplement.items.filter(function (i) { return supplied[i.slot]; })
      .map(function (i) { return {slot: i.slot, upload_id: supplied[i.slot].upload_id}; });
    act(this, $("supply-submit"), "supply", {documents: documents},
      "Đã gửi giấy tờ bổ sung. Hồ sơ đã được chuyển lại cơ quan giải quyết.");
  });

  $("delivery-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var method = chosenMethod();
    if (!method) return fieldErrors(this, {fields: [{path: "method", message: "Vui lòng chọn cách nhận kết quả."}]});
    act(this, $("delivery-submit"), "delivery", method === "post" ? {method: method, address: address()} : {method: method},
      "Đã lưu cách nhận kết quả.");
  });

  $("rating-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var checked = document.querySelector('#rating-form input[name="score"]:checked');
    if (!checked) return fieldErrors(this, {fields: [{path: "score", message: "Vui lòng chọn một mức đánh giá."}]});
    var comment = $("f-comment").value.trim();
    act(this, $("rating-submit"), "rating", comment ? {score: Number(checked.value), comment: comment} : {score: Number(checked.value)},
      "Cảm ơn bạn đã đánh giá.");
  });

  $("withdraw-start").addEventListener("click", function () {
    $("withdraw-confirm").hidden = false;
    this.setAttribute("aria-expanded", "true");
    $("f-withdraw-reason").focus();
  });

  $("withdraw-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var reason = $("f-withdraw-reason").value.trim();
    act(this, $("withdraw-submit"), "withdraw", reason ? {reason: reason} : {}, "Đã rút hồ sơ.");
  });

  if (!code || !token) {
    show("private-loading", false);
    fail({status: 404});
  } else {
    load();
  }
})();
