"""Request models of the later Tier B routes (custom OAuth, scheduled creation, invoices,
mailboxes of a subscription, the filtered domain list)."""
from __future__ import annotations

from typing import Annotated, Literal, Optional, Union

from pydantic import Field

from ...core.pagination import MAX_PAGE
from ..bodies import Body, DomainStatus
from ..fields import NOT_SPACE, SPACES, Id, Matches, NonBlank, examples, integer, non_empty

# Each entry needs a UUID mailboxId and a valid URL oauthLink (docs: Custom OAuth).
Uuid = Annotated[str, Matches(r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$",
                              "must be a UUID")]
Url = Annotated[str, Matches(rf"^https?://[^/{SPACES}]+{NOT_SPACE}*$", "must be a valid URL")]
_UUID_1, _UUID_2 = "6ba7b810-9dad-11d1-80b4-00c04fd430c8", "6ba7b811-9dad-11d1-80b4-00c04fd430c8"


class OAuthEntry(Body):
    mailboxId: Uuid
    oauthLink: Url


# keys are domain ids, each with its mailboxes' authorization links (docs)
PerDomain = Annotated[dict[Id, non_empty(OAuthEntry)], Field(min_length=1)]


class GoogleOAuth(Body):
    """appName and clientId are required when the google section is present (docs)."""
    appName: NonBlank
    clientId: NonBlank
    mailboxesPerDomain: PerDomain


class MicrosoftOAuth(Body):
    mailboxesPerDomain: PerDomain


class CustomOAuth(Body):
    """At least one of google and microsoft (docs). Example: ours, in the docs' structure (the
    reference's examples break the docs' own rule: their mailbox ids are not UUIDs)."""
    model_config = examples({"google": {"appName": "App", "clientId": "client", "mailboxesPerDomain": {
        "dom-1": [{"mailboxId": _UUID_1, "oauthLink": "https://example.com/oauth"}]}},
        "microsoft": {"mailboxesPerDomain": {"dom-2": [{"mailboxId": _UUID_2, "oauthLink": "https://example.com/ms"}]}}},
        json_schema_extra={"anyOf": [{"required": ["google"]}, {"required": ["microsoft"]}]})
    google: Optional[GoogleOAuth] = None
    microsoft: Optional[MicrosoftOAuth] = None


class BySubscription(Body):
    """Example: the docs'."""
    model_config = examples({"subscriptionId": "sub_1234567890"})
    subscriptionId: NonBlank


class FilteredDomains(Body):
    """Filters of Retrieve All Domains (With filters): status as one value (docs) or a list
    (observed live), contains, tagIds (observed) and sortBy ASC|DESC by creation (observed); page
    and limit in the body are ours (paging inputs are not captured), limit 10 by default (live).
    Example: observed (infra-bot)."""
    model_config = examples({"status": ["ACTIVE"]})
    status: Optional[Union[list[DomainStatus], DomainStatus]] = None
    contains: Optional[str] = None
    tagIds: Optional[list[Id]] = None
    sortBy: Optional[Literal["ASC", "DESC"]] = None
    page: Optional[integer(ge=1, le=MAX_PAGE)] = None
    limit: Optional[integer(ge=1)] = None
