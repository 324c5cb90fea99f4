"""What every LiteMail handler group shares: the list shape and path ids."""
from __future__ import annotations

from ....core.errors import NotFound
from ....core.pagination import MAX_LIMIT, paginate, parse_page_args
from .. import render, wire


def page_args(call) -> tuple[int, int]:
    """page and limit as the route's query model validated them (PageQuery); a limit above the
    maximum is clamped here, so any number the document allows is taken."""
    q = call.args
    return parse_page_args(q.page, None if q.limit is None else min(q.limit, MAX_LIMIT))


def listing(call, message: str, key: str, rows, row) -> object:
    """The one LiteMail list shape (inferred; see render.py): ?page=&limit= ->
    data {<key>: [...], pagination: {page, limit, total, totalPages}}."""
    page, limit = page_args(call)
    pg = paginate(rows, page, limit)
    return wire.ok(message, render.page(key, [row(x) for x in pg.items], pg))


def path_id(call, name: str) -> str:
    """The path parameter, trimmed. The document allows any non-empty segment, so a blank one is
    not malformed: it names nothing, and the lookup answers 404 as for any unknown id."""
    value = (call.path_params.get(name) or "").strip()
    if not value:
        raise NotFound(f"Nothing has a blank {name}", field=name)
    return value

