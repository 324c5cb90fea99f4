"""Zapmail wire shapes, one renderer per resource. Each builds its answer through the constructor
of the shape the route declares (responses.py), so what is served is what the document publishes.
Field names, nesting and JSON types follow the reference examples; where the docs and live
observations disagree the comment names the fact that decided it."""
from __future__ import annotations

from typing import Optional

from ...core.clock import iso
from ...core.pagination import Page, paginate
from ...domain.models import Account
from ...domain import accounts, dns, subscriptions
from ...domain.accounts import Scope
from ...domain.models import (BillingDetails, ConnectionRequest, DnsRecord, Domain, Invitation, Mailbox,
                              Subscription, ThirdPartyAccount, Workspace)
from ...domain.models import Tag as TagRecord
from ...domain.domains import listed_under
from ...domain.health import Health
from ...domain.mailboxes import email_of
from ...domain.wallet import money
from . import responses as rs


def ts(value: Optional[float]) -> Optional[str]:
    return iso(value) if value is not None else None


def page_fields(page: Page) -> rs.PageFields:
    # nextPage is currentPage+1 even on the last page: every live observation showed it so
    # (the docs example too: nextPage 2 with totalPages 1).
    return rs.PageFields(totalSearchedCount=page.total, currentPage=page.page, nextPage=page.page + 1,
                         totalPages=page.total_pages)


# ---------------------------------------------------------------- users and workspaces

def user(scope: Scope) -> rs.User:
    owner, ws, plat = scope.owner, scope.workspace, scope.platform
    held = subscriptions.slots(owner, ws.id, plat)
    main = held.main
    return rs.User(
        id=scope.account.id,
        email=scope.account.email,
        firstName=scope.account.first_name,
        lastName=scope.account.last_name,
        activePlan=main.plan if main else None,
        planEndsOn=ts(main.period_end) if main else None,
        purchasedMailboxes=held.purchased,
        assignedMailboxes=held.used,
        userCreatedAt=ts(scope.account.created_at),
        walletBalance=owner.wallet_balance,
    )


def billing(b: Optional[BillingDetails]) -> Optional[rs.Billing]:
    if b is None:
        return None
    return rs.Billing(id=b.id, userId=b.user_id, firstName=b.first_name, lastName=b.last_name,
                      workspaceId=b.workspace_id, company=b.company, addressLineOne=b.address_line_one,
                      addressLineTwo=b.address_line_two, addressLineThree=b.address_line_three, city=b.city,
                      state=b.state, country=b.country, postalCode=b.postal_code, phoneCc=b.phone_cc,
                      phone=b.phone, languagePreference=b.language_preference)


BILLING_ATTRS = {"firstName": "first_name", "lastName": "last_name", "company": "company",
                 "addressLineOne": "address_line_one", "addressLineTwo": "address_line_two",
                 "addressLineThree": "address_line_three", "city": "city", "state": "state", "country": "country",
                 "postalCode": "postal_code", "phoneCc": "phone_cc", "phone": "phone",
                 "languagePreference": "language_preference"}


def workspace_counts(owner: Account, ws: Workspace) -> rs.WorkspaceCounts:
    """Per-workspace counts, per platform, as strings (live, coldstack), plus the docs example's
    platform-less domainCount/mailboxCount (also strings) and billingDetails."""
    def count(items, plat=None):
        return str(sum(1 for x in items if x.workspace_id == ws.id and (plat is None or x.platform == plat)))

    domains = owner.domains.values()
    return rs.WorkspaceCounts(
        id=ws.id,
        name=ws.name,
        # a domain without a platform yet counts under GOOGLE only, as reads list it
        domainCountGoogle=str(sum(1 for d in domains if d.workspace_id == ws.id and listed_under(d, "GOOGLE"))),
        domainCountMicrosoft=count(domains, "MICROSOFT"),
        totalMailboxesPurchasedGoogle=str(subscriptions.purchased_slots(owner, ws.id, "GOOGLE")),
        totalMailboxesPurchasedMicrosoft=str(subscriptions.purchased_slots(owner, ws.id, "MICROSOFT")),
        domainCount=count(domains),
        mailboxCount=str(owner.mailboxes.count_in_workspace(ws.id)),
        billingDetails=billing(ws.billing),
    )


