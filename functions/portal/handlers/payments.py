"""Paying the requested fee online: start (private link's token), the provider's notification
(IPN) and return, the receipt (services/payments.py)."""
from __future__ import annotations

from urllib.parse import parse_qsl

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router

from portal.config import settings
from portal.domain.payments import UNKNOWN_ERROR
from portal.handlers.app import documented
from portal.services import payments
from portal.services.payment_models import IpnAnswer, PaymentReceipt, PaymentStart, TokenRequest

router = Router()


def _query() -> dict[str, str] | None:
    """The query string as sent (the signature is over these exact values); a name given twice
    makes it no message of the provider's (None)."""
    pairs = parse_qsl(router.current_event.raw_event.get("rawQueryString") or "", keep_blank_values=True)
    params = dict(pairs)
    return params if len(params) == len(pairs) else None


def _api_origin() -> str:
    """Where this API is reached (the return URL the provider sends the browser back to): the
    HTTP API's own host in the cloud, the local gateway locally."""
    headers = router.current_event.headers
    host = headers.get("host")
    if not host:
        return settings().site_origin
    return f"{headers.get('x-forwarded-proto') or 'https'}://{host}"


@router.post(
    "/api/dossiers/<dossier_id>/payment",
    summary="Bắt đầu thanh toán trực tuyến khoản phí, lệ phí cơ quan yêu cầu",
    tags=["Người dân"],
    responses=documented(200, PaymentStart, 404, 409, 413, 415),
)
def start(dossier_id: str, request: TokenRequest) -> PaymentStart:
    client_ip = router.current_event.raw_event["requestContext"]["http"]["sourceIp"]
    return PaymentStart(**payments.start(dossier_id, request.access_token, client_ip, _api_origin()))


@router.get(
    "/api/payments/ipn",
    summary="Thông báo kết quả thanh toán của cổng thanh toán (IPN, máy chủ gọi máy chủ)",
    tags=["Thanh toán"],
    responses={200: {"description": "RspCode/Message theo giao thức VNPay", "content": {"application/json": {"model": IpnAnswer}}}},
)
def ipn() -> IpnAnswer:
    params = _query()
    code, message = payments.callback(params) if params is not None else UNKNOWN_ERROR
    return IpnAnswer(RspCode=code, Message=message)


@router.get(
    "/api/payments/return",
    summary="Trình duyệt quay về từ cổng thanh toán: chuyển tới trang kết quả",
    tags=["Thanh toán"],
    responses={302: {"description": "Chuyển tới trang kết quả thanh toán của cổng"}},
)
def payment_return() -> Response[str]:
    params = _query() or {}
    return Response(status_code=302, body="", headers={"Location": payments.return_location(params), "Cache-Control": "no-store"})


@router.post(
    "/api/dossiers/<dossier_id>/receipt",
    summary="Biên lai khoản phí, lệ phí đã nộp",
    tags=["Người dân"],
    responses=documented(200, PaymentReceipt, 404, 409, 413, 415),
)
def receipt(dossier_id: str, request: TokenRequest) -> PaymentReceipt:
    return PaymentReceipt(**payments.receipt(dossier_id, request.access_token))
