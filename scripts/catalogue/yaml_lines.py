"""YAML loading for content files: YAML 1.2 core scalars, the line of every key and list item,
and every construct an editor might copy from elsewhere (duplicate keys, `!include` and other
tags) reported as a mistake instead of silently meaning something else."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, cast

import yaml

from scripts.catalogue.report import Path_

CORE = "tag:yaml.org,2002:"


class _Yaml12Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]  # libyaml when built with it: 10x faster
    """YAML 1.2 core scalars: `15:00` stays text (YAML 1.1 reads it as 900), dates stay text
    (the schema checks them), and yes/no/on/off are text rather than booleans."""


_Yaml12Loader.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in (
    (CORE + "null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (CORE + "bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    (CORE + "int", r"^[-+]?[0-9]+$", list("-+0123456789")),
    (
        CORE + "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+0123456789."),
    ),
):
    _Yaml12Loader.add_implicit_resolver(_tag, re.compile(_regexp), _first)


@dataclass
class LoadedFile:
    data: Any
    lines: dict[Path_, int]  # field path -> 1-based line where it is written
    errors: list[tuple[int, Path_, str]]


def _tag_name(tag: str) -> str:
    return "!!" + tag[len(CORE):] if tag.startswith(CORE) else tag


def _unknown_tag(node: yaml.Node, path: Path_, errors: list) -> None:
    errors.append((
        node.start_mark.line + 1,
        path,
        f"không dùng được thẻ YAML {_tag_name(node.tag)}: tệp thủ tục phải tự ghi đầy đủ nội dung "
        "(không nhúng tệp khác, không dùng kiểu dữ liệu đặc biệt); hãy xóa thẻ và ghi giá trị trực tiếp",
    ))


def load_yaml_with_lines(text: str) -> LoadedFile:
    """Parse YAML, recording the line of every key and list item; duplicate keys are mistakes."""
    lines: dict[Path_, int] = {(): 1}
    errors: list[tuple[int, Path_, str]] = []
    try:
        root = yaml.compose(text, Loader=_Yaml12Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc)
        errors.append((line, (), f"tệp không đúng cú pháp YAML (kiểm tra thụt lề, dấu hai chấm, dấu ngoặc kép): {problem}"))
        return LoadedFile(None, lines, errors)
    if root is None:
        return LoadedFile(None, lines, errors)

    def construct(node: yaml.Node, path: Path_) -> Any:
        if isinstance(node, yaml.MappingNode):
            if node.tag != CORE + "map":
                _unknown_tag(node, path, errors)
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = construct(key_node, path)
                line = key_node.start_mark.line + 1
                if not isinstance(key, str):
                    errors.append((line, path, f"tên trường phải là chữ, không phải {key!r}"))
                    continue
                child = path + (key,)
                if key in result:
                    errors.append((line, child, f"trường '{key}' được ghi hai lần; chỉ giữ một"))
                lines[child] = line
                result[key] = construct(value_node, child)
            return result
        if isinstance(node, yaml.SequenceNode):
            if node.tag != CORE + "seq":
                _unknown_tag(node, path, errors)
            items = []
            for index, item_node in enumerate(node.value):
                lines[path + (index,)] = item_node.start_mark.line + 1
                items.append(construct(item_node, path + (index,)))
            return items
        return _construct_scalar(cast(yaml.ScalarNode, node), path, errors)

    return LoadedFile(construct(root, ()), lines, errors)


def _construct_scalar(node: yaml.ScalarNode, path: Path_, errors: list) -> Any:
    value, tag = node.value, node.tag
    try:
        if tag == CORE + "null":
            return None
        if tag == CORE + "bool":
            return value.lower() == "true"
        if tag == CORE + "int":
            return int(value)
        if tag == CORE + "float":
            return float(value.replace(".inf", "inf").replace(".nan", "nan").lower())
    except ValueError:  # an explicit !!int or !!float on something that is not a number
        errors.append((node.start_mark.line + 1, path, f"'{value}' không phải là số"))
        return value
    if tag != CORE + "str":
        _unknown_tag(node, path, errors)
    return value
