// The desk's own words, stated once: the names of its queues and the labels of the action forms'
// fields, which the dossier view and its timeline reuse for the facts an action recorded.
// Statuses, actions, roles, channels and the like come from the portal's vocabulary
// (assets/data/vocabulary.json), never from here.
(function () {
  "use strict";
  var desk = window.PortalDesk = window.PortalDesk || {};

  desk.terms = {
    // The queues in the order of the desk's work; `roles` picks the one a role opens on.
    queues: [
      {name: "submitted", label: "Chờ tiếp nhận", roles: ["receptionist"]},
      // Citizens' drafts waiting for the desk's pre-check (admin-precheck.js); `for`: the roles
      // that may answer them, the only ones shown the tab.
      {name: "precheck", label: "Chờ xem trước", for: ["receptionist", "leader"]},
      {name: "received", label: "Chờ chuyển xử lý"},
      {name: "processing", label: "Đang xử lý", roles: ["specialist", "leader"]},
      {name: "supplement_requested", label: "Chờ bổ sung"},
      {name: "awaiting_payment", label: "Chờ nộp phí"},
      {name: "result_ready", label: "Chờ trả kết quả"},
      {name: "due_soon", label: "Sắp đến hạn"},
      {name: "overdue", label: "Quá hạn"},
      {name: "withdrawn", label: "Đã rút"}
    ],

    // Field labels: the forms' inputs and the facts the view shows from the same data.
    fields: {
      time_limit: "Thời hạn giải quyết",
      "time_limit.value": "Số ngày",
      "time_limit.unit": "Tính theo",
      "time_limit.reason": "Căn cứ pháp lý của thời hạn",
      grounds: "Lý do (theo danh sách của thủ tục)",
      refusal_note: "Giải thích cụ thể cho người nộp",
      stop_note: "Giải thích cụ thể cho người nộp",
      items: "Giấy tờ cần bổ sung, hoàn thiện",
      item_note: "Giấy tờ này sai hoặc thiếu ở điểm nào",
      supplement_note: "Ghi chú chung",
      supply_note: "Giấy tờ đã nhận tại quầy",
      assignee: "Chuyên viên xử lý",
      note: "Ghi chú",
      proposal: "Đề xuất",
      opinion: "Ý kiến thẩm định",
      send_back_note: "Nội dung cần xem xét lại",
      fee: "Phí, lệ phí theo danh mục",
      quantity: "Số lượng",
      amount: "Số tiền (đồng)",
      fee_reason: "Căn cứ của số tiền",
      computed_amount: "Số tiền phải nộp",
      paid_amount: "Số tiền đã thu (đồng)",
      receipt_number: "Số biên lai",
      outcome: "Kết quả giải quyết",
      "result.number": "Số văn bản kết quả",
      "result.signer": "Người ký",
      "result.signed_on": "Ngày ký",
      "result.upload_id": "Tệp văn bản kết quả (PDF)",
      reasons: "Lý do không giải quyết",
      new_date: "Ngày hẹn trả kết quả mới",
      apology_reason: "Lý do trễ hạn",
      method: "Hình thức trả kết quả",
      collected_by: "Người nhận",
      collected_at: "Thời điểm nhận",
      waybill: "Số vận đơn bưu điện",
      paid_at: "Thời điểm nộp",
      decided_at: "Thời điểm quyết định",
      returned_at: "Thời điểm trả",
      by: "Người đề xuất",
      at: "Thời điểm",
      // What an event recorded (its `data`), beside the fields above.
      channel: "Kênh nộp",
      check_due: "Hạn kiểm tra hồ sơ",
      appointed_date: "Ngày hẹn trả kết quả",
      previous_date: "Ngày hẹn trước đó",
      assignee_name: "Chuyên viên xử lý",
      time_limit_by_hand: "Thời hạn nhập theo văn bản",
      number: "Số văn bản kết quả",
      signer: "Người ký",
      signed_on: "Ngày ký",
      filename: "Tệp kết quả",
      reason: "Lý do",
      set_by_hand: "Nhập theo văn bản",
      payment_method: "Hình thức nộp"
    },
    // Event data the timeline leaves out: repeated in another form, or internal.
    hidden_data: ["appointed_date_vi", "amount_text", "upload_id", "previous", "assignee", "sha256", "key"],

    proposal: {approve: "Đề xuất giải quyết", deny: "Đề xuất không giải quyết"},
    outcome: {approve: "Phê duyệt, cấp kết quả", deny: "Không phê duyệt"},
    time_unit_hint: "Theo văn bản quy định thời hạn, vì danh mục chưa xác nhận thời hạn của thủ tục này.",
    // The pre-check of a citizen's draft (admin-precheck.js).
    precheck: {
      heading: "Xem trước hồ sơ nháp",
      back: "← Danh sách chờ xem trước",
      empty: "Không có hồ sơ nháp nào chờ xem trước.",
      open: "Xem trước hồ sơ nháp của ",
      applicant: "Người nộp",
      answers: "Nội dung tờ khai",
      documents: "Giấy tờ đã tải lên",
      no_documents: "Chưa tải lên giấy tờ nào.",
      check: "Hệ thống tự kiểm tra",
      check_complete: "Hồ sơ nháp đã đủ các mục bắt buộc.",
      requested_at: "Đề nghị lúc",
      due: "Hạn cho ý kiến",
      saved_at: "Lưu lần cuối",
      form: "Ý kiến xem trước",
      form_hint: "Ghi ý kiến ở mục nào cần sửa hoặc bổ sung; để trống các mục không có ý kiến. Chỉ gửi được một lần.",
      comment: "Ý kiến về ",
      general_note: "Ý kiến chung",
      submit: "Gửi ý kiến cho người nộp",
      answered: "Đã gửi ý kiến xem trước; người nộp được báo qua thư điện tử hoặc tin nhắn.",
      answered_at: "Đã cho ý kiến lúc",
      reloaded: " Hồ sơ nháp đã được tải lại.",
      groups: {applicant: "Người nộp", answers: "Nội dung tờ khai", documents: "Giấy tờ"}
    },
    supplement_once: "Chỉ được yêu cầu bổ sung một lần: hãy chọn đủ mọi giấy tờ cần bổ sung, hoàn thiện và ghi rõ từng điểm.",
    late: "Trễ hạn"
  };
})();
