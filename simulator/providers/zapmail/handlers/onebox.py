"""The onebox (connected accounts, their mail, sending and labels), and its renderers."""
from __future__ import annotations

from ....core.clock import iso
from ....core.pagination import paginate, parse_page_args
from ....domain import onebox
from ....domain.mailboxes import email_of
from .. import requests_onebox as rq
from .. import responses_onebox as rs
from .. import wire
from ..render import page_fields

PAGE_SIZE = 25  # printing-press's default limit for Fetch emails


# ---------------------------------------------------------------- renderers

def label(x) -> rs.OneboxLabel:
    return rs.OneboxLabel(id=x.id, name=x.name, color=x.color)


def connected_account(scope, m) -> rs.OneboxAccount:
    return rs.OneboxAccount(id=m.id, emailAccount=email_of(scope.owner, m), provider=m.platform, status=m.status,
                               labels=[label(x) for x in onebox.labels_of(scope, m)])


def email(scope, x: onebox.Message) -> rs.OneboxEmail:
    return rs.OneboxEmail(**{"id": x.id, "messageId": x.message_id, "threadId": x.thread_id,
                       "account": email_of(scope.owner, x.mailbox), "from": x.sender, "fromName": x.sender_name,
                       "to": list(x.to), "cc": list(x.cc), "subject": x.subject, "snippet": x.snippet,
                       "body": x.body, "date": iso(x.at), "labels": list(x.labels), "isRead": x.read,
                       "isWarmUp": x.warmup,
                       "attachments": [rs.OneboxAttachment(attachmentId=a.id, filename=a.filename, mimeType=a.mime_type,
                                                     size=a.size) for a in x.attachments]})


def _page(call, rows) -> rs.OneboxPage:
    page, limit = parse_page_args(call.args.page, call.args.limit, default_limit=PAGE_SIZE)
    pg = paginate(rows, page, limit)
    return rs.OneboxPage(**page_fields(pg), emails=[email(call.scope, x) for x in pg.items])


# ---------------------------------------------------------------- handlers

def connected_accounts(call):
    scope = call.scope
    return wire.ok("Connected accounts fetched successfully",
                   [connected_account(scope, m) for m in onebox.accounts_of(scope)])


def top_emails(call):
    a = call.args
    rows = onebox.top_emails(call.scope, a.account, a.folder, bool(a.includeWarmUp))
    return wire.ok("Emails fetched successfully", _page(call, rows))


def thread_emails(call):
    rows = onebox.thread(call.scope, call.args.threadId)
    return wire.ok("Thread fetched successfully",
                   rs.OneboxThread(threadId=rows[0].thread_id, subject=rows[0].subject,
                             emails=[email(call.scope, x) for x in rows]))


def search_emails(call):
    rows = onebox.search(call.scope, call.args.account, call.args.query)
    return wire.ok("Emails fetched successfully", _page(call, rows))


def send_email(call):
    b: rq.OneboxSendEmail = call.body
    s = onebox.send(call.scope, b.account, b.to, b.subject, b.body, b.cc or [], b.bcc or [], b.threadId, b.messageId)
    return wire.ok("Email sent successfully", rs.OneboxSent(messageId=s.id, threadId=s.thread_id))


def download_attachment(call):
    b: rq.OneboxDownload = call.body
    a, content = onebox.attachment(call.scope, b.account, b.messageId, b.attachmentId)
    return wire.ok("Attachment downloaded successfully",
                   rs.OneboxFile(attachmentId=a.id, filename=b.filename.strip(), mimeType=a.mime_type,
                                     size=len(content), content=onebox.encoded(content)))


def create_label(call):
    b: rq.OneboxCreateLabel = call.body
    return wire.ok("Label created successfully", label(onebox.create_label(call.scope, b.account, b.labelName, b.color)))


def delete_label(call):
    b: rq.OneboxDeleteLabel = call.body
    onebox.delete_label(call.scope, b.account, b.labelName)
    return wire.ok("Label deleted successfully", None)


def rename_label(call):
    b: rq.OneboxRenameLabel = call.body
    x = onebox.rename_label(call.scope, b.account, b.oldLabelName, b.newLabelName, b.color)
    return wire.ok("Label renamed successfully", label(x))
