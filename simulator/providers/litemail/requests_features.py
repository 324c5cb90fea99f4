"""Request models of the newer tree's own groups. None of these bodies is documented (every
route of these groups is inferred, shared/reference/litemail.yaml): the field names are ours,
camelCase as the documented LiteMail bodies are. The models reject wrong JSON types with a 400
naming the field; the domain checks the rest (lengths, existence, formats)."""
from __future__ import annotations

from typing import Optional

from ..bodies import Body
from .requests import parse  # noqa: F401  (a 400 whose errors name every bad field)


class CreateTag(Body):
    name: str
    color: Optional[str] = None
    domainIds: Optional[list[str]] = None
    mailboxIds: Optional[list[str]] = None


class UpdateTag(Body):
    name: Optional[str] = None
    color: Optional[str] = None
    domainIds: Optional[list[str]] = None
    mailboxIds: Optional[list[str]] = None


class CreatePlacementTest(Body):
    mailboxIds: list[str]
    name: Optional[str] = None
    providers: Optional[list[str]] = None


class CreateExportRecord(Body):
    app: str
    mailboxIds: list[str]
    status: Optional[str] = None
    note: Optional[str] = None


class SaveCloudflare(Body):
    """Save credentials ({apiToken, email?, accountId?, label?}), or connect a domain
    ({domainName} with credentialsId or the credentials inline)."""
    domainName: Optional[str] = None
    credentialsId: Optional[str] = None
    apiToken: Optional[str] = None
    email: Optional[str] = None
    accountId: Optional[str] = None
    label: Optional[str] = None


class CreateWebhook(Body):
    url: str
    events: Optional[list[str]] = None
    description: Optional[str] = None
