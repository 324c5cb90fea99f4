"""Request bodies checked against pydantic models: every dialect's `parse` turns a model's
validation failure into field-named errors here, so the wording of type errors is one."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import Invalid

_PLAIN = {"string_type": "must be a string", "bool_type": "must be a boolean", "int_type": "must be an integer",
          "float_type": "must be a number", "list_type": "must be an array", "dict_type": "must be an object",
          "model_type": "must be an object", "int_from_float": "must be an integer",
          "model_attributes_type": "must be an object"}


def field_errors(exc: ValidationError) -> list[dict]:
    """[{field, message}] for every problem pydantic found, fields written as the domain layer
    writes them: a.b, items[0].c."""
    out = []
    for err in exc.errors():
        where = ""
        for part in err["loc"]:
            where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
        where = where or "body"
        kind = err["type"]
        problem = "is required" if kind == "missing" else _PLAIN.get(kind, err["msg"][0].lower() + err["msg"][1:])
        out.append({"field": where, "message": f"{where} {problem}"})
    return out


def validate(body: Any, model: type[BaseModel], *, all_errors: bool = False) -> BaseModel:
    """A JSON object checked against `model`; a missing body counts as {}. Invalid carries the
    first problem as its message and, with all_errors, every problem in its errors list."""
    if body is None:
        body = {}
    if not isinstance(body, dict):
        raise Invalid("Request body must be a JSON object", field="body")
    try:
        return model.model_validate(body)
    except ValidationError as exc:
        problems = field_errors(exc)
        raise Invalid(problems[0]["message"], field=problems[0]["field"],
                      errors=problems if all_errors else None) from None
