"""The drafts API (docs/architecture.md, "HTTP API" and "Drafts and the desk's pre-check"), played by the browser tests' stub: one draft at a time,
its token checked, its version counted, the pre-check asked once and answered by the test."""
import json
import re

from test_site_form_browser import StubApi

DRAFT_ID = "01JDRAFT0000000000000000AA"
TOKEN = "tok-draft-Xy_9"
LABELS = {"editing": "Đang soạn", "precheck_waiting": "Chờ xem trước",
          "precheck_answered": "Đã có ý kiến xem trước", "submitted": "Đã nộp"}


class DraftApi(StubApi):
    def __init__(self, base_url, dossier_replies=()):
        super().__init__(base_url, dossier_replies)
        self.draft = None
        self.uploaded = {}

    def view(self) -> dict:
        d = self.draft
        return {
            "draft_id": DRAFT_ID, "procedure_id": "giay-phep-mau", "procedure_version": 2, "status": d["status"],
            "status_label": LABELS[d["status"]], "version": d["version"], "saved_at": "2026-12-02T10:00:00+07:00",
            "expires_at": "2027-01-01", "applicant": d["applicant"], "answers": d["answers"],
            "documents": [{**doc, **self.uploaded.get(doc["upload_id"], {"filename": "tep.pdf", "size": 8})}
                          for doc in d["documents"]],
            "check": {"complete": False, "missing": []}, "precheck": d["precheck"], "submitted_code": d.get("submitted_code"),
            "link_sent_to": d["link_sent_to"],
        }

    @staticmethod
    def reachable(applicant) -> dict:
        """As the API sends the link: to a whole phone number (kept without spaces) and an e-mail."""
        phone = re.sub(r"[ .-]", "", applicant.get("phone") or "")
        sent = {"phone": phone} if re.fullmatch(r"0\d{9}", phone) else {}
        if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", applicant.get("email") or ""):
            sent["email"] = applicant["email"]
        return sent

    def saved_elsewhere(self, **answers):
        """Another tab saves the draft first."""
        self.draft.update(version=self.draft["version"] + 1, answers=answers)

    def answer(self, comments, note=None):
        """The desk answers the pre-check (what the officer API would record)."""
        self.draft["status"] = "precheck_answered"
        self.draft["precheck"].update(answered_at="2026-12-03T09:30:00+07:00", note=note, comments=comments)

    def reply(self, route, status, body):
        return route.fulfill(status=status, content_type="application/json", body=json.dumps(body, ensure_ascii=False))

    def __call__(self, route, request):
        url = request.url
        if url.endswith("/api/uploads"):
            body = json.loads(request.post_data)
            self.uploaded[f"up-{body['slot']}"] = {"filename": body["filename"], "size": body["size"]}
        match = re.search(r"/api/drafts(?:/([^/]+))?(/view|/precheck)?$", url)
        if not match:
            return super().__call__(route, request)
        self.calls.append({"url": url, "method": request.method, "headers": request.headers, "body": request.post_data})
        body = json.loads(request.post_data or "{}")
        if match.group(1) is None:
            self.draft = {"status": "editing", "version": 1, "precheck": None, "applicant": body["applicant"],
                          "answers": body["answers"], "documents": body["documents"],
                          "link_sent_to": self.reachable(body["applicant"])}
            return self.reply(route, 201, {**self.view(), "access_token": TOKEN,
                                           "resume_url": f"https://dichvucong.example/nop-ho-so/giay-phep-mau/?nhap={DRAFT_ID}#t={TOKEN}"})
        if self.draft is None or match.group(1) != DRAFT_ID or body.get("token") != TOKEN:
            return self.reply(route, 404, {"error": {"code": "not_found", "message": "Không tìm thấy hồ sơ nháp."}})
        if match.group(2) == "/view":
            return self.reply(route, 200, self.view())
        if self.draft["status"] == "precheck_waiting":
            return self.reply(route, 409, {"error": {"code": "CONFLICT", "message":
                              "Cán bộ đang xem trước hồ sơ nháp này; bạn sửa được sau khi có ý kiến."}})
        if body.get("version") != self.draft["version"]:
            return self.reply(route, 409, {"error": {"code": "CONFLICT", "message":
                              "Hồ sơ nháp vừa được lưu ở nơi khác, vui lòng tải lại."}})
        if match.group(2) == "/precheck":
            self.draft.update(status="precheck_waiting", precheck={
                "requested_at": "2026-12-02T10:05:00+07:00", "due": "2026-12-03", "answered_at": None, "note": None,
                "comments": []})
            return self.reply(route, 200, self.view())
        self.draft.update(version=self.draft["version"] + 1, applicant=body["applicant"], answers=body["answers"],
                          documents=body["documents"])
        return self.reply(route, 200, self.view())

    def drafts_sent(self, method, suffix=""):
        return [c for c in self.calls if c.get("method") == method and c["url"].endswith("/api/drafts" + suffix)]
