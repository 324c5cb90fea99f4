"""Landing sites generated for a destination URL and deployed on domains of the workspace.

A site is GENERATING when created or regenerated and READY once generation is done (on the
clock); deploying it on domains makes it DEPLOYING, then DEPLOYED. What generation writes (the
page's headline, text and call to action) and what a scan of a URL finds are derived from a hash
of their inputs, so the same site or URL always reads the same, without any network access.
"""
from __future__ import annotations

from typing import Optional
from urllib.parse import urlsplit

from ..core import scheduler
from ..core.errors import Invalid
from ..core.store import World
from .accounts import Scope
from .domains import get_domain
from .lookup import in_workspace
from .models import Account, Domain, Site
from .warmup import unit

STATUSES = ("GENERATING", "READY", "DEPLOYING", "DEPLOYED")
THEMES = ("light", "dark", "minimal", "bold")
INDUSTRIES = ("software", "marketing", "finance", "healthcare", "education", "logistics", "retail", "consulting")
TONES = ("friendly", "professional", "bold", "calm")
MAX_NOTES = 20  # regeneration notes kept per site


def host_of(url: str) -> str:
    return (urlsplit(url.strip()).hostname or "").lower()


def _words(host: str) -> str:
    stem = host.removeprefix("www.").split(".")[0]
    return " ".join(part.capitalize() for part in stem.replace("_", "-").split("-") if part) or "Site"


def _pick(options: tuple, *parts) -> str:
    return options[int(unit(*parts) * len(options))]


def _colour(*parts) -> str:
    return "#" + "".join(f"{int(unit(*parts, c) * 256):02x}" for c in "rgb")


def scan(url: str) -> dict:
    """What a scan of `url` finds: the brand name, a description, keywords, a colour, an industry
    and whether the page has a form (all derived from the host)."""
    host = host_of(url)
    brand = _words(host)
    industry = _pick(INDUSTRIES, host, "industry")
    return {"url": url.strip(), "domain": host, "title": f"{brand} | {industry.capitalize()}",
            "description": f"{brand} helps teams in {industry} get more done.",
            "keywords": [brand.lower(), industry, _pick(TONES, host, "tone")],
            "primary_color": _colour(host, "colour"), "industry": industry, "has_form": unit(host, "form") < 0.5}


def content(site: Site) -> dict:
    """The generated page of the site's current version (headline, subheadline, call to action)."""
    brand = site.name
    tone = _pick(TONES, site.id, site.version, "tone", *site.notes[-1:])
    audience = ", ".join(site.audience) if site.audience else "teams like yours"
    return {"headline": f"{brand}: built for {audience}",
            "subheadline": f"A {tone} introduction to {brand}" + (f" ({site.campaign_context})" if site.campaign_context else ""),
            "cta_label": site.cta_label or "Learn more", "tone": tone}


def create(scope: Scope, destination_url: str, name: Optional[str], campaign_context: Optional[str],
           audience: Optional[list[str]], cta_label: Optional[str], theme: Optional[str]) -> Site:
    world, owner, now = scope.world, scope.owner, scope.now
    site = Site(id=world.ids.new(owner.id_style), workspace_id=scope.workspace.id,
                name=(name or "").strip() or _words(host_of(destination_url)), destination_url=destination_url.strip(),
                status="GENERATING", created_at=now, updated_at=now, campaign_context=campaign_context,
                audience=list(audience or []), cta_label=cta_label, theme=theme or THEMES[0])
    owner.sites[site.id] = site
    _generate(world, owner, site, now)
    return site


def get_site(scope: Scope, site_id, field: str = "id") -> Site:
    return in_workspace(scope, scope.owner.sites, site_id, field, "Site")


def update(scope: Scope, site: Site, name: str, notify_email: str, form_fields: list[dict]) -> Site:
    site.name, site.notify_email, site.form_fields = name.strip(), notify_email.strip(), [dict(f) for f in form_fields]
    site.updated_at = scope.now
    return site


def regenerate(scope: Scope, site: Site, notes: str) -> Site:
    if site.status in ("GENERATING", "DEPLOYING"):
        raise Invalid(f"The site is {site.status.lower()}; wait until it is done before regenerating it")
    site.version += 1
    site.notes = (site.notes + [notes.strip()])[-MAX_NOTES:]
    site.status, site.updated_at = "GENERATING", scope.now
    _generate(scope.world, scope.owner, site, scope.now)
    return site


def deploy(scope: Scope, site: Site, domain_ids: list[str], indexing: bool, tracking: bool,
           form_enabled: bool) -> Site:
    if site.status in ("GENERATING", "DEPLOYING"):
        raise Invalid(f"The site is {site.status.lower()}; it can be deployed once it is ready")
    domains: dict[str, Domain] = {}
    for i, domain_id in enumerate(domain_ids):
        d = get_domain(scope, domain_id, f"domainIds[{i}]")
        if d.status != "ACTIVE":
            raise Invalid(f"Domain {d.name} is not active (status {d.status})", field=f"domainIds[{i}]")
        domains.setdefault(d.id, d)
    if form_enabled and not site.form_fields:
        raise Invalid("form_enabled needs form fields: set them with an edit first", field="form_enabled")
    site.domain_ids, site.indexing, site.tracking, site.form_enabled = list(domains), indexing, tracking, form_enabled
    site.status, site.updated_at = "DEPLOYING", scope.now
    scheduler.schedule(scope.owner, scope.now + scope.world.settings["site_deploy_seconds"], "site.deployed",
                       f"{site.id}:{site.version}")
    return site


def _generate(world: World, account: Account, site: Site, now: float) -> None:
    scheduler.schedule(account, now + world.settings["site_generation_seconds"], "site.generated",
                       f"{site.id}:{site.version}")


def _current(account: Account, ref: str, status: str) -> Optional[Site]:
    """The site an event is for, if it is still in `status` at the version the event was made for."""
    site_id, _, version = ref.rpartition(":")
    site = account.sites.get(site_id)
    if site is None or site.status != status or str(site.version) != version:
        return None
    return site


@scheduler.handler("site.generated")
def _generated(world: World, account: Account, ref: str, due: float) -> None:
    site = _current(account, ref, "GENERATING")
    if site is not None:
        site.status, site.updated_at = "READY", due


@scheduler.handler("site.deployed")
def _deployed(world: World, account: Account, ref: str, due: float) -> None:
    site = _current(account, ref, "DEPLOYING")
    if site is not None:
        site.status, site.deployed_at, site.updated_at = "DEPLOYED", due, due
