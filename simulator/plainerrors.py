"""Validation errors in plain words: `advanceSeconds: must be a number`, never pydantic's
internals (`advanceSeconds.int: Input should be...`, union member tags, error URLs). One place for
the control plane and the command line."""
from __future__ import annotations

from typing import Any, Iterable

from pydantic import ValidationError

# pydantic error type -> what it means to someone who sent the value
_PHRASES = {
    "missing": "is required",
    "extra_forbidden": "unknown field",
    "int_type": "must be a whole number", "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_type": "must be a number", "float_parsing": "must be a number",
    "bool_type": "must be true or false", "bool_parsing": "must be true or false",
    "string_type": "must be a string", "list_type": "must be a list", "dict_type": "must be an object",
    "model_type": "must be an object", "model_attributes_type": "must be an object",
    "none_required": "must be null", "finite_number": "must be a finite number",
}


def _phrase(err: Any) -> str:
    kind = err["type"]
    if kind in _PHRASES:
        return _PHRASES[kind]
    ctx = err.get("ctx") or {}
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        words = {"greater_than": "greater than", "greater_than_equal": "greater than or equal to",
                 "less_than": "less than", "less_than_equal": "less than or equal to"}[kind]
        bound = next(iter(ctx.values()), "")
        return f"must be {words} {bound}"
    if kind == "literal_error" and "expected" in ctx:
        return f"must be one of {ctx['expected']}"
    if kind == "enum" and "expected" in ctx:
        return f"must be one of {ctx['expected']}"
    if kind == "value_error":  # our own validators: their message is already in plain words
        return str(ctx.get("error", err["msg"]))
    message = str(err["msg"])
    return message[:1].lower() + message[1:]


def _where(loc: Iterable[Any], data: Any) -> str:
    """The field's path in the input. pydantic adds the name of each union member it tried
    (`int`, `function-after[...]`) to `loc`; those are not keys of the input, so walking the
    input along `loc` drops them."""
    parts: list[str] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
            parts.append(str(part))
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            parts.append(f"[{part}]")
        elif node is data or isinstance(node, dict) and isinstance(part, str) and not _is_tag(part):
            parts.append(str(part))  # a missing field: name it
            node = None
    return ".".join(parts).replace(".[", "[") or "body"


def _is_tag(part: str) -> bool:
    return "[" in part or part in ("int", "float", "str", "bool", "list", "dict", "none", "null")


def explain_errors(exc: ValidationError, data: Any, limit: int = 5) -> list[tuple[str, str]]:
    """(field path, plain phrase) per problem, one per field (a union's members fold into one)."""
    seen: dict[str, list[str]] = {}
    for err in exc.errors():
        where = _where(err["loc"], data)
        phrase = _phrase(err)
        phrases = seen.setdefault(where, [])
        if phrase not in phrases:
            phrases.append(phrase)
    out = []
    for where, phrases in list(seen.items())[:limit]:
        if "must be a number" in phrases and "must be a whole number" in phrases:
            phrases.remove("must be a whole number")  # an int or a float: a number
        if len(phrases) > 1:  # several union members refused it: say what would have been accepted
            phrases = [" or ".join(p.removeprefix("must be ") for p in phrases)]
            phrases[0] = "must be " + phrases[0]
        out.append((where, phrases[0]))
    return out


def explain(exc: ValidationError, data: Any) -> str:
    return "; ".join(_line(where, phrase) for where, phrase in explain_errors(exc, data))


def _line(where: str, phrase: str) -> str:
    return f"{phrase} {where}" if phrase == "unknown field" else f"{where}: {phrase}"
