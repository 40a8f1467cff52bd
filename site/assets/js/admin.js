// The officer desk (admin/): sign-in with Cognito (USER_PASSWORD_AUTH), the desk's shell (who is
// signed in, the navigation, one view at a time chosen by the URL's hash) and window.PortalDesk,
// which the desk's other scripts fill in and call:
//   admin-words.js    the desk's own words (queue names, form and fact labels), stated once
//   admin-queue.js    PortalDesk.showQueue: the queues, paging and search
//   admin-dossier.js  PortalDesk.renderDossier: one dossier in full, its actions and print hooks
//   admin-actions.js  PortalDesk.actionForm: the form of each action and its answer
//   admin-print.js    (optional) PortalDesk.print(kind, detail), PortalDesk.printForms(detail)
//   admin-intake.js   (optional) PortalDesk.intake(container): a dossier handed in at the counter
//   admin-precheck.js (optional) the "Chờ xem trước" queue and one draft's pre-check
// Every script runs before the desk first renders (the first render waits for the vocabulary),
// so a later script may add to PortalDesk freely.
(function () {
  "use strict";
  var root = document.getElementById("portal-admin");
  if (!root || !window.Portal) return;
  var P = window.Portal;
  var h = P.h;
  var TOKEN_KEY = "portal-officer-id-token";
  var desk = window.PortalDesk = window.PortalDesk || {};

  // The desk's stylesheet is its own (assets/css/admin.css): citizens' pages never load it.
  document.head.appendChild(h("link", {rel: "stylesheet", href: P.siteRoot() + "assets/css/admin.css"}));

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

  // Cognito writes the groups as an array; some issuers as "[a b]" or "a,b".
  function roles() {
    var groups = claims()["cognito:groups"];
    if (Array.isArray(groups)) return groups;
    return String(groups || "").replace(/[[\]]/g, "").split(/[\s,]+/).filter(Boolean);
  }

  // The authenticated API call every desk script uses. A 401 ends the session.
  async function request(method, path, body, headers) {
    try {
      return await P.request(method, path, {
        headers: Object.assign({"Authorization": "Bearer " + token()}, headers || {}), body: body
      });
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
    var response;
    try {
      response = await fetch(config().cognitoEndpoint, {
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

  // --- the shell: one view at a time, named by the hash (#hang-doi=<queue>, #tim=<text>,
  // #ho-so=<id>, #xem-truoc=<draft id>, #tai-quay), so the browser's back button and a reload keep the officer's place.

  var view = null;  // the element the current view draws into

  function navButton(id, text, onclick) {
    return h("button", {type: "button", class: "desk-nav__item", id: id, onclick: onclick}, text);
  }

  function renderDesk() {
    var who = claims();
    var roleNames = roles().map(function (role) { return desk.label("role", role); }).join(", ");
    root.innerHTML = "";
    root.classList.add("portal-admin--desk");
    var nav = h("nav", {class: "desk-nav", "aria-label": "Bàn làm việc"},
      navButton("nav-queues", "Hồ sơ cần xử lý", function () { go("hang-doi=" + (desk.currentQueue || "")); }));
    // The counter intake comes from admin-intake.js; it is offered to those who receive dossiers.
    if (typeof desk.intake === "function" && (!roles().length || roles().some(function (r) { return r === "receptionist" || r === "admin"; }))) {
      nav.appendChild(navButton("nav-intake", desk.label("action", "intake"), function () { go("tai-quay"); }));
    }
    // The tracking book (form 07) of any period: admin-print.js asks for the period, then prints.
    if (typeof desk.print === "function") {
      nav.appendChild(navButton("nav-book", "In sổ theo dõi hồ sơ (mẫu 07)", function () { desk.print("07"); }));
    }
    root.appendChild(h("div", {class: "officer-bar"},
      h("span", {id: "officer-name"}, "Cán bộ: ", h("strong", null, who["cognito:username"] || who.email || ""),
        roleNames ? " — " + roleNames : ""),
      h("button", {type: "button", class: "md-button", id: "signout", onclick: function () {
        setToken(null);
        history.replaceState(null, "", location.pathname + location.search);
        renderSignIn("Bạn đã đăng xuất.");
      }}, "Đăng xuất")));
    root.appendChild(nav);
    view = h("div", {id: "desk-view"});
    root.appendChild(view);
    route();
  }

  function go(hash) {
    if (location.hash === "#" + hash) route(); else location.hash = hash;
  }

  function currentNav(id) {
    Array.prototype.forEach.call(root.querySelectorAll(".desk-nav__item"), function (item) {
      if (item.id === id) item.setAttribute("aria-current", "page"); else item.removeAttribute("aria-current");
    });
  }

  function route() {
    if (!view || !token()) return;
    var hash;
    try { hash = decodeURIComponent(location.hash.replace(/^#/, "")); } catch (malformed) { hash = ""; }
    var match = /^(hang-doi|ho-so|tim|xem-truoc)=(.*)$/.exec(hash);
    // Another fragment (an in-page link such as an error summary's) leaves the view as it is.
    if (!match && hash && hash !== "tai-quay" && view.firstChild) return;
    view.innerHTML = "";
    if (match && match[1] === "ho-so" && match[2]) {
      currentNav(null);
      desk.loadDossier(view, match[2]);
    } else if (match && match[1] === "xem-truoc" && match[2] && desk.loadPrecheck) {
      currentNav(null);
      desk.loadPrecheck(view, match[2]);  // a citizen's draft (admin-precheck.js)
    } else if (hash === "tai-quay" && typeof desk.intake === "function") {
      currentNav("nav-intake");
      desk.intake(view);
    } else {
      currentNav("nav-queues");
      desk.listHash = hash || "hang-doi=";  // where "back to the list" leads from a dossier
      if (match && match[1] === "tim") desk.showQueue(view, "", match[2]);
      else desk.showQueue(view, match ? match[2] : "");
    }
  }

  window.addEventListener("hashchange", route);

  // --- what the desk's scripts share ------------------------------------------------------

  desk.h = h;
  desk.request = request;
  desk.claims = claims;
  desk.roles = roles;
  desk.vocabulary = {};  // assets/data/vocabulary.json, filled before the first render
  desk.label = function (kind, code) { return P.label(desk.vocabulary, kind, code); };
  desk.openDossier = function (dossierId) { go("ho-so=" + dossierId); };
  desk.openQueue = function (name) { go("hang-doi=" + (name || "")); };
  desk.openPrecheck = function (draftId) { go("xem-truoc=" + draftId); };
  desk.search = function (text) { go("tim=" + encodeURIComponent(text)); };
  desk.backToList = function () { go(desk.listHash || "hang-doi="); };
  desk.refresh = route;

  P.vocabulary().then(function (words) {
    desk.vocabulary = words || {};
    if (token()) renderDesk(); else renderSignIn("");
  });
})();
