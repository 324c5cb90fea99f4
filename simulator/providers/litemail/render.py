"""LiteMail wire shapes, one renderer per resource: each builds its shape from responses.py
through the shape's constructor, so the body served is the schema published (and a type
checker holds every key to it).

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

from typing import Optional, overload

from ...core.clock import iso, iso_seconds
from ...core.pagination import Page
from ...domain.models import Account
from ...domain import dns, subscriptions
from ...domain.accounts import Scope
from ...domain.mailboxes import email_of
from ...domain.models import (BillingDetails, ConnectionRequest, DnsRecord, Domain, ExportJob, Mailbox, PaymentLink,
                              Subscription, ThirdPartyAccount, Workspace)
from . import responses as rs
from . import wire


@overload
def ts(value: float) -> str: ...
@overload
def ts(value: Optional[float]) -> Optional[str]: ...


def ts(value: Optional[float]) -> Optional[str]:
    # Whole seconds, as the one documented LiteMail timestamp (upgradedAt "2025-10-04T16:00:00Z").
    return iso_seconds(value) if value is not None else None


def pagination(pg: Page) -> rs.Pagination:
    return rs.Pagination(page=pg.page, limit=pg.limit, total=pg.total, totalPages=pg.total_pages)


def page(key: str, rows: list, pg: Page) -> dict:
    """The one LiteMail list shape: {<key>: rows, pagination}; each route declares it with its
    own key (responses.page_of), so this one is built as a plain dict."""
    return {key: rows, "pagination": pagination(pg)}


def id_only(thing) -> rs.IdOnly:
    return rs.IdOnly(id=thing.id)


def new_key(key: str, name: Optional[str], account: Account, at: float) -> rs.NewKey:
    return rs.NewKey(apiKey=key, name=name, userId=account.id, createdAt=ts(at))


# ---------------------------------------------------------------- users and workspaces

def user(scope: Scope) -> rs.User:
    owner, ws, plat = scope.owner, scope.workspace, scope.platform
    a = scope.account
    held = subscriptions.slots(owner, ws.id, plat)
    return rs.User(id=a.id, email=a.email, firstName=a.first_name, lastName=a.last_name,
                   fullName=f"{a.first_name} {a.last_name}".strip(), workspaceId=ws.id,
                   walletBalance=owner.wallet_balance,
                   purchasedMailboxes=held.purchased, assignedMailboxes=held.used,
                   createdAt=ts(a.created_at))


# request field -> the core's attribute (the billing body's fields; the answer names them alike)
BILLING_ATTRS = {"firstName": "first_name", "lastName": "last_name", "company": "company",
                 "addressLineOne": "address_line_one", "addressLineTwo": "address_line_two",
                 "addressLineThree": "address_line_three", "city": "city", "state": "state", "country": "country",
                 "postalCode": "postal_code", "phoneCc": "phone_cc", "phone": "phone",
                 "languagePreference": "language_preference"}


def billing(b: Optional[BillingDetails]) -> Optional[rs.BillingRecord]:
    if b is None:
        return None
    return rs.BillingRecord(id=b.id, workspaceId=b.workspace_id, firstName=b.first_name, lastName=b.last_name,
                            company=b.company, addressLineOne=b.address_line_one, addressLineTwo=b.address_line_two,
                            addressLineThree=b.address_line_three, city=b.city, state=b.state, country=b.country,
                            postalCode=b.postal_code, phoneCc=b.phone_cc, phone=b.phone,
                            languagePreference=b.language_preference)


def workspace(owner: Account, ws: Workspace, primary_id: str) -> rs.Workspace:
    return rs.Workspace(id=ws.id, name=ws.name, ownerId=ws.owner_id, isPrimary=ws.id == primary_id,
                        domainCount=sum(1 for d in owner.domains.values() if d.workspace_id == ws.id),
                        mailboxCount=sum(1 for m in owner.mailboxes.values() if m.workspace_id == ws.id),
                        billingDetails=billing(ws.billing), createdAt=ts(ws.created_at), updatedAt=ts(ws.updated_at))


# ---------------------------------------------------------------- mailboxes

def mailbox_status(m: Mailbox) -> str:
    return wire.mailbox_status(m.status)


def full_name(m: Mailbox) -> str:
    return f"{m.first_name} {m.last_name}".strip()


def assigned_mailbox(m: Mailbox) -> rs.AssignedMailbox:
    """Exactly the documented row of Assign Mailboxes to Domain."""
    return rs.AssignedMailbox(id=m.id, username=m.username, fullName=full_name(m), status=mailbox_status(m),
                              domainId=m.domain_id)


def assigned(created: list[Mailbox]) -> rs.Assigned:
    """The documented Assign answer: {created, mailboxes}."""
    return rs.Assigned(created=len(created), mailboxes=[assigned_mailbox(m) for m in created])


def mailbox(account: Account, m: Mailbox) -> rs.Mailbox:
    """The documented row's keys first, then the details a client needs to use the mailbox."""
    return rs.Mailbox(**assigned_mailbox(m), email=email_of(account, m), firstName=m.first_name,
                      lastName=m.last_name, domain=account.domains[m.domain_id].name, platform=m.platform,
                      password=m.password, appPassword=m.app_password, totpSecret=m.secret,
                      recoveryEmail=m.recovery_email, profilePicture=m.profile_picture,
                      scheduledForRemoval=m.scheduled_removal, createdAt=ts(m.created_at),
                      updatedAt=ts(m.updated_at), expiresAt=ts(m.expire_on))


