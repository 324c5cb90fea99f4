"""Provider dialects. Each package maps its provider's wire format onto the shared domain."""
from __future__ import annotations


def all_dialects():
    from .zapmail.dialect import ZapmailDialect

    return [ZapmailDialect()]
