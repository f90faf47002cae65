"""View models as JSON-ready data, and back (for the store's page cache).

``to_data`` is a plain dump of the dataclasses; ``from_data`` rebuilds them from their type hints,
so the cached form cannot drift from the model.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from typing import Any, TypeVar

T = TypeVar("T")


def to_data(view: object) -> Any:
    """A view model as dicts, lists, strings and numbers."""
    if dataclasses.is_dataclass(view) and not isinstance(view, type):
        return {f.name: to_data(getattr(view, f.name)) for f in dataclasses.fields(view)}
    if isinstance(view, (list, tuple)):
        return [to_data(v) for v in view]
    if isinstance(view, dict):
        return {str(k): to_data(v) for k, v in view.items()}
    if isinstance(view, (str, int, float, bool)) or view is None:
        return view
    return str(view)  # dates and the like in settings


def to_json(view: object) -> str:
    return json.dumps(to_data(view), ensure_ascii=False, indent=2) + "\n"


def from_data(kind: type[T], data: Any) -> T:
    """Rebuild a view model of type ``kind`` from ``to_data``'s output."""
    value: T = _build(kind, data)
    return value


@functools.lru_cache(maxsize=64)
def _hints(kind: type) -> dict[str, Any]:
    """A dataclass's resolved field types (resolving them is slow; the classes never change)."""
    return typing.get_type_hints(kind)


def _build(kind: Any, data: Any) -> Any:
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        hints = _hints(kind)
        return kind(
            **{
                f.name: _build(hints[f.name], data[f.name])
                for f in dataclasses.fields(kind)
                if f.name in data
            }
        )
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        if data is None:
            return None
        return _build(next(a for a in args if a is not type(None)), data)
    if origin is tuple:
        return tuple(_build(args[0], v) for v in data)
    if origin is dict:
        return {k: _build(args[1], v) for k, v in data.items()}
    if kind is float:
        return float(data)
    return data
