"""A small JSON-schema validator for the subset the generated OpenAPI documents use ($ref, anyOf,
type, enum, const, properties, required, additionalProperties, items, minLength, minimum).

It returns the FIRST difference as (JSON path, message), which is what the divergence report
needs; a full validator's list of every error would bury the one that matters.
"""
from __future__ import annotations

from typing import Any, Optional

TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


def _is(value: Any, kind: str) -> bool:
    if kind == "integer":
        return (isinstance(value, int) and not isinstance(value, bool)) or (isinstance(value, float)
                                                                            and value.is_integer())
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, TYPES[kind])


def json_type(value: Any) -> str:
    for kind in ("null", "boolean", "integer", "number", "string", "array", "object"):
        if _is(value, kind):
            return kind
    return type(value).__name__


def _resolve(schema: dict, doc: dict) -> dict:
    while "$ref" in schema:
        node: Any = doc
        for part in schema["$ref"].lstrip("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def first_difference(value: Any, schema: dict, doc: dict, path: str = "$") -> Optional[tuple[str, str]]:
    schema = _resolve(schema, doc)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            found = [first_difference(value, option, doc, path) for option in schema[key]]
            if any(f is None for f in found):
                break
            # report the option of the value's own JSON type, when there is one: its detail helps
            deeper = [f for f in found if f[0] != path]
            return deeper[0] if deeper else (path, f"expected {_describe(schema, doc)}, got {json_type(value)}")
    for option in schema.get("allOf", []):
        hit = first_difference(value, option, doc, path)
        if hit:
            return hit
    if "const" in schema and value != schema["const"]:
        return path, f"expected {schema['const']!r}, got {value!r}"
    kind = schema.get("type")
    if kind is not None:
        kinds = kind if isinstance(kind, list) else [kind]
        if not any(_is(value, k) for k in kinds):
            return path, f"expected {'|'.join(kinds)}, got {json_type(value)} ({_short(value)})"
    if "enum" in schema and value not in schema["enum"]:
        return path, f"{value!r} is not one of {schema['enum']}"
    if isinstance(value, str) and len(value) < schema.get("minLength", 0):
        return path, f"string shorter than {schema['minLength']}"
    if _is(value, "number") and "minimum" in schema and value < schema["minimum"]:
        return path, f"{value} is below {schema['minimum']}"
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for name in schema.get("required", []):
            if name not in value:
                return f"{path}.{name}", "required key is missing"
        extra = schema.get("additionalProperties", True)
        for name, item in value.items():
            where = f"{path}.{name}"
            if name in props:
                hit = first_difference(item, props[name], doc, where)
            elif extra is False:
                hit = (where, "key is not documented")
            elif isinstance(extra, dict):
                hit = first_difference(item, extra, doc, where)
            else:
                hit = None
            if hit:
                return hit
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            hit = first_difference(item, schema["items"], doc, f"{path}[{i}]")
            if hit:
                return hit
    return None


def _describe(schema: dict, doc: dict) -> str:
    kinds = []
    for option in schema.get("anyOf", schema.get("oneOf", [])):
        option = _resolve(option, doc)
        kinds.append(str(option.get("type", option.get("title", "value"))))
    return " or ".join(kinds)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) < 60 else text[:57] + "..."
