// Paying the requested fee online. Two uses:
// - window.PortalPayment.section(container, view, token): the private page (ho-so/) calls it in
//   its "pay" task with the dossier's view; it offers "Thanh toán trực tuyến" for exactly the
//   amount requested (POST /api/dossiers/{id}/payment → the provider's page), keeps the counter
//   possible, and offers the receipt once a payment is recorded.
// - ket-qua-thanh-toan/ (#payment-result): where the provider sends the browser back
//   (?ket-qua=thanh-cong|that-bai|loi&ho-so=<id>). It shows the receipt when the payment is
//   recorded; the flag alone proves nothing (the dossier moves on the provider's notification).
// Before leaving for the provider, the private link's token and address are kept in this tab's
// sessionStorage (never sent anywhere), so the result page can find the dossier and lead back.
(function () {
  "use strict";

  var P = window.Portal;
  var h = P.h;
  var KEY = "portal-payment:";

  function remember(dossierId, token) {
    try {
      sessionStorage.setItem(KEY + dossierId, JSON.stringify({token: token, back: location.href}));
    } catch (unavailable) { /* private mode: the result page then links to the lookup */ }
  }

  function recalled(dossierId) {
    try {
      return JSON.parse(sessionStorage.getItem(KEY + dossierId) || "null");
    } catch (unavailable) {
      return null;
    }
  }

  function receiptPath(dossierId) {
    return "/api/dossiers/" + encodeURIComponent(dossierId) + "/receipt";
  }

  // The receipt as a standalone page: printed, or saved as a file.
  function receiptRows(r) {
    return [
      ["Mã hồ sơ", r.code], ["Thủ tục", r.procedure_title], ["Cơ quan", r.agency_name],
      ["Người nộp", r.payer], ["Số tiền", r.amount_text], ["Căn cứ", r.reason],
      ["Hình thức", r.method_label], ["Số biên lai / số giao dịch", r.receipt_number],
      ["Mã giao dịch", r.txn_ref], ["Thời điểm nộp", r.paid_at_text]
    ].filter(function (row) { return row[1]; });
  }

  function receiptFile(r) {
    var esc = function (text) {
      return String(text).replace(/[&<>"]/g, function (c) { return {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;"}[c]; });
    };
    var rows = receiptRows(r).map(function (row) {
      return "<tr><th>" + esc(row[0]) + "</th><td>" + esc(row[1]) + "</td></tr>";
    }).join("");
    var html = "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Biên lai " + esc(r.code) +
      "</title></head><body><h1>Biên lai nộp phí, lệ phí</h1><table>" + rows + "</table></body></html>";
    return URL.createObjectURL(new Blob([html], {type: "text/html;charset=utf-8"}));
  }

  function showReceipt(container, r) {
    container.innerHTML = "";
    container.appendChild(h("section", {class: "lookup-card payment-receipt", id: "payment-receipt"},
      h("h2", null, "Biên lai nộp phí, lệ phí"),
      h("dl", null, receiptRows(r).map(function (row) { return [h("dt", null, row[0]), h("dd", null, row[1])]; })),
      h("p", {class: "actions"},
        h("a", {class: "md-button md-button--primary", href: receiptFile(r), download: "bien-lai-" + r.code + ".html"},
          "Tải biên lai"),
        " ",
        h("button", {type: "button", class: "md-button", onclick: function () { window.print(); }}, "In biên lai"))));
  }

  async function loadReceipt(container, dossierId, token) {
    var r = await P.request("POST", receiptPath(dossierId), {body: {access_token: token}});
    showReceipt(container, r);
    return r;
  }

  function section(container, view, token) {
    var note = h("p", {class: "hint"},
      "Bạn có thể thanh toán trực tuyến đúng số tiền trên, hoặc nộp tại nơi nộp hồ sơ như trước; " +
      "cơ quan ghi nhận khi nhận được tiền.");
    var error = h("div", {class: "notice notice--error", role: "alert", tabindex: "-1", hidden: true});
    var receipt = h("div");
    container.innerHTML = "";
    if (view.paid) {
      container.appendChild(receipt);
      loadReceipt(receipt, view.dossier_id, token).catch(function () { /* nothing recorded yet */ });
      return;
    }
    var button = h("button", {type: "button", class: "md-button md-button--primary", id: "pay-online"},
      "Thanh toán trực tuyến");
    button.addEventListener("click", async function () {
      error.hidden = true;
      button.disabled = true;
      try {
        var started = await P.request("POST", "/api/dossiers/" + encodeURIComponent(view.dossier_id) + "/payment",
          {body: {access_token: token}});
        remember(view.dossier_id, token);
        location.assign(started.url);
      } catch (failure) {
        button.disabled = false;
        error.textContent = failure.message;
        error.hidden = false;
        error.focus();
      }
    });
    container.appendChild(h("p", null, "Số tiền cần nộp: ", h("strong", {id: "pay-online-amount"}, view.fee.amount_text)));
    container.appendChild(h("p", {class: "actions"}, button));
    container.appendChild(note);
    container.appendChild(error);
  }

  var MESSAGES = {
    "thanh-cong": "Cổng thanh toán báo giao dịch thành công.",
    "that-bai": "Thanh toán chưa thành công; chưa có khoản tiền nào được ghi nhận. Bạn có thể thử lại từ trang hồ sơ, hoặc nộp tại nơi nộp hồ sơ.",
    "loi": "Không xác minh được thông tin cổng thanh toán gửi về. Vui lòng xem lại tình trạng hồ sơ."
  };

  async function resultPage(root) {
    var params = new URLSearchParams(location.search);
    var flag = params.get("ket-qua");
    var dossierId = params.get("ho-so") || "";
    var message = document.getElementById("payment-result-message");
    var receipt = document.getElementById("payment-result-receipt");
    var back = document.getElementById("payment-result-back");
    var kept = dossierId ? recalled(dossierId) : null;
    message.textContent = MESSAGES[flag] || MESSAGES.loi;
    if (kept && kept.back) back.href = kept.back;
    back.hidden = false;
    try {
      if (!kept || !kept.token) return;
      var r = await loadReceipt(receipt, dossierId, kept.token);
      message.textContent = "Đã ghi nhận khoản nộp " + r.amount_text + " cho hồ sơ " + r.code + ".";
    } catch (notYet) {
      if (flag === "thanh-cong") {
        message.textContent += " Cơ quan chưa nhận được xác nhận của cổng thanh toán; vui lòng tải lại trang sau ít phút.";
      }
    } finally {
      root.setAttribute("data-ready", "true");
    }
  }

  window.PortalPayment = {section: section};
  var root = document.getElementById("payment-result");
  if (root) resultPage(root);
})();
