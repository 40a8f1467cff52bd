// The online form's drafts (docs/domain.md, "Drafts and the desk's pre-check"): "Lưu nháp" on
// every step keeps the form on the server (POST /api/drafts the first time, PUT with the version
// after), the private resume link (nop-ho-so/<id>/?nhap=<draft_id>#t=<token>) opens it again in
// any browser, and "Nhờ cán bộ xem trước" asks the desk to look at it before it is submitted.
// The token stays in the URL fragment and in this tab's sessionStorage (with the rest of the
// form); it reaches the API in request bodies only.
// form.js calls Portal.formDraft(host) with what it shares of the form (see `host` there).
(function () {
  "use strict";
  var P = window.Portal;
  if (!P) return;
  var h = P.h;

  var NOT_FOUND = "Không mở được hồ sơ nháp từ đường dẫn này: đường dẫn không đúng hoặc hồ sơ nháp đã hết hạn lưu.";

  P.formDraft = function (host) {
    var procedure = host.procedure;
    var notice = null;   // {kind: "error" | "info", text}: the outcome of the last button, shown once
    var busy = false;

    // --- the link ----------------------------------------------------------------------------

    function linked() {
      var id = new URLSearchParams(location.search).get("nhap");
      if (!id) return null;
      var match = /(?:^|&)t=([^&]+)/.exec(location.hash.replace(/^#/, ""));
      return {id: id, token: match ? decodeURIComponent(match[1]) : ""};
    }

    function resumeUrl(draft) {
      return P.siteRoot() + "nop-ho-so/" + encodeURIComponent(procedure.id) + "/?nhap=" +
        encodeURIComponent(draft.id) + "#t=" + encodeURIComponent(draft.token);
    }

    // --- what is sent: what the citizen typed so far, nothing blank ---------------------------

    function given(value) {
      if (value === undefined || value === null) return null;
      if (typeof value === "string") return value.trim() ? value : null;
      if (typeof value === "number") return isFinite(value) ? value : null;
      if (typeof value === "object") {
        // The province alone is the form's default, not an answer.
        if (!host.rules().addressGiven(value)) return null;
        var parts = {};
        Object.keys(value).forEach(function (key) { if (given(value[key]) !== null) parts[key] = value[key]; });
        return parts;
      }
      return value;
    }

    function body(state) {
      var kind = state.applicant.kind;
      var applicant = kind ? {kind: kind} : {};
      host.rules().applicantFields().forEach(function (field) {
        if (field.for && field.for !== (kind || "ca-nhan")) return;
        var value = given(state.applicant[field.name]);
        if (value !== null) applicant[field.name] = value;
      });
      var answers = {};
      host.fields.forEach(function (field) {
        var value = given(host.typedAnswer(field));
        if (value !== null) answers[field.name] = value;
      });
      var documents = host.documents.filter(function (d) { return state.documents[d.slot]; }).map(function (d) {
        return {slot: d.slot, upload_id: state.documents[d.slot].upload_id};
      });
      return {applicant: applicant, answers: answers, documents: documents};
    }

    // --- the draft as the form keeps it --------------------------------------------------------

    function keep(draft, view) {
      ["version", "status", "status_label", "saved_at", "expires_at", "precheck", "submitted_code", "link_sent_to"].forEach(function (key) {
        draft[key] = view[key] === undefined ? null : view[key];
      });
      return draft;
    }

    // The draft's content in the form's shape (the server's copy wins over the tab's).
    function adopt(view, link) {
      var state = host.fresh();
      var applicant = view.applicant || {};
      state.applicant = Object.assign({}, state.applicant, applicant, {
        kind: applicant.kind || state.applicant.kind,
        address: Object.assign({}, state.applicant.address, applicant.address || {})
      });
      state.answers = Object.assign({}, view.answers || {});
      (view.documents || []).forEach(function (d) {
        state.documents[d.slot] = {upload_id: d.upload_id, filename: d.filename, size: d.size};
      });
      state.draft = keep({id: view.draft_id, token: link.token}, view);
      state.step = host.steps[host.steps.length - 1].key;
      return state;
    }

    // The first save's Idempotency-Key is also the secret the draft's token is derived from
    // (codes.access_token_for, as a dossier's private link): 256 random bits, base64url.
    function secretKey() {
      var bytes = window.crypto.getRandomValues(new Uint8Array(32));
      return btoa(String.fromCharCode.apply(null, bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    }

    function draftPath(draft, tail) {
      return "/api/drafts/" + encodeURIComponent(draft.id) + (tail || "");
    }

    // Opens the draft of the link: the form as it was saved, or a plain message and a fresh form.
    // `saved`: the server's copy even when this tab holds the same version.
    async function resume(link, saved) {
      host.root.innerHTML = "";
      host.root.appendChild(h("p", {class: "form-loading", role: "status"}, "Đang mở hồ sơ nháp…"));
      var view;
      try {
        if (!link.token) throw new P.ApiError(404, null);
        view = await P.request("POST", draftPath(link, "/view"), {body: {token: link.token}});
      } catch (error) {
        return unopened(error, link);
      }
      if (view.status === "submitted") return alreadySubmitted(view);
      var current = host.get();
      var same = !saved && current && current.draft && current.draft.id === view.draft_id && current.draft.version === view.version;
      if (same) {
        // This tab already holds this very version, maybe with more typed since: keep that.
        keep(current.draft, view);
        current.draft.token = link.token;
        host.set(current);
      } else {
        host.set(adopt(view, link));
      }
      host.render();
      var heading = document.getElementById("precheck-answer-heading") || document.getElementById("step-heading");
      if (heading) heading.focus();
    }

    function startAfresh() {
      history.replaceState(null, "", location.pathname);
      host.set(host.fresh());
      host.goTo(host.steps[0].key);
    }

    function unopened(error, link) {
      var missing = error && error.status === 404;
      host.root.innerHTML = "";
      host.root.appendChild(h("div", {class: "notice notice--error draft-unopened", id: "draft-unopened", role: "alert"},
        h("h2", {id: "draft-unopened-heading", tabindex: "-1"}, missing ? "Không mở được hồ sơ nháp" : "Chưa tải được hồ sơ nháp"),
        h("p", null, missing ? NOT_FOUND : (error.message || "") + " Những gì đã lưu trên máy chủ vẫn còn."),
        h("div", {class: "actions"},
          missing ? null : h("button", {type: "button", class: "md-button md-button--primary", id: "draft-retry",
            onclick: function () { resume(link); }}, "Thử lại"),
          h("button", {type: "button", class: "md-button" + (missing ? " md-button--primary" : ""), id: "draft-fresh",
            onclick: startAfresh}, "Bắt đầu hồ sơ mới"))));
      document.getElementById("draft-unopened-heading").focus();
    }

    function alreadySubmitted(view) {
      host.root.innerHTML = "";
      host.root.appendChild(h("div", {class: "notice draft-unopened", id: "draft-submitted"},
        h("h2", {id: "draft-submitted-heading", tabindex: "-1"}, "Hồ sơ nháp này đã được nộp"),
        h("p", null, "Mã hồ sơ: ", h("strong", {class: "nowrap"}, view.submitted_code || ""), ". Xem tình trạng hồ sơ ở trang ",
          h("a", {href: P.siteRoot() + "tra-cuu/"}, "Tra cứu hồ sơ"), " hoặc bằng đường dẫn riêng trên giấy xác nhận nộp hồ sơ."),
        h("div", {class: "actions"},
          h("button", {type: "button", class: "md-button", id: "draft-fresh", onclick: startAfresh}, "Bắt đầu hồ sơ mới"))));
      document.getElementById("draft-submitted-heading").focus();
    }

    // --- saving ----------------------------------------------------------------------------------

    async function put(state, sent) {
      var draft = state.draft;
      var view = await P.request("PUT", draftPath(draft), {body: Object.assign({token: draft.token, version: draft.version}, sent)});
      keep(draft, view);
    }

    // Saves the form as a draft. The first save creates it under one Idempotency-Key, kept with
    // the body it was sent with until the API answers: a retry after a lost answer sends exactly
    // that again (the API returns the same draft), then what was typed since goes in a PUT.
    async function store() {
      var state = host.get();
      var sent = body(state);
      if (state.draft) return put(state, sent);
      var pending = state.draftCreate || {key: secretKey(), body: Object.assign({procedure_id: procedure.id}, sent)};
      state.draftCreate = pending;
      host.save();
      var view;
      try {
        view = await P.request("POST", "/api/drafts", {headers: {"Idempotency-Key": pending.key}, body: pending.body});
      } catch (error) {
        if (error.status && error.status < 500) delete state.draftCreate;  // refused: nothing was made
        host.save();
        throw error;
      }
      delete state.draftCreate;
      state.draft = keep({id: view.draft_id, token: view.access_token}, view);
      host.save();
      if (JSON.stringify(pending.body) !== JSON.stringify(Object.assign({procedure_id: procedure.id}, sent))) await put(state, sent);
    }

    // Runs one button's work: errors of content go beside their fields (form.js), the others in
    // the draft's notice; the screen is drawn again and the focus goes to what changed.
    async function act(work, success, focusId) {
      if (busy) return;
      busy = true;
      var status = document.getElementById("draft-status");
      if (status) status.textContent = "Đang lưu…";
      try {
        await work();
        notice = {kind: "info", text: success};
        host.save();
        host.render();
        focus((focusId && focusId()) || "draft-panel-heading");
      } catch (error) {
        if (error.status === 422 && error.fields && error.fields.length) {
          notice = null;
          return host.refused(error);
        }
        // A 409: the draft changed elsewhere (another tab, the desk): only the saved copy can go on.
        notice = {kind: "error", reload: error.status === 409, text: "Chưa lưu được hồ sơ nháp. " + (error.message || "") +
          (error.status === 409 ? "" : " Những gì bạn đã nhập vẫn còn trên máy này; hãy thử lại.")};
        host.render();
        focus("draft-notice");
      } finally {
        busy = false;
      }
    }

    function focus(id) {
      var element = document.getElementById(id);
      if (element) {
        element.focus();
        element.scrollIntoView({block: "start", behavior: "instant"});
      }
    }

    function saveDraft() {
      return act(store, "Đã lưu hồ sơ nháp.");
    }

    function askPrecheck() {
      return act(async function () {
        await store();
        var state = host.get();
        var draft = state.draft;
        try {
          keep(draft, await P.request("POST", draftPath(draft, "/precheck"), {body: {token: draft.token, version: draft.version}}));
        } catch (error) {
          // A retry after a lost answer: the request was recorded the first time.
          if (error.status !== 409) throw error;
          keep(draft, await P.request("POST", draftPath(draft, "/view"), {body: {token: draft.token}}));
          if (draft.status !== "precheck_waiting") throw error;
        }
      }, "Đã gửi đề nghị xem trước.");
    }

    // Reads the draft again (the desk may have answered since).
    function refresh() {
      return act(async function () {
        var draft = host.get().draft;
        keep(draft, await P.request("POST", draftPath(draft, "/view"), {body: {token: draft.token}}));
      }, "Đã cập nhật tình trạng hồ sơ nháp.", function () {
        // The desk's answer is drawn at the top of the step.
        return host.get().draft.status === "precheck_answered" ? "precheck-answer-heading" : null;
      });
    }

    // --- what the screens show -------------------------------------------------------------------

    function waiting() {
      var draft = host.get().draft;
      return Boolean(draft && draft.status === "precheck_waiting");
    }

    function precheckOffered(key) {
      var draft = host.get().draft;
      return key === "check" && (!draft || (!draft.precheck && draft.status === "editing"));
    }

    // The buttons beside "Tiếp tục": "Lưu nháp" on every step (not while the desk is reading the
    // draft: it cannot change then), "Nhờ cán bộ xem trước" on the check step, once per draft.
    function actions(key) {
      var draft = host.get().draft;
      var buttons = [];
      if (!waiting()) {
        buttons.push(h("button", {type: "button", class: "md-button", id: "save-draft", onclick: saveDraft}, "Lưu nháp"));
      }
      if (precheckOffered(key)) {
        buttons.push(h("button", {type: "button", class: "md-button", id: "ask-precheck", "aria-describedby": "precheck-hint",
          onclick: askPrecheck}, "Nhờ cán bộ xem trước"));
      }
      return buttons;
    }

    // Where the API sent the link: the addresses that passed the submission's rules, not
    // whatever was typed (a draft may hold half a phone number).
    function sentLine(sentTo) {
      var ways = P.sentWays(sentTo);
      return ways ? "Đường dẫn này cũng đã được gửi qua " + ways + "." : null;
    }

    function linkBlock(draft) {
      var url = resumeUrl(draft);
      var shown = h("a", {href: url, id: "draft-link"}, url);
      return [
        h("p", {class: "tracking-link"}, shown),
        h("p", null, P.copyButton(url, {id: "copy-draft-link", what: "đường dẫn mở lại hồ sơ nháp", source: shown}))
      ];
    }

    // Under the buttons: the saved draft, its private link, until when it is kept; or, while the
    // desk reads it, the date it answers by.
    function panel(key) {
      var draft = host.get().draft;
      var parts = [];
      if (precheckOffered(key)) {
        parts.push(h("p", {class: "hint", id: "precheck-hint"}, "“Nhờ cán bộ xem trước”: hồ sơ được lưu nháp để cán bộ tiếp nhận " +
          "xem và góp ý trước khi bạn nộp. Đây chưa phải là nộp hồ sơ; bạn sửa theo góp ý rồi mới nộp."));
      }
      if (notice) {
        var draftNow = draft;
        parts.push(h("div", {class: "notice " + (notice.kind === "error" ? "notice--error" : "notice--success"),
          id: "draft-notice", tabindex: "-1", role: notice.kind === "error" ? "alert" : "status"},
          h("p", null, notice.text),
          notice.reload && draft ? [
            h("p", null, "Mở bản đã lưu gần nhất thì những gì bạn sửa trên máy này sau lần lưu đó không còn."),
            h("button", {type: "button", class: "md-button", id: "draft-reload", onclick: function () {
              resume({id: draftNow.id, token: draftNow.token}, true);
            }}, "Mở bản đã lưu gần nhất")
          ] : null));
        notice = null;
      }
      parts.push(h("p", {class: "visually-hidden", id: "draft-status", role: "status"}));
      if (draft) {
        var precheck = draft.precheck || {};
        parts.push(h("section", {class: "draft-panel", id: "draft-panel", "aria-labelledby": "draft-panel-heading"},
          h("h3", {id: "draft-panel-heading", tabindex: "-1"}, waiting() ? "Đang chờ cán bộ xem trước" : "Hồ sơ nháp đã lưu"),
          waiting() ? h("p", {id: "precheck-due"}, "Cán bộ sẽ trả lời trước ngày ", h("strong", null, P.formatDate(precheck.due)),
            ". Trong thời gian này hồ sơ nháp không sửa được; khi có ý kiến, bạn được báo và mở lại hồ sơ bằng đường dẫn dưới đây.") : null,
          h("p", null, "Mở lại hồ sơ để làm tiếp bằng đường dẫn riêng này. Hãy lưu lại và không chia sẻ cho người khác:"),
          linkBlock(draft),
          h("p", {id: "draft-kept"}, "Lần lưu gần nhất: " + P.formatDateTime(draft.saved_at) + ". Hồ sơ nháp được giữ đến hết ngày ",
            h("strong", null, P.formatDate(draft.expires_at)), "."),
          sentLine(draft.link_sent_to) ? h("p", {id: "draft-sent"}, sentLine(draft.link_sent_to)) : null,
          waiting() ? h("button", {type: "button", class: "md-button", id: "precheck-refresh", onclick: refresh}, "Xem đã có ý kiến chưa") : null));
      }
      return h("div", {class: "draft-area", id: "draft-area"}, parts);
    }

    // What a submission from this draft adds: the proof that it is this draft.
    function submission() {
      var draft = host.get().draft;
      return draft ? {draft_id: draft.id, draft_token: draft.token} : {};
    }

    return {linked: linked, resume: resume, actions: actions, panel: panel, submission: submission};
  };
})();
