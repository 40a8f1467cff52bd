// The local payment sandbox's page (thanh-toan-thu/?txn_ref=…&signature=…): shows the order the
// API issued and sends the citizen's choice to the local gateway (POST /_local/sandbox-pay), which
// alone holds the sandbox's secret: it signs the notification, calls the IPN route and answers
// where the browser goes next (the return route). Only `make run` serves /_local/*.
(function () {
  "use strict";

  var P = window.Portal;
  var FIELDS = ["txn_ref", "dossier_id", "code", "amount", "amount_text", "return_url", "signature"];
  var params = new URLSearchParams(location.search);
  var order = {};
  FIELDS.forEach(function (name) { order[name] = params.get(name) || ""; });

  function $(id) { return document.getElementById(id); }

  function fail(message) {
    var box = $("sandbox-error");
    box.textContent = message;
    box.hidden = false;
    box.focus();
  }

  async function pay(outcome, button) {
    $("sandbox-error").hidden = true;
    button.disabled = true;
    try {
      var answer = await P.request("POST", "/_local/sandbox-pay", {absolute: true, body: {order: order, outcome: outcome}});
      location.assign(answer.redirect);
    } catch (error) {
      button.disabled = false;
      fail(error.status === 404
        ? "Trang thanh toán thử chỉ dùng trên máy cục bộ."
        : (error.status === 422 && error.message) || "Không gửi được kết quả thanh toán thử. Vui lòng thử lại.");
    }
  }

  $("sandbox-code").textContent = order.code;
  $("sandbox-amount").textContent = order.amount_text;
  $("sandbox-txn").textContent = order.txn_ref;
  if (!order.txn_ref || !order.signature) fail("Thiếu thông tin đơn thanh toán.");
  $("sandbox-success").addEventListener("click", function () { pay("success", this); });
  $("sandbox-failure").addEventListener("click", function () { pay("failure", this); });
})();
