"""Answer shapes of the later Tier B routes; the shared ones (Mailbox, DomainsPage) are in
responses.py."""
from __future__ import annotations

from typing_extensions import TypedDict

from .responses import FORBID


class OAuthStarted(TypedDict):
    """data.exportId (a public client reads it, then polls the export status)."""
    __pydantic_config__ = FORBID
    exportId: int


class InvoiceUrl(TypedDict):
    """data.invoiceUrl (docs schema)."""
    __pydantic_config__ = FORBID
    invoiceUrl: str
