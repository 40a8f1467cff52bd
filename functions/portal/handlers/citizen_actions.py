"""A citizen's actions on their own dossier, proved by the private link's access token."""
from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Router

from portal.domain.states import State
from portal.handlers.app import documented
from portal.services import citizen_actions
from portal.services.models import WithdrawRequest, WithdrawResult

router = Router()


@router.post(
    "/api/dossiers/<dossier_id>/withdraw",
    summary="Rút hồ sơ chưa có kết quả (có hiệu lực ngay)",
    tags=["Người dân"],
    responses=documented(200, WithdrawResult, 404, 409, 413, 415),
)
def withdraw(dossier_id: str, request: WithdrawRequest) -> WithdrawResult:
    meta = citizen_actions.withdraw(dossier_id, request)
    state = State(meta["state"])
    return WithdrawResult(
        dossier_id=meta["id"], code=meta["code"], status=state.value, status_label=state.label,
        withdrawn_at=meta["withdrawn_at"],
    )
