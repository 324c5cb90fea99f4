"""Request bodies both dialects take in the same shape. LiteMail documents almost no bodies; its
inferred ones follow the equivalent Zapmail body (litemail.yaml's rule), so the shapes they share
are written once, here."""
from __future__ import annotations

from typing import Annotated, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

from ..core.pagination import MAX_PAGE
from ..core.parsing import Query, Says
from ..domain.domains import DOMAIN_STATUSES
from .fields import NOT_SPACE, Email, ForwardTarget, Id, NonBlank, examples, non_empty


class Body(BaseModel):
    # strict: "1" is not a number and "true" not a boolean; unknown fields are ignored, as the
    # providers do. defer_build: a model's validator is built on its first use, not at start-up
    # (building every route's was a fifth of the cold start)
    model_config = ConfigDict(strict=True, extra="allow", defer_build=True)


class BillingFields(Body):
    """Required fields must not be blank (the domain's rule, declared here too). Example: Zapmail's
    docs (Add Billing Details)."""
    model_config = examples({"firstName": "Michael", "lastName": "Johnson", "company": "Tech Innovations",
                             "addressLineOne": "2207 Maple Avenue, Suite 500", "addressLineTwo": "Building B",
                             "addressLineThree": None, "city": "Dallas", "state": "Texas", "country": "US",
                             "postalCode": "75201", "phoneCc": "1", "phone": "2149876543"})
    firstName: NonBlank
    lastName: NonBlank
    company: Optional[str] = None
    addressLineOne: NonBlank
    addressLineTwo: Optional[str] = None
    addressLineThree: Optional[str] = None
    city: NonBlank
    state: Optional[str] = None
    country: NonBlank
    postalCode: NonBlank
    phoneCc: Optional[str] = None
    phone: Optional[str] = None
    languagePreference: Optional[str] = None


DomainStatus = Literal[DOMAIN_STATUSES]
# The domain's rule, stated: a bulk setting names its domains (domainIds) or at least one filter.
SELECTS = [{"required": ["domainIds"], "properties": {"domainIds": {"type": "array", "minItems": 1}}},
           {"required": ["contains"], "properties": {"contains": {"type": "string", "pattern": NOT_SPACE}}},
           {"required": ["status"], "properties": {"status": {"anyOf": [{"type": "array", "minItems": 1},
                                                                        {"type": "string", "minLength": 1}]}}},
           {"required": ["tagIds"], "properties": {"tagIds": {"type": "array", "minItems": 1}}}]


class DomainFilter(Body):
    """Bulk domain settings select their domains by domainIds or by filters. Example: ours (the
    reference has none)."""
    model_config = examples({"domainIds": ["64e71b99-bc07-4b5d-90b6-6abc0120c08c"]},
                            {"contains": "example", "status": "ACTIVE"}, json_schema_extra={"anyOf": SELECTS})
    domainIds: Optional[list[Id]] = None
    contains: Optional[str] = None
    status: Optional[Union[list[DomainStatus], DomainStatus, Literal[""]]] = None
    tagIds: Optional[list[str]] = None


class Dmarc(DomainFilter):
    """Example: observed (client code)."""
    model_config = examples({"domainIds": ["<id>"], "email": "dmarc@example.com", "contains": "", "tagIds": [],
                             "status": ["ACTIVE", "INACTIVE", "PENDING", "IN_PROGRESS", "EXPIRED"]}, json_schema_extra={"anyOf": SELECTS})
    email: Email


class Forwarding(DomainFilter):
    """Example: observed (client code)."""
    model_config = examples({"domainIds": ["g-d"], "forwardTo": "https://acme.com"}, json_schema_extra={"anyOf": SELECTS})
    forwardTo: ForwardTarget


class EmailTarget(DomainFilter):
    """Example: ours (the reference has none)."""
    model_config = examples({"domainIds": ["64e71b99-bc07-4b5d-90b6-6abc0120c08c"], "email": "inbox@example.com"}, json_schema_extra={"anyOf": SELECTS})
    email: Email


class ExportMailboxes(Body):
    """Export mailboxes to sending tools: ids pick mailboxes, or the filters select them. Example:
    Zapmail's docs."""
    model_config = examples({"apps": ["REACHINBOX"], "ids": ["a66ccca7-d465-464a-887b-90bce6d09bbb"], "excludeIds": [],
                             "tagIds": [], "status": "", "contains": ""})
    apps: non_empty(str)  # each dialect's model narrows the items to its own apps
    ids: Optional[list[Id]] = None
    excludeIds: Optional[list[Id]] = None
    tagIds: Optional[list[str]] = None
    contains: Optional[str] = None
    status: Optional[str] = None
    thirdPartyAccountId: Optional[str] = None


PAGINATION = Says("Invalid pagination parameters")  # the v3 pagination page's wording


class PageQuery(Query):
    """page >= 1 and limit >= 1 (a limit above the maximum is clamped, not refused)."""
    page: Annotated[Optional[int], Field(ge=1, le=MAX_PAGE), PAGINATION] = None
    limit: Annotated[Optional[int], Field(ge=1), PAGINATION] = None