def workspaces_page(world, account: Account, scope: Scope, needle: str, page: int, limit: int) -> rs.WorkspacesPage:
    """Live shape (infra-bot, coldstack): the caller's current workspace apart, the others paged in
    `workspaces`, with account-wide per-platform totals."""
    visible = accounts.visible_workspaces(world, account)
    others = [w for w in visible if w.id != scope.workspace.id and needle in w.name.lower()]
    pg = paginate(others, page, limit)

    def counts(ws):
        return workspace_counts(world.accounts[ws.owner_id], ws)

    rows = [counts(w) for w in visible]
    return rs.WorkspacesPage(
        **page_fields(pg),
        totalWorkspacesCount=len(visible),
        totalDomainsCountGoogle=sum(int(r["domainCountGoogle"]) for r in rows),
        totalDomainsCountMicrosoft=sum(int(r["domainCountMicrosoft"]) for r in rows),
        totalPurchasedMailboxesCountGoogle=sum(int(r["totalMailboxesPurchasedGoogle"]) for r in rows),
        totalPurchasedMailboxesCountMicrosoft=sum(int(r["totalMailboxesPurchasedMicrosoft"]) for r in rows),
        currentWorkspace=workspace_counts(scope.owner, scope.workspace),
        workspaces=[counts(w) for w in pg.items],
    )


def workspace_record(ws: Workspace) -> rs.WorkspaceRecord:
    """Create and Update answer the stored record (docs examples)."""
    return rs.WorkspaceRecord(id=ws.id, name=ws.name, userId=ws.owner_id, createdAt=ts(ws.created_at),
                              updatedAt=ts(ws.updated_at), deletedAt=ts(ws.deleted_at))


def member(account: Account, role: str) -> rs.Member:
    return rs.Member(id=account.id, email=account.email, firstName=account.first_name, lastName=account.last_name,
                     role=role)


def members_page(pg: Page) -> rs.MembersPage:
    return rs.MembersPage(**page_fields(pg), members=[member(a, role) for a, role in pg.items])


def invitation(inv: Invitation) -> rs.Invitation:
    return rs.Invitation(id=inv.id, workspaceId=inv.workspace_id, email=inv.email, role=inv.role, status=inv.status,
                         invitedBy=inv.invited_by, createdAt=ts(inv.created_at), updatedAt=ts(inv.updated_at))


def invitations_page(pg: Page) -> rs.InvitationsPage:
    return rs.InvitationsPage(**page_fields(pg), invitations=[invitation(i) for i in pg.items])


# ---------------------------------------------------------------- domains

def tag(t: TagRecord) -> rs.Tag:
    return rs.Tag(id=t.id, name=t.name, tagColor=t.color)


def domain_mailbox(account: Account, m: Mailbox) -> rs.DomainMailbox:
    # Embedded rows carry no email (infra-bot, live).
    return rs.DomainMailbox(id=m.id, username=m.username, domain=account.domains[m.domain_id].name,
                            firstName=m.first_name, lastName=m.last_name, status=m.status, createdAt=ts(m.created_at))


def domain(account: Account, d: Domain) -> rs.Domain:
    """The domain row of GET /v2/domains: the assignable example's keys plus the fields seen
    live or read by clients (observed domain_object)."""
    boxes = sorted(account.mailboxes.in_domain(d.id).values(), key=lambda m: m.created_at)
    return rs.Domain(
        id=d.id,
        workspaceId=d.workspace_id,
        domain=d.name,
        status=d.status,
        createdAt=ts(d.created_at),
        updatedAt=ts(d.updated_at),
        registeredOn=ts(d.registered_on),
        expireOn=ts(d.expire_on),
        autoRenew=d.auto_renew,
        forwardTo=d.forward_to,
        forwardToAddedOnReseller=d.forward_to_added,
        maskForwarding=d.mask_forwarding,
        dmarcEmail=d.dmarc_email,
        dmarcEmailAddedToReseller=d.dmarc_added,
        forwardingEmail=d.forwarding_email,
        forwardingEmailAdded=d.forwarding_email is not None,
        catchAllEmail=d.catch_all_email,
        catchAllEmailAdded=d.catch_all_email is not None,
        nameServers=list(d.name_servers),
        dnsShieldEnabled=d.dns_shield,
        isWarmedUp=d.is_warmed_up,
        # a string, as in the docs example ("0") and the live fixture ("3")
        assignedMailboxesCount=str(len(boxes)),
        tags=[rs.DomainTag(id=t, name=account.tags[t].name) for t in d.tag_ids if t in account.tags],
        mailboxes=[domain_mailbox(account, m) for m in boxes],
    )


