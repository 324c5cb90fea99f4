"""Request models of the newer tree's own groups. None of these bodies is documented (every
route of these groups is inferred, shared/reference/litemail.yaml): the field names are ours,
camelCase as the documented LiteMail bodies are. The models state every rule on one field's
shape (a 400 naming the field); the domain checks what needs state (existence, names taken,
mailboxes still active, limits per workspace)."""
from __future__ import annotations

from typing import Annotated, Literal, Optional

from pydantic import Field

from ...domain import export_history, placement, tags
from ..bodies import Body
from ..fields import SPACE, SPACES, DomainName, HttpUrl, Matches, examples, non_empty
from .requests import LooseEmail, parse, text  # noqa: F401  (parse: a 400 whose errors name every bad field)

# The event names a LiteMail webhook can subscribe to, by the core's event kind. LiteMail
# documents none: ours, the names Zapmail's live API accepts where they fit.
WEBHOOK_EVENTS = {"mailbox.status": "mailbox.updated", "mailbox.removed": "mailbox.updated",
                  "domain.status": "domain.updated", "connection.status": "domain.connection_status_changed",
                  "placement.status": "placement_test.status_changed"}
EVENT_NAMES = tuple(sorted(set(WEBHOOK_EVENTS.values())))

TagTargets = Annotated[list[str], Field(max_length=tags.MAX_TARGETS)]
HexColor = Annotated[str, Matches(rf"^{SPACE}*#(?:[0-9A-Fa-f]{{3}}|[0-9A-Fa-f]{{6}}){SPACE}*$", "must be a hex colour such as #FF5733")]


class CreateTag(Body):
    """Inferred (ours)."""
    model_config = examples({"name": "Q3 campaign", "color": "#FF5733", "mailboxIds": ["cmghw714w0004p2i04b8j0m51"]})
    name: text(tags.MAX_NAME)
    color: Optional[HexColor] = None
    domainIds: Optional[TagTargets] = None
    mailboxIds: Optional[TagTargets] = None


class UpdateTag(Body):
    """Inferred (ours): domainIds / mailboxIds, when given, replace the set carrying the tag;
    "color": null clears the colour."""
    model_config = examples({"name": "Q4 campaign", "color": None})
    name: Optional[text(tags.MAX_NAME)] = None
    color: Optional[HexColor] = None
    domainIds: Optional[TagTargets] = None
    mailboxIds: Optional[TagTargets] = None


class CreatePlacementTest(Body):
    """Inferred (ours): active mailboxes to test, against some or all seed providers."""
    model_config = examples({"mailboxIds": ["cmghw714w0004p2i04b8j0m51"], "name": "Warmup check", "providers": ["GOOGLE", "MICROSOFT"]})
    mailboxIds: non_empty(str, most=placement.MAX_MAILBOXES)
    name: Optional[text(placement.MAX_NAME)] = None
    providers: Optional[non_empty(Literal[placement.PROVIDERS])] = None


class CreateExportRecord(Body):
    """Inferred (ours): a manual entry in the export history."""
    model_config = examples({"app": "SMARTLEAD", "mailboxIds": ["cmghw714w0004p2i04b8j0m51"], "status": "COMPLETED",
                             "note": "uploaded by hand"})
    app: text(export_history.MAX_APP)
    mailboxIds: non_empty(str, most=export_history.MAX_IDS)
    status: Optional[Literal[export_history.RECORD_STATUSES]] = None
    note: Optional[Annotated[str, Field(max_length=export_history.MAX_NOTE)]] = None


# Cloudflare's own formats: an API token of letters, digits, '-' and '_'; a 32-hex account id.
ApiToken = Annotated[str, Matches(rf"^{SPACE}*[A-Za-z0-9_-]{{20,200}}{SPACE}*$", "must be 20-200 letters, digits, '-' or '_'")]
AccountId = Annotated[str, Matches(r"^[0-9a-fA-F]{32}$", "must be a 32-character hexadecimal Cloudflare account id")]


# apiToken (save, and connect domainName with it), or credentialsId with a domainName to connect;
# never both (the handler enforces it; none of the three may be null)
CLOUDFLARE_RULE = {"x-requires-one-of": ["apiToken", "credentialsId"],
                   "anyOf": [{"required": ["apiToken"]}, {"required": ["credentialsId", "domainName"]}],
                   "not": {"required": ["apiToken", "credentialsId"]}}


class SaveCloudflare(Body):
    """Inferred (ours): save credentials ({apiToken, email?, accountId?, label?}), or connect a
    domain ({domainName} with credentialsId or the credentials inline)."""
    model_config = examples({"apiToken": "cf_token_0123456789abcdefghij", "email": "ops@example.com",
                             "label": "main account"},
                            {"domainName": "b2bforcelabs.com", "credentialsId": "cmgcf00000001la04ctg7t1j4"},
                            json_schema_extra=CLOUDFLARE_RULE)
    domainName: DomainName = None
    credentialsId: str = None
    apiToken: ApiToken = None
    email: Optional[LooseEmail] = None
    accountId: Optional[AccountId] = None
    label: Optional[text(100)] = None


class CreateWebhook(Body):
    """Inferred (ours): an http(s) endpoint (loopback, localhost or a single-label host unless
    the simulator allows more) and the events it receives (every one when left out)."""
    model_config = examples({"url": "http://localhost:9000/hooks", "events": ["mailbox.updated"],
                             "description": "status changes"})
    url: HttpUrl
    events: Optional[non_empty(Literal[EVENT_NAMES])] = None
    description: Optional[Annotated[str, Field(max_length=500)]] = None
