"""Records to plain data (JSON-ready) and back, from the records' own type hints.

Used to store a reconciled story once (``store.story_records``) and read it back unchanged:
dataclasses become dicts of their fields, enums their values, datetimes ISO strings, tuples lists.
"""
from __future__ import annotations

import types
import typing
from dataclasses import fields, is_dataclass
from datetime import datetime
from enum import Enum
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


def to_data(value: Any) -> Any:
    """A record as plain data: dicts, lists, strings, numbers, booleans and None."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [to_data(v) for v in value]
    return value


def from_data(kind: type[T], data: Any) -> T:
    """The record of type ``kind`` that ``to_data`` turned into ``data``."""
    return _read(kind, data)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _read(kind: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        inner = [k for k in typing.get_args(kind) if k is not type(None)]
        return _read(inner[0], data)
    if origin is tuple:
        args = typing.get_args(kind)
        return tuple(_read(args[0], v) for v in data)
    if isinstance(kind, type) and is_dataclass(kind):
        hints = _hints(kind)
        return kind(**{name: _read(hints[name], value) for name, value in data.items()})
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(data)
    if kind is datetime:
        return datetime.fromisoformat(data)
    if kind is float:
        return float(data)
    return data
