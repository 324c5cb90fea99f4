"""Zapmail wire shapes of renewals, quick setup, domain search and global search, one renderer per
resource, built through the shapes their routes declare (responses_domainsc.py)."""
from __future__ import annotations

from ...core.pagination import Page
from ...domain.domains import mailbox_count
from ...domain.mailboxes import email_of
from ...domain.models import GOOGLE, MICROSOFT, Account, Domain, Mailbox, QuickSetup, QuickSetupDomain, Subscription
from ...domain.models import Workspace
from ...domain.offers import AgedOffer, PrewarmedOffer
from ...domain.renewals import renew_price
from . import render
from . import responses_domainsc as rs
from .render import page_fields, ts


def renewal_settings(ws: Workspace) -> rs.RenewalSettings:
    return rs.RenewalSettings(domainRenewalSettings=rs.RenewalSettingsFields(autoRenew=ws.domain_auto_renew))


def renewing(account: Account, d: Domain) -> rs.RenewingDomain:
    # assignedMailboxesCount is a number here (live key list), unlike the domain list's string
    return rs.RenewingDomain(id=d.id, domain=d.name, status=d.status, registeredOn=ts(d.registered_on),
                             expireOn=ts(d.expire_on), serviceProvider=d.platform or GOOGLE,
                             assignedMailboxesCount=mailbox_count(account, d.id))


def renewing_page(account: Account, pg: Page) -> rs.RenewingPage:
    return rs.RenewingPage(**page_fields(pg), totalCount=pg.total, domains=[renewing(account, d) for d in pg.items])


def renewal_price(d: Domain) -> rs.RenewalPrice:
    price, renew = renew_price(d)
    return rs.RenewalPrice(domainId=d.id, domainName=d.name, domainPrice=price, isPremiumDomain=False,
                           renewPrice=renew, status=d.status)


def renewal(url: str, renewed: list[Domain]) -> rs.Renewal:
    return rs.Renewal(paymentLink=url, domainIds=[d.id for d in renewed], useWallet=True,
                      domains=[rs.RenewedDomain(id=d.id, domain=d.name, expireOn=ts(d.expire_on)) for d in renewed])


def quick_setup_started(setup: QuickSetup, invoice_url: str) -> rs.QuickSetupStarted:
    return rs.QuickSetupStarted(quickSetupBatchId=setup.id, slotsNeeded=setup.slots_needed, invoiceUrl=invoice_url)


def quick_setup_progress(account: Account, setup: QuickSetup, qd: QuickSetupDomain) -> rs.QuickSetupProgress:
    boxes = [account.mailboxes[i] for i in qd.mailbox_ids if i in account.mailboxes]
    return rs.QuickSetupProgress(
        quickSetupBatchId=setup.id, domain=qd.name, domainId=qd.domain_id, status=qd.status,
        mailboxes=[rs.QuickSetupMailbox(id=m.id, email=email_of(account, m), status=m.status) for m in boxes],
        exportApp=setup.export_app, exportId=qd.export_id, failureReason=qd.failure_reason,
        createdAt=ts(setup.created_at), updatedAt=ts(qd.updated_at))


def finder_run(status: str, progress: int, rows: list[dict]) -> rs.FinderRun:
    out = render.bulk_availability(rows)["domains"]
    return rs.FinderRun(status=status, progress=progress, totalDomains=len(out), domains=out)


def aged_domain(o: AgedOffer) -> rs.AgedDomain:
    return rs.AgedDomain(domainName=o.name, price=o.price, qualityScore=o.quality, domainAgeYears=o.age_years,
                         metrics=rs.AgedMetrics(domainAuthority=o.authority, spamScore=o.spam))


def aged_domains(rows: list[AgedOffer]) -> rs.AgedDomains:
    return rs.AgedDomains(domains=[aged_domain(o) for o in rows])


def domains_bought(url: str, made: list[Domain]) -> rs.DomainsBought:
    return rs.DomainsBought(invoiceLink=url, domainIds=[d.id for d in made])


def prewarmed_page(pg: Page, sold: set[str], unsold: int) -> rs.PrewarmedPage:
    def row(o: PrewarmedOffer) -> rs.PrewarmedDomain:
        return rs.PrewarmedDomain(id=o.id, domain=o.name, isSold=o.id in sold, price=o.price, preWarmedUpMailboxes=[
            rs.WarmMailbox(mailbox=rs.WarmPerson(firstName=f, lastName=lst)) for f, lst in o.people])
    fields = page_fields(pg)
    return rs.PrewarmedPage(domains=[row(o) for o in pg.items], total=pg.total, totalDomainsUnsold=unsold,
                            currentPage=fields["currentPage"], nextPage=fields["nextPage"],
                            totalPages=fields["totalPages"])


def prewarmed_count(stock: dict[str, int]) -> rs.PrewarmedCount:
    return rs.PrewarmedCount(google=stock[GOOGLE], microsoft=stock[MICROSOFT])


def prewarmed_subscriptions(pg: Page) -> rs.PrewarmedSubscriptions:
    def row(s: Subscription) -> rs.PrewarmedSubscription:
        return rs.PrewarmedSubscription(plan=s.plan, price=s.price, totalMailboxQuantity=s.quantity,
                                        subscriptionStatus=s.status, periodEnd=ts(s.period_end))
    fields = page_fields(pg)
    return rs.PrewarmedSubscriptions(subscriptions=[row(s) for s in pg.items], total=pg.total,
                                     currentPage=fields["currentPage"], nextPage=fields["nextPage"],
                                     totalPages=fields["totalPages"])


def found_mailbox(world, ws: Workspace, m: Mailbox) -> rs.FoundMailbox:
    owner = world.accounts[ws.owner_id]
    return rs.FoundMailbox(**render.mailbox(owner, m), workspaceId=ws.id, workspaceName=ws.name,
                           serviceProvider=m.platform)


def found_mailboxes(world, pg: Page) -> rs.FoundMailboxes:
    return rs.FoundMailboxes(**page_fields(pg), mailboxes=[found_mailbox(world, ws, m) for ws, m in pg.items])


def app_workspaces(rows) -> rs.AppWorkspaces:
    return rs.AppWorkspaces(workspaces=[rs.AppWorkspace(id=f"{a.app.lower()}-ws-{a.id[:8]}",
                                                        name=f"{a.email} ({a.app.title()})", accountId=a.id,
                                                        email=a.email) for a in rows])
