"""Zapmail v2 routes: one declaration per operation. Paths are relative to /api, as the docs
write them.

Tier A of the reference (the docs tree the project started from) is complete here. Of Tier B:
Get Export Status and List all third-party accounts (an export and a stored account cannot be
observed without them), the domain health score, workspace members and invitations, domain tags,
retrying failed mailboxes, add-on mailboxes and subscription purchase.
"""
from __future__ import annotations

from ...core.routing import READ, SPEND, WRITE, Paging, RouteTable
from . import examples as ex
from . import requests as rq
from . import responses as rs
from .handlers import accounts, dns, domains, exports, mailboxes, money, tags, team
from . import (routes_dnsshield, routes_domainsearch, routes_onebox, routes_placement,  # issue 10 groups
               routes_quicksetup, routes_renewals, routes_tierb, routes_webhooks, routes_zapsites)

from .declare import DOMAIN_SEARCH, NULL, D, O, ok, r  # noqa: F401  (DOMAIN_SEARCH, O: group modules too)

ROUTES = [
    # users, workspaces, billing
    r("GET", "/v2/users", accounts.get_user, "zapmail.v2.users.get", "Retrieve User Details",
      kind=READ, ok=ok("UserAnswer", rs.User), examples=ex.USERS_GET),
    r("GET", "/v2/workspaces", accounts.list_workspaces, "zapmail.v2.workspaces.list", "Retrieve all workspaces",
      kind=READ, ok=ok("WorkspacesAnswer", rs.WorkspacesPage), query=rq.WorkspacesQuery,
      paging=Paging("workspaces"),
      notes="data shape is the live one (paginated, currentWorkspace apart), not the docs' bare array"),
    r("POST", "/v2/workspaces", accounts.create_workspace, "zapmail.v2.workspaces.create", "Create new workspace",
      kind=WRITE, ok=ok("WorkspaceAnswer", rs.WorkspaceRecord), body=rq.CreateWorkspace,
      state="the name must differ from the account's other workspaces' (case aside).", examples=ex.WORKSPACES_CREATE),
    r("PUT", "/v2/workspaces", accounts.update_workspace, "zapmail.v2.workspaces.update", "Update workspace",
      kind=WRITE, ok=ok("WorkspaceAnswer", rs.WorkspaceRecord), body=rq.UpdateWorkspace,
      state="id must name a workspace of the account (404); the name must differ from its other workspaces'.", examples=ex.WORKSPACES_UPDATE),
    # workspace team (Tier B): member and invitation fields are ours (the docs captured none but
    # totalSearchedCount); roles and who may manage whom from the v3 Team Management page.
    r("GET", "/v2/workspaces/members", team.list_members, "zapmail.v2.workspaces.members.list",
      "List all workspace members", kind=READ, ok=ok("MembersAnswer", rs.MembersPage), query=rq.MembersQuery,
      paging=Paging("members"), notes="the owner is not listed (v3 Team Management); member fields are ours"),
    r("PUT", "/v2/workspaces/members", team.update_role, "zapmail.v2.workspaces.members.update_role",
      "Update user role", kind=WRITE, ok=ok("MemberAnswer", rs.Member), query=rq.MemberIdQuery, body=rq.UpdateRole,
      notes="memberId in the query and role in the body (docs); a public client's listing puts memberId in the body",
      state=("memberId must name a member of the workspace (404); the owner's and the caller's own access cannot "
             "change (403); only the owner gives or takes away ADMIN (403).")),
    r("DELETE", "/v2/workspaces/members", team.revoke_member, "zapmail.v2.workspaces.members.revoke",
      "Revoke User Access", kind=WRITE, ok=NULL, query=rq.MemberIdQuery,
      state=("memberId must name a member of the workspace (404); the owner and the caller cannot be revoked "
             "(403); only the owner revokes an ADMIN (403).")),
    r("POST", "/v2/workspaces/invitations", team.invite, "zapmail.v2.workspaces.invitations.create",
      "Send invitation to join workspace", provenance=O, kind=WRITE, ok=ok("InvitationAnswer", rs.Invitation),
      body=rq.Invite, notes="body fields from a public client's listing; the answer's data is ours",
      state=("workspaceId must name a workspace the caller owns or administers (404, 403); only the owner invites "
             "an ADMIN (403); an address of the team or with a pending invitation is a 409.")),
    r("GET", "/v2/workspaces/invitations", team.list_invitations, "zapmail.v2.workspaces.invitations.list",
      "List all invitations", provenance=O, kind=READ, ok=ok("InvitationsAnswer", rs.InvitationsPage),
      query=rq.InvitationsQuery, paging=Paging("invitations"),
      notes="query from a public client's listing (status optional here); the answer's shape is ours"),
    r("DELETE", "/v2/workspaces/invitations", team.revoke_invitation, "zapmail.v2.workspaces.invitations.revoke",
      "Revoke invitation", kind=WRITE, ok=NULL, query=rq.InvitationIdQuery,
      state="invitationId must name an invitation of the workspace (404) that is still PENDING (400)."),
    r("POST", "/v2/billing", accounts.add_billing, "zapmail.v2.billing.add", "Add Billing Details",
      kind=WRITE, ok=NULL, body=rq.BillingFields, examples=ex.BILLING_ADD),
    r("PUT", "/v2/billing", accounts.update_billing, "zapmail.v2.billing.update", "Update Billing Details",
      kind=WRITE, ok=NULL, body=rq.BillingFields),
    # mailbox
    r("GET", "/v2/mailboxes/list", mailboxes.list_mailboxes, "zapmail.v2.mailbox.list", "Retrieve All Mailboxes",
      kind=READ, ok=ok("MailboxesAnswer", rs.MailboxesPage), query=rq.ContainsQuery, paging=Paging("domains"), examples=ex.MAILBOX_LIST),
    r("GET", "/v2/mailboxes", mailboxes.get_mailbox, "zapmail.v2.mailbox.get", "Get Mailbox Details by ID",
      kind=READ, ok=ok("MailboxAnswer", rs.MailboxOne), query=rq.ByIdQuery, examples=ex.MAILBOX_GET),
    # assigning mailboxes uses paid slots
    r("POST", "/v2/mailboxes", mailboxes.assign_mailboxes, "zapmail.v2.mailbox.assign",
      "Assign New Mailboxes to Domains", kind=SPEND, ok=NULL, body=rq.AssignMailboxes,
      state=("each key must name a domain of the workspace (404) that is ACTIVE and on the request's platform,"
             " and domainName must be that domain's name; usernames are unique per domain; at most 5 mailboxes"
             ' per domain, existing ones counted; the batch must fit the free subscription slots; on '
             'Microsoft, none may still be in progress.'), examples=ex.MAILBOX_ASSIGN),
    r("PUT", "/v2/mailboxes", mailboxes.update_mailboxes, "zapmail.v2.mailbox.update", "Update mailbox",
      kind=WRITE, ok=ok("MailboxUpdateAnswer", list[rs.MailboxUpdateRow]), body=rq.UpdateMailboxes,
      state='targets must exist (404); a username is set for one mailbox only and must be free on its domain.', examples=ex.MAILBOX_UPDATE),
    r("PUT", "/v2/mailboxes/scheduled-removal", mailboxes.scheduled_removal, "zapmail.v2.mailbox.scheduled_removal",
      "Remove mailboxes on next renewal", kind=WRITE, ok=rs.MessageAndNullData, body=rq.ScheduledRemoval, examples=ex.MAILBOX_SCHEDULED_REMOVAL),
    r("PUT", "/v2/mailboxes/retry-failed", mailboxes.retry_failed, "zapmail.v2.mailbox.retry_failed",
      "retry creation of failed mailboxes", kind=WRITE, ok=NULL, body=rq.RetryFailed,
      notes=("the docs mark x-service-provider required; absent, GOOGLE (as everywhere). A domain without a "
             "failed mailbox is not an error (ours); the success message is ours"),
      state=("each domain must be of the workspace (404); the FAILED mailboxes of the named domains on the "
             "request's platform are created again on the clock (a `fail-` mailbox succeeds the second time).")),
    r("GET", "/v2/mailboxes/authenticator-code", mailboxes.authenticator_code,
      "zapmail.v2.mailbox.authenticator_code", "Get Authenticator code", kind=READ,
      ok=ok("AuthenticatorAnswer", rs.AuthenticatorCode), query=rq.AuthenticatorQuery,
      notes="response field names are ours (the docs name only expiresIn)",
      state=('one of mailboxId or domainId is needed (a rule between query parameters, which OpenAPI cannot '
             'state); the mailbox must be active; domainId names a Microsoft domain.')),
    r("POST", "/v2/mailboxes/remove-mailboxes-instantly", mailboxes.remove_instantly,
      "zapmail.v2.mailbox.remove_instantly", "Remove Mailboxes Instantly", kind=WRITE,
      ok=ok("QueuedAnswer", rs.Queued), body=rq.RemoveInstantly, examples=ex.MAILBOX_REMOVE_INSTANTLY),
    # payments & wallet
    r("POST", "/v2/wallet/balance", money.add_balance, "zapmail.v2.wallet.add_balance", "Add balance to wallet",
      kind=SPEND, ok=rs.PaymentLink, body=rq.AddBalance, examples=ex.WALLET_ADD_BALANCE),
    r("GET", "/v2/wallet/balance", money.get_balance, "zapmail.v2.wallet.get_balance", "Get wallet balance",
      kind=READ, ok=rs.WalletBalance, examples=ex.WALLET_GET_BALANCE),
    r("POST", "/v2/wallet/enable-auto-recharge", money.enable_auto_recharge,
      "zapmail.v2.wallet.enable_auto_recharge", "Enable auto recharge", kind=WRITE, ok=rs.AutoRechargeAnswer,
      body=rq.AutoRecharge, examples=ex.WALLET_ENABLE_AUTO_RECHARGE),
    r("POST", "/v2/wallet/buy-addon-mailboxes", money.buy_addon_mailboxes, "zapmail.v2.wallet.buy_addon_mailboxes",
      "Purchase add on mailboxes", kind=SPEND, ok=rs.PaymentLink, query=rq.AddonQuery,
      examples=ex.WALLET_BUY_ADDON_MAILBOXES,
      notes="paid from the wallet at once; paymentLink is the paid invoice (docs example); price per slot by plan and cycle (docs)",
      state=("the workspace needs a live, uncancelled subscription on the request's platform (400); the wallet "
             "(or auto recharge) must cover quantity x the per-slot price (400 Insufficient wallet balance).")),
    # export
    r("POST", "/v2/exports/mailboxes", exports.export_mailboxes, "zapmail.v2.export.mailboxes", "Export mailboxes",
      kind=WRITE, ok=ok("ExportAnswer", rs.ExportStarted), body=rq.ExportMailboxes,
      state=('each app but MANUAL needs a third-party account of the workspace (thirdPartyAccountId when '
             'several); the selection must hold active mailboxes.')),
    r("POST", "/v2/exports/accounts/third-party", exports.add_third_party, "zapmail.v2.export.third_party.add",
      "Add third party account details", kind=WRITE, ok=NULL, body=rq.ThirdPartyAccountBody,
      state='one account per app and email in a workspace.', examples=ex.EXPORT_THIRD_PARTY_ADD),
    r("PUT", "/v2/exports/accounts/third-party", exports.update_third_party, "zapmail.v2.export.third_party.update",
      "Update third party account details", kind=WRITE, ok=NULL, body=rq.UpdateThirdPartyAccount,
      state='without accountId, the app must have exactly one account in the workspace.', examples=ex.EXPORT_THIRD_PARTY_UPDATE),
    r("GET", "/v2/exports/accounts/third-party", exports.list_third_party, "zapmail.v2.export.third_party.list",
      "List all third-party accounts", provenance=O, kind=READ, ok=ok("ThirdPartyAnswer", rs.ThirdPartyAccounts),
      query=rq.AppQuery, examples=ex.EXPORT_THIRD_PARTY_LIST),
    r("GET", "/v2/exports/status", exports.export_status, "zapmail.v2.export.status", "Get Export Status",
      kind=READ, ok=ok("ExportStatusAnswer", rs.ExportStatus), query=rq.ExportStatusQuery),
    # subscriptions
    r("GET", "/v2/subscriptions", money.list_subscriptions, "zapmail.v2.subscriptions.list",
      "Get all subscriptions", kind=READ, ok=ok("SubscriptionsAnswer", list[rs.Subscription]),
      query=rq.SubscriptionsQuery, examples=ex.SUBSCRIPTIONS_LIST),
    r("POST", "/v2/subscriptions/cancel", money.cancel_subscription, "zapmail.v2.subscriptions.cancel",
      "Cancel subscription", kind=WRITE, ok=NULL, body=rq.CancelSubscription,
      state='the subscription must exist (404) and be in the state the call changes.'),
    r("POST", "/v2/subscriptions/purchase", money.purchase_subscription, "zapmail.v2.subscriptions.purchase",
      "Purchase subscription", kind=SPEND, ok=rs.PaymentLink, query=rq.PurchaseQuery,
      notes=("query from a public client (planName, billingCycle); paid from the wallet (docs), answered flat "
             "(v3 Errors page) with the paid invoice as paymentLink (the client reads paymentLink); cycle names ours"),
      state="the wallet (or auto recharge) must cover the plan's price for the cycle (400 Insufficient wallet balance)."),
    r("POST", "/v2/subscriptions/upgrade", money.upgrade_subscription, "zapmail.v2.subscriptions.upgrade",
      "Upgrade existing subscription", kind=SPEND, ok=rs.EmptyObject, body=rq.UpgradeSubscription,
      state='the subscription must exist (404), be active and not cancelled, and the plan be larger.', examples=ex.SUBSCRIPTIONS_UPGRADE),
    # domains
    r("GET", "/v2/domains", domains.list_domains, "zapmail.v2.domains.list", "Retrieve All Domains",
      kind=READ, ok=ok("DomainsAnswer", rs.DomainsPage), query=rq.DomainsQuery, paging=Paging("domains")),
    r("GET", "/v2/domains/assignable", domains.list_assignable, "zapmail.v2.domains.list_assignable",
      "List Assignable Domains", kind=READ, ok=ok("AssignableAnswer", rs.AssignablePage), query=rq.ContainsQuery,
      paging=Paging("domains"), examples=ex.DOMAINS_LIST_ASSIGNABLE),
    r("POST", "/v2/domains/dmarc", domains.add_dmarc, "zapmail.v2.domains.add_dmarc", "Add DMARC record",
      kind=WRITE, ok=NULL, body=rq.Dmarc),
    r("POST", "/v2/domains/forwarding", domains.add_forwarding, "zapmail.v2.domains.add_forwarding",
      "Add Domain forwarding", kind=WRITE, ok=NULL, body=rq.Forwarding, examples=ex.DOMAINS_ADD_FORWARDING),
    r("POST", "/v2/domains/name-servers", domains.get_name_servers, "zapmail.v2.domains.get_nameservers",
      "Get Name servers to connect domain", kind=WRITE, ok=ok("NameServersAnswer", rs.IssuedNameServers),
      body=rq.NameServers, examples=ex.DOMAINS_GET_NAMESERVERS),
    r("POST", "/v2/domains/name-servers/verify", domains.verify_name_servers,
      "zapmail.v2.domains.verify_nameservers", "Verify Name Server Propagation", kind=READ,
      ok=ok("VerifyAnswer", rs.NameServersVerified), body=rq.NameServers,
      notes="the docs leave the answer empty; its data is ours",
      state='name servers must have been issued for the name (Get Name servers) first.'),
    # deprecated body: data null; new body: progress, 207 while any name is in progress
    r("POST", "/v2/domains/connect-domain", domains.connect_domain, "zapmail.v2.domains.connect",
      "Connect Domain with Zapmail / Connect Domain with Zapmail (New)", kind=WRITE, body=rq.ConnectDomain,
      ok={200: rs.envelope("ConnectAnswer", rs.Optional[rs.ConnectProgress]),
          207: rs.envelope("ConnectInProgress", rs.ConnectProgress, rs.Literal[207])},
      notes="old body {domainName, nameServers}; new body {domainNames} (path and 207 observed live)",
      state=('a name whose issued name servers have not propagated, or whose connection request failed, is '
             'refused (the deprecated body).'), examples=ex.DOMAINS_CONNECT),
    r("POST", "/v2/domains/email-forwarding", domains.enable_email_forwarding,
      "zapmail.v2.domains.enable_email_forwarding", "Enable email forwarding", kind=WRITE, ok=NULL,
      body=rq.EmailTarget),
    r("DELETE", "/v2/domains/email-forwarding", domains.remove_email_forwarding,
      "zapmail.v2.domains.remove_email_forwarding", "Remove email forwarding", kind=WRITE, ok=NULL,
      body=rq.DomainFilter),
    r("POST", "/v2/domains/catch-all", domains.enable_catch_all, "zapmail.v2.domains.enable_catch_all",
      "Enable catch all emails", kind=WRITE, ok=NULL, body=rq.EmailTarget),
    r("DELETE", "/v2/domains/catch-all", domains.remove_catch_all, "zapmail.v2.domains.remove_catch_all",
      "Remove catch all emails", kind=WRITE, ok=NULL, body=rq.DomainFilter),
    r("GET", "/v2/domains/health-score", domains.health_score, "zapmail.v2.domains.health_score",
      "Retrieve Domain Health Score", provenance=O, kind=READ, ok=ok("HealthScoreAnswer", rs.HealthScore),
      query=rq.HealthQuery, state="domainId must name a domain of the workspace", examples=ex.DOMAINS_HEALTH_SCORE,
      notes="shape and labels from live answers; the score itself is ours (no reputation to read): 90 for an "
            "ACTIVE domain with mailboxes and every mail record, less for each gap; without domainId, the "
            "workspace's mean (ours)"),
    # domain tags (Tier B): a tag is a workspace label on any platform (the domain's tags, shared with LiteMail)
    r("GET", "/v2/domains/tags", tags.list_tags, "zapmail.v2.domains.list_tags", "list domain tags",
      provenance=O, kind=READ, ok=ok("TagsAnswer", list[rs.Tag]), examples=ex.DOMAINS_LIST_TAGS,
      notes="row keys from a live answer (id, name, tagColor); its docs page names the header x-workspace-id"),
    r("POST", "/v2/domains/tags", tags.create_tags, "zapmail.v2.domains.create_tags", "Create Domain Tags",
      kind=WRITE, ok=ok("TagsCreatedAnswer", rs.TagsCreated), body=rq.CreateTags,
      notes="data keys from the docs schema (tagIds) and a client reference (domainTagsCreated)",
      state=("a name another tag of the workspace has, or named twice in the body, is a 409 (case aside); at most "
             "200 tags per workspace.")),
    r("POST", "/v2/domains/assign-tag", tags.assign_tags, "zapmail.v2.domains.assign_tags", "Assign Domain Tag",
      kind=WRITE, ok=NULL, body=rq.AssignTags, notes="the answer is not captured; data null is ours",
      state="every tag and domain must be of the workspace (404); a tag already on a domain stays once."),
    r("POST", "/v2/domains/tags/delete", tags.delete_tag, "zapmail.v2.domains.delete_tag", "Delete Tag",
      kind=WRITE, ok=NULL, body=rq.DeleteTag, notes="the answer is not captured; data null is ours",
      state="tagId must name a tag of the workspace (404); it is detached from every domain and mailbox."),
    r("POST", "/v2/domains/tags/remove", tags.remove_tags, "zapmail.v2.domains.remove_tags",
      "Remove Tags From Domains", kind=WRITE, ok=NULL, body=rq.RemoveTags,
      notes="the answer is not captured; data null is ours; without tagIds every tag is removed (ours)",
      state="tagIds and domainIds must be of the workspace (404); without domainIds, contains or status selects."),
    r("POST", "/v2/domains/dns/check", domains.check_dns, "zapmail.v2.domains.check_dns", "Check DNS records",
      kind=READ, ok=ok("DnsCheckAnswer", list[rs.DnsCheck]), body=rq.CheckDns, examples=ex.DOMAINS_CHECK_DNS),
    r("DELETE", "/v2/domains", domains.remove_unused, "zapmail.v2.domains.remove_unused", "Remove unused domains",
      kind=WRITE, ok=ok("RemovedAnswer", rs.Removed), body=rq.RemoveDomains),
    r("POST", "/v2/domains/available", domains.search_available, "zapmail.v2.domains.search_available",
      "Get available domains for registration", provenance=O, kind=READ, ok=ok("SuggestionsAnswer", rs.Suggestions),
      body=rq.SearchAvailable, rate_group=DOMAIN_SEARCH,
      notes="path and body from live client notes; the docs page was not retrievable", examples=ex.DOMAINS_SEARCH_AVAILABLE),
    r("POST", "/v2/domains/buy", domains.buy, "zapmail.v2.domains.buy", "Get domains purchase payment link",
      kind=SPEND, ok=rs.Purchase, body=rq.BuyDomains,
      state=("a name of the account, of a TLD not sold, or with a Google or Microsoft workspace is a 400; others are "
             "charged without a registry check, and one the registry refuses is refunded to the wallet and removed "
             "(observed). A short wallet is applied and the rest left as an unpaid invoice (invoiceLink) that "
             "registers the names once paid and is dropped, the wallet part refunded, after unpaid_invoice_seconds "
             "(observed)."), examples=ex.DOMAINS_BUY),
    r("GET", "/v2/domains/connection-requests", domains.list_connection_requests,
      "zapmail.v2.domains.list_connection_requests", "Get domain connection requests", kind=READ,
      ok=ok("ConnectionRequestsAnswer", rs.ConnectionRequestsPage), query=rq.ConnectionRequestsQuery,
      paging=Paging("data"), examples=ex.DOMAINS_LIST_CONNECTION_REQUESTS),
    r("DELETE", "/v2/domains/connection-requests", domains.remove_connection_requests,
      "zapmail.v2.domains.remove_connection_requests", "Remove domain connection requests", kind=WRITE,
      ok=ok("RemovedAnswer", rs.Removed), body=rq.RemoveConnectionRequests),
    r("POST", "/v2/domains/add-client-id", domains.add_client_id, "zapmail.v2.domains.add_google_client_id",
      "Add Google Client ID to Domain", kind=WRITE, ok=NULL, body=rq.ClientId),
    r("POST", "/v2/domains/available-bulk", domains.available_bulk, "zapmail.v2.domains.check_availability_bulk",
      "Get availability of multiple domain names.", provenance=O, kind=READ,
      ok=ok("BulkAvailabilityAnswer", rs.BulkAvailability), body=rq.AvailableBulk, rate_group=DOMAIN_SEARCH,
      notes="path and body from live client notes; the docs page was not retrievable", examples=ex.DOMAINS_CHECK_AVAILABILITY_BULK),
    # dns
    r("GET", "/v2/dns/", dns.list_records, "zapmail.v2.dns.list", "Get dns records", kind=READ,
      ok=ok("DnsRecordsAnswer", rs.DnsRecords), query=rq.ByIdQuery, paging=Paging("records", paged=False),
      aliases=("/v2/dns",)),
    r("POST", "/v2/dns", dns.add_records, "zapmail.v2.dns.add", "Add dns records", kind=WRITE,
      ok=ok("DnsAddAnswer", list[rs.DnsRecord]), body=rq.AddDns,
      state="each record's value must suit its type (an address for A/AAAA, a host for CNAME/MX...)."),
    r("PUT", "/v2/dns", dns.update_record, "zapmail.v2.dns.update", "Update dns records", kind=WRITE,
      ok=ok("DnsRecordAnswer", rs.DnsRecord), body=rq.UpdateDns,
      state='the record must exist (404); its value must suit its type.'),
    r("DELETE", "/v2/dns", dns.delete_record, "zapmail.v2.dns.delete", "Delete dns records", kind=WRITE,
      ok=NULL, query=rq.DeleteDnsQuery, examples=ex.DNS_DELETE),
]

# Later groups of the reference live in their own modules (routes_<group>.py), each a list of
# declarations made with declare.r; they join the table here.
GROUPS: list[list] = [routes_tierb.ROUTES, routes_renewals.ROUTES, routes_quicksetup.ROUTES, routes_domainsearch.ROUTES,
                      routes_placement.ROUTES, routes_dnsshield.ROUTES, routes_zapsites.ROUTES,
                      routes_onebox.ROUTES, routes_webhooks.ROUTES]  # issue 10
for _group in GROUPS:
    ROUTES += _group

TABLE = RouteTable(prefix="/api", routes=ROUTES)
