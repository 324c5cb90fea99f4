"""Answer shapes of the Zap Sites group: none is observed (the reference has the paths and the
request fields only). Ours, snake_case as the group's request bodies are."""
from __future__ import annotations

from typing import Literal, Optional

from typing_extensions import TypedDict

from ...domain import sites
from .requests_zapsites import FORM_FIELD_TYPES
from .responses import FORBID


class SiteScan(TypedDict):
    __pydantic_config__ = FORBID
    url: str
    domain: str
    title: str
    description: str
    keywords: list[str]
    primary_color: str
    industry: str
    has_form: bool


class SiteContent(TypedDict):
    __pydantic_config__ = FORBID
    headline: str
    subheadline: str
    cta_label: str
    tone: str


class SiteFormField(TypedDict):
    __pydantic_config__ = FORBID
    name: str
    label: Optional[str]
    type: Literal[FORM_FIELD_TYPES]
    required: bool


class SiteDeployment(TypedDict):
    __pydantic_config__ = FORBID
    domain_ids: list[str]
    urls: list[str]
    indexing: bool
    tracking: bool
    form_enabled: bool
    deployed_at: Optional[str]


class ZapSite(TypedDict):
    __pydantic_config__ = FORBID
    id: str
    workspace_id: str
    name: str
    destination_url: str
    status: Literal[sites.STATUSES]
    version: int
    campaign_context: Optional[str]
    audience: list[str]
    cta_label: Optional[str]
    theme: Literal[sites.THEMES]
    notify_email: Optional[str]
    form_fields: list[SiteFormField]
    content: Optional[SiteContent]  # null while GENERATING
    deployment: Optional[SiteDeployment]  # null until deployed
    created_at: str
    updated_at: str
