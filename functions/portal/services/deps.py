"""What the use cases work with, built once per process on first use: the stores (pointed at
the configured table and bucket) and the bundled catalogue. `reset()` forgets them all, for
tests that rebuild the environment.

Services import this module and never one another, so no use case depends on another's
internals."""
from __future__ import annotations

from functools import lru_cache

from portal.config import reset_settings, settings
from portal.domain.catalogue import Catalogue
from portal.domain.errors import FieldError, ValidationFailed
from portal.domain.payments import PaymentProvider
from portal.domain.sandbox_payments import SandboxProvider
from portal.domain.vnpay import SANDBOX_URL as VNPAY_SANDBOX_URL
from portal.domain.vnpay import VnpayProvider
from portal.store.aws import reset_clients
from portal.store.documents import DocumentStore
from portal.store.dossiers import DossierStore
from portal.store.drafts import DraftStore
from portal.store.idempotency import reset_idempotency
from portal.store.officers import OfficerDirectory
from portal.store.payments import PaymentStore
from portal.store.rate_limits import RateLimits


@lru_cache(maxsize=1)
def dossier_store() -> DossierStore:
    return DossierStore(settings().table_name)


@lru_cache(maxsize=1)
def draft_store() -> DraftStore:
    return DraftStore(settings().table_name)


@lru_cache(maxsize=1)
def document_store() -> DocumentStore:
    return DocumentStore(settings().documents_bucket)


@lru_cache(maxsize=1)
def rate_limits() -> RateLimits:
    return RateLimits(settings().table_name)


@lru_cache(maxsize=1)
def officer_directory() -> OfficerDirectory:
    return OfficerDirectory(settings().user_pool_id)


@lru_cache(maxsize=1)
def payment_store() -> PaymentStore:
    return PaymentStore(settings().table_name)


@lru_cache(maxsize=1)
def payment_provider() -> PaymentProvider:
    """The provider PAYMENT_PROVIDER names: the local sandbox or VNPay."""
    config = settings()
    if config.payment_provider == "vnpay":
        return VnpayProvider(config.vnpay_tmn_code or "", config.vnpay_hash_secret or "",
                             config.vnpay_pay_url or VNPAY_SANDBOX_URL)
    return SandboxProvider(config.sandbox_payment_secret or "", config.site_origin)


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    return Catalogue.bundled()


def online_procedure(procedure_id: str) -> dict:
    """The procedure, if it takes dossiers online (NotFound if unknown)."""
    procedure = catalogue().get(procedure_id)
    if "online" not in (procedure.get("channels") or {}):
        raise ValidationFailed(
            fields=[FieldError("procedure_id", "Thủ tục này chưa nhận hồ sơ trực tuyến.")]
        )
    return procedure


def agency_of(procedure: dict) -> str:
    """The agency that receives the procedure's dossiers (and its drafts' pre-checks)."""
    return ((procedure.get("agency") or {}).get("code")) or settings().agency_code


def reset() -> None:
    for cached in (dossier_store, draft_store, document_store, rate_limits, officer_directory, catalogue, payment_store,
                   payment_provider):
        cached.cache_clear()
    reset_idempotency()
    reset_clients()
    reset_settings()