# ---------------------------------------------------------------- domains

def domain(account: Account, d: Domain) -> rs.Domain:
    return rs.Domain(id=d.id, domain=d.name, status=d.status, platform=d.platform,
                     origin=d.origin.upper(), workspaceId=d.workspace_id,
                     mailboxCount=sum(1 for m in account.mailboxes.values() if m.domain_id == d.id),
                     autoRenew=d.auto_renew, registeredAt=ts(d.registered_on), expiresAt=ts(d.expire_on),
                     nameServers=list(d.name_servers), dmarcEmail=d.dmarc_email, forwardTo=d.forward_to,
                     forwardingEmail=d.forwarding_email, catchAllEmail=d.catch_all_email,
                     dnsShieldEnabled=d.dns_shield, createdAt=ts(d.created_at), updatedAt=ts(d.updated_at))


def domain_ref(d: Domain) -> rs.DomainRef:
    return rs.DomainRef(id=d.id, domain=d.name)


def domains_updated(account: Account, targets: list[Domain]) -> rs.DomainsUpdated:
    return rs.DomainsUpdated(updated=len(targets), domains=[domain(account, d) for d in targets])


def purchased(account: Account, link: PaymentLink, bought: list[Domain], base_url: str) -> rs.Purchased:
    return rs.Purchased(amount=link.amount, walletBalance=account.wallet_balance, invoiceUrl=pay_url(base_url, link),
                        domains=[domain(account, d) for d in bought])


def purchase_link(link: PaymentLink, base_url: str) -> rs.PurchaseLink:
    return rs.PurchaseLink(paymentLink=pay_url(base_url, link), amount=link.amount,
                           domains=[name for name, _, _ in link.payload["cart"]])


def name_servers(name: str, servers) -> rs.NameServers:
    return rs.NameServers(domain=name, nameServers=list(servers))


def propagation(name: str, ready: bool, servers) -> rs.Propagation:
    return rs.Propagation(domain=name, nameServers=list(servers), propagated=ready)


def connecting(busy: bool, requests: list[ConnectionRequest]) -> rs.Connecting:
    return rs.Connecting(status="IN_PROGRESS" if busy else "COMPLETED", requests=[connection(r) for r in requests])


def available(exact: Optional[dict], rows: list[dict]) -> rs.Available:
    return rs.Available(exactMatch=availability(exact) if exact is not None else None,
                        domains=[availability(r) for r in rows])


def availability(row: dict) -> rs.Availability:
    return rs.Availability(domain=row["name"], available=row["available"], price=row["price"],
                           renewPrice=row["renew"], premium=row["premium"])


def dns_checks(account: Account, targets: list[Domain]) -> list[rs.DnsCheck]:
    return [dns_check(account, d) for d in targets]


def dns_check(account: Account, d: Domain) -> rs.DnsCheck:
    c = dns.check(account, d)
    return rs.DnsCheck(domainId=d.id, domain=d.name, mx=c["mx"], spf=c["spf"], dkim=c["dkim"], dmarc=c["dmarc"],
                       ready=all(c.values()))


def connection(r: ConnectionRequest) -> rs.Connection:
    return rs.Connection(id=r.id, domain=r.domain_name, status=r.status, domainId=r.domain_id,
                         currentNameServers=list(r.current_name_servers), nextCheckAt=ts(r.next_retry_on),
                         createdAt=ts(r.created_at), updatedAt=ts(r.updated_at))


