"""The domain names the fields of its errors in neutral terms (mailboxes[0].username,
changes[1].mailboxId, platform); a dialect maps each path to the field its own request used, in
the error's field and in its message."""
from __future__ import annotations

import copy
from typing import Callable, Optional

from ..core.errors import SimError

Rename = Callable[[str], Optional[str]]  # a neutral path -> the wire's (None: keep it)


def _swap(text: str, old: Optional[str], new: Optional[str]) -> str:
    return text.replace(old, new) if old and new and old != new else text


def renamed(exc: SimError, rename: Rename) -> SimError:
    """A copy of `exc` whose fields (and their mentions in the messages) are the wire's."""
    mapped = {}
    for e in exc.errors:
        if e.get("field"):
            mapped[e["field"]] = rename(e["field"]) or e["field"]
    if exc.field and exc.field not in mapped:
        mapped[exc.field] = rename(exc.field) or exc.field
    out = copy.copy(exc)
    out.errors = [{**e, "field": mapped.get(e.get("field"), e.get("field")),
                   "message": _swap(e["message"], e.get("field"), mapped.get(e.get("field")))} for e in exc.errors]
    out.field = mapped.get(exc.field, exc.field)
    out.message = _swap(exc.message, exc.field, out.field)
    if not exc.field and out.errors and exc.message == exc.errors[0]["message"]:
        out.message = out.errors[0]["message"]  # a list's first problem is the headline
    out.args = (out.message,)
    return out


class wire_fields:
    """Run a domain call; an error it raises comes out with the wire's field names. (A class, not
    a generator context manager: it is on every Zapmail request's path, and this costs less.)"""

    __slots__ = ("rename",)

    def __init__(self, rename: Rename) -> None:
        self.rename = rename

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, exc, tb) -> bool:
        if exc is not None and isinstance(exc, SimError):
            raise renamed(exc, self.rename) from None
        return False
