"""POST /api/lookup: a dossier's status by its code and the applicant's ID number or token."""
from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Router

from portal.handlers.app import client_address, documented
from portal.services import lookup
from portal.services.models import LookupRequest, LookupResult

router = Router()


@router.post("/api/lookup", summary="Tra cứu tình trạng hồ sơ", tags=["Người dân"],
    responses=documented(200, LookupResult, 404, 413, 415, 429),
)
def lookup_dossier(request: LookupRequest) -> LookupResult:
    client = client_address(router.current_event.raw_event)
    return LookupResult(**lookup.find(request.code, request.id_number, request.access_token, client=client))
