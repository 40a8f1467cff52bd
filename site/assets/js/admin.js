// The officer desk (admin/): sign in with Cognito (USER_PASSWORD_AUTH), the queue of dossiers
// waiting for the completeness check, one dossier in full, and "Tiếp nhận hồ sơ".
(function () {
  "use strict";
  var root = document.getElementById("portal-admin");
  if (!root || !window.Portal) return;
  var P = window.Portal;
  var h = P.h;
  var TOKEN_KEY = "portal-officer-id-token";
  var labels = {};  // procedure id → {title, documents} (assets/data/procedures.json)
  var words = {};  // the portal's labels: action, role, applicant_kind, ... (Portal.vocabulary)

  function label(kind, code) {
    return P.label(words, kind, code);
  }

  function config() {
    return window.PORTAL_CONFIG || {};
  }

  function token() {
    try { return sessionStorage.getItem(TOKEN_KEY); } catch (unavailable) { return null; }
  }

  function setToken(value) {
    try {
      if (value) sessionStorage.setItem(TOKEN_KEY, value); else sessionStorage.removeItem(TOKEN_KEY);
    } catch (unavailable) { /* private mode: the session lasts as long as the page */ }
  }

  // The officer's name and groups, read from the ID token for display only (the API checks it).
  function claims() {
    try {
      var part = (token() || "").split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
      var json = decodeURIComponent(Array.prototype.map.call(atob(part), function (c) {
        return "%" + ("00" + c.charCodeAt(0).toString(16)).slice(-2);
      }).join(""));
      return JSON.parse(json);
    } catch (malformed) {
      return {};
    }
  }

  async function officerRequest(method, path, body) {
    try {
      return await P.request(method, path, {headers: {"Authorization": "Bearer " + token()}, body: body});
    } catch (error) {
      if (error.status === 401) {
        setToken(null);
        renderSignIn("Phiên đăng nhập đã hết hạn hoặc không hợp lệ. Vui lòng đăng nhập lại.");
      }
      throw error;
    }
  }

  // --- sign-in -----------------------------------------------------------------------------

  async function cognito(target, body) {
    var endpoint = config().cognitoEndpoint;
    var response;
    try {
      response = await fetch(endpoint, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-amz-json-1.1",
          "X-Amz-Target": "AWSCognitoIdentityProviderService." + target
        },
        body: JSON.stringify(body)
      });
    } catch (networkError) {
      throw new Error("Không kết nối được với máy chủ đăng nhập. Vui lòng kiểm tra mạng.");
    }
    var data = {};
    try { data = await response.json(); } catch (notJson) { data = {}; }
    if (!response.ok) {
      var type = String(data.__type || "");
      if (/NotAuthorized|UserNotFound/.test(type)) throw new Error("Tên đăng nhập hoặc mật khẩu không đúng.");
      if (/InvalidPassword/.test(type)) throw new Error("Mật khẩu mới chưa đủ mạnh: " + (data.message || ""));
      throw new Error("Không đăng nhập được: " + (data.message || type || response.status));
    }
    return data;
  }

  function field(id, label, type, autocomplete) {
    return h("div", {class: "field"},
      h("label", {for: id, class: "label"}, label),
      h("input", {id: id, name: id.replace(/^f-admin-/, ""), type: type, class: "input", autocomplete: autocomplete, required: true}));
  }

  function renderSignIn(message) {
    root.innerHTML = "";
    var notice = h("p", {class: "notice notice--error", id: "signin-message", role: "alert", hidden: !message}, message || "");
    var form = h("form", {id: "signin-form", class: "portal-form-block", novalidate: true},
      h("h2", null, "Đăng nhập"),
      notice,
      field("f-admin-username", "Tên đăng nhập", "text", "username"),
      field("f-admin-password", "Mật khẩu", "password", "current-password"),
      h("button", {type: "submit", class: "md-button md-button--primary", id: "signin-submit"}, "Đăng nhập"));
    root.appendChild(form);
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      var username = document.getElementById("f-admin-username").value.trim();
      var password = document.getElementById("f-admin-password").value;
      function fail(text) {
        notice.textContent = text;
        notice.hidden = false;
      }
      if (!username || !password) return fail("Vui lòng nhập tên đăng nhập và mật khẩu.");
      if (!config().cognitoEndpoint || !config().userPoolClientId) {
        return fail("Trang chưa được cấu hình đăng nhập (thiếu cognitoEndpoint hoặc userPoolClientId trong assets/js/config.js).");
      }
      var button = document.getElementById("signin-submit");
      button.disabled = true;
      try {
        var data = await cognito("InitiateAuth", {
          AuthFlow: "USER_PASSWORD_AUTH", ClientId: config().userPoolClientId,
          AuthParameters: {USERNAME: username, PASSWORD: password}
        });
        if (data.ChallengeName === "NEW_PASSWORD_REQUIRED") return renderNewPassword(username, data.Session);
        signedIn(data);
      } catch (error) {
        fail(error.message);
      } finally {
        button.disabled = false;
      }
    });
    document.getElementById("f-admin-username").focus();
  }

  // First sign-in of an account an administrator created: Cognito asks for a new password.
  function renderNewPassword(username, session) {
    root.innerHTML = "";
    var notice = h("p", {class: "notice", id: "signin-message", role: "alert"}, "Đây là lần đăng nhập đầu tiên. Vui lòng đặt mật khẩu mới.");
    var form = h("form", {id: "new-password-form", class: "portal-form-block", novalidate: true},
      h("h2", null, "Đặt mật khẩu mới"), notice,
      field("f-admin-new_password", "Mật khẩu mới", "password", "new-password"),
      h("button", {type: "submit", class: "md-button md-button--primary", id: "new-password-submit"}, "Lưu mật khẩu và đăng nhập"));
    root.appendChild(form);
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      try {
        signedIn(await cognito("RespondToAuthChallenge", {
          ChallengeName: "NEW_PASSWORD_REQUIRED", ClientId: config().userPoolClientId, Session: session,
          ChallengeResponses: {USERNAME: username, NEW_PASSWORD: document.getElementById("f-admin-new_password").value}
        }));
      } catch (error) {
        notice.textContent = error.message;
      }
    });
  }

  function signedIn(data) {
    var result = data.AuthenticationResult || {};
    if (!result.IdToken) throw new Error("Máy chủ đăng nhập không trả về mã xác thực.");
    setToken(result.IdToken);
    renderDesk();
  }

  // --- the desk ------------------------------------------------------------------------------

  function renderDesk() {
    var who = claims();
    root.innerHTML = "";
    root.appendChild(h("div", {class: "officer-bar"},
      h("span", {id: "officer-name"}, "Cán bộ: ", h("strong", null, who["cognito:username"] || who.email || "")),
      h("button", {type: "button", class: "md-button", id: "signout", onclick: function () {
        setToken(null);
        renderSignIn("Bạn đã đăng xuất.");
      }}, "Đăng xuất")));
    root.appendChild(h("section", {id: "queue-section"},
      h("h2", {id: "queue-heading", tabindex: "-1"}, "Hồ sơ chờ tiếp nhận"),
      h("p", {class: "hint"}, "Xếp theo hạn kiểm tra tính đầy đủ của hồ sơ, hạn gần nhất trước."),
      h("div", {id: "queue", "aria-live": "polite"}, h("p", null, "Đang tải…"))));
    root.appendChild(h("section", {id: "dossier-detail", class: "dossier-detail", hidden: true}));
    loadQueue();
  }

  function procedureTitle(item) {
    return item.procedure_title || (labels[item.procedure_id] || {}).title || item.procedure_id || "";
  }

  function deadlineOf(item) {
    return item.check_due || item.deadline || item.due || "";
  }

  function applicantName(item) {
    return item.applicant_name || (item.applicant && item.applicant.full_name) || "";
  }

  async function loadQueue() {
    var box = document.getElementById("queue");
    try {
      var data = await officerRequest("GET", "/api/officer/queue?state=submitted");
      var items = (data.items || []).slice().sort(function (a, b) {
        return String(deadlineOf(a)).localeCompare(String(deadlineOf(b)));
      });
      box.innerHTML = "";
      if (!items.length) {
        box.appendChild(h("p", {id: "queue-empty"}, "Không có hồ sơ nào chờ tiếp nhận."));
        return;
      }
      var today = P.formatDate(new Date().toISOString()).split("/").reverse().join("-");
      box.appendChild(h("ul", {class: "queue-list", id: "queue-list"}, items.map(function (item) {
        var due = deadlineOf(item);
        var overdue = due && String(due).slice(0, 10) < today;
        return h("li", {class: "queue-item" + (overdue ? " queue-item--overdue" : ""), "data-dossier-id": item.dossier_id},
          h("p", {class: "queue-item__code"}, h("strong", null, item.code || item.dossier_id)),
          h("p", null, procedureTitle(item)),
          applicantName(item) ? h("p", null, "Người nộp: " + applicantName(item)) : null,
          h("p", null, "Nộp lúc: " + P.formatDateTime(item.submitted_at)),
          h("p", {class: "queue-item__due"}, "Hạn kiểm tra: ", h("strong", null, P.formatDate(due)), overdue ? " (quá hạn)" : ""),
          h("button", {type: "button", class: "md-button md-button--primary", id: "open-" + item.dossier_id,
            onclick: function () { openDossier(item.dossier_id); }}, "Mở hồ sơ", h("span", {class: "visually-hidden"}, " " + (item.code || ""))));
      })));
    } catch (error) {
      if (error.status !== 401) {
        box.innerHTML = "";
        box.appendChild(h("p", {class: "notice notice--error", role: "alert"}, error.message));
      }
    }
  }

  function dl(rows) {
    return h("dl", {class: "summary-list"}, rows.filter(Boolean).map(function (row) {
      return h("div", {class: "summary-list__row"}, h("dt", null, row[0]), h("dd", {id: row[2] || null}, row[1] || "—"));
    }));
  }

  // The answers as the API writes them out ("1.500 m³", an option's label, a date), in the
  // form's order; a procedure that left the catalogue has none, and its raw answers show instead.
  function answerRows(d) {
    if (d.answer_rows && d.answer_rows.length) {
      return d.answer_rows.map(function (row) { return [row.label, row.text]; });
    }
    var answers = d.answers || {};
    return Object.keys(answers).map(function (name) {
      var value = answers[name];
      return [name, value && typeof value === "object" ? JSON.stringify(value) : String(value)];
    });
  }

  // "Cán bộ tiếp nhận (officer-1)": the role the actor acted in, and who, for an officer.
  function actorText(e) {
    var role = label("role", e.actor_role);
    if (!e.actor_id || e.actor_role === "citizen" || e.actor_role === "system") return role;
    return role ? role + " (" + e.actor_id + ")" : e.actor_id;
  }

  async function openDossier(dossierId) {
    var detail = document.getElementById("dossier-detail");
    var queue = document.getElementById("queue-section");
    detail.hidden = false;
    detail.innerHTML = "";
    detail.appendChild(h("p", null, "Đang tải hồ sơ…"));
    queue.hidden = true;
    try {
      renderDossier(dossierView(await officerRequest("GET", "/api/officer/dossiers/" + encodeURIComponent(dossierId))));
    } catch (error) {
      if (error.status !== 401) {
        detail.innerHTML = "";
        detail.appendChild(backButton());
        detail.appendChild(h("p", {class: "notice notice--error", role: "alert"}, error.message));
      }
    }
  }

  function backButton() {
    return h("button", {type: "button", class: "link-button", id: "back-to-queue", onclick: function () {
      document.getElementById("dossier-detail").hidden = true;
      document.getElementById("queue-section").hidden = false;
      loadQueue();
      document.getElementById("queue-heading").focus();
    }}, "← Danh sách hồ sơ chờ tiếp nhận");
  }

  // The API answers {dossier, documents, events, allowed_actions}; the page works on one record.
  function dossierView(body) {
    return Object.assign({}, body.dossier, {
      documents: body.documents || [], events: body.events || [], allowed_actions: body.allowed_actions || []
    });
  }

  function canDo(d, action) {
    return d.allowed_actions.some(function (a) { return a.action === action; });
  }

  function renderDossier(d, receivedMessage) {
    var detail = document.getElementById("dossier-detail");
    var a = d.applicant || {};
    var address = a.address || {};
    var names = labels[d.procedure_id] || {};
    var dossierId = d.dossier_id || d.id;
    detail.innerHTML = "";
    detail.appendChild(backButton());
    detail.appendChild(h("h2", {id: "dossier-heading", tabindex: "-1"}, "Hồ sơ ", d.code || dossierId));
    detail.appendChild(h("p", null, procedureTitle(d)));
    detail.appendChild(h("p", {class: "status-label status-" + (d.state || d.status || ""), id: "dossier-state"}, d.status_label || d.state || d.status || ""));
    detail.appendChild(h("div", {id: "receive-result", class: "notice notice--success", role: "status", hidden: !receivedMessage}, receivedMessage || ""));
    detail.appendChild(dl([
      ["Nộp lúc", P.formatDateTime(d.submitted_at), "dossier-submitted-at"],
      ["Hạn kiểm tra hồ sơ", P.formatDate(d.check_due), "dossier-check-due"],
      d.received_at ? ["Tiếp nhận lúc", P.formatDateTime(d.received_at), "dossier-received-at"] : null,
      d.appointed_date ? ["Ngày hẹn trả kết quả", P.formatDate(d.appointed_date), "dossier-appointed-date"] : null
    ]));

    detail.appendChild(h("h3", null, "Người nộp"));
    detail.appendChild(dl([
      ["Tư cách", label("applicant_kind", a.kind)],
      [a.kind === "to-chuc" ? "Tên tổ chức" : "Họ và tên", a.full_name],
      a.kind === "to-chuc" ? ["Mã số thuế", a.tax_code] : ["Số CCCD", a.id_number],
      ["Số điện thoại", a.phone],
      ["Thư điện tử", a.email],
      ["Địa chỉ", [address.street, address.commune, address.province].filter(Boolean).join(", ")]
    ]));

    detail.appendChild(h("h3", null, "Nội dung tờ khai"));
    detail.appendChild(dl(answerRows(d)));

    var docs = d.documents || [];
    detail.appendChild(h("h3", null, "Giấy tờ"));
    detail.appendChild(docs.length ? h("ul", {class: "document-list", id: "dossier-documents"}, docs.map(function (doc) {
      var name = doc.name || (names.documents || {})[doc.slot] || doc.slot;
      var url = doc.url || doc.download_url;
      return h("li", null,
        h("span", null, name + (doc.filename ? " — " + doc.filename : "") + (doc.size ? " (" + P.formatBytes(doc.size) + ")" : "") + " "),
        url ? h("a", {href: url, target: "_blank", rel: "noopener", class: "md-button", "aria-label": "Xem " + name}, "Xem") : null);
    })) : h("p", null, "Không có giấy tờ."));

    var events = d.events || [];
    detail.appendChild(h("h3", null, "Lịch sử xử lý"));
    detail.appendChild(h("ol", {class: "timeline", id: "dossier-events"}, events.map(function (e) {
      return h("li", {class: "timeline__item"},
        h("span", {class: "timeline__time"}, P.formatDateTime(e.at)),
        h("span", {class: "timeline__label"}, e.label || label("action", e.action)),
        actorText(e) ? h("span", {class: "timeline__note"}, actorText(e)) : null);
    })));

    if (canDo(d, "receive")) {
      var message = h("p", {class: "notice notice--error", id: "receive-error", role: "alert", hidden: true});
      detail.appendChild(message);
      detail.appendChild(h("div", {class: "actions"}, h("button", {type: "button", class: "md-button md-button--primary", id: "receive-dossier",
        onclick: function (event) { receive(d, event.target, message); }}, label("action", "receive"))));
    }
    document.getElementById("dossier-heading").focus();
  }

  async function receive(d, button, message) {
    button.disabled = true;
    var dossierId = d.dossier_id || d.id;
    try {
      var updated = await officerRequest("POST", "/api/officer/dossiers/" + encodeURIComponent(dossierId) + "/receive", {version: d.version});
      var merged = dossierView(updated);
      renderDossier(merged, "Đã tiếp nhận hồ sơ lúc " + P.formatDateTime(merged.received_at) +
        ". Ngày hẹn trả kết quả: " + P.formatDate(merged.appointed_date) + ".");
    } catch (error) {
      if (error.status === 401) return;
      // A 409 is a state or version clash (another officer acted first) or a rule of the
      // procedure that blocks receipt; the API's message says which.
      message.textContent = error.message + (error.status === 409 ? " Hãy mở lại hồ sơ để xem tình trạng mới nhất." : "");
      message.hidden = false;
      button.disabled = false;
    }
  }

  async function loadLabels() {
    words = await P.vocabulary();
    try {
      var response = await fetch(P.siteRoot() + "assets/data/procedures.json");
      if (response.ok) labels = await response.json();
    } catch (unavailable) { /* the desk still works, showing slot codes instead of names */ }
  }

  loadLabels().then(function () {
    if (token()) renderDesk(); else renderSignIn("");
  });
})();
