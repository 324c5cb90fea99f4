"""Request models of the Zap Sites group (Tier C, observed): body fields as a doc-derived public
client sends them, snake_case unlike most of the API. Scan and deploy are GETs whose docs list
body fields: their fields are read from the query string, or from a JSON body as that client
sends them (the reference's advice); the merged values are checked against the body models here.
Field rules beyond the names and types the reference gives (lengths, themes, form field types)
are ours."""
from __future__ import annotations

from typing import Annotated, Literal, Optional

from pydantic import ConfigDict, Field, model_validator

from ...core.parsing import Query
from ...domain import sites
from ..bodies import Body
from ..fields import Email, HttpUrl, Id, examples, non_blank, non_empty

FORM_FIELD_TYPES = ("text", "email", "phone", "textarea")
MAX_DEPLOY_DOMAINS = 100  # ours: a bound on one call


class ScanQuery(Query):
    """url, in the query (or a JSON body): one of the two must carry it."""
    model_config = ConfigDict(json_schema_extra={"x-requires-one-of": ["url"]})
    url: Optional[HttpUrl] = None


class Scan(Body):
    """Example: observed (client code)."""
    model_config = examples({"url": "https://example.com"})
    url: HttpUrl


class CreateSite(Body):
    """Example: ours (the reference has none)."""
    model_config = examples({"destination_url": "https://acme.example/demo", "name": "Acme demo",
                             "campaign_context": "Q3 outbound to logistics leads", "audience": ["operations leaders"],
                             "cta_label": "Book a demo", "theme": "light"})
    destination_url: HttpUrl
    name: Optional[non_blank(100)] = None
    campaign_context: Optional[Annotated[str, Field(max_length=2000)]] = None
    audience: Optional[Annotated[list[non_blank(100)], Field(max_length=20)]] = None
    cta_label: Optional[non_blank(60)] = None
    theme: Optional[Literal[sites.THEMES]] = None


class SiteFormFieldIn(Body):
    name: non_blank(60)
    label: Optional[non_blank(100)] = None
    type: Optional[Literal[FORM_FIELD_TYPES]] = None
    required: Optional[bool] = None


CHANGEABLE = ("name", "notify_email", "form_fields")


class UpdateSite(Body):
    """The three fields the docs list, all required there; any other field is refused with the
    list of changeable ones. Example: ours (the reference has none)."""
    model_config = examples({"name": "Acme demo", "notify_email": "leads@acme.example",
                             "form_fields": [{"name": "email", "label": "Work email", "type": "email", "required": True}]},
                            extra="forbid")
    name: non_blank(100)
    notify_email: Email
    form_fields: Annotated[list[SiteFormFieldIn], Field(max_length=30)]

    @model_validator(mode="before")
    @classmethod
    def _known_fields(cls, value):
        if isinstance(value, dict):
            unknown = sorted(k for k in value if k not in CHANGEABLE)
            if unknown:
                raise ValueError(f"Unknown field {unknown[0]!r}: the changeable fields are {', '.join(CHANGEABLE)}")
        return value


class RegenerateSite(Body):
    """Example: ours (the reference has none)."""
    model_config = examples({"notes": "Shorter headline, mention the free trial"})
    notes: non_blank(2000)


class DeployQuery(Query):
    """The deploy settings in the query (domainIds comma-separated), or as a JSON body."""
    domainIds: Optional[str] = Field(None, description="comma-separated domain ids")
    indexing: Optional[bool] = None
    tracking: Optional[bool] = None
    form_enabled: Optional[bool] = None


class Deploy(Body):
    """Example: ours (the reference has none)."""
    model_config = examples({"domainIds": ["64e71b99-bc07-4b5d-90b6-6abc0120c08c"], "indexing": True,
                             "tracking": False, "form_enabled": False})
    domainIds: non_empty(Id, most=MAX_DEPLOY_DOMAINS)
    indexing: bool
    tracking: bool
    form_enabled: bool
