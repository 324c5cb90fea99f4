"""LiteMail wire shapes, one renderer per resource.

Documented (litemail.yaml FACTS): the assigned-mailbox row {id, username, fullName, status,
domainId}, mailbox status PENDING while the mailbox is being created, the upgrade answer
{id, oldPlan, newPlan, upgradedAt}, subscription ids like sub_1. Everything else here is inferred:
camelCase names, ISO-8601 timestamps, the field names of the equivalent Zapmail resource where
LiteMail shows none.

Lists (inferred, one shape everywhere): ?page=&limit= (page from 1, limit 1..1000, default 10;
anything else is a 400 naming the field) and
    data: {<resources>: [...], pagination: {page, limit, total, totalPages}}
where <resources> names the resource (mailboxes, domains, workspaces, ...), as the documented
Assign answer names its list data.mailboxes.
"""
from __future__ import annotations

from typing import Optional

from ...core.clock import iso
from ...core.pagination import Page
from ...core.store import Account
from ...domain import dns, subscriptions
from ...domain.accounts import Scope
from ...domain.mailboxes import email_of
from . import wire
from ...domain.models import (BillingDetails, ConnectionRequest, DnsRecord, Domain, ExportJob, Mailbox, PaymentLink,
                              Subscription, ThirdPartyAccount, Workspace)


def ts(value: Optional[float]) -> Optional[str]:
    # Whole seconds, as the one documented LiteMail timestamp (upgradedAt "2025-10-04T16:00:00Z").
    return iso(value)[:19] + "Z" if value is not None else None


def pagination(pg: Page) -> dict:
    return {"page": pg.page, "limit": pg.limit, "total": pg.total, "totalPages": pg.total_pages}


def page(key: str, rows: list, pg: Page) -> dict:
    """The one LiteMail list shape: {<key>: rows, pagination}."""
    return {key: rows, "pagination": pagination(pg)}


def id_only(thing) -> dict:
    return {"id": thing.id}


def new_key(key: str, name: Optional[str], account: Account, at: float) -> dict:
    return {"apiKey": key, "name": name, "userId": account.id, "createdAt": ts(at)}


# ---------------------------------------------------------------- users and workspaces

def user(scope: Scope) -> dict:
    owner, ws, plat = scope.owner, scope.workspace, scope.platform
    a = scope.account
    return {"id": a.id, "email": a.email, "firstName": a.first_name, "lastName": a.last_name,
            "fullName": f"{a.first_name} {a.last_name}".strip(), "workspaceId": ws.id,
            "walletBalance": owner.wallet_balance,
            "purchasedMailboxes": subscriptions.purchased_slots(owner, ws.id, plat),
            "assignedMailboxes": subscriptions.used_slots(owner, ws.id, plat),
            "createdAt": ts(a.created_at)}


BILLING_ATTRS = {"firstName": "first_name", "lastName": "last_name", "company": "company",
                 "addressLineOne": "address_line_one", "addressLineTwo": "address_line_two",
                 "addressLineThree": "address_line_three", "city": "city", "state": "state", "country": "country",
                 "postalCode": "postal_code", "phoneCc": "phone_cc", "phone": "phone",
                 "languagePreference": "language_preference"}


def billing(b: Optional[BillingDetails]) -> Optional[dict]:
    if b is None:
        return None
    return {"id": b.id, "workspaceId": b.workspace_id,
            **{wire: getattr(b, attr) for wire, attr in BILLING_ATTRS.items()}}


def workspace(owner: Account, ws: Workspace, primary_id: str) -> dict:
    return {"id": ws.id, "name": ws.name, "ownerId": ws.owner_id, "isPrimary": ws.id == primary_id,
            "domainCount": sum(1 for d in owner.domains.values() if d.workspace_id == ws.id),
            "mailboxCount": sum(1 for m in owner.mailboxes.values() if m.workspace_id == ws.id),
            "billingDetails": billing(ws.billing), "createdAt": ts(ws.created_at), "updatedAt": ts(ws.updated_at)}


# ---------------------------------------------------------------- mailboxes

def mailbox_status(m: Mailbox) -> str:
    return wire.mailbox_status(m.status)


