"""Request bodies and query strings checked against the models a route declares, before its
handler runs: every validation failure becomes field-named errors here, so the wording of type
errors is one for both dialects. A field may carry its own wording (`Says`), where a provider's
message for a rule is known."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import Invalid

_PLAIN = {"string_type": "must be a string", "bool_type": "must be a boolean", "int_type": "must be an integer",
          "float_type": "must be a number", "list_type": "must be an array", "dict_type": "must be an object",
          "model_type": "must be an object", "int_from_float": "must be an integer",
          "model_attributes_type": "must be an object", "int_parsing": "must be an integer",
          "float_parsing": "must be a number", "bool_parsing": "must be a boolean",
          "string_too_short": "must not be empty", "too_short": "must not be empty",
          "missing": "is required"}


@dataclass(frozen=True)
class Says:
    """Annotated metadata: the message a failure on this field answers with (a provider's own
    wording, e.g. 'Invalid pagination parameters'). Pydantic ignores it; field_errors reads it."""
    message: str


class Query(BaseModel):
    """A query string: values arrive as strings, so numbers and booleans are converted (lax);
    parameters nobody declared are ignored, as the providers do."""
    model_config = ConfigDict(extra="ignore", populate_by_name=True, defer_build=True)  # built on first use


def _own_message(model: type[BaseModel], loc: tuple) -> str | None:
    if not loc or not isinstance(loc[0], str):
        return None
    info = model.model_fields.get(loc[0])
    if info is None:
        for candidate in model.model_fields.values():  # an aliased field reports its alias
            if candidate.alias == loc[0]:
                info = candidate
                break
    for meta in (info.metadata if info else ()):
        if isinstance(meta, Says):
            return meta.message
    return None


def _problem(err: dict, missing: str = "is required") -> str:
    kind = err["type"]
    if kind == "missing":
        return missing
    if kind in _PLAIN and not (kind in ("too_short", "string_too_short") and err.get("ctx", {}).get("min_length", 1) > 1):
        return _PLAIN[kind]
    if kind in ("literal_error", "enum"):
        return "must be one of " + err["ctx"]["expected"].replace("'", "").replace(" or ", ", ")
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        word = {"greater_than": "greater than", "greater_than_equal": "at least", "less_than": "less than",
                "less_than_equal": "at most"}[kind]
        bound = next(iter(err["ctx"].values()))
        return f"must be {word} {bound}"
    if kind == "too_long":
        return f"must have at most {err['ctx']['max_length']} items"
    if kind == "string_too_long":
        return f"must be at most {err['ctx']['max_length']} characters"
    if kind in ("too_short", "string_too_short"):
        return f"must have at least {err['ctx']['min_length']} items"
    if kind == "string_pattern_mismatch":
        return "is not valid"
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    return msg[0].lower() + msg[1:]


def field_errors(exc: ValidationError, model: type[BaseModel] | None = None, missing: str = "is required") -> list[dict]:
    """[{field, message}] for every problem pydantic found, fields written as the domain layer
    writes them: a.b, items[0].c."""
    out = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if p not in ("root",))
        # a union's members are not part of the field's path
        loc = tuple(p for p in loc if not (isinstance(p, str) and ("[" in p or p in ("str", "list", "int", "bool"))))
        where = ""
        for part in loc:
            where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
        where = where or "body"
        own = _own_message(model, loc) if model is not None else None
        out.append({"field": where, "message": own or f"{where} {_problem(err, missing)}"})
    # pydantic reports each member of a union separately: one line per field is enough
    seen, unique = set(), []
    for e in out:
        if e["field"] not in seen:
            seen.add(e["field"])
            unique.append(e)
    return unique


def validate(body: Any, model: type[BaseModel], *, all_errors: bool = False) -> BaseModel:
    """A JSON object checked against `model`; a missing body counts as {}. Invalid carries the
    first problem as its message and, with all_errors, every problem in its errors list."""
    if body is None:
        body = {}
    root = "root" in model.model_fields and getattr(model, "__pydantic_root_model__", False)
    if not root and not isinstance(body, dict):
        raise Invalid("Request body must be a JSON object", field="body")
    try:
        return model.model_validate(body)
    except ValidationError as exc:
        raise _invalid(exc, model, all_errors) from None


def validate_query(query: Mapping[str, str], model: type[BaseModel], *, all_errors: bool = False) -> BaseModel:
    """The query string checked against `model`: an empty value counts as absent."""
    try:
        return model.model_validate({k: v for k, v in query.items() if v != ""})
    except ValidationError as exc:
        raise _invalid(exc, model, all_errors, "query parameter is required") from None


def _invalid(exc: ValidationError, model: type[BaseModel], all_errors: bool, missing: str = "is required") -> Invalid:
    problems = field_errors(exc, model, missing)
    return Invalid(problems[0]["message"], field=problems[0]["field"], errors=problems if all_errors else None)