def assignable_domain(account: Account, d: Domain) -> rs.AssignableDomain:
    """List Assignable Domains answers exactly the docs example's keys: the shape's own."""
    row = domain(account, d)
    return rs.AssignableDomain(**{k: row[k] for k in rs.AssignableDomain.__annotations__})  # type: ignore[misc]


def domains_page(account: Account, pg: Page) -> rs.DomainsPage:
    return rs.DomainsPage(**page_fields(pg), domains=[domain(account, d) for d in pg.items])


def assignable_page(account: Account, pg: Page) -> rs.AssignablePage:
    return rs.AssignablePage(**page_fields(pg), domains=[assignable_domain(account, d) for d in pg.items])


def dns_check(account: Account, d: Domain) -> rs.DnsCheck:
    c = dns.check(account, d)
    return rs.DnsCheck(id=d.id, domain=d.name, mxRecords=c["mx"], spfRecord=c["spf"], dkimRecords=c["dkim"],
                       dmarcRecords=c["dmarc"])


def health(h: Health) -> rs.HealthScore:
    out = rs.HealthScore(score=h.score, label=h.label, reasons=list(h.reasons), recommendedActions=list(h.actions))
    if h.error is not None:
        out["error"] = h.error
    return out


def connection_request(r: ConnectionRequest) -> rs.ConnectionRequest:
    return rs.ConnectionRequest(id=r.id, domainName=r.domain_name, userId=r.user_id, workspaceId=r.workspace_id,
                                serviceProvider="CLOUDFLARE", dnsManagedBy="ZAPMAILDNS", status=r.status,
                                metadata=rs.ConnectionRequestMeta(currentNameServers=list(r.current_name_servers)),
                                nextRetryOn=ts(r.next_retry_on), createdAt=ts(r.created_at),
                                updatedAt=ts(r.updated_at), deletedAt=ts(r.deleted_at))


def connection_requests_page(pg: Page) -> rs.ConnectionRequestsPage:
    return rs.ConnectionRequestsPage(**page_fields(pg), totalCount=pg.total,
                                     data=[connection_request(r) for r in pg.items])


def removed(count: int) -> rs.Removed:
    return rs.Removed(removedCount=count)


def availability(row: dict) -> rs.Availability:
    return rs.Availability(domainName=row["name"], status="AVAILABLE" if row["available"] else "UNAVAILABLE",
                           isPremiumDomain=row["premium"], domainPrice=row["price"])


def suggestions(rows: list[dict]) -> rs.Suggestions:
    """Suggestions around a second-level label (exactMatch was null in every live call)."""
    return rs.Suggestions(exactMatch=None, availableDomains=[availability(r) for r in rows])


def bulk_availability(rows: list[dict]) -> rs.BulkAvailability:
    out = [rs.AvailabilityWithRenewal(**availability(r), renewPrice=r["renew"]) for r in rows]
    free = sum(1 for r in out if r["status"] == "AVAILABLE")
    return rs.BulkAvailability(domains=out, total=len(out), available=free, unavailable=len(out) - free)


def purchase(message: str, url: str, from_wallet: bool) -> rs.Purchase:
    # Flat {message, invoiceLink} when paid from the wallet (support answer quoted by infra-bot).
    return rs.Purchase(message=message, invoiceLink=url) if from_wallet else rs.Purchase(message=message, paymentLink=url)


def issued_name_servers(servers) -> rs.IssuedNameServers:
    # data.nameServers is one comma-separated string (docs example).
    return rs.IssuedNameServers(nameServers=",".join(servers))


