"""The environment, parsed once into a typed settings object.

Parsed lazily on first use (not at import) so tests and the local stack can set the
environment first; `reset_settings()` forgets the parsed copy when they change it.
"""
from __future__ import annotations

import os
from functools import lru_cache

from pydantic import BaseModel, ConfigDict


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True)

    table_name: str
    idempotency_table_name: str
    documents_bucket: str
    agency_code: str
    site_origin: str = "*"
    user_pool_id: str | None = None
    user_pool_client_id: str | None = None
    # The address citizens' e-mails come from (an SES identity; template parameter NotifyFromAddress).
    notify_from: str | None = None
    # Online payment (docs/operations.md, "Payments"): `sandbox` (local) or `vnpay`, with the
    # provider's secrets (template parameters, NoEcho).
    payment_provider: str = "sandbox"
    sandbox_payment_secret: str | None = None
    vnpay_tmn_code: str | None = None
    vnpay_hash_secret: str | None = None
    vnpay_pay_url: str | None = None
    # Download links (store/download_links.py): the documents distribution, its key group's
    # public key id, and the KMS key that signs (template Globals; docs/operations.md, "Downloads").
    downloads_origin: str | None = None
    download_key_pair_id: str | None = None
    download_signing_key: str | None = None
    # Set only locally: every boto3 client then talks to moto on 127.0.0.1.
    aws_endpoint_url: str | None = None
    aws_region: str = "ap-southeast-1"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        values = {
            name: env[name.upper()]
            for name in cls.model_fields
            if env.get(name.upper())
        }
        if "aws_region" not in values and env.get("AWS_DEFAULT_REGION"):
            values["aws_region"] = env["AWS_DEFAULT_REGION"]
        return cls(**values)


@lru_cache(maxsize=1)
def settings() -> Settings:
    return Settings.from_env()


def reset_settings() -> None:
    settings.cache_clear()
