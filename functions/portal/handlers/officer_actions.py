"""Officer actions on one dossier: one route per action, each with its own body; every answer
is the dossier as it now stands (what the desk shows next)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aws_lambda_powertools.event_handler.api_gateway import Router

from portal.handlers.app import actor_from_event, documented
from portal.handlers.officer_queue import OFFICER_SECURITY
from portal.services import desk_actions, officer
from portal.services.desk_action_models import (
    ApologiseRequest,
    AssigneeRequest,
    DecideRequest,
    FeeRequest,
    GroundsRequest,
    NoteRequest,
    PaidRequest,
    ProposeRequest,
    ReceiveRequest,
    ReturnRequest,
    SupplementRequest,
    SupplyRequest,
)
from portal.services.officer_models import DossierDetail

router = Router()
ACTION_ERRORS = (401, 403, 404, 409, 413, 415)


def _then_detail(dossier_id: str, act: Callable[[Any, str, Any], None], request: Any) -> DossierDetail:
    actor = actor_from_event(router.current_event.raw_event)
    act(actor, dossier_id, request)
    return officer.detail(actor, dossier_id)


def _action(path: str, summary: str):
    return router.post(
        f"/api/officer/dossiers/<dossier_id>/{path}",
        summary=summary,
        tags=["Cán bộ"],
        security=OFFICER_SECURITY,
        responses=documented(200, DossierDetail, *ACTION_ERRORS),
    )


@_action("receive", "Tiếp nhận hồ sơ (bắt đầu tính thời hạn; nhập thời hạn khi danh mục chưa xác nhận)")
def receive(dossier_id: str, request: ReceiveRequest) -> DossierDetail:
    return _then_detail(dossier_id, desk_actions.receive, request)


@_action("refuse", "Từ chối tiếp nhận, theo lý do đã quy định của thủ tục (mẫu 03)")
def refuse(dossier_id: str, request: GroundsRequest) -> DossierDetail:
    return _then_detail(dossier_id, desk_actions.refuse, request)


@_action("request_supplement", "Yêu cầu bổ sung giấy tờ, một lần, từ thành phần hồ sơ của thủ tục (mẫu 02)")
def request_supplement(dossier_id: str, request: SupplementRequest) -> DossierDetail:
    return _then_detail(dossier_id, desk_actions.request_supplement, request)


@_action("supply", "Ghi nhận giấy tờ bổ sung nhận tại quầy (thời hạn tính tiếp)")
def supply(dossier_id: str, request: SupplyRequest) -> DossierDetail:
    return _then_detail(dossier_id, desk_actions.supply, request)


@_action("forward", "Chuyển hồ sơ cho chuyên viên xử lý")
def forward(dossier_id: str, request: AssigneeRequest) -> DossierDetail:
    return _then_detail(dossier_id, desk_actions.forward, request)


@_action("assign", "Phân công lại chuyên viên (nội bộ)")
def assign(dossier_id: str, request: AssigneeRequest) -> DossierDetail:
    return _then_detail(dossier_id, desk_actions.assign, request)


@_action("propose", "Ý kiến thẩm định và đề xuất của chuyên viên (nội bộ)")
def propose(dossier_id: str, request: ProposeRequest) -> DossierDetail:
    return _then_detail(dossier_id, desk_actions.propose, request)


@_action("send_back", "Lãnh đạo trả lại chuyên viên xem xét lại (nội bộ)")
def send_back(dossier_id: str, request: NoteRequest) -> DossierDetail:
    return _then_detail(dossier_id, desk_actions.send_back, request)


@_action("request_fee", "Yêu cầu nộp phí, lệ phí của trường hợp của hồ sơ")
def request_fee(dossier_id: str, request: FeeRequest) -> DossierDetail:
    return _then_detail(dossier_id, desk_actions.request_fee, request)


@_action("paid", "Ghi nhận đã thu phí, lệ phí tại quầy (đúng số tiền đã yêu cầu)")
def paid(dossier_id: str, request: PaidRequest) -> DossierDetail:
    return _then_detail(dossier_id, desk_actions.paid, request)


@_action("decide", "Quyết định của lãnh đạo: phê duyệt kèm văn bản kết quả, hoặc không phê duyệt kèm lý do")
def decide(dossier_id: str, request: DecideRequest) -> DossierDetail:
    return _then_detail(dossier_id, desk_actions.decide, request)


@_action("stop", "Dừng xử lý, theo lý do đã quy định của thủ tục (mẫu 05)")
def stop(dossier_id: str, request: GroundsRequest) -> DossierDetail:
    return _then_detail(dossier_id, desk_actions.stop, request)


@_action("apologise", "Xin lỗi và hẹn lại ngày trả kết quả (mẫu 04)")
def apologise(dossier_id: str, request: ApologiseRequest) -> DossierDetail:
    return _then_detail(dossier_id, desk_actions.apologise, request)


@_action("return", "Trả kết quả: trực tuyến, tại quầy hoặc qua bưu điện; hồ sơ kết thúc")
def return_result(dossier_id: str, request: ReturnRequest) -> DossierDetail:
    return _then_detail(dossier_id, desk_actions.return_result, request)
