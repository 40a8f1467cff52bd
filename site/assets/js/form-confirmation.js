// The online form's last screen, once the API recorded the dossier: its code on one line with a
// copy button, the private link straight to the applicant's own page (ho-so/?ma=<code>#t=<token>,
// the token in the fragment), where the code was sent, the dates, what happens next.
// form.js calls Portal.formConfirmation(host) with what it shares of the form (see `host` there).
(function () {
  "use strict";
  var P = window.Portal;
  if (!P) return;
  var h = P.h;

  // A phone as people write it, 0912 345 678, whether typed so or kept without spaces.
  function spacedPhone(phone) {
    var groups = /^(0\d{3})(\d{3})(\d{3,4})$/.exec(String(phone).replace(/[ .\-()]/g, ""));
    return groups ? groups.slice(1).join(" ") : phone;
  }

  // Where the API sends a citizen's messages: "tin nhắn SMS tới số … và e-mail tới …", or "".
  P.sentWays = function (contacts) {
    var ways = [];
    if (contacts && contacts.phone) ways.push("tin nhắn SMS tới số " + spacedPhone(contacts.phone));
    if (contacts && contacts.email) ways.push("e-mail tới " + contacts.email);
    return ways.join(" và ");
  };

  P.formConfirmation = function (host) {
    var procedure = host.procedure;

    function trackingUrl(result) {
      return P.siteRoot() + "ho-so/?ma=" + encodeURIComponent(result.code) + "#t=" + encodeURIComponent(result.access_token || "");
    }

    // `state.result`: the API's answer; `resultTerms`: the time limit of the case submitted;
    // `resultSentTo`: the phone and e-mail the dossier was submitted with.
    return function render(state) {
      var r = state.result;
      var link = trackingUrl(r);
      var code = h("p", {class: "dossier-code", id: "dossier-code"}, r.code);
      var linkElement = h("a", {href: link, id: "tracking-link"}, link);
      var sent = P.sentWays(state.resultSentTo);
      var terms = state.resultTerms || host.onlineTerms((procedure.channels || {}).online || {});
      host.root.innerHTML = "";
      host.root.appendChild(h("div", {class: "confirmation", id: "confirmation"},
        h("div", {class: "confirmation-panel"},
          h("h2", {id: "confirmation-heading", tabindex: "-1"}, "Đã nộp hồ sơ"),
          h("p", null, "Mã hồ sơ của bạn"),
          code,
          h("p", {class: "no-print"}, P.copyButton(r.code, {id: "copy-code", what: "mã hồ sơ", source: code}))),
        sent ? h("p", {id: "code-sent"}, "Mã hồ sơ đã được gửi qua " + sent + ".") : null,
        host.summaryList([
          ["Thủ tục", procedure.title],
          ["Thời điểm nộp", h("span", {id: "submitted-at"}, P.formatDateTime(r.submitted_at))],
          ["Tình trạng", h("span", {id: "dossier-status"}, r.status_label || "Mới đăng ký")]
        ]),
        h("p", {class: "check-due", id: "check-due"}, "Cơ quan sẽ kiểm tra hồ sơ trước ngày ", h("strong", null, P.formatDate(r.check_due)),
          r.check_due_provisional ? " (" + P.label(host.words, "note", "provisional_date") + ")" : "", "."),
        h("h3", null, "Điều gì xảy ra tiếp theo"),
        h("ol", null,
          h("li", null, "Cán bộ kiểm tra hồ sơ đã đủ chưa. Nếu thiếu, cán bộ báo cho bạn một lần, bằng văn bản, tất cả những gì cần bổ sung."),
          h("li", null, "Khi hồ sơ được tiếp nhận, bạn được báo ngày hẹn trả kết quả. Thời hạn giải quyết: " + terms.time_limit + "."),
          h("li", null, "Bạn nhận tin nhắn về hồ sơ qua số điện thoại đã khai.")),
        h("h3", null, "Theo dõi hồ sơ"),
        h("p", null, "Đường dẫn riêng để xem hồ sơ này mà không cần nhập số CCCD. Hãy lưu lại và không chia sẻ cho người khác:"),
        h("p", {class: "tracking-link"}, linkElement),
        h("p", {class: "no-print"}, P.copyButton(link, {id: "copy-tracking-link", what: "đường dẫn riêng", source: linkElement})),
        h("p", null, "Bạn cũng có thể tra cứu bằng mã hồ sơ và số CCCD hoặc mã số thuế ở trang ",
          h("a", {href: P.siteRoot() + "tra-cuu/"}, "Tra cứu hồ sơ"), "."),
        h("div", {class: "actions no-print"},
          h("button", {type: "button", class: "md-button md-button--primary", id: "print-confirmation", onclick: function () { window.print(); }}, "In giấy xác nhận"),
          h("button", {type: "button", class: "md-button", id: "new-dossier", onclick: function () {
            host.set(host.fresh());
            host.goTo(host.steps[0].key);
          }}, "Nộp hồ sơ khác"))));
    };
  };
})();
