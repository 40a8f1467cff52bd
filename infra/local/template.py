"""template.yaml, read and translated offline, so the local stack is built from the same file
the cloud is.

`load()` reads the SAM template (short tags become their long form), `translated()` runs the
SAM translator on it without an AWS account, and `routes()` lists the HTTP API routes the
template's functions declare.
"""
from __future__ import annotations

import copy
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_PATH = ROOT / "template.yaml"
DEFAULT_REGION = "ap-southeast-1"
ACCOUNT_ID = "123456789012"  # moto's default account


class _CfnLoader(yaml.SafeLoader):
    """A YAML loader that understands CloudFormation's short tags (!Ref, !Sub, !GetAtt, ...)."""


def _short_tag(loader: _CfnLoader, tag_suffix: str, node: yaml.Node) -> dict:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    elif isinstance(node, yaml.MappingNode):
        value = loader.construct_mapping(node, deep=True)
    else:
        raise yaml.constructor.ConstructorError(None, None, f"unexpected node for !{tag_suffix}", node.start_mark)
    if tag_suffix == "Ref":
        return {"Ref": value}
    if tag_suffix == "Condition":
        return {"Condition": value}
    if tag_suffix == "GetAtt" and isinstance(value, str):
        # "!GetAtt Resource.Attribute.Path" splits at the first dot only.
        value = value.split(".", 1)
    return {f"Fn::{tag_suffix}": value}


_CfnLoader.add_multi_constructor("!", _short_tag)


def load(path: str | os.PathLike = TEMPLATE_PATH) -> dict:
    """The SAM template as plain data, short tags in their long form."""
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_CfnLoader)  # noqa: S506 - SafeLoader subclass


class _NoManagedPolicies:
    """Stands in for samtranslator's ManagedPolicyLoader, which would ask IAM for the list of
    AWS managed policies; offline, the translator falls back to building their ARNs itself."""

    def load(self) -> dict[str, str]:
        return {}


def translate(sam_template: dict, region: str = DEFAULT_REGION) -> dict:
    """Plain CloudFormation from a SAM template, offline. The input is not modified."""
    from samtranslator.translator.transform import transform

    template = copy.deepcopy(sam_template)
    # The translator only accepts code that already sits in S3; the local stack never
    # deploys code, so any s3:// placeholder will do.
    code_uri = template.get("Globals", {}).get("Function", {})
    if isinstance(code_uri.get("CodeUri"), str):
        code_uri["CodeUri"] = "s3://local-code/functions.zip"
    for resource in template.get("Resources", {}).values():
        props = resource.get("Properties") or {}
        if resource.get("Type") == "AWS::Serverless::Function" and isinstance(props.get("CodeUri"), str):
            props["CodeUri"] = "s3://local-code/functions.zip"
    saved_region = os.environ.get("AWS_DEFAULT_REGION")
    os.environ["AWS_DEFAULT_REGION"] = region  # the translator reads it for ARNs and partitions
    try:
        return transform(template, {}, _NoManagedPolicies())
    finally:
        if saved_region is None:
            os.environ.pop("AWS_DEFAULT_REGION", None)
        else:
            os.environ["AWS_DEFAULT_REGION"] = saved_region


@lru_cache(maxsize=8)
def _translated_cached(path: str, mtime: float, region: str) -> dict:
    return translate(load(path), region)


def translated(path: str | os.PathLike = TEMPLATE_PATH, region: str = DEFAULT_REGION) -> dict:
    """The translated CloudFormation template (a fresh copy each call)."""
    path = os.fspath(path)
    return copy.deepcopy(_translated_cached(path, os.path.getmtime(path), region))


def resources(path: str | os.PathLike = TEMPLATE_PATH, region: str = DEFAULT_REGION) -> dict:
    """The translated template's resources, by logical id."""
    return translated(path, region)["Resources"]


@dataclass(frozen=True)
class Route:
    method: str  # upper case, e.g. "POST"
    path: str  # the template's path, e.g. "/api/officer/dossiers/{dossier_id}"
    handler: str  # "module.function", e.g. "portal.handlers.citizen.lambda_handler"
    authorizer: str | None  # the HTTP API authorizer's name, None for public routes
    function_logical_id: str

    @property
    def route_key(self) -> str:
        return f"{self.method} {self.path}"


def routes(path: str | os.PathLike = TEMPLATE_PATH) -> list[Route]:
    """Every HTTP API route the SAM functions declare, with the handler each one runs."""
    sam = load(path)
    function_globals = sam.get("Globals", {}).get("Function", {})
    found = []
    for logical_id, resource in sam.get("Resources", {}).items():
        if resource.get("Type") != "AWS::Serverless::Function":
            continue
        props = resource.get("Properties", {})
        handler = props.get("Handler", function_globals.get("Handler"))
        for event in (props.get("Events") or {}).values():
            if event.get("Type") != "HttpApi":
                continue
            event_props = event.get("Properties", {})
            auth = event_props.get("Auth") or {}
            authorizer = auth.get("Authorizer")
            if authorizer == "NONE":
                authorizer = None
            found.append(
                Route(
                    method=str(event_props.get("Method", "ANY")).upper(),
                    path=event_props.get("Path", "$default"),
                    handler=handler,
                    authorizer=authorizer,
                    function_logical_id=logical_id,
                )
            )
    return found


def code_dir(path: str | os.PathLike = TEMPLATE_PATH) -> Path:
    """The functions' code directory (Globals CodeUri), where the handler modules are imported from."""
    sam = load(path)
    code_uri = sam.get("Globals", {}).get("Function", {}).get("CodeUri", ".")
    return (Path(path).resolve().parent / code_uri).resolve()
