"""Onebox (Tier C of the reference: observed in public client code; zapmail.v2.onebox.*).

Connected accounts are the workspace's mailboxes on the request's platform; the mail they
received is generated from the world's seed (domain/onebox.py), stable per account and mailbox,
and appears as the clock reaches it; sent mail and labels are state. Every answer but the
connected-account row is ours (the reference captured none)."""
from __future__ import annotations

from ...core.routing import READ, WRITE, Paging
from . import requests_onebox as rq
from . import responses_onebox as rs
from .declare import NULL, O, ok, r
from .handlers import onebox

ACCOUNT = "account must name a connected account (a mailbox of the workspace on the request's platform; 404)"

ROUTES = [
    r("GET", "/v2/onebox/connected-accounts", onebox.connected_accounts, "zapmail.v2.onebox.connected_accounts",
      "List connected accounts", provenance=O, kind=READ, ok=ok("OneboxAccountsAnswer", list[rs.OneboxAccount]),
      notes="row keys id, emailAccount, provider, status from a live acceptance run (its spec's email_account "
            "loses); labels is ours"),
    r("GET", "/v2/onebox/top-emails", onebox.top_emails, "zapmail.v2.onebox.top_emails", "Fetch emails",
      provenance=O, kind=READ, ok=ok("OneboxPageAnswer", rs.OneboxPage), query=rq.OneboxQuery, paging=Paging("emails"),
      notes="the latest message of each thread, newest first; currentPage/totalPages from a client's type, the "
            "rest of the page as Zapmail's other lists; message keys ours",
      state=ACCOUNT + "."),
    r("GET", "/v2/onebox/thread-emails", onebox.thread_emails, "zapmail.v2.onebox.thread_emails", "Get thread",
      provenance=O, kind=READ, ok=ok("OneboxThreadAnswer", rs.OneboxThread), query=rq.OneboxThreadQuery,
      notes="the answer is not captured; ours: the thread's messages, oldest first",
      state="threadId must name a thread of one of the workspace's connected accounts (404)."),
    r("GET", "/v2/onebox/search-emails", onebox.search_emails, "zapmail.v2.onebox.search_emails", "Search emails",
      provenance=O, kind=READ, ok=ok("OneboxSearchAnswer", rs.OneboxPage), query=rq.OneboxSearchQuery,
      paging=Paging("emails"), notes="the answer is not captured; ours: pages as Fetch emails",
      state=ACCOUNT + "."),
    r("POST", "/v2/onebox/send-email", onebox.send_email, "zapmail.v2.onebox.send_email", "Send email",
      provenance=O, kind=WRITE, ok=ok("OneboxSentAnswer", rs.OneboxSent), body=rq.OneboxSendEmail,
      notes="data {messageId, threadId} from a client's SendResult type; nothing leaves the simulator",
      state=(ACCOUNT + ", ACTIVE (400); threadId must be one of its threads and messageId a message of that "
             "thread (404); messageId alone is a 400.")),
    r("POST", "/v2/onebox/download-attachment", onebox.download_attachment, "zapmail.v2.onebox.download_attachment",
      "Download attachment", provenance=O, kind=READ, ok=ok("OneboxFileAnswer", rs.OneboxFile),
      body=rq.OneboxDownload, notes="the answer is not captured (likely the file); ours: the file, base64, "
                                        "in the envelope",
      state=ACCOUNT + "; messageId must name one of its messages and attachmentId one of that message's files (404)."),
    r("POST", "/v2/onebox/create-new-label", onebox.create_label, "zapmail.v2.onebox.create_label", "Create label",
      provenance=O, kind=WRITE, ok=ok("OneboxLabelAnswer", rs.OneboxLabel), body=rq.OneboxCreateLabel,
      notes="the answer is not captured; ours: the label",
      state=(ACCOUNT + "; a name the account's labels have (case aside) or a system label (INBOX, SENT...) is a 409; "
             "at most 100 labels per account.")),
    r("POST", "/v2/onebox/delete-label", onebox.delete_label, "zapmail.v2.onebox.delete_label", "Delete label",
      provenance=O, kind=WRITE, ok=NULL, body=rq.OneboxDeleteLabel, notes="the answer is not captured; data null is ours",
      state=ACCOUNT + "; labelName must name one of its labels (404)."),
    r("POST", "/v2/onebox/rename-label", onebox.rename_label, "zapmail.v2.onebox.rename_label", "Rename label",
      provenance=O, kind=WRITE, ok=ok("OneboxLabelAnswer", rs.OneboxLabel), body=rq.OneboxRenameLabel,
      notes="the answer is not captured; ours: the label as renamed",
      state=ACCOUNT + "; oldLabelName must name one of its labels (404); newLabelName must be free (409)."),
]
