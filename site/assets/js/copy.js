// A "Sao chép" button for a code or a private link: navigator.clipboard where the browser allows
// it (a secure context), else the older selection + execCommand("copy"), and a visible
// "Đã sao chép" that screen readers hear too. When neither works, the text is selected and the
// citizen is told to copy it by hand.
(function () {
  "use strict";
  var P = window.Portal;
  if (!P) return;

  function copyBySelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "0";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (refused) { done = false; }
    document.body.removeChild(area);
    return done;
  }

  async function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch (refused) { /* permission refused: try the older way */ }
    }
    return copyBySelection(text);
  }

  function selectContents(element) {
    if (!element) return;
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  // copyButton(text, {id, what, source}) → <span> holding the button and its status line.
  // `what` names the thing for screen readers ("mã hồ sơ"); `source` is the element showing the
  // text, selected when copying is impossible.
  function copyButton(text, options) {
    options = options || {};
    var status = P.h("span", {class: "copy-status", id: options.id + "-status", role: "status", "aria-live": "polite"});
    var button = P.h("button", {type: "button", class: "md-button copy-button", id: options.id, onclick: async function () {
      status.textContent = "";
      var copied = await copyText(text);
      if (copied) {
        status.textContent = "✓ Đã sao chép";
      } else {
        selectContents(options.source);
        status.textContent = "Không sao chép tự động được. Hãy chọn và sao chép bằng tay.";
      }
    }}, "Sao chép", options.what ? P.h("span", {class: "visually-hidden"}, " " + options.what) : null);
    return P.h("span", {class: "copy"}, button, status);
  }

  P.copyText = copyText;
  P.copyButton = copyButton;
})();
