"""Domains sold ready-made: aged (high-reputation) domains, and pre-warmed domains that come with
warmed-up mailboxes; plus the pre-warmed plans.

Each account sees its own catalogue, drawn from the account's id, which the world's seed draws (or
a fixture pins): the same seed lists the same offers in every run (no Faker at run time), a copy of
an account (snapshot, import) lists what its source lists, and one account's purchases never change
another's listing. An offer is sold once the account holds its name.
"""
from __future__ import annotations

import random
import uuid
from dataclasses import dataclass

from ..core.errors import Invalid, NotFound
from ..core.store import World
from . import domains, mailboxes, wallet
from .accounts import Scope
from .models import GOOGLE, MICROSOFT, Account, Domain, PaymentLink, Subscription

AGED_COUNT, PREWARMED_COUNT = 40, 60
_FIRST = ("Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Radia", "Edsger", "Frances",
          "John", "Katherine", "Tim", "Hedy", "Claude", "Annie", "Vint", "Joan", "Donald")
_LAST = ("Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Thompson", "Perlman",
         "Dijkstra", "Allen", "McCarthy", "Johnson", "Lee", "Lamarr", "Shannon", "Easley", "Cerf", "Clarke", "Knuth")
_ROOTS = ("harbor", "summit", "ledger", "beacon", "cedar", "atlas", "vector", "granite", "meridian", "copper",
          "orchard", "pioneer", "keystone", "lumen", "northwind", "riverstone", "bluepeak", "ironwood", "sterling",
          "oakline")
_TAILS = ("advisors", "partners", "group", "labs", "works", "digital", "consulting", "capital", "media", "systems")
_AGED_TLDS = ("com", "com", "com", "net", "org")


def _rng(account: Account, kind: str) -> random.Random:
    # a string seed is hashed the same way in every process (unlike hash())
    return random.Random(f"{account.id}:{kind}")


def _names(rng: random.Random, count: int, tlds: tuple[str, ...]) -> list[str]:
    pairs = [(r, t) for r in _ROOTS for t in _TAILS]
    rng.shuffle(pairs)
    return [f"{r}{t}.{rng.choice(tlds)}" for r, t in pairs[:count]]


# ---------------------------------------------------------------- aged domains

@dataclass(frozen=True)
class AgedOffer:
    name: str
    price: str  # a numeric string, as the API writes domain prices
    quality: int
    age_years: int
    authority: int
    spam: int


def aged_catalogue(world: World, account: Account) -> list[AgedOffer]:
    rng = _rng(account, "aged")
    out = []
    for name in _names(rng, AGED_COUNT, _AGED_TLDS):
        age = rng.randint(3, 20)
        out.append(AgedOffer(name=name, price=f"{rng.randint(4, 16) * 25 - 1}.00", quality=rng.randint(55, 98),
                             age_years=age, authority=rng.randint(8, 45), spam=rng.randint(0, 6)))
    return out


def aged_available(scope: Scope) -> list[AgedOffer]:
    return [o for o in aged_catalogue(scope.world, scope.owner) if domains.held_by(scope.owner, o.name) is None]


def buy_aged(scope: Scope, names: list[str]) -> tuple[PaymentLink, list[Domain]]:
    """Paid from the wallet; each name must be an unsold offer. The domain keeps its age: it was
    registered years ago, and is ours for a year from now."""
    offers = {o.name: o for o in aged_available(scope)}
    wanted = []
    for i, raw in enumerate(dict.fromkeys(n.strip().lower().rstrip(".") for n in names)):
        if raw not in offers:
            raise NotFound(f"Aged domain not available: {raw}", field=f"domains[{i}]")
        wanted.append(offers[raw])
    total = wallet.money(sum(float(o.price) for o in wanted))
    link = wallet.pay_invoice(scope.world, scope.owner, scope.workspace.id, total,
                              "Aged domains: " + ", ".join(o.name for o in wanted), {"aged": [o.name for o in wanted]})
    made = domains.register(scope.world, scope.owner, scope.workspace.id, [(o.name, 1, float(o.price)) for o in wanted],
                            scope.platform if scope.platform_explicit else None, False, origin="aged")
    for d, o in zip(made, wanted):
        d.registered_on = scope.now - o.age_years * domains.YEAR
    return link, made


# ---------------------------------------------------------------- pre-warmed domains

@dataclass(frozen=True)
class PrewarmedOffer:
    id: str
    name: str
    platform: str
    price: str
    people: tuple[tuple[str, str], ...]  # (first name, last name) of each warmed-up mailbox


