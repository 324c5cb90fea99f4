"""Page/limit parsing and slicing, shared by every list endpoint of both providers."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Sequence

from .errors import Invalid

MAX_LIMIT = 1000
# Larger page numbers are refused like a page below 1: no list is that long, and a 20-digit page
# echoed in `pagination` overflowed the JSON encoder (a 500 outside the envelope).
MAX_PAGE = 1_000_000_000


@dataclass
class Page:
    items: list
    total: int
    page: int
    limit: int

    @property
    def total_pages(self) -> int:
        # ceil(total/limit), 0 when nothing matched (observed live on /v2/mailboxes/list).
        return math.ceil(self.total / self.limit) if self.total else 0


def parse_page_args(page: Any, limit: Any, *, default_limit: int = 10) -> tuple[int, int]:
    """page and limit arrive as strings (the docs type them so) or ints. page below 1, limit
    below 1 or a non-numeric value -> 400 'Invalid pagination parameters' (the v3 pagination
    page's rule names page below 1, negative limit and non-numeric values); a limit above
    MAX_LIMIT is clamped to it, not refused (that rule names no upper bound as invalid)."""
    def to_int(value: Any, default: int) -> int:
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            raise Invalid("Invalid pagination parameters", field="page")
        if isinstance(value, int):  # a query model parsed it already: any size is an integer (limit clamps)
            return value
        text = str(value).strip()
        if len(text) > 20:  # int() of a huge digit string is slow; no valid value is that long
            raise Invalid("Invalid pagination parameters", field="page")
        try:
            return int(text)
        except ValueError:
            raise Invalid("Invalid pagination parameters", field="page") from None

    p = to_int(page, 1)
    n = to_int(limit, default_limit)
    if p < 1 or n < 1 or p > MAX_PAGE:
        raise Invalid("Invalid pagination parameters", field="limit" if 1 <= p <= MAX_PAGE else "page")
    return p, min(n, MAX_LIMIT)


def paginate(items: Sequence, page: int, limit: int) -> Page:
    start = (page - 1) * limit
    return Page(items=list(items[start:start + limit]), total=len(items), page=page, limit=limit)
