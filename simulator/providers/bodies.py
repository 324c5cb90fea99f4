"""Request bodies both dialects take in the same shape. LiteMail documents almost no bodies; its
inferred ones follow the equivalent Zapmail body (litemail.yaml's rule), so the shapes they share
are written once, here."""
from __future__ import annotations

from typing import Annotated, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

from ..core.pagination import MAX_PAGE
from ..core.parsing import Query, Says


class Body(BaseModel):
    # strict: "1" is not a number and "true" not a boolean; unknown fields are ignored, as the
    # providers do.
    model_config = ConfigDict(strict=True, extra="allow")


class BillingFields(Body):
    firstName: str
    lastName: str
    company: Optional[str] = None
    addressLineOne: str
    addressLineTwo: Optional[str] = None
    addressLineThree: Optional[str] = None
    city: str
    state: Optional[str] = None
    country: str
    postalCode: str
    phoneCc: Optional[str] = None
    phone: Optional[str] = None
    languagePreference: Optional[str] = None


class DomainFilter(Body):
    """Bulk domain settings select their domains by domainIds or by filters."""
    domainIds: Optional[list[str]] = None
    contains: Optional[str] = None
    status: Optional[Union[list[str], str]] = None
    tagIds: Optional[list[str]] = None


class Dmarc(DomainFilter):
    email: str


class Forwarding(DomainFilter):
    forwardTo: str


class EmailTarget(DomainFilter):
    email: str


class ExportMailboxes(Body):
    """Export mailboxes to sending tools: ids pick mailboxes, or the filters select them."""
    apps: list[str]
    ids: Optional[list[str]] = None
    excludeIds: Optional[list[str]] = None
    tagIds: Optional[list[str]] = None
    contains: Optional[str] = None
    status: Optional[str] = None
    thirdPartyAccountId: Optional[str] = None


PAGINATION = Says("Invalid pagination parameters")  # the v3 pagination page's wording


class PageQuery(Query):
    """page >= 1 and limit >= 1 (a limit above the maximum is clamped, not refused)."""
    page: Annotated[Optional[int], Field(ge=1, le=MAX_PAGE), PAGINATION] = None
    limit: Annotated[Optional[int], Field(ge=1), PAGINATION] = None
