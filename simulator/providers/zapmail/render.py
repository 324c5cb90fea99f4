"""Zapmail wire shapes, one renderer per resource. Field names, nesting and JSON types follow
the reference examples; where the docs and live observations disagree the comment names the
fact that decided it."""
from __future__ import annotations

from typing import Optional

from ...core.clock import iso
from ...core.pagination import Page
from ...core.store import Account
from ...domain import dns, subscriptions
from ...domain.accounts import Scope
from ...domain.models import (BillingDetails, ConnectionRequest, DnsRecord, Domain, Mailbox, Subscription,
                              ThirdPartyAccount, Workspace)
from ...domain.domains import listed_under
from ...domain.mailboxes import email_of


def ts(value: Optional[float]) -> Optional[str]:
    return iso(value) if value is not None else None


def page_fields(page: Page) -> dict:
    # nextPage is currentPage+1 even on the last page: every live observation showed it so
    # (the docs example too: nextPage 2 with totalPages 1).
    return {"totalSearchedCount": page.total, "currentPage": page.page, "nextPage": page.page + 1,
            "totalPages": page.total_pages}


# ---------------------------------------------------------------- users and workspaces

def user(scope: Scope) -> dict:
    owner, ws, plat = scope.owner, scope.workspace, scope.platform
    subs = [s for s in subscriptions.list_for(owner, ws.id, plat) if s.status == "ACTIVE"]
    main = max(subs, key=lambda s: s.quantity) if subs else None
    return {
        "id": scope.account.id,
        "email": scope.account.email,
        "firstName": scope.account.first_name,
        "lastName": scope.account.last_name,
        "activePlan": main.plan if main else None,
        "planEndsOn": ts(main.period_end) if main else None,
        "purchasedMailboxes": subscriptions.purchased_slots(owner, ws.id, plat),
        "assignedMailboxes": subscriptions.used_slots(owner, ws.id, plat),
        "userCreatedAt": ts(scope.account.created_at),
        "walletBalance": owner.wallet_balance,
    }


def billing(b: Optional[BillingDetails]) -> Optional[dict]:
    if b is None:
        return None
    return {"id": b.id, "userId": b.user_id, "firstName": b.first_name, "lastName": b.last_name,
            "workspaceId": b.workspace_id, "company": b.company, "addressLineOne": b.address_line_one,
            "addressLineTwo": b.address_line_two, "addressLineThree": b.address_line_three, "city": b.city,
            "state": b.state, "country": b.country, "postalCode": b.postal_code, "phoneCc": b.phone_cc,
            "phone": b.phone, "languagePreference": b.language_preference}


BILLING_ATTRS = {"firstName": "first_name", "lastName": "last_name", "company": "company",
                 "addressLineOne": "address_line_one", "addressLineTwo": "address_line_two",
                 "addressLineThree": "address_line_three", "city": "city", "state": "state", "country": "country",
                 "postalCode": "postal_code", "phoneCc": "phone_cc", "phone": "phone",
                 "languagePreference": "language_preference"}


def workspace_counts(owner: Account, ws: Workspace) -> dict:
    """Per-workspace counts, per platform, as strings (live, coldstack), plus the docs example's
    platform-less domainCount/mailboxCount (also strings) and billingDetails."""
    def count(items, plat=None):
        return str(sum(1 for x in items if x.workspace_id == ws.id and (plat is None or x.platform == plat)))

    domains, mailboxes = owner.domains.values(), owner.mailboxes.values()
    return {
        "id": ws.id,
        "name": ws.name,
        # a domain without a platform yet counts under GOOGLE only, as reads list it
        "domainCountGoogle": str(sum(1 for d in domains if d.workspace_id == ws.id and listed_under(d, "GOOGLE"))),
        "domainCountMicrosoft": count(domains, "MICROSOFT"),
        "totalMailboxesPurchasedGoogle": str(subscriptions.purchased_slots(owner, ws.id, "GOOGLE")),
        "totalMailboxesPurchasedMicrosoft": str(subscriptions.purchased_slots(owner, ws.id, "MICROSOFT")),
        "domainCount": count(domains),
        "mailboxCount": count(mailboxes),
        "billingDetails": billing(ws.billing),
    }


def workspace_record(ws: Workspace) -> dict:
    """Create and Update answer the stored record (docs examples)."""
    return {"id": ws.id, "name": ws.name, "userId": ws.owner_id, "createdAt": ts(ws.created_at),
            "updatedAt": ts(ws.updated_at), "deletedAt": ts(ws.deleted_at)}


# ---------------------------------------------------------------- domains

def domain_mailbox(account: Account, m: Mailbox) -> dict:
    # Embedded rows carry no email (infra-bot, live).
    return {"id": m.id, "username": m.username, "domain": account.domains[m.domain_id].name,
            "firstName": m.first_name, "lastName": m.last_name, "status": m.status, "createdAt": ts(m.created_at)}


