"""DynamoDB stores numbers as Decimal and refuses floats: convert on the way in and out."""
from __future__ import annotations

from decimal import Decimal


def to_item(value):
    """Python values → what DynamoDB accepts (floats become Decimal, recursively)."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, dict):
        return {key: to_item(inner) for key, inner in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_item(inner) for inner in value]
    return value


def from_item(value):
    """DynamoDB values → plain Python (Decimal becomes int when whole, else float)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {key: from_item(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [from_item(inner) for inner in value]
    if isinstance(value, set):
        return {from_item(inner) for inner in value}
    return value