def prewarmed_catalogue(world: World, account: Account) -> list[PrewarmedOffer]:
    rng = _rng(account, "prewarmed")
    out = []
    for name in _names(rng, PREWARMED_COUNT, ("com",)):
        people = tuple(dict.fromkeys((rng.choice(_FIRST), rng.choice(_LAST)) for _ in range(rng.randint(2, 4))))
        out.append(PrewarmedOffer(id=str(uuid.UUID(int=rng.getrandbits(128), version=4)), name=name,
                                  platform=GOOGLE if rng.random() < 0.75 else MICROSOFT,
                                  price=f"{rng.randint(4, 12) * 5 - 1}.00", people=people))
    return out


def sold(account: Account, offer: PrewarmedOffer) -> bool:
    return domains.held_by(account, offer.name) is not None


def prewarmed_listed(scope: Scope, contains: str = "") -> list[PrewarmedOffer]:
    """The offers of the request's platform (reads answer for GOOGLE unless MICROSOFT is sent)."""
    needle = (contains or "").strip().lower()
    return [o for o in prewarmed_catalogue(scope.world, scope.owner) if o.platform == scope.platform and needle in o.name]


def prewarmed_stock(world: World, account: Account) -> dict[str, int]:
    """Unsold warmed-up mailboxes per platform."""
    stock = {GOOGLE: 0, MICROSOFT: 0}
    for o in prewarmed_catalogue(world, account):
        if not sold(account, o):
            stock[o.platform] += len(o.people)
    return stock


def assign_prewarmed(scope: Scope, offer_ids: list[str]) -> tuple[PaymentLink, list[Domain]]:
    """Buy pre-warmed domains into the workspace, paid from the wallet (auto recharge from the
    card when short; support: no plan needed). Each arrives ACTIVE with its warmed-up mailboxes."""
    offers = {o.id: o for o in prewarmed_catalogue(scope.world, scope.owner)}
    wanted = []
    for i in dict.fromkeys(offer_ids):
        o = offers.get(i)
        if o is None or o.platform != scope.platform:
            raise NotFound(f"Pre-warmed domain not found: {i}", field="domainIds")
        if sold(scope.owner, o):
            raise Invalid(f"Pre-warmed domain {o.name} is already sold", field="domainIds")
        wanted.append(o)
    total = wallet.money(sum(float(o.price) for o in wanted))
    link = wallet.pay_invoice(scope.world, scope.owner, scope.workspace.id, total,
                              "Pre-warmed domains: " + ", ".join(o.name for o in wanted), {"prewarmed": [o.id for o in wanted]})
    made = []
    for o in wanted:
        d = domains.new_domain(scope.world, scope.owner, scope.workspace.id, o.name, platform=o.platform,
                               origin="prewarmed", status="ACTIVE")
        d.is_warmed_up = True
        for first, last in o.people:
            m = mailboxes.create_mailbox(scope.world, scope.owner, d, o.platform, first=first, last=last,
                                         username=f"{first}.{last}".lower(), status="ACTIVE")
            m.is_warmed_up = True
        made.append(d)
    return link, made


# ---------------------------------------------------------------- pre-warmed plans

@dataclass(frozen=True)
class PrewarmedPlan:
    name: str
    price: float
    mailboxes: int


def buy_prewarmed_plan(scope: Scope, plan: PrewarmedPlan) -> tuple[PaymentLink, Subscription]:
    world, now = scope.world, scope.now
    link = wallet.pay_invoice(world, scope.owner, scope.workspace.id, plan.price, f"Pre-warmed plan: {plan.name}",
                              {"plan": plan.name})
    sub = Subscription(id=world.ids.new(scope.owner.id_style), external_id="sub_" + world.ids.token(24),
                       workspace_id=scope.workspace.id, platform=scope.platform, plan=plan.name, plan_key=plan.name,
                       price=plan.price, quantity=plan.mailboxes, status="ACTIVE", period_start=now,
                       period_end=now + world.settings["subscription_period_seconds"], created_at=now,
                       invoice_url=None)
    scope.owner.prewarmed_subscriptions[sub.id] = sub
    return link, sub


def prewarmed_plans_of(scope: Scope, status: str = "") -> list[Subscription]:
    rows = [s for s in scope.owner.prewarmed_subscriptions.values()
            if s.workspace_id == scope.workspace.id and (not status or s.status == status)]
    return sorted(rows, key=lambda s: s.created_at, reverse=True)
