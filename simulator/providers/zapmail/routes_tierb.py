"""Tier B routes added later to the docs tree: custom OAuth, scheduled mailbox creation, a
subscription's invoice and mailboxes, and the filtered domain list (POST /v2/domains). Every one
has a docs page (zapmail-v2-accounts.yaml, zapmail-v2-domains.yaml); none captured a success
example, so answers follow the docs' schema where it has one and say what is ours."""
from __future__ import annotations

from ...core.routing import READ, WRITE, Paging
from . import requests as rq_shared
from . import requests_tierb as rq
from . import responses as rs_shared
from . import responses_tierb as rs
from .declare import NULL, ok, r
from .handlers import tierb

ROUTES = [
    r("POST", "/v2/mailboxes/custom-oauth", tierb.custom_oauth, "zapmail.v2.mailbox.custom_oauth", "Custom OAuth",
      kind=WRITE, ok=ok("CustomOAuthAnswer", rs.OAuthStarted), body=rq.CustomOAuth,
      notes=("the success body is not captured: data.exportId is what a public client reads (then polls Get Export "
             "Status); the message is ours"),
      state=("every mailbox must be of the workspace, on the section's platform and under the domain it is listed "
             "under (400 Some mailboxes not found); a Google domain gets the client id through its admin mailbox "
             "(404 Admin mailbox not found for domain <id>), and a client id it already has under another app name is "
             "a 400 (App name mismatch...).")),
    r("POST", "/v2/mailboxes/schedule", tierb.schedule_mailboxes, "zapmail.v2.mailbox.schedule_creation",
      "schedule mailbox creation (deprecated)", kind=WRITE, ok=NULL, body=rq_shared.AssignMailboxes,
      notes=("deprecated in the docs; the body is Assign New Mailboxes' (docs). The answer is not captured: data "
             "null, and a message naming the creation time, are ours"),
      state=("checked as Assign New Mailboxes is; the mailboxes are created (IN_PROGRESS, then ACTIVE) when the clock "
             "reaches the workspace's next subscription renewal, and until then take subscription slots (docs), "
             "their domain's room and their usernames; a workspace without an active subscription is a 400.")),
    r("POST", "/v2/payment/invoices", tierb.invoices, "zapmail.v2.payment.invoices", "get invoices for subscription",
      kind=READ, ok=ok("InvoiceAnswer", rs.InvoiceUrl), body=rq.BySubscription,
      notes="data.invoiceUrl from the docs schema: the subscription's invoice page; the message is ours",
      state="subscriptionId (sub_... or the subscription's id) must name a subscription of the workspace (404)."),
    r("POST", "/v2/subscriptions/mailboxes", tierb.subscription_mailboxes, "zapmail.v2.subscriptions.mailboxes",
      "Get Mailboxes in a Subscription", kind=READ, ok=ok("SubscriptionMailboxesAnswer", list[rs_shared.Mailbox]),
      body=rq.BySubscription, paging=Paging("data", paged=False),
      notes=("data is an array (docs); its items are ours: the mailbox object of Get Mailbox Details. Slots are "
             "pooled per workspace and platform, so a live subscription lists every mailbox they hold"),
      state="subscriptionId must name a subscription of the workspace (404); an ended one holds no mailboxes."),
    r("POST", "/v2/domains", tierb.filtered_domains, "zapmail.v2.domains.list_filtered",
      "Retrieve All Domains (With filters)", kind=READ, ok=ok("FilteredDomainsAnswer", rs_shared.DomainsPage),
      body=rq.FilteredDomains,
      notes=("same data as GET /v2/domains (observed live); status as a list (observed) or one value (docs); page "
             "and limit in the body are ours, 10 rows by default (observed live)")),
]
