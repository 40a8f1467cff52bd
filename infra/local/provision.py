"""Create the template's tables, bucket and user pool in moto, from the translated template's
own resource properties (`resources.CREATORS`), and give back the Lambda environment with every
value resolved (`references.Provisioned`).

moto's own CloudFormation would skip the bucket's CORS and the HTTP API, so it is not used.
Resources the gateway stands in for (functions, roles, the HTTP API) are not created.

    with mock_aws():                                         # in-process, as the API tests do
        env = provision().env
    stack = provision(endpoint_url="http://127.0.0.1:8001")  # a moto server
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from infra.local import template as sam
from infra.local.references import Provisioned, Unresolved
from infra.local.resources import CREATORS, STAND_INS, CreationContext


def _inside_mock_aws() -> bool:
    from moto.core.models import MockAWS

    return MockAWS._nested_count > 0


def parameter_values(sam_template: dict, overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """The template's parameters: each default, unless overridden."""
    values = {name: str(spec.get("Default", "")) for name, spec in sam_template.get("Parameters", {}).items()}
    unknown = set(overrides or {}) - set(values)
    if unknown:
        raise KeyError(f"template.yaml has no parameter {sorted(unknown)}")
    values.update(overrides or {})
    return values


def _as_env_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def provision(
    *,
    endpoint_url: str | None = None,
    region: str = sam.DEFAULT_REGION,
    template_path: str | os.PathLike = sam.TEMPLATE_PATH,
    prefix: str = "portal-local",
    parameters: Mapping[str, str] | None = None,
) -> Provisioned:
    """Create every supported resource of the template in moto (in-process `mock_aws` when
    `endpoint_url` is None, else the moto server there). The result's `env` is the Lambda
    environment: the template's Globals variables resolved, plus AWS_DEFAULT_REGION.
    `parameters` overrides template parameters (e.g. {"SiteOrigin": "http://127.0.0.1:8765"})."""
    if endpoint_url is None and not _inside_mock_aws():
        # Without an endpoint, boto3 would talk to a real AWS account.
        raise RuntimeError("provision() without endpoint_url must run inside moto.mock_aws()")
    sam_template = sam.load(template_path)
    stack = Provisioned(
        region=region, prefix=prefix, parameters=parameter_values(sam_template, parameters), endpoint_url=endpoint_url
    )
    ctx = CreationContext(stack)
    for logical_id, resource in sam.resources(template_path, region).items():
        if resource["Type"] in STAND_INS:
            attributes = STAND_INS[resource["Type"]](stack, logical_id)
            stack.attributes.update({(logical_id, name): value for name, value in attributes.items()})
    pending = {
        logical_id: resource
        for logical_id, resource in sam.resources(template_path, region).items()
        if resource["Type"] in CREATORS
    }
    # Resources refer to each other (a client to its pool): create whatever can be resolved,
    # then retry the rest, until nothing is left or nothing moves.
    while pending:
        progressed = False
        for logical_id, resource in list(pending.items()):
            try:
                props = stack.resolve(resource.get("Properties", {}))
            except Unresolved:
                continue
            physical_id, attributes = CREATORS[resource["Type"]](ctx, logical_id, props)
            stack.physical_ids[logical_id] = physical_id
            stack.types[logical_id] = resource["Type"]
            stack.attributes.update({(logical_id, name): value for name, value in attributes.items()})
            del pending[logical_id]
            progressed = True
        if not progressed:
            raise Unresolved(f"cannot resolve the references of {sorted(pending)}")
    variables = sam_template.get("Globals", {}).get("Function", {}).get("Environment", {}).get("Variables", {})
    stack.env = {name: _as_env_value(stack.resolve(value)) for name, value in variables.items()}
    stack.env["AWS_DEFAULT_REGION"] = region
    return stack
