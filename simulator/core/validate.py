"""Small value checks shared by every domain module and dialect: one wording per rule."""
from __future__ import annotations

from typing import Optional

from .errors import Invalid


def text(value, field: str, *, required: bool = True, limit: int = 500) -> Optional[str]:
    """A non-empty string of at most `limit` characters, stripped; None passes when optional."""
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise Invalid(f"{field} must be a non-empty string", field=field)
    if len(value) > limit:
        raise Invalid(f"{field} must be at most {limit} characters", field=field)
    return value.strip()


def explain(exc) -> str:
    """A pydantic ValidationError as one line naming each bad field (the first five)."""
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err["loc"]) or "body"
        if err["type"] == "extra_forbidden":
            parts.append(f"unknown field {where}")
        elif err["type"] == "missing":
            parts.append(f"{where} is required")
        else:
            parts.append(f"{where}: {err['msg'][0].lower()}{err['msg'][1:]}")
    return "; ".join(parts)