def name_servers_verified(name: str, ready: bool, servers) -> rs.NameServersVerified:
    # The docs leave the answer empty; this shape is ours.
    return rs.NameServersVerified(domainName=name, propagated=ready, nameServers=list(servers))


def connect_progress(overall: str, reqs: list[ConnectionRequest]) -> rs.ConnectProgress:
    """data.status says how the call ended; the per-name statuses say why (ours: the docs page of
    the New form was not retrievable)."""
    return rs.ConnectProgress(status=overall, domains={
        r.domain_name: rs.ConnectState(status=r.status, dnsManagedBy="ZAPMAILDNS") for r in reqs})


# ---------------------------------------------------------------- mailboxes

def mailbox(account: Account, m: Mailbox) -> rs.Mailbox:
    """Docs fields (Get Mailbox Details by ID) plus the credentials and email the observed
    fixtures carry."""
    return rs.Mailbox(
        id=m.id,
        username=m.username,
        email=email_of(account, m),
        firstName=m.first_name,
        lastName=m.last_name,
        password=m.password,
        appPassword=m.app_password,
        secret=m.secret,
        recoveryEmail=m.recovery_email,
        status=m.status,
        profilePicture=m.profile_picture,
        domain=account.domains[m.domain_id].name,
        domainId=m.domain_id,
        assignedOn=ts(m.assigned_on),
        expireOn=ts(m.expire_on),
        createdAt=ts(m.created_at),
        isWarmedUp=m.is_warmed_up,
    )


def mailbox_one(account: Account, m: Mailbox) -> rs.MailboxOne:
    return rs.MailboxOne(mailbox=mailbox(account, m))


def admin_details(d: Domain) -> Optional[rs.AdminDetails]:
    if not d.admin_email:
        return None
    return rs.AdminDetails(domainId=d.id, email=d.admin_email, newPassword=d.admin_password, secret=d.admin_secret,
                           recoveryEmail=f"recovery.{d.name}@{d.name}")


def mailbox_group(account: Account, d: Domain, boxes: list[Mailbox]) -> rs.MailboxGroup:
    return rs.MailboxGroup(id=d.id, domain=d.name, status=d.status, adminDetails=admin_details(d),
                           mailboxes=[mailbox(account, m) for m in boxes])


def mailboxes_page(scope: Scope, pg: Page, groups: dict) -> rs.MailboxesPage:
    """Domain groups of the page, with the account's slot counters beside them."""
    owner = scope.owner
    ws, platform = scope.workspace.id, scope.platform
    purchased, used, _ = subscriptions.slots(owner, ws, platform)
    # the mailboxes that came with pre-warmed domains (read through those domains: few)
    warm = [m for d in owner.domains.values() if d.origin == "prewarmed" and d.workspace_id == ws
            for m in owner.mailboxes.in_domain(d.id).values() if m.platform == platform] if owner.has_prewarmed else []
    return rs.MailboxesPage(
        **page_fields(pg),
        purchasedMailboxes=purchased,
        totalAssignedMailboxes=used,
        totalAssignedPreWarmedUpMailboxes=len(warm),
        totalActiveMailboxes=owner.mailboxes.count_status(ws, platform, "ACTIVE"),
        totalActivePreWarmedUpMailboxes=sum(1 for m in warm if m.status == "ACTIVE"),
        availableMailboxes=max(subscriptions.free_slots(owner, ws, platform), 0),
        scheduledMailboxes=owner.mailboxes.count_scheduled(ws, platform),
        domains=[mailbox_group(owner, owner.domains[i], groups[i]) for i in pg.items],
    )


def update_rows(touched: list[Mailbox]) -> list[rs.MailboxUpdateRow]:
    unique = {m.id: m for m in touched}.values()
    return [rs.MailboxUpdateRow(mailboxId=m.id, profileUrl=m.profile_picture or "", failureDetails=[]) for m in unique]


def message_only(message: str) -> rs.MessageAndNullData:
    """{message, data: null} with no status (the docs example of Remove mailboxes on next renewal)."""
    return rs.MessageAndNullData(message=message, data=None)


def authenticator(code: dict) -> rs.AuthenticatorCode:
    # The docs say the answer carries the code and expiresIn (seconds left); `code` is our name.
    return rs.AuthenticatorCode(code=code["code"], expiresIn=code["expiresIn"])


