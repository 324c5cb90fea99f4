"""An update must name a field it can change, and only fields it knows: a body (or one change
of a list) naming none, or an unknown one, is a 400 that lists the fields that can change, not
a silent 200. Declared on the model, so the document states it too (additionalProperties false,
and at least one changeable field required)."""
from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, model_validator


def changes(targets: tuple[str, ...], fields: tuple[str, ...], *schema: dict) -> tuple[ConfigDict, Any]:
    """(config, validator) for a model whose `targets` name what to update and whose `fields`
    are the values it can change. `schema`: the model's other JSON Schema rules."""
    listed = ", ".join(fields)
    rules = [{"anyOf": [{"required": [f]} for f in fields]}, *schema]
    config = ConfigDict(strict=True, extra="forbid", json_schema_extra={"allOf": rules})

    def check(cls, data):
        if isinstance(data, dict):
            unknown = [k for k in data if k not in targets and k not in fields]
            if unknown:
                raise ValueError(f"has a field that cannot change ({unknown[0]}): the fields that can change are {listed}")
            if not any(k in data for k in fields):
                raise ValueError(f"must name a field to change: one of {listed}")
        return data

    return config, model_validator(mode="before")(check)
