"""LiteMail routes of the shared groups (users, workspaces, billing, mailboxes, wallet, exports,
subscriptions, domains, dns, api keys, connect inbox).

Method, path (relative to /v1) and provenance exactly as shared/reference/litemail.yaml lists
them: documented (seen on a docs page), method-doc (the method is documented, the path is ours)
or inferred (both are ours). A routes-override file can move any of them (routes.py).
"""
from __future__ import annotations

from . import requests as rq
from .handlers import accounts, dns, domains, exports, mailboxes, money
from ...core.routing import READ, SPEND, WRITE, Paging
from .responses import (ASSIGNED_EXAMPLE, UPGRADED_EXAMPLE, Assigned, Available, BillingRecord, Connecting, DnsCheck, DnsRecordRow, Domain, DomainRef, DomainsUpdated, Export, IdOnly, Invoice, Mailbox, NameServers, NewKey, Propagation, PurchaseLink, Purchased, Subscription, ThirdPartyAccountRow, TopUpLink, Upgraded, User, Wallet, WalletCredit, WalletWithLink, Workspace, created, ok, page_of)
from .routes import r

D, M, I = "documented", "method-doc", "inferred"

ROUTES = [
    # users, workspaces, billing
    r("users.get", "GET", "/users", accounts.get_user, "Retrieve User Details", D, kind=READ, ok=ok("UserAnswer", User)),
    r("workspaces.list", "GET", "/workspaces", accounts.list_workspaces, "Retrieve All Workspaces", M, kind=READ, ok=ok("WorkspacesAnswer", page_of("WorkspacesPage", "workspaces", Workspace)), query=rq.PageQuery, paging=Paging("workspaces")),
    r("workspaces.create", "POST", "/workspaces", accounts.create_workspace, "Create New Workspace", M,
      rq.CreateWorkspace, state="the name is not taken by another workspace of the account", kind=WRITE, ok=created("WorkspaceCreated", Workspace)),
    r("workspaces.update", "PUT", "/workspaces/{workspaceId}", accounts.update_workspace, "Update Workspace", M,
      rq.UpdateWorkspace, state="the workspace exists; the name is not taken by another workspace of the account", kind=WRITE, ok=ok("WorkspaceAnswer", Workspace)),
    r("billing.add", "POST", "/billing", accounts.add_billing, "Add Billing Details", M, rq.Billing, kind=WRITE, ok=created("BillingAnswer", BillingRecord)),
    r("billing.invoices", "GET", "/billing/invoices", accounts.list_invoices, "List Billing Invoices", I, kind=READ, ok=ok("InvoicesAnswer", page_of("InvoicesPage", "invoices", Invoice)), query=rq.PageQuery, paging=Paging("invoices")),
    # mailboxes
    r("mailboxes.list", "GET", "/mailboxes", mailboxes.list_mailboxes, "Retrieve Mailboxes", D, kind=READ, ok=ok("MailboxesAnswer", page_of("MailboxesPage", "mailboxes", Mailbox)), query=rq.MailboxesQuery, paging=Paging("mailboxes")),
    r("mailboxes.create", "POST", "/mailboxes", mailboxes.create_mailbox, "Assign New Mailbox to Domain", D,
      rq.CreateMailbox, notes="creates one mailbox under a domain the user owns", state="the domain exists, is ACTIVE and on the request's platform (or none yet); the username is free on it; free subscription slots; no Microsoft mailbox still being created", kind=SPEND, ok=created("MailboxCreated", Mailbox)),
    r("mailboxes.assign", "POST", "/mailboxes/assign", mailboxes.assign_mailboxes, "Assign Mailboxes to Domain", D,
      rq.AssignMailboxes, notes="full page known: request, 201 body", state="each domain exists in the account, is ACTIVE and on the request's platform; usernames free; the per-domain limit and free subscription slots; no Microsoft mailbox still being created", kind=SPEND, ok=created("MailboxesAssigned", Assigned, ASSIGNED_EXAMPLE)),
    r("mailboxes.get", "GET", "/mailboxes/{mailboxId}", mailboxes.get_mailbox, "Get Mailbox Details", M, kind=READ, ok=ok("MailboxAnswer", Mailbox)),
    r("mailboxes.update", "PUT", "/mailboxes/{mailboxId}", mailboxes.update_mailbox, "Update Mailbox", M,
      rq.UpdateMailbox, state="the mailbox exists; a new username is free on its domain", kind=WRITE, ok=ok("MailboxAnswer", Mailbox)),
    r("mailboxes.remove", "DELETE", "/mailboxes/{mailboxId}", mailboxes.remove_mailbox,
      "Remove Mailbox (Next Renewal)", D, notes="flags the mailbox for removal at the next renewal", kind=WRITE, ok=ok("MailboxAnswer", Mailbox)),
    # payment & wallet
    r("wallet.balance", "GET", "/wallet/balance", money.get_balance, "Get Wallet Balance", M, kind=READ, ok=ok("WalletAnswer", Wallet)),
    r("wallet.add_balance", "POST", "/wallet/balance", money.add_balance, "Add Balance to Wallet", M, rq.Amount,
      notes="returns a payment link; the wallet is credited when that payment completes", kind=SPEND, ok=created("TopUpAnswer", TopUpLink)),
    r("wallet.auto_recharge", "POST", "/wallet/auto-recharge", money.auto_recharge, "Enable Auto Recharge", M,
      rq.AutoRecharge, state="none: without a saved card the answer carries a link to save one", kind=WRITE, ok=ok("AutoRechargeAnswer", WalletWithLink)),
    r("wallet.add_credit", "POST", "/wallet/credit", money.add_credit, "Add Credit to Wallet", I, rq.Amount,
      notes="charges the card saved by an earlier payment", state="a card saved by an earlier paid link", kind=SPEND, ok=created("CreditAnswer", WalletCredit)),
    # exports
    r("exports.mailboxes", "POST", "/exports/mailboxes", exports.export_mailboxes, "Export Mailboxes", M,
      rq.ExportMailboxes, state="a third-party account for each app is connected (one, or thirdPartyAccountId names it); the ids exist; some ACTIVE mailbox matches; the export limit per mailbox", kind=WRITE, ok=created("ExportAnswer", Export)),
    r("exports.add_account", "POST", "/exports/third-party-accounts", exports.add_account,
      "Add Third Party Account Details", M, rq.ThirdPartyAccount, state="no stored account for the same app and email", kind=WRITE, ok=created("ThirdPartyCreated", ThirdPartyAccountRow)),
    r("exports.update_account", "PUT", "/exports/third-party-accounts/{accountId}", exports.update_account,
      "Update Third Party Account Details", M, rq.ThirdPartyUpdate, state="the account exists; no other stored account for the same app and email", kind=WRITE, ok=ok("ThirdPartyAnswer", ThirdPartyAccountRow)),
    r("exports.connect_inboxes", "POST", "/exports/connect-inboxes", exports.connect_inboxes,
      "Connect Inboxes (Export to Platform)", I, rq.ConnectInboxes, state="as Export Mailboxes: a connected third-party account for the platform, some ACTIVE mailbox", kind=WRITE, ok=created("ExportAnswer", Export)),
    # subscriptions
    r("subscriptions.list", "GET", "/subscriptions", money.list_subscriptions, "Get All Subscriptions", D, kind=READ, ok=ok("SubscriptionsAnswer", page_of("SubscriptionsPage", "subscriptions", Subscription)), query=rq.SubscriptionsQuery, paging=Paging("subscriptions")),
    r("subscriptions.cancel", "DELETE", "/subscriptions/{subscriptionId}", money.cancel_subscription,
      "Cancel Subscription", M, state="the subscription exists and is not already cancelled", kind=WRITE, ok=ok("SubscriptionAnswer", Subscription)),
    r("subscriptions.upgrade", "PUT", "/subscriptions/{subscriptionId}/upgrade", money.upgrade_subscription,
      "Upgrade Subscription", D, rq.Upgrade, notes="full example known: {newPlan} -> {id, oldPlan, newPlan, upgradedAt}", state="the subscription exists, is ACTIVE and not cancelled; the new plan holds more mailboxes than the current one", kind=SPEND, ok=ok("UpgradeAnswer", Upgraded, UPGRADED_EXAMPLE)),
    # domains
    r("domains.list", "GET", "/domains", domains.list_domains, "Retrieve Domains", M, kind=READ, ok=ok("DomainsAnswer", page_of("DomainsPage", "domains", Domain)), query=rq.DomainsQuery, paging=Paging("domains")),
    r("domains.purchase", "POST", "/domains/purchase", domains.purchase, "Purchase/Register a New Domain", I,
      rq.Purchase, notes="pays from the wallet; insufficient balance is a 400", state="each name is available (not taken, not listed twice) and the wallet holds the price", kind=SPEND, ok=created("PurchaseAnswer", Purchased)),
    r("domains.assignable", "GET", "/domains/assignable", domains.list_assignable, "List Assignable Domains", M, kind=READ, ok=ok("DomainsAnswer", page_of("DomainsPage", "domains", Domain)), query=rq.SearchQuery, paging=Paging("domains")),
    r("domains.add_dmarc", "POST", "/domains/dmarc", domains.add_dmarc, "Add DMARC Records", M, rq.Dmarc, state="the domainIds exist in the workspace", kind=WRITE, ok=ok("DomainsUpdatedAnswer", DomainsUpdated)),
    r("domains.add_forwarding", "POST", "/domains/forwarding", domains.add_forwarding, "Add Domain Forwarding", M,
      rq.Forwarding, state="the domainIds exist in the workspace", kind=WRITE, ok=ok("DomainsUpdatedAnswer", DomainsUpdated)),
    r("domains.remove_forwarding", "DELETE", "/domains/forwarding", domains.remove_forwarding,
      "Remove Domain Forwarding", M, rq.DomainTargets, state="the domainIds exist in the workspace", kind=WRITE, ok=ok("DomainsUpdatedAnswer", DomainsUpdated)),
    r("domains.name_servers", "GET", "/domains/name-servers", domains.name_servers, "Get Name Servers", M, kind=WRITE, ok=ok("NameServersAnswer", NameServers), query=rq.NameServersQuery),
    r("domains.verify_ns", "GET", "/domains/name-servers/verify", domains.verify_name_servers,
      "Verify Name Server Propagation", M, state="name servers were issued for the name (Get Name Servers) first", kind=READ, ok=ok("PropagationAnswer", Propagation), query=rq.DomainNameQuery),
    r("domains.connect", "POST", "/domains/connect", domains.connect, "Connect Domains with LiteMail", M, rq.Connect, kind=WRITE, ok=ok("ConnectAnswer", Connecting)),
    r("domains.enable_email_forwarding", "POST", "/domains/email-forwarding", domains.enable_email_forwarding,
      "Enable Email Forwarding", M, rq.EmailTarget, state="the domainIds exist in the workspace", kind=WRITE, ok=ok("DomainsUpdatedAnswer", DomainsUpdated)),
    r("domains.remove_email_forwarding", "DELETE", "/domains/email-forwarding", domains.remove_email_forwarding,
      "Remove Email Forwarding", M, rq.DomainTargets, state="the domainIds exist in the workspace", kind=WRITE, ok=ok("DomainsUpdatedAnswer", DomainsUpdated)),
    r("domains.enable_catch_all", "POST", "/domains/catch-all", domains.enable_catch_all, "Enable Catch-All Emails", M,
      rq.EmailTarget, state="the domainIds exist in the workspace", kind=WRITE, ok=ok("DomainsUpdatedAnswer", DomainsUpdated)),
    r("domains.remove_catch_all", "DELETE", "/domains/catch-all", domains.remove_catch_all, "Remove Catch-All Emails",
      M, rq.DomainTargets, state="the domainIds exist in the workspace", kind=WRITE, ok=ok("DomainsUpdatedAnswer", DomainsUpdated)),
    r("domains.check_dns", "GET", "/domains/dns-check", domains.check_dns, "Check DNS Records", M, state="domainId or domainIds is sent (a rule across two query parameters); the domains exist", kind=READ, ok=ok("DnsCheckAnswer", list[DnsCheck]), query=rq.DnsCheckQuery),
    r("domains.available", "GET", "/domains/available", domains.available, "Get Available Domains for Registration",
      M, kind=READ, ok=ok("AvailableAnswer", Available), query=rq.AvailableQuery),
    r("domains.payment_link", "GET", "/domains/payment-link", domains.payment_link,
      "Get Domain Purchase Payment Link", M, state="each name is available and listed once", kind=SPEND, ok=ok("PurchaseLinkAnswer", PurchaseLink), query=rq.PaymentLinkQuery),
    r("domains.get", "GET", "/domains/{domainId}", domains.get_domain, "Get Domain Details", I, kind=READ, ok=ok("DomainAnswer", Domain)),
    r("domains.remove_unused", "DELETE", "/domains/{domainId}", domains.remove_unused, "Remove Unused Domain", M,
      notes="only a domain with no mailboxes can be removed", state="the domain exists, was connected (not purchased) and has no mailboxes", kind=WRITE, ok=ok("DomainRemoved", DomainRef)),
    # dns
    r("dns.list", "GET", "/dns", dns.list_records, "Get DNS Records", M, notes="records of one domain: ?domainId=", kind=READ, ok=ok("DnsRecordsAnswer", page_of("DnsRecordsPage", "records", DnsRecordRow)), query=rq.DnsListQuery, paging=Paging("records")),
    r("dns.create", "POST", "/dns", dns.create_record, "Add DNS Record / Create DNS Record", D, rq.DnsRecord,
      notes="documented with 'Authorization: Bearer <JWT>' auth", state="the domain exists; value fits recordType (A: IPv4, AAAA: IPv6, ...)", kind=WRITE, ok=created("DnsRecordCreated", DnsRecordRow)),
    r("dns.update", "PUT", "/dns/{recordId}", dns.update_record, "Update DNS Record", M, rq.DnsUpdate, state="the record exists; value fits the record's type, the stored one when recordType is left out", kind=WRITE, ok=ok("DnsRecordAnswer", DnsRecordRow)),
    r("dns.delete", "DELETE", "/dns/{recordId}", dns.delete_record, "Delete DNS Record", M, kind=WRITE, ok=ok("IdAnswer", IdOnly)),
    # api keys, connect inbox (first tree)
    r("apikeys.generate", "POST", "/api-keys", accounts.generate_key, "generate key by login first", I, rq.Login,
      notes="log in with the account's email and password, receive an API key (no key needed)", kind=WRITE, ok=created("KeyAnswer", NewKey)),
    r("connect_inbox", "POST", "/connect-inbox", exports.connect_inboxes, "connect-inboxes", D, rq.ConnectInboxes,
      notes="marked 'Developing' in the docs; an export of inboxes to one platform", state="as Export Mailboxes: a connected third-party account for the platform, some ACTIVE mailbox", kind=WRITE, ok=created("ExportAnswer", Export)),
]