def domain(account: Account, d: Domain) -> dict:
    """The domain row of GET /v2/domains: the assignable example's keys plus the fields seen
    live or read by clients (observed domain_object)."""
    boxes = sorted((m for m in account.mailboxes.values() if m.domain_id == d.id), key=lambda m: m.created_at)
    return {
        "id": d.id,
        "workspaceId": d.workspace_id,
        "domain": d.name,
        "status": d.status,
        "createdAt": ts(d.created_at),
        "updatedAt": ts(d.updated_at),
        "registeredOn": ts(d.registered_on),
        "expireOn": ts(d.expire_on),
        "autoRenew": d.auto_renew,
        "forwardTo": d.forward_to,
        "forwardToAddedOnReseller": d.forward_to_added,
        "maskForwarding": d.mask_forwarding,
        "dmarcEmail": d.dmarc_email,
        "dmarcEmailAddedToReseller": d.dmarc_added,
        "forwardingEmail": d.forwarding_email,
        "forwardingEmailAdded": d.forwarding_email is not None,
        "catchAllEmail": d.catch_all_email,
        "catchAllEmailAdded": d.catch_all_email is not None,
        "nameServers": list(d.name_servers),
        "dnsShieldEnabled": d.dns_shield,
        "isWarmedUp": d.is_warmed_up,
        # a string, as in the docs example ("0") and the live fixture ("3")
        "assignedMailboxesCount": str(len(boxes)),
        "tags": [{"id": t, "name": account.tags[t].name} for t in d.tag_ids if t in account.tags],
        "mailboxes": [domain_mailbox(account, m) for m in boxes],
    }


# List Assignable Domains answers exactly the docs example's keys.
ASSIGNABLE_KEYS = ("id", "workspaceId", "domain", "status", "createdAt", "updatedAt", "forwardTo",
                   "forwardToAddedOnReseller", "dmarcEmail", "dmarcEmailAddedToReseller",
                   "assignedMailboxesCount", "mailboxes")


def assignable_domain(account: Account, d: Domain) -> dict:
    row = domain(account, d)
    return {k: row[k] for k in ASSIGNABLE_KEYS}


def dns_check(account: Account, d: Domain) -> dict:
    c = dns.check(account, d)
    return {"id": d.id, "domain": d.name, "mxRecords": c["mx"], "spfRecord": c["spf"], "dkimRecords": c["dkim"],
            "dmarcRecords": c["dmarc"]}


def connection_request(r: ConnectionRequest) -> dict:
    return {"id": r.id, "domainName": r.domain_name, "userId": r.user_id, "workspaceId": r.workspace_id,
            "serviceProvider": "CLOUDFLARE", "dnsManagedBy": "ZAPMAILDNS", "status": r.status,
            "metadata": {"currentNameServers": list(r.current_name_servers)},
            "nextRetryOn": ts(r.next_retry_on), "createdAt": ts(r.created_at), "updatedAt": ts(r.updated_at),
            "deletedAt": ts(r.deleted_at)}


# ---------------------------------------------------------------- mailboxes

def mailbox(account: Account, m: Mailbox) -> dict:
    """Docs fields (Get Mailbox Details by ID) plus the credentials and email the observed
    fixtures carry."""
    return {
        "id": m.id,
        "username": m.username,
        "email": email_of(account, m),
        "firstName": m.first_name,
        "lastName": m.last_name,
        "password": m.password,
        "appPassword": m.app_password,
        "secret": m.secret,
        "recoveryEmail": m.recovery_email,
        "status": m.status,
        "profilePicture": m.profile_picture,
        "domain": account.domains[m.domain_id].name,
        "domainId": m.domain_id,
        "assignedOn": ts(m.assigned_on),
        "expireOn": ts(m.expire_on),
        "createdAt": ts(m.created_at),
        "isWarmedUp": m.is_warmed_up,
    }


def admin_details(d: Domain) -> Optional[dict]:
    if not d.admin_email:
        return None
    return {"domainId": d.id, "email": d.admin_email, "newPassword": d.admin_password, "secret": d.admin_secret,
            "recoveryEmail": f"recovery.{d.name}@{d.name}"}


def mailbox_group(account: Account, d: Domain, boxes: list[Mailbox]) -> dict:
    return {"id": d.id, "domain": d.name, "status": d.status, "adminDetails": admin_details(d),
            "mailboxes": [mailbox(account, m) for m in boxes]}


# ---------------------------------------------------------------- dns

def fqdn(host: str, domain_name: str) -> str:
    if host in ("@", "", domain_name):
        return domain_name
    return host if host.endswith("." + domain_name) else f"{host}.{domain_name}"


def dns_record(account: Account, r: DnsRecord) -> dict:
    name = account.domains[r.domain_id].name
    full = fqdn(r.host, name)
    return {"id": r.id, "value": r.value, "host": full, "recordType": r.record_type, "assignedDomainId": r.domain_id,
            "cdfRecordId": r.upstream_id,
            "cdfResponse": {"id": r.upstream_id, "name": full, "type": r.record_type, "content": r.value},
            "priority": r.priority, "createdAt": ts(r.created_at), "updatedAt": ts(r.updated_at)}


# ---------------------------------------------------------------- money

def subscription(s: Subscription, base_url: str) -> dict:
    return {
        "id": s.id,
        "subscriptionId": s.external_id,
        "subscriptionStatus": s.status,
        "plan": s.plan,
        "price": s.price,
        "totalMailboxQuantity": s.quantity,
        "periodStart": ts(s.period_start),
        "periodEnd": ts(s.period_end),
        "subscriptionCreationDate": ts(s.created_at),
        "planUpgradeCancelPossible": s.status == "ACTIVE" and not s.cancel_at_period_end,
        "paymentFailureMessage": s.payment_failure_message,
        "invoiceDetails": base_url + s.invoice_url if s.invoice_url else None,
        # Ours: the docs show no way to see a pending cancellation; clients may ignore it.
        "cancelAtPeriodEnd": s.cancel_at_period_end,
    }


def third_party_account(a: ThirdPartyAccount) -> dict:
    # appName, not app (coldstack, live-verified); the password is never echoed.
    return {"id": a.id, "email": a.email, "appName": a.app, "createdAt": ts(a.created_at)}