def full_name(m: Mailbox) -> str:
    return f"{m.first_name} {m.last_name}".strip()


def assigned_mailbox(m: Mailbox) -> dict:
    """Exactly the documented row of Assign Mailboxes to Domain."""
    return {"id": m.id, "username": m.username, "fullName": full_name(m), "status": mailbox_status(m),
            "domainId": m.domain_id}


def assigned(created: list[Mailbox]) -> dict:
    """The documented Assign answer: {created, mailboxes}."""
    return {"created": len(created), "mailboxes": [assigned_mailbox(m) for m in created]}


def mailbox(account: Account, m: Mailbox) -> dict:
    """The documented row's keys first, then the details a client needs to use the mailbox."""
    return {**assigned_mailbox(m), "email": email_of(account, m), "firstName": m.first_name,
            "lastName": m.last_name, "domain": account.domains[m.domain_id].name, "platform": m.platform,
            "password": m.password, "appPassword": m.app_password, "totpSecret": m.secret,
            "recoveryEmail": m.recovery_email, "profilePicture": m.profile_picture,
            "scheduledForRemoval": m.scheduled_removal, "createdAt": ts(m.created_at),
            "updatedAt": ts(m.updated_at), "expiresAt": ts(m.expire_on)}


# ---------------------------------------------------------------- domains

def domain(account: Account, d: Domain) -> dict:
    return {"id": d.id, "domain": d.name, "status": d.status, "platform": d.platform,
            "origin": d.origin.upper(), "workspaceId": d.workspace_id,
            "mailboxCount": sum(1 for m in account.mailboxes.values() if m.domain_id == d.id),
            "autoRenew": d.auto_renew, "registeredAt": ts(d.registered_on), "expiresAt": ts(d.expire_on),
            "nameServers": list(d.name_servers), "dmarcEmail": d.dmarc_email, "forwardTo": d.forward_to,
            "forwardingEmail": d.forwarding_email, "catchAllEmail": d.catch_all_email,
            "dnsShieldEnabled": d.dns_shield, "createdAt": ts(d.created_at), "updatedAt": ts(d.updated_at)}


def domain_ref(d: Domain) -> dict:
    return {"id": d.id, "domain": d.name}


def domains_updated(account: Account, targets: list[Domain]) -> dict:
    return {"updated": len(targets), "domains": [domain(account, d) for d in targets]}


def purchased(account: Account, link: PaymentLink, bought: list[Domain], base_url: str) -> dict:
    return {"amount": link.amount, "walletBalance": account.wallet_balance, "invoiceUrl": pay_url(base_url, link),
            "domains": [domain(account, d) for d in bought]}


def purchase_link(link: PaymentLink, base_url: str) -> dict:
    return {"paymentLink": pay_url(base_url, link), "amount": link.amount,
            "domains": [name for name, _, _ in link.payload["cart"]]}


def name_servers(name: str, servers) -> dict:
    return {"domain": name, "nameServers": list(servers)}


def propagation(name: str, ready: bool, servers) -> dict:
    return {**name_servers(name, servers), "propagated": ready}


def connecting(busy: bool, requests: list[ConnectionRequest]) -> dict:
    return {"status": "IN_PROGRESS" if busy else "COMPLETED", "requests": [connection(r) for r in requests]}


def available(exact: Optional[dict], rows: list[dict]) -> dict:
    return {"exactMatch": availability(exact) if exact is not None else None,
            "domains": [availability(r) for r in rows]}


def availability(row: dict) -> dict:
    return {"domain": row["name"], "available": row["available"], "price": row["price"],
            "renewPrice": row["renew"], "premium": row["premium"]}


def dns_checks(account: Account, targets: list[Domain]) -> list[dict]:
    return [dns_check(account, d) for d in targets]


def dns_check(account: Account, d: Domain) -> dict:
    c = dns.check(account, d)
    return {"domainId": d.id, "domain": d.name, "mx": c["mx"], "spf": c["spf"], "dkim": c["dkim"],
            "dmarc": c["dmarc"], "ready": all(c.values())}


