"""The site's security headers, read from template.yaml, so the local gateway sends what
CloudFront sends in the cloud and a page the Content-Security-Policy would break fails in the
browser tests, not in production.

The template states the headers once, in the ResponseHeadersPolicy of the site's distribution
(the documents distribution has its own, which infra/local/downloads.py sends). Only the
origins the CSP names differ here: they are the `Fn::Sub` variables of the policy, and locally
the HTTP API is the gateway itself and every AWS service (S3, Cognito) is the moto server.

    local_security_headers(gateway_url, aws_endpoint_url)  ->  {"Content-Security-Policy": ...}
"""
from __future__ import annotations

import os
import re
from typing import Any
from urllib.parse import urlsplit

from infra.local import template as sam

POLICY_TYPE = "AWS::CloudFront::ResponseHeadersPolicy"
SITE_DISTRIBUTION = "SiteDistribution"
HTTP_API_TYPE = "AWS::Serverless::HttpApi"
_SUB_REFERENCE = re.compile(r"\$\{([^!}][^}]*)\}")
_AWS_SERVICE_ORIGIN = re.compile(r"^https://[^/]+\.(\$\{AWS::URLSuffix\}|amazonaws\.com)$")


def response_headers_policy(sam_template: dict, distribution: str = SITE_DISTRIBUTION) -> dict:
    """The ResponseHeadersPolicyConfig a distribution's default behaviour adds to its answers."""
    resources = sam_template.get("Resources", {})
    behaviour = resources[distribution]["Properties"]["DistributionConfig"]["DefaultCacheBehavior"]
    policy = resources[behaviour["ResponseHeadersPolicyId"]["Ref"]]
    if policy.get("Type") != POLICY_TYPE:
        raise ValueError(f"{distribution}'s ResponseHeadersPolicyId is not a {POLICY_TYPE}")
    return policy["Properties"]["ResponseHeadersPolicyConfig"]


def parse_policy(policy: str) -> dict[str, list[str]]:
    """A Content-Security-Policy as {directive: [sources]}, in the order written."""
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def format_policy(directives: dict[str, list[str]]) -> str:
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def _origin(url: str) -> str:
    split = urlsplit(url)
    return f"{split.scheme}://{split.netloc}"


def _local_origin(name: str, value: Any, sam_template: dict, gateway_url: str, aws_endpoint_url: str) -> str:
    """Where the cloud origin a CSP variable names is found on the local stack."""
    text = value.get("Fn::Sub") if isinstance(value, dict) else value
    if not isinstance(text, str):
        raise ValueError(f"CSP origin {name}: expected a string or !Sub string, got {value!r}")
    http_apis = {
        logical_id
        for logical_id, resource in sam_template.get("Resources", {}).items()
        if resource.get("Type") == HTTP_API_TYPE
    }
    if http_apis & set(_SUB_REFERENCE.findall(text)):
        return _origin(gateway_url)  # the gateway serves the API on the site's origin
    if _AWS_SERVICE_ORIGIN.match(text):
        return _origin(aws_endpoint_url)
    raise ValueError(f"CSP origin {name} ({text}) is neither the HTTP API nor an AWS service")


def _local_policy(value: Any, sam_template: dict, gateway_url: str, aws_endpoint_url: str) -> str:
    """The template's CSP with its origins replaced by the local ones, each listed once."""
    if isinstance(value, str):
        return value
    sub = value.get("Fn::Sub") if isinstance(value, dict) else None
    text, variables = (sub, {}) if isinstance(sub, str) else (sub or [None, None])
    if not isinstance(text, str) or not isinstance(variables, dict):
        raise ValueError(f"the CSP should be a string or a !Sub, got {value!r}")
    origins = {
        name: _local_origin(name, origin, sam_template, gateway_url, aws_endpoint_url)
        for name, origin in variables.items()
    }

    def substitute(match: re.Match) -> str:
        if match.group(1) not in origins:
            raise ValueError(f"the CSP refers to ${{{match.group(1)}}}: name it as a !Sub variable")
        return origins[match.group(1)]

    directives = parse_policy(_SUB_REFERENCE.sub(substitute, text))
    return format_policy({name: list(dict.fromkeys(sources)) for name, sources in directives.items()})


def _strict_transport_security(config: dict) -> str:
    value = f"max-age={int(config['AccessControlMaxAgeSec'])}"
    if config.get("IncludeSubdomains"):
        value += "; includeSubDomains"
    if config.get("Preload"):
        value += "; preload"
    return value


def headers_of_policy(policy: dict, sam_template: dict, gateway_url: str, aws_endpoint_url: str) -> dict[str, str]:
    """A ResponseHeadersPolicyConfig as the response headers it adds. A setting this module does
    not know stops the gateway rather than being left out silently."""
    security = dict(policy.get("SecurityHeadersConfig") or {})
    headers: dict[str, str] = {}
    if "ContentSecurityPolicy" in security:
        headers["Content-Security-Policy"] = _local_policy(
            security.pop("ContentSecurityPolicy")["ContentSecurityPolicy"], sam_template, gateway_url, aws_endpoint_url
        )
    if security.pop("ContentTypeOptions", None) is not None:
        headers["X-Content-Type-Options"] = "nosniff"
    if "FrameOptions" in security:
        headers["X-Frame-Options"] = security.pop("FrameOptions")["FrameOption"]
    if "ReferrerPolicy" in security:
        headers["Referrer-Policy"] = security.pop("ReferrerPolicy")["ReferrerPolicy"]
    if "StrictTransportSecurity" in security:
        headers["Strict-Transport-Security"] = _strict_transport_security(security.pop("StrictTransportSecurity"))
    if security:
        raise ValueError(f"the local gateway cannot send {sorted(security)} yet: add them to security_headers.py")
    for item in (policy.get("CustomHeadersConfig") or {}).get("Items", []):
        headers[item["Header"]] = item["Value"]
    return headers


def template_policy(template_path: str | os.PathLike = sam.TEMPLATE_PATH) -> dict[str, list[str]]:
    """The template's Content-Security-Policy as {directive: [sources]}, its origins left as
    the `${Name}` of their !Sub variables."""
    value = response_headers_policy(sam.load(template_path))["SecurityHeadersConfig"]["ContentSecurityPolicy"][
        "ContentSecurityPolicy"]
    sub = value.get("Fn::Sub") if isinstance(value, dict) else value
    return parse_policy(str(sub[0] if isinstance(sub, list) else sub))


def local_security_headers(
    gateway_url: str, aws_endpoint_url: str, template_path: str | os.PathLike = sam.TEMPLATE_PATH
) -> dict[str, str]:
    """The headers CloudFront adds to the site's answers, as the local stack sends them:
    `gateway_url` serves the site and the API, `aws_endpoint_url` (moto) every AWS service."""
    sam_template = sam.load(template_path)
    return headers_of_policy(response_headers_policy(sam_template), sam_template, gateway_url, aws_endpoint_url)
