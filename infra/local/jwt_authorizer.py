"""The HTTP API's JWT authorizer, locally: the checks API Gateway makes before an officer route
reaches its function, with the authorizers template.yaml declares.

API Gateway checks the token's RS256 signature against the issuer's published keys, `exp`
(and `nbf`, `iat` when present), `iss` equal to the configured issuer, and `aud`, or `client_id`
when the token has no `aud` (Cognito access tokens), among the configured audiences.

The keys come from a configurable JWKS URL: moto signs tokens with an issuer that names the
real AWS host (https://cognito-idp.<region>.amazonaws.com/<pool>), while its keys are served by
the moto server on 127.0.0.1.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import jwt

from infra.local import template as sam


class Unauthorized(Exception):
    pass


class JwtAuthorizer:
    def __init__(self, issuer: str, audience: Iterable[str], jwks_url: str):
        self.issuer = issuer
        self.audience = list(audience)
        # PyJWKClient caches the key set and fetches it again for an unknown key id (rotation).
        self.keys = jwt.PyJWKClient(jwks_url, timeout=5)

    def claims(self, authorization: str | None) -> dict[str, Any]:
        """The verified token's claims, or Unauthorized."""
        if not authorization:
            raise Unauthorized("no token")
        scheme, _, token = authorization.partition(" ")
        token = token.strip() if scheme.lower() == "bearer" else authorization.strip()
        try:
            key = self.keys.get_signing_key_from_jwt(token)
            unverified = jwt.decode(token, options={"verify_signature": False})
            payload = jwt.decode(
                token,
                key.key,
                algorithms=["RS256"],
                issuer=self.issuer,
                audience=self.audience if "aud" in unverified else None,
                options={"require": ["exp", "iss"], "verify_aud": "aud" in unverified},
            )
        except jwt.PyJWTError as error:  # PyJWKClientError included: unknown key, JWKS unreachable
            raise Unauthorized(str(error)) from error
        if "aud" not in payload and payload.get("client_id") not in self.audience:
            raise Unauthorized("client_id is not an audience of this authorizer")
        return payload


def jwt_authorizers(stack, jwks_host_url: str, template_path=sam.TEMPLATE_PATH) -> dict[str, JwtAuthorizer]:
    """The JWT authorizers template.yaml declares on its HTTP APIs, resolved against the
    provisioned stack (`references.Provisioned`). Each issuer's JWKS is read at
    `jwks_host_url` + the issuer's path + `/.well-known/jwks.json` (moto's server locally)."""
    authorizers = {}
    for resource in sam.load(template_path).get("Resources", {}).values():
        if resource.get("Type") != "AWS::Serverless::HttpApi":
            continue
        auth = resource.get("Properties", {}).get("Auth", {})
        for name, spec in auth.get("Authorizers", {}).items():
            config = stack.resolve(spec.get("JwtConfiguration", {}))
            issuer = config["issuer"]
            jwks_url = jwks_host_url.rstrip("/") + urlsplit(issuer).path + "/.well-known/jwks.json"
            authorizers[name] = JwtAuthorizer(issuer, config.get("audience", []), jwks_url)
    return authorizers
