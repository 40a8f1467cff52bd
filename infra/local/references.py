"""Values of the SAM-translated template resolved against what the local stack created: Ref,
Fn::Sub, Fn::GetAtt, Fn::Join, Fn::Select and AWS::NoValue, the intrinsics template.yaml uses."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from infra.local import template as sam


class Unresolved(LookupError):
    """A reference to a resource not created yet (or not creatable locally)."""


_NO_VALUE = object()  # AWS::NoValue: the property is removed


@dataclass
class Provisioned:
    """What provisioning produced: physical ids by logical id, and how to resolve template values."""

    region: str
    prefix: str
    parameters: dict[str, str]
    endpoint_url: str | None = None
    physical_ids: dict[str, str] = field(default_factory=dict)
    attributes: dict[tuple[str, str], str] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)  # logical id -> resource type
    env: dict[str, str] = field(default_factory=dict)

    def of_type(self, resource_type: str) -> dict[str, str]:
        """Physical ids of the created resources of one type, by logical id."""
        return {lid: pid for lid, pid in self.physical_ids.items() if self.types.get(lid) == resource_type}

    def resolve(self, value: Any) -> Any:
        """A template value with its intrinsic functions resolved."""
        if isinstance(value, list):
            items = [self.resolve(v) for v in value]
            return [v for v in items if v is not _NO_VALUE]
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            (key, arg), = value.items()
            if key == "Ref":
                return self._ref(arg)
            if key == "Fn::GetAtt":
                resource, attribute = arg if isinstance(arg, list) else arg.split(".", 1)
                return self._get_att(resource, attribute)
            if key == "Fn::Sub":
                return self._sub(arg)
            if key == "Fn::Join":
                separator, items = arg
                return separator.join(str(v) for v in self.resolve(items))
            if key == "Fn::Select":
                index, items = arg
                return self.resolve(items)[int(self.resolve(index))]
            if key.startswith("Fn::"):
                raise NotImplementedError(f"the local stack cannot resolve {key}")
        resolved = {k: self.resolve(v) for k, v in value.items()}
        return {k: v for k, v in resolved.items() if v is not _NO_VALUE}

    def _ref(self, name: str) -> Any:
        pseudo = {
            "AWS::Region": self.region,
            "AWS::AccountId": sam.ACCOUNT_ID,
            "AWS::StackName": self.prefix,
            "AWS::Partition": "aws",
            "AWS::URLSuffix": "amazonaws.com",
            "AWS::NoValue": _NO_VALUE,
        }
        if name in pseudo:
            return pseudo[name]
        if name in self.parameters:
            return self.parameters[name]
        if name in self.physical_ids:
            return self.physical_ids[name]
        raise Unresolved(name)

    def _get_att(self, resource: str, attribute: str) -> str:
        try:
            return self.attributes[(resource, attribute)]
        except KeyError:
            raise Unresolved(f"{resource}.{attribute}") from None

    def _sub(self, arg: str | list) -> str:
        text, variables = (arg, {}) if isinstance(arg, str) else (arg[0], self.resolve(arg[1]))

        def substitute(match: re.Match) -> str:
            name = match.group(1)
            if name.startswith("!"):  # ${!Literal} stays literal
                return "${" + name[1:] + "}"
            if name in variables:
                return str(variables[name])
            if "." in name and not name.startswith("AWS::"):
                return str(self._get_att(*name.split(".", 1)))
            return str(self._ref(name))

        return re.sub(r"\$\{([^}]+)\}", substitute, text)