# ---------------------------------------------------------------- dns

def fqdn(host: str, domain_name: str) -> str:
    if host in ("@", "", domain_name):
        return domain_name
    return host if host.endswith("." + domain_name) else f"{host}.{domain_name}"


def dns_record(account: Account, r: DnsRecord) -> rs.DnsRecordRow:
    return rs.DnsRecordRow(id=r.id, domainId=r.domain_id, host=fqdn(r.host, account.domains[r.domain_id].name),
                           recordType=r.record_type, value=r.value, priority=r.priority,
                           createdAt=ts(r.created_at), updatedAt=ts(r.updated_at))


# ---------------------------------------------------------------- money

def wallet(owner: Account) -> rs.Wallet:
    return rs.Wallet(balance=owner.wallet_balance, currency="USD",
                     autoRecharge=rs.AutoRechargeState(enabled=owner.auto_recharge_enabled,
                                                       threshold=owner.auto_recharge_threshold,
                                                       amount=owner.auto_recharge_amount),
                     paymentMethodSaved=owner.payment_method_saved)


def pay_url(base_url: str, link: PaymentLink) -> str:
    return f"{base_url}/_sim/pay/{link.token}"


def top_up(link: PaymentLink, base_url: str) -> rs.TopUpLink:
    return rs.TopUpLink(paymentLink=pay_url(base_url, link), amount=link.amount, status="OPEN")


def wallet_credit(owner: Account, charge) -> rs.WalletCredit:
    return rs.WalletCredit(transactionId=charge.id, amount=charge.amount, **wallet(owner))


def wallet_with_link(owner: Account, link: Optional[PaymentLink], base_url: str) -> rs.WalletWithLink:
    return rs.WalletWithLink(**wallet(owner), paymentLink=pay_url(base_url, link) if link is not None else None)


def upgraded(s: Subscription, old_plan: str, at: float) -> rs.Upgraded:
    """Documented body, exactly: {id, oldPlan, newPlan, upgradedAt}."""
    return rs.Upgraded(id=s.external_id, oldPlan=old_plan, newPlan=s.plan, upgradedAt=ts(at))


LINK_STATUS = {"open": "OPEN", "paid": "PAID", "cancelled": "VOID"}
LINK_KIND = {"wallet_topup": "WALLET_TOP_UP", "domain_purchase": "DOMAIN_PURCHASE", "invoice": "DOMAIN_PURCHASE",
             "payment_method": "PAYMENT_METHOD"}


def invoice(link: PaymentLink, base_url: str) -> rs.Invoice:
    return rs.Invoice(id=link.token, type=LINK_KIND.get(link.purpose, link.purpose.upper()), amount=link.amount,
                      currency="USD", status=LINK_STATUS.get(link.status, link.status.upper()),
                      url=pay_url(base_url, link), createdAt=ts(link.created_at), paidAt=ts(link.paid_at))


def subscription(s: Subscription, base_url: str) -> rs.Subscription:
    # id: the external id (sub_...), as the documented upgrade example's id sub_1.
    return rs.Subscription(id=s.external_id, plan=s.plan, status=s.status, price=s.price,
                           mailboxQuantity=s.quantity, platform=s.platform,
                           currentPeriodStart=ts(s.period_start), currentPeriodEnd=ts(s.period_end),
                           cancelAtPeriodEnd=s.cancel_at_period_end,
                           invoiceUrl=base_url + s.invoice_url if s.invoice_url else None, createdAt=ts(s.created_at))


# ---------------------------------------------------------------- exports

def third_party_account(a: ThirdPartyAccount) -> rs.ThirdPartyAccountRow:
    # the password is never echoed
    return rs.ThirdPartyAccountRow(id=a.id, app=a.app, email=a.email, url=a.url, createdAt=ts(a.created_at),
                                   updatedAt=ts(a.updated_at))


def export(job: ExportJob, csv_link: Optional[str]) -> rs.Export:
    return rs.Export(id=job.id, status=job.status, apps=list(job.apps), totalMailboxes=len(job.mailbox_ids),
                     mailboxIds=list(job.mailbox_ids), thirdPartyAccountId=job.third_party_account_id,
                     csvLink=csv_link, failureReason=job.failure_reason, createdAt=ts(job.created_at),
                     updatedAt=ts(job.updated_at))
