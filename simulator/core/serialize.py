"""Dataclass <-> JSON, lossless for the values the world holds.

A dataclass becomes {"$type": "ClassName", field: value, ...}; tuples, sets and dicts whose keys
are not strings get a tag too, because JSON would otherwise turn them into lists and string keys
and the restored world would compare, hash or index differently. Only registered classes are
rebuilt, so a snapshot cannot make the simulator instantiate arbitrary types.
"""
from __future__ import annotations

import dataclasses
import re
import types
import typing
from typing import Any, Iterable

TYPE, TUPLE, SET, PAIRS = "$type", "$tuple", "$set", "$pairs"


class Codec:
    def __init__(self, types: Iterable[type]):
        self.types: dict[str, type] = {}
        for cls in types:
            if not dataclasses.is_dataclass(cls):
                raise TypeError(f"{cls!r} is not a dataclass")
            self.types[cls.__name__] = cls
        self._fields = {name: [f.name for f in dataclasses.fields(cls)] for name, cls in self.types.items()}
        self._hints: dict[str, dict] = {}

    def hints(self, name: str) -> dict:
        """Field name -> type of a registered class (annotations may name other registered classes)."""
        if name not in self._hints:
            self._hints[name] = typing.get_type_hints(self.types[name], localns=dict(self.types))
        return self._hints[name]

    def encode(self, value: Any) -> Any:
        if value is None or isinstance(value, (str, bool, int, float)):
            return value
        if isinstance(value, list):
            return [self.encode(v) for v in value]
        if isinstance(value, dict):
            if all(isinstance(k, str) for k in value):
                if any(k.startswith("$") for k in value):
                    return {PAIRS: [[k, self.encode(v)] for k, v in value.items()]}
                return {k: self.encode(v) for k, v in value.items()}
            return {PAIRS: [[self.encode(k), self.encode(v)] for k, v in value.items()]}
        if isinstance(value, tuple):
            return {TUPLE: [self.encode(v) for v in value]}
        if isinstance(value, (set, frozenset)):
            return {SET: sorted((self.encode(v) for v in value), key=repr)}
        name = type(value).__name__
        if name in self.types and type(value) is self.types[name]:
            out = {TYPE: name}
            for field in self._fields[name]:
                out[field] = self.encode(getattr(value, field))
            return out
        raise TypeError(f"cannot serialise a {type(value).__name__}")

    def decode(self, data: Any, where: str = "$") -> Any:
        if data is None or isinstance(data, (str, bool, int, float)):
            return data
        if isinstance(data, list):
            return [self.decode(v, f"{where}[{i}]") for i, v in enumerate(data)]
        if not isinstance(data, dict):
            raise ValueError(f"{where}: unexpected {type(data).__name__}")
        if TYPE in data:
            return self._decode_object(data, where)
        if TUPLE in data:
            return tuple(self.decode(self._items(data, TUPLE, where), where))
        if SET in data:
            return set(self.decode(self._items(data, SET, where), where))
        if PAIRS in data:
            out = {}
            for i, pair in enumerate(self._items(data, PAIRS, where)):
                if not isinstance(pair, list) or len(pair) != 2:
                    raise ValueError(f"{where}.{PAIRS}[{i}]: expected a [key, value] pair")
                out[self.decode(pair[0], where)] = self.decode(pair[1], f"{where}[{pair[0]!r}]")
            return out
        return {k: self.decode(v, f"{where}.{k}") for k, v in data.items()}

    @staticmethod
    def _items(data: dict, tag: str, where: str) -> list:
        if len(data) != 1 or not isinstance(data[tag], list):
            raise ValueError(f"{where}: {tag} must be the only key and hold a list")
        return data[tag]

    def _decode_object(self, data: dict, where: str) -> Any:
        name = data[TYPE]
        cls = self.types.get(name) if isinstance(name, str) else None
        if cls is None:
            raise ValueError(f"{where}: unknown type {name!r}")
        fields = self._fields[name]
        unknown = set(data) - set(fields) - {TYPE}
        if unknown:
            raise ValueError(f"{where}: {name} has no field(s) {', '.join(sorted(unknown))}")
        kwargs = {f: self.decode(data[f], f"{where}.{f}") for f in fields if f in data}
        hints = self.hints(name)
        for f, value in kwargs.items():  # typed like the model, or a later read would fail on it
            if not conforms(value, hints[f]):
                raise ValueError(f"{where}.{f}: expected {_spell(hints[f])}, got {_sample(value)}")
        try:
            return cls(**kwargs)
        except TypeError as exc:
            raise ValueError(f"{where}: cannot build {name}: {exc}") from None


def conforms(value: Any, hint: Any) -> bool:
    """Whether `value` fits the annotation `hint` (the subset of typing the models use)."""
    if hint is Any or hint is object:
        return True
    if hint is None or hint is type(None):
        return value is None
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return any(conforms(value, a) for a in args)
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if origin is None:
        return isinstance(value, hint) if isinstance(hint, type) else True
    if not isinstance(value, origin):
        return False
    if origin in (list, set, frozenset) and args:
        return all(conforms(v, args[0]) for v in value)
    if origin is dict and args:
        return all(conforms(k, args[0]) and conforms(v, args[1]) for k, v in value.items())
    if origin is tuple and args:
        if len(args) == 2 and args[1] is Ellipsis:
            return all(conforms(v, args[0]) for v in value)
        return len(value) == len(args) and all(conforms(v, a) for v, a in zip(value, args))
    return True


def _spell(hint: Any) -> str:
    if isinstance(hint, type):
        return hint.__name__
    return re.sub(r"\b(?:[A-Za-z_]\w*\.)+(\w+)", r"\1", str(hint))  # typing.Optional -> Optional


def _sample(value: Any) -> str:
    text = repr(value)
    return f"{type(value).__name__} {text[:40]}{'...' if len(text) > 40 else ''}"
