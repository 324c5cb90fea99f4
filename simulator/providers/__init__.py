"""Provider dialects. Each package maps its provider's wire format onto the shared domain."""
from __future__ import annotations


def all_dialects(routes_override=None):
    """Every dialect, in matching order. `routes_override` moves LiteMail routes (see
    providers/litemail/routes.py)."""
    from .litemail.dialect import LiteMailDialect
    from .zapmail.dialect import ZapmailDialect

    return [ZapmailDialect(), LiteMailDialect(routes_override)]
