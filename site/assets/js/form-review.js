// The online form's reviews: the self-check on the check step (everything still missing or wrong,
// by the same field rules each step applies, each item leading to its field), and the desk's
// pre-check answer on a draft (its comments in a summary at the top of every step and beside
// the field or document each names, and the general note).
// form.js calls Portal.formReview(host) with what it shares of the form (see `host` there).
(function () {
  "use strict";
  var P = window.Portal;
  if (!P) return;
  var h = P.h;

  P.formReview = function (host) {
    // Opens the step of `path` and puts the focus on its field.
    function show(path, errors) {
      host.goTo(host.stepOf(path), errors);
      var target = document.getElementById(host.targetFor(path));
      if (target) {
        target.scrollIntoView({block: "center", behavior: "instant"});
        target.focus({preventScroll: true});
      }
    }

    function linkTo(path, text, errors) {
      return h("a", {href: "#" + P.fieldId(path), class: "review-link", onclick: function (event) {
        event.preventDefault();
        show(path, errors);
      }}, text);
    }

    // --- self-check ------------------------------------------------------------------------

    function selfCheck() {
      var state = host.get();
      var items = [];
      host.steps.forEach(function (step) {
        if (step.key === "check") return;
        var errors = host.errorsOf(step.key);
        errors.forEach(function (e) { items.push({step: step, error: e, errors: errors}); });
      });
      var conditional = host.documents.filter(function (d) { return !d.required && d.required_when && !state.documents[d.slot]; });
      var documentsMissing = items.some(function (item) { return item.step.key === "documents"; });
      return h("section", {class: "self-check", id: "self-check", "aria-labelledby": "self-check-heading"},
        h("h3", {id: "self-check-heading"}, "Tự kiểm tra hồ sơ"),
        items.length ? [
          h("p", {class: "self-check__missing"}, "Còn " + items.length + " mục cần bổ sung hoặc sửa trước khi nộp:"),
          h("ul", {class: "self-check__list", id: "self-check-list"}, items.map(function (item) {
            return h("li", null, h("span", {class: "self-check__step"}, item.step.title + ": "),
              linkTo(item.error.path, item.error.message, item.errors));
          }))
        ] : h("p", {class: "self-check__ok"}, "✓ Đã điền đủ thông tin bắt buộc."),
        host.documents.length && !documentsMissing ? h("p", {class: "self-check__ok"}, "✓ Đã có đủ giấy tờ bắt buộc.") : null,
        conditional.length ? [
          h("p", null, "Nếu bạn thuộc một trong các trường hợp sau, hãy tải thêm giấy tờ tương ứng để hồ sơ không bị yêu cầu bổ sung:"),
          h("ul", null, conditional.map(function (d) { return h("li", null, d.required_when + ": " + d.name); }))
        ] : null);
    }

    // --- the desk's pre-check answer -------------------------------------------------------------

    function answer() {
      var draft = host.get().draft;
      var precheck = draft && draft.precheck;
      return precheck && precheck.answered_at ? precheck : null;
    }

    function commentsSummary(precheck) {
      var comments = precheck.comments || [];
      return h("section", {class: "precheck-answer", id: "precheck-answer", "aria-labelledby": "precheck-answer-heading"},
        h("h3", {id: "precheck-answer-heading", tabindex: "-1"}, "Ý kiến xem trước của cán bộ"),
        h("p", {class: "hint"}, "Trả lời ngày " + P.formatDateTime(precheck.answered_at) +
          ". Đây là ý kiến để bạn sửa trước khi nộp, chưa phải kết quả kiểm tra hồ sơ."),
        precheck.note ? h("p", {class: "precheck-answer__note", id: "precheck-note"}, h("strong", null, "Ý kiến chung: "), precheck.note) : null,
        comments.length ? h("ul", {class: "precheck-answer__list"}, comments.map(function (c) {
          return h("li", null, linkTo(c.path, c.label), ": " + c.note);
        })) : null,
        h("p", null, "Sửa theo ý kiến, rồi bấm “Nộp hồ sơ” ở bước cuối."));
    }

    // Each comment of this screen beside its field: after the label, read with the field.
    function besideFields(screen) {
      var precheck = answer();
      (precheck ? precheck.comments || [] : []).forEach(function (c) {
        var id = P.fieldId(c.path);
        var element = document.getElementById(id);
        if (!element || !screen.contains(element)) return;
        var box = element.classList.contains("field") ? element : element.closest(".field");
        if (!box) return;
        var note = h("p", {class: "field-comment", id: id + "-comment"}, h("strong", null, "Ý kiến của cán bộ: "), c.note);
        var heading = box.querySelector(":scope > label, :scope > legend");
        box.insertBefore(note, heading ? heading.nextSibling : box.firstChild);
        box.classList.add("field--commented");
        var described = element.getAttribute("aria-describedby");
        element.setAttribute("aria-describedby", (described ? described + " " : "") + note.id);
      });
    }

    // After form.js drew a step: the answer's summary above the step's form, its comments beside
    // the step's fields.
    function decorate(form) {
      var precheck = answer();
      if (!precheck) return;
      form.parentNode.insertBefore(commentsSummary(precheck), form);
      besideFields(form);
    }

    return {selfCheck: selfCheck, decorate: decorate};
  };
})();