def connection(r: ConnectionRequest) -> dict:
    return {"id": r.id, "domain": r.domain_name, "status": r.status, "domainId": r.domain_id,
            "currentNameServers": list(r.current_name_servers), "nextCheckAt": ts(r.next_retry_on),
            "createdAt": ts(r.created_at), "updatedAt": ts(r.updated_at)}


# ---------------------------------------------------------------- dns

def fqdn(host: str, domain_name: str) -> str:
    if host in ("@", "", domain_name):
        return domain_name
    return host if host.endswith("." + domain_name) else f"{host}.{domain_name}"


def dns_record(account: Account, r: DnsRecord) -> dict:
    return {"id": r.id, "domainId": r.domain_id, "host": fqdn(r.host, account.domains[r.domain_id].name),
            "recordType": r.record_type, "value": r.value, "priority": r.priority,
            "createdAt": ts(r.created_at), "updatedAt": ts(r.updated_at)}


# ---------------------------------------------------------------- money

def wallet(owner: Account) -> dict:
    return {"balance": owner.wallet_balance, "currency": "USD",
            "autoRecharge": {"enabled": owner.auto_recharge_enabled, "threshold": owner.auto_recharge_threshold,
                             "amount": owner.auto_recharge_amount},
            "paymentMethodSaved": owner.payment_method_saved}


def pay_url(base_url: str, link: PaymentLink) -> str:
    return f"{base_url}/_sim/pay/{link.token}"


def top_up(link: PaymentLink, base_url: str) -> dict:
    return {"paymentLink": pay_url(base_url, link), "amount": link.amount, "status": "OPEN"}


def wallet_credit(owner: Account, charge) -> dict:
    return {"transactionId": charge.id, "amount": charge.amount, **wallet(owner)}


def wallet_with_link(owner: Account, link: Optional[PaymentLink], base_url: str) -> dict:
    return {**wallet(owner), "paymentLink": pay_url(base_url, link) if link is not None else None}


def upgraded(s: Subscription, old_plan: str, at: float) -> dict:
    """Documented body, exactly: {id, oldPlan, newPlan, upgradedAt}."""
    return {"id": s.external_id, "oldPlan": old_plan, "newPlan": s.plan, "upgradedAt": ts(at)}


LINK_STATUS = {"open": "OPEN", "paid": "PAID", "cancelled": "VOID"}
LINK_KIND = {"wallet_topup": "WALLET_TOP_UP", "domain_purchase": "DOMAIN_PURCHASE", "invoice": "DOMAIN_PURCHASE",
             "payment_method": "PAYMENT_METHOD"}


def invoice(link: PaymentLink, base_url: str) -> dict:
    return {"id": link.token, "type": LINK_KIND.get(link.purpose, link.purpose.upper()), "amount": link.amount,
            "currency": "USD", "status": LINK_STATUS.get(link.status, link.status.upper()),
            "url": pay_url(base_url, link), "createdAt": ts(link.created_at), "paidAt": ts(link.paid_at)}


def subscription(s: Subscription, base_url: str) -> dict:
    # id: the external id (sub_...), as the documented upgrade example's id sub_1.
    return {"id": s.external_id, "plan": s.plan, "status": s.status, "price": s.price,
            "mailboxQuantity": s.quantity, "platform": s.platform,
            "currentPeriodStart": ts(s.period_start), "currentPeriodEnd": ts(s.period_end),
            "cancelAtPeriodEnd": s.cancel_at_period_end,
            "invoiceUrl": base_url + s.invoice_url if s.invoice_url else None, "createdAt": ts(s.created_at)}


# ---------------------------------------------------------------- exports

def third_party_account(a: ThirdPartyAccount) -> dict:
    # the password is never echoed
    return {"id": a.id, "app": a.app, "email": a.email, "url": a.url, "createdAt": ts(a.created_at),
            "updatedAt": ts(a.updated_at)}


def export(job: ExportJob, csv_link: Optional[str]) -> dict:
    return {"id": job.id, "status": job.status, "apps": list(job.apps), "totalMailboxes": len(job.mailbox_ids),
            "mailboxIds": list(job.mailbox_ids), "thirdPartyAccountId": job.third_party_account_id,
            "csvLink": csv_link, "failureReason": job.failure_reason, "createdAt": ts(job.created_at),
            "updatedAt": ts(job.updated_at)}