def queued(count: int) -> rs.Queued:
    return rs.Queued(totalMailboxesQueued=count)


# ---------------------------------------------------------------- dns

def fqdn(host: str, domain_name: str) -> str:
    if host in ("@", "", domain_name):
        return domain_name
    return host if host.endswith("." + domain_name) else f"{host}.{domain_name}"


def dns_record(account: Account, r: DnsRecord) -> rs.DnsRecord:
    name = account.domains[r.domain_id].name
    full = fqdn(r.host, name)
    return rs.DnsRecord(id=r.id, value=r.value, host=full, recordType=r.record_type, assignedDomainId=r.domain_id,
                        cdfRecordId=r.upstream_id,
                        cdfResponse=rs.CloudflareRecord(id=r.upstream_id, name=full, type=r.record_type, content=r.value),
                        priority=r.priority, createdAt=ts(r.created_at), updatedAt=ts(r.updated_at))


def dns_records(account: Account, records: list[DnsRecord]) -> rs.DnsRecords:
    rows = [dns_record(account, r) for r in records]
    # Docs schema and fixture: data.records (+ disabledRecords); a live summary named the list
    # domainDnsRecords. Both keys carry the same rows until a live body settles it.
    return rs.DnsRecords(records=rows, disabledRecords=[], domainDnsRecords=rows)


# ---------------------------------------------------------------- money

def subscription(s: Subscription, base_url: str) -> rs.Subscription:
    return rs.Subscription(
        id=s.id,
        subscriptionId=s.external_id,
        subscriptionStatus=s.status,
        plan=s.plan,
        price=s.price,
        totalMailboxQuantity=s.quantity,
        periodStart=ts(s.period_start),
        periodEnd=ts(s.period_end),
        subscriptionCreationDate=ts(s.created_at),
        planUpgradeCancelPossible=s.status == "ACTIVE" and not s.cancel_at_period_end,
        paymentFailureMessage=s.payment_failure_message,
        invoiceDetails=base_url + s.invoice_url if s.invoice_url else None,
    )


def payment_link(message: str, url: str) -> rs.PaymentLink:
    return rs.PaymentLink(message=message, paymentLink=url)


def wallet_balance(owner: Account) -> rs.WalletBalance:
    # Flat body (docs schema; infra-bot reads it at the top level, live).
    return rs.WalletBalance(message="Wallet balance fetched successfully", walletBalance=money(owner.wallet_balance),
                            autoRechargeEnabled=owner.auto_recharge_enabled,
                            autoRechargeDetails=rs.AutoRechargeDetails(amount=money(owner.auto_recharge_amount),
                                                                       threshold=money(owner.auto_recharge_threshold)))


def auto_recharge(message: str, url: Optional[str] = None) -> rs.AutoRechargeAnswer:
    return rs.AutoRechargeAnswer(message=message, paymentLink=url) if url else rs.AutoRechargeAnswer(message=message)


def empty() -> rs.EmptyObject:
    return rs.EmptyObject()  # Upgrade existing subscription answers {} (docs example)


# ---------------------------------------------------------------- exports

def export_started(job) -> rs.ExportStarted:
    # The 2025-01 docs example has data null; the later Get Export Status needs an id, which
    # clients read from data.exportId (printing-press spec: data {exportId, status}).
    return rs.ExportStarted(exportId=job.id, status=job.status)


def export_status(job, csv_link: Optional[str]) -> rs.ExportStatus:
    # snake_case, as the docs schema and clients have it; csv_link (ours) only on a MANUAL export.
    out = rs.ExportStatus(export_id=job.id, status=job.status, failure_reason=job.failure_reason)
    if csv_link is not None:
        out["csv_link"] = csv_link
    return out


def third_party_account(a: ThirdPartyAccount) -> rs.ThirdPartyAccount:
    # appName, not app (coldstack, live-verified); the password is never echoed.
    return rs.ThirdPartyAccount(id=a.id, email=a.email, appName=a.app)


def third_party_accounts(rows: list[ThirdPartyAccount]) -> rs.ThirdPartyAccounts:
    return rs.ThirdPartyAccounts(accounts=[third_party_account(a) for a in rows])
