"""Zapmail v2 routes, as data. Paths are relative to /api, as the docs write them.

Tier A of the reference (the docs tree the project started from) is complete here; two Tier B
reads (Get Export Status, List all third-party accounts) are served too, because an export and
a stored account cannot be observed without them.
"""
from __future__ import annotations

from ...core.routing import Route, RouteTable
from . import requests as rq
from .handlers import accounts, dns, domains, exports, mailboxes, money

D, O = "documented", "observed"


def r(method, path, handler, operation, title, provenance=D, model=None, aliases=(), notes=""):
    return Route(method, path, handler, operation, title, provenance, model, tuple(aliases), notes)


ROUTES = [
    # users, workspaces, billing
    r("GET", "/v2/users", accounts.get_user, "zapmail.v2.users.get", "Retrieve User Details"),
    r("GET", "/v2/workspaces", accounts.list_workspaces, "zapmail.v2.workspaces.list", "Retrieve all workspaces",
      notes="data shape is the live one (paginated, currentWorkspace apart), not the docs' bare array"),
    r("POST", "/v2/workspaces", accounts.create_workspace, "zapmail.v2.workspaces.create", "Create new workspace",
      model=rq.CreateWorkspace),
    r("PUT", "/v2/workspaces", accounts.update_workspace, "zapmail.v2.workspaces.update", "Update workspace",
      model=rq.UpdateWorkspace),
    r("POST", "/v2/billing", accounts.add_billing, "zapmail.v2.billing.add", "Add Billing Details",
      model=rq.BillingFields),
    r("PUT", "/v2/billing", accounts.update_billing, "zapmail.v2.billing.update", "Update Billing Details",
      model=rq.BillingFields),
    # mailbox
    r("GET", "/v2/mailboxes/list", mailboxes.list_mailboxes, "zapmail.v2.mailbox.list", "Retrieve All Mailboxes"),
    r("GET", "/v2/mailboxes", mailboxes.get_mailbox, "zapmail.v2.mailbox.get", "Get Mailbox Details by ID"),
    r("POST", "/v2/mailboxes", mailboxes.assign_mailboxes, "zapmail.v2.mailbox.assign",
      "Assign New Mailboxes to Domains"),
    r("PUT", "/v2/mailboxes", mailboxes.update_mailboxes, "zapmail.v2.mailbox.update", "Update mailbox",
      model=rq.UpdateMailboxes),
    r("PUT", "/v2/mailboxes/scheduled-removal", mailboxes.scheduled_removal, "zapmail.v2.mailbox.scheduled_removal",
      "Remove mailboxes on next renewal", model=rq.ScheduledRemoval),
    r("GET", "/v2/mailboxes/authenticator-code", mailboxes.authenticator_code,
      "zapmail.v2.mailbox.authenticator_code", "Get Authenticator code",
      notes="response field names are ours (the docs name only expiresIn)"),
    r("POST", "/v2/mailboxes/remove-mailboxes-instantly", mailboxes.remove_instantly,
      "zapmail.v2.mailbox.remove_instantly", "Remove Mailboxes Instantly", model=rq.RemoveInstantly),
    # payments & wallet
    r("POST", "/v2/wallet/balance", money.add_balance, "zapmail.v2.wallet.add_balance", "Add balance to wallet",
      model=rq.AddBalance),
    r("GET", "/v2/wallet/balance", money.get_balance, "zapmail.v2.wallet.get_balance", "Get wallet balance"),
    r("POST", "/v2/wallet/enable-auto-recharge", money.enable_auto_recharge,
      "zapmail.v2.wallet.enable_auto_recharge", "Enable auto recharge", model=rq.AutoRecharge),
    # export
    r("POST", "/v2/exports/mailboxes", exports.export_mailboxes, "zapmail.v2.export.mailboxes", "Export mailboxes",
      model=rq.ExportMailboxes),
    r("POST", "/v2/exports/accounts/third-party", exports.add_third_party, "zapmail.v2.export.third_party.add",
      "Add third party account details", model=rq.ThirdPartyAccountBody),
    r("PUT", "/v2/exports/accounts/third-party", exports.update_third_party, "zapmail.v2.export.third_party.update",
      "Update third party account details", model=rq.UpdateThirdPartyAccount),
    r("GET", "/v2/exports/accounts/third-party", exports.list_third_party, "zapmail.v2.export.third_party.list",
      "List all third-party accounts", provenance=O),
    r("GET", "/v2/exports/status", exports.export_status, "zapmail.v2.export.status", "Get Export Status"),
    # subscriptions
    r("GET", "/v2/subscriptions", money.list_subscriptions, "zapmail.v2.subscriptions.list",
      "Get all subscriptions"),
    r("POST", "/v2/subscriptions/cancel", money.cancel_subscription, "zapmail.v2.subscriptions.cancel",
      "Cancel subscription", model=rq.CancelSubscription),
    r("POST", "/v2/subscriptions/upgrade", money.upgrade_subscription, "zapmail.v2.subscriptions.upgrade",
      "Upgrade existing subscription", model=rq.UpgradeSubscription),
    # domains
    r("GET", "/v2/domains", domains.list_domains, "zapmail.v2.domains.list", "Retrieve All Domains"),
    r("GET", "/v2/domains/assignable", domains.list_assignable, "zapmail.v2.domains.list_assignable",
      "List Assignable Domains"),
    r("POST", "/v2/domains/dmarc", domains.add_dmarc, "zapmail.v2.domains.add_dmarc", "Add DMARC record",
      model=rq.Dmarc),
    r("POST", "/v2/domains/forwarding", domains.add_forwarding, "zapmail.v2.domains.add_forwarding",
      "Add Domain forwarding", model=rq.Forwarding),
    r("POST", "/v2/domains/name-servers", domains.get_name_servers, "zapmail.v2.domains.get_nameservers",
      "Get Name servers to connect domain", model=rq.NameServers),
    r("POST", "/v2/domains/name-servers/verify", domains.verify_name_servers,
      "zapmail.v2.domains.verify_nameservers", "Verify Name Server Propagation", model=rq.NameServers,
      notes="the docs leave the answer empty; its data is ours"),
    r("POST", "/v2/domains/connect-domain", domains.connect_domain, "zapmail.v2.domains.connect",
      "Connect Domain with Zapmail / Connect Domain with Zapmail (New)", model=rq.ConnectDomain,
      notes="old body {domainName, nameServers}; new body {domainNames} (path and 207 observed live)"),
    r("POST", "/v2/domains/email-forwarding", domains.enable_email_forwarding,
      "zapmail.v2.domains.enable_email_forwarding", "Enable email forwarding", model=rq.EmailTarget),
    r("DELETE", "/v2/domains/email-forwarding", domains.remove_email_forwarding,
      "zapmail.v2.domains.remove_email_forwarding", "Remove email forwarding", model=rq.DomainFilter),
    r("POST", "/v2/domains/catch-all", domains.enable_catch_all, "zapmail.v2.domains.enable_catch_all",
      "Enable catch all emails", model=rq.EmailTarget),
    r("DELETE", "/v2/domains/catch-all", domains.remove_catch_all, "zapmail.v2.domains.remove_catch_all",
      "Remove catch all emails", model=rq.DomainFilter),
    r("POST", "/v2/domains/dns/check", domains.check_dns, "zapmail.v2.domains.check_dns", "Check DNS records",
      model=rq.CheckDns),
    r("DELETE", "/v2/domains", domains.remove_unused, "zapmail.v2.domains.remove_unused", "Remove unused domains",
      model=rq.RemoveDomains),
    r("POST", "/v2/domains/available", domains.search_available, "zapmail.v2.domains.search_available",
      "Get available domains for registration", provenance=O, model=rq.SearchAvailable,
      notes="path and body from live client notes; the docs page was not retrievable"),
    r("POST", "/v2/domains/buy", domains.buy, "zapmail.v2.domains.buy", "Get domains purchase payment link",
      model=rq.BuyDomains),
    r("GET", "/v2/domains/connection-requests", domains.list_connection_requests,
      "zapmail.v2.domains.list_connection_requests", "Get domain connection requests"),
    r("DELETE", "/v2/domains/connection-requests", domains.remove_connection_requests,
      "zapmail.v2.domains.remove_connection_requests", "Remove domain connection requests",
      model=rq.RemoveConnectionRequests),
    r("POST", "/v2/domains/add-client-id", domains.add_client_id, "zapmail.v2.domains.add_google_client_id",
      "Add Google Client ID to Domain", model=rq.ClientId),
    r("POST", "/v2/domains/available-bulk", domains.available_bulk, "zapmail.v2.domains.check_availability_bulk",
      "Get availability of multiple domain names.", provenance=O, model=rq.AvailableBulk,
      notes="path and body from live client notes; the docs page was not retrievable"),
    # dns
    r("GET", "/v2/dns/", dns.list_records, "zapmail.v2.dns.list", "Get dns records", aliases=("/v2/dns",)),
    r("POST", "/v2/dns", dns.add_records, "zapmail.v2.dns.add", "Add dns records", model=rq.AddDns),
    r("PUT", "/v2/dns", dns.update_record, "zapmail.v2.dns.update", "Update dns records", model=rq.UpdateDns),
    r("DELETE", "/v2/dns", dns.delete_record, "zapmail.v2.dns.delete", "Delete dns records"),
]

TABLE = RouteTable(prefix="/api", routes=ROUTES)
