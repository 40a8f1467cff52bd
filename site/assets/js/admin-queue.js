// The desk's lists: one queue at a time (the API pages it: "Tải thêm" follows next_cursor) and
// the search by dossier code or ID number (exact) or applicant name (prefix, accents optional).
// A row links to the dossier (#ho-so=<id>), so it opens by keyboard and with the back button.
(function () {
  "use strict";
  var desk = window.PortalDesk = window.PortalDesk || {};
  var P = window.Portal;
  var h = P.h;

  // A queue with `for` is shown to those roles only (and to all when the token names none).
  function queues() {
    var mine = desk.roles();
    return desk.terms.queues.filter(function (q) {
      return !q.for || !mine.length || q.for.some(function (role) { return mine.indexOf(role) >= 0; });
    });
  }

  function queueByName(name) {
    return queues().filter(function (q) { return q.name === name; })[0];
  }

  // The queue a role opens on: the receptionist's intake, the specialist's and leader's work.
  function defaultQueue() {
    var mine = desk.roles();
    var found = queues().filter(function (q) {
      return (q.roles || []).some(function (role) { return mine.indexOf(role) >= 0; });
    })[0];
    return (found || queues()[0]).name;
  }

  // The date the desk is working against: the completeness check before receipt, the
  // appointed result date after.
  function dueOf(item) {
    if (item.status === "submitted") return item.check_due || item.deadline || "";
    return item.appointed_date || item.deadline || item.check_due || "";
  }

  function row(item) {
    var overdue = Boolean(item.overdue);
    var code = item.code || item.dossier_id;
    return h("tr", {class: "queue-item" + (overdue ? " queue-item--overdue" : ""), "data-dossier-id": item.dossier_id},
      h("th", {scope: "row", class: "queue-item__code"},
        h("a", {href: "#ho-so=" + encodeURIComponent(item.dossier_id), id: "open-" + item.dossier_id,
          "aria-label": "Mở hồ sơ " + code}, code)),
      h("td", null, item.procedure_title || item.procedure_id || ""),
      h("td", null, item.applicant_name || ""),
      h("td", null, item.status_label || desk.label("status", item.status),
        item.channel ? h("span", {class: "queue-item__channel"}, desk.label("channel", item.channel)) : null),
      h("td", {class: "queue-item__due"}, P.formatDate(dueOf(item)) || "—",
        overdue || item.late ? h("strong", {class: "late-mark"}, desk.terms.late) : null));
  }

  function table(items) {
    return h("div", {class: "queue-table-wrap"},
      h("table", {class: "queue-table", id: "queue-list"},
        h("thead", null, h("tr", null,
          h("th", {scope: "col"}, "Mã hồ sơ"), h("th", {scope: "col"}, "Thủ tục"), h("th", {scope: "col"}, "Người nộp"),
          h("th", {scope: "col"}, "Trạng thái"), h("th", {scope: "col"}, "Hạn"))),
        h("tbody", null, items.map(row))));
  }

  function failure(box, error) {
    if (error.status === 401) return;
    box.innerHTML = "";
    box.appendChild(h("p", {class: "notice notice--error", role: "alert", id: "queue-error"}, error.message));
  }

  // One page after another of the queue, appended to the same table.
  async function loadQueue(box, name, cursor) {
    if (name === "precheck" && desk.loadPrechecks) return desk.loadPrechecks(box, cursor);  // admin-precheck.js
    var path = "/api/officer/queue?queue=" + encodeURIComponent(name) + (cursor ? "&cursor=" + encodeURIComponent(cursor) : "");
    var data;
    try {
      data = await desk.request("GET", path);
    } catch (error) {
      return failure(box, error);
    }
    var items = data.items || [];
    var more = document.getElementById("queue-more");
    if (more) more.parentNode.removeChild(more);
    var body = box.querySelector("#queue-list tbody");
    if (!cursor || !body) {
      box.innerHTML = "";
      if (!items.length) {
        box.appendChild(h("p", {id: "queue-empty"}, "Không có hồ sơ nào trong mục này."));
        return;
      }
      box.appendChild(table(items));
    } else {
      var first = null;
      items.forEach(function (item) {
        var tr = row(item);
        body.appendChild(tr);
        first = first || tr;
      });
      if (first) first.querySelector("a").focus();
    }
    if (data.next_cursor) {
      box.appendChild(h("p", {class: "actions"}, h("button", {type: "button", class: "md-button", id: "queue-more",
        onclick: function (event) {
          event.target.disabled = true;
          event.target.textContent = "Đang tải…";
          loadQueue(box, name, data.next_cursor);
        }}, "Tải thêm")));
    }
  }

  async function runSearch(box, text) {
    try {
      var data = await desk.request("GET", "/api/officer/search?q=" + encodeURIComponent(text));
      var items = data.items || [];
      box.innerHTML = "";
      box.appendChild(items.length ? table(items)
        : h("p", {id: "queue-empty"}, "Không tìm thấy hồ sơ nào khớp với “" + text + "”."));
    } catch (error) {
      failure(box, error);
    }
  }

  function searchForm(text) {
    var input = h("input", {id: "f-desk-search", name: "q", type: "search", class: "input", autocomplete: "off",
      spellcheck: "false", maxlength: "100", "aria-describedby": "f-desk-search-hint"});
    input.value = text || "";
    return h("form", {class: "desk-search", role: "search", id: "desk-search", novalidate: true, onsubmit: function (event) {
      event.preventDefault();
      var q = input.value.trim();
      if (q) desk.search(q); else input.focus();
    }},
    h("label", {for: "f-desk-search", class: "label"}, "Tìm hồ sơ"),
    h("p", {class: "hint", id: "f-desk-search-hint"}, "Mã hồ sơ hoặc số CCCD (đúng và đủ), hoặc họ tên người nộp (vài chữ đầu, có dấu hay không dấu đều được)."),
    h("div", {class: "desk-search__row"}, input, h("button", {type: "submit", class: "md-button md-button--primary", id: "desk-search-submit"}, "Tìm")));
  }

  function tabs(current) {
    return h("div", {class: "queue-tabs", role: "group", "aria-label": "Hàng đợi hồ sơ"}, queues().map(function (q) {
      return h("a", {href: "#hang-doi=" + q.name, class: "queue-tab", id: "queue-tab-" + q.name,
        "aria-current": q.name === current ? "true" : null}, q.label);
    }));
  }

  // The list view: the search form, the queues' tabs and either a queue or search results.
  desk.showQueue = function (container, name, query) {
    var searching = Boolean(query);
    var queue = searching ? null : queueByName(name) || queueByName(defaultQueue());
    desk.currentQueue = queue ? queue.name : desk.currentQueue;
    var box = h("div", {id: "queue", "aria-live": "polite"}, h("p", {class: "loading"}, "Đang tải…"));
    container.appendChild(h("section", {id: "queue-section"},
      h("h2", {id: "queue-heading", tabindex: "-1"}, "Hồ sơ cần xử lý"),
      searchForm(query),
      tabs(queue && queue.name),
      h("h3", {id: "queue-title"}, searching ? "Kết quả tìm kiếm cho “" + query + "”" : queue.label),
      box));
    if (searching) runSearch(box, query); else loadQueue(box, queue.name, null);
  };
})();
