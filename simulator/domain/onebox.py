"""The onebox: one inbox over every mailbox of a workspace.

A connected account is a mailbox of the workspace on the request's platform. What it received is
generated, never stored: its threads (correspondents, subjects, bodies, attachments, times) come
from a hash of the account's and the mailbox's ids (both drawn from the world's seed), so the
same mailbox shows the same mail in every run, and a message appears once the clock reaches its
time (the first thread is dated at the mailbox's assignment and shows once it is ACTIVE, later
ones hours and days apart).
No Faker at run time: the words come from the small tables below.

What a client changes is stored on the account: messages sent (a new thread, or a reply in one)
and the mailbox's own labels.
"""
from __future__ import annotations

import base64
import hashlib
import math
import uuid
from dataclasses import dataclass, field
from typing import Optional

from ..core.errors import Conflict, Invalid, NotFound
from .accounts import Scope
from .mailboxes import email_of, mailboxes_in_scope
from .models import MailLabel, Mailbox, SentMail
from .warmup import unit

INBOX, SENT = "INBOX", "SENT"
SYSTEM_LABELS = (INBOX, SENT, "DRAFTS", "SPAM", "TRASH", "STARRED", "IMPORTANT")
MAX_LABELS = 100  # per mailbox (ours)
MAX_LABEL_NAME = 100
HOUR = 3600

FIRST = ("Maya", "Liam", "Sofia", "Noah", "Priya", "Lucas", "Amara", "Ethan", "Chloe", "Mateo", "Hana", "Oscar")
LAST = ("Chen", "Okafor", "Rossi", "Novak", "Patel", "Silva", "Larsen", "Kim", "Dubois", "Haddad", "Moreau", "Walsh")
COMPANIES = ("northwind-labs.com", "bluepeak.io", "cedarworks.co", "lumenfield.com", "harborline.net",
             "quartzly.com", "riverstone.ai", "oakmetrics.io")
TOPICS = ("the Q3 rollout", "your pricing page", "a partnership idea", "onboarding for the new team",
          "the demo next week", "integration options", "the renewal", "our shared customers")
OPENERS = ("Quick question about {t}", "Following up on {t}", "Thoughts on {t}?", "Re: {t}", "Next steps for {t}")
BODIES = ("Hi {n},\n\nI wanted to follow up on {t}. Do you have 15 minutes this week?\n\nBest,\n{s}",
          "Hello {n},\n\nThanks for the note about {t}. Sharing a few details below; let me know what you think.\n\n{s}",
          "Hi {n},\n\nCould you send over the latest on {t}? Happy to jump on a call.\n\nCheers,\n{s}")
REPLIES = ("Thanks {n}, that works for me. Talking soon.\n\n{s}",
           "Hi {n},\n\nGood point on {t}. Let me check with the team and come back to you.\n\n{s}",
           "Sounds good. I've added {t} to our agenda.\n\n{s}")
WARMUP_SUBJECTS = ("Catching up", "Weekend plans", "Lunch on Thursday?", "The article you mentioned")
ATTACHMENTS = (("proposal.pdf", "application/pdf"), ("pricing.csv", "text/csv"), ("notes.txt", "text/plain"))


@dataclass(frozen=True)
class Attachment:
    id: str
    filename: str
    mime_type: str
    size: int


@dataclass
class Message:
    """One message of a mailbox, generated or sent; the same for both."""
    id: str
    message_id: str
    thread_id: str
    mailbox: Mailbox
    sender: str
    sender_name: str
    to: list[str]
    cc: list[str]
    subject: str
    body: str
    at: float
    labels: list[str]
    read: bool
    warmup: bool = False
    attachments: list[Attachment] = field(default_factory=list)
    bcc: list[str] = field(default_factory=list)

    @property
    def snippet(self) -> str:
        return " ".join(self.body.split())[:120]


# ---------------------------------------------------------------- connected accounts

def accounts_of(scope: Scope) -> list[Mailbox]:
    return mailboxes_in_scope(scope)


def find_account(scope: Scope, ref, field: str = "account") -> Mailbox:
    """A connected account by its address (any case) or its id; another workspace's is a 404."""
    if not isinstance(ref, str) or not ref.strip():
        raise Invalid(f"{field} must be a non-empty string", field=field)
    wanted = ref.strip().lower()
    for m in accounts_of(scope):
        if m.id == ref.strip() or email_of(scope.owner, m).lower() == wanted:
            return m
    raise NotFound("Account not found", field=field)


def _active(scope: Scope, m: Mailbox, field: str = "account") -> None:
    if m.status != "ACTIVE":
        raise Invalid(f"Account {email_of(scope.owner, m)} is not active", field=field)


# ---------------------------------------------------------------- generated mail

def _uuid(*parts) -> str:
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).digest()
    return str(uuid.UUID(bytes=digest[:16], version=4))


def _pick(seq, *parts):
    return seq[int(unit(*parts) * len(seq))]


def _start(m: Mailbox) -> Optional[float]:
    """When its mail starts: the mailbox's assignment, in whole seconds, which every mailbox read
    shows (so a copy of an account made from its answers, the importer's, holds the same mail)."""
    if m.status != "ACTIVE":
        return None
    return float(math.floor(m.assigned_on))


def _generated(scope: Scope, m: Mailbox) -> list[Message]:
    """Every message the mailbox ever receives (times may lie ahead of the clock)."""
    start = _start(m)
    if start is None:
        return []
    account = scope.owner
    key = (account.id, m.id)
    me, my_name = email_of(account, m), f"{m.first_name} {m.last_name}".strip()
    domain = me.split("@", 1)[1]
    out: list[Message] = []
    # the first thread: the mailbox is ready
    welcome = _uuid(*key, "thread", "welcome")
    out.append(Message(id=_uuid(welcome, 0), message_id=f"<{_uuid(welcome, 0, 'mid')[:18]}@{domain}>",
                       thread_id=welcome, mailbox=m, sender=f"postmaster@{domain}", sender_name="Postmaster",
                       to=[me], cc=[], subject="Your mailbox is ready",
                       body=f"Hi {m.first_name},\n\n{me} is ready to send and receive mail.\n\nPostmaster",
                       at=start, labels=[INBOX], read=False))
    threads = 4 + int(5 * unit(*key, "threads"))
    for i in range(threads):
        t = _uuid(*key, "thread", i)
        first, last = _pick(FIRST, *key, i, "first"), _pick(LAST, *key, i, "last")
        them = f"{first.lower()}.{last.lower()}@{_pick(COMPANIES, *key, i, 'company')}"
        topic = _pick(TOPICS, *key, i, "topic")
        subject = _pick(OPENERS, *key, i, "subject").format(t=topic)
        at = start + (i + 1) * 6 * HOUR + int(4 * HOUR * unit(*key, i, "at"))
        replies = int(3 * unit(*key, i, "replies"))  # 0-2 messages after the first
        for j in range(replies + 1):
            theirs = j % 2 == 0
            text = (_pick(BODIES, *key, i, "body") if j == 0 else _pick(REPLIES, *key, i, j, "reply"))
            body = text.format(n=m.first_name if theirs else first, t=topic, s=f"{first} {last}" if theirs else my_name)
            line = subject if j == 0 else f"Re: {subject.removeprefix('Re: ')}"
            attachments = []
            if theirs and unit(*key, i, j, "attach") < 0.3:
                name, mime = _pick(ATTACHMENTS, *key, i, j, "file")
                aid = _uuid(*key, i, j, "attachment")
                attachments = [Attachment(aid, name, mime, len(_content(aid, name, line)))]
            mid = _uuid(t, j)
            out.append(Message(id=mid, message_id=f"<{_uuid(t, j, 'mid')[:18]}@{them.split('@')[1] if theirs else domain}>",
                               thread_id=t, mailbox=m, sender=them if theirs else me,
                               sender_name=f"{first} {last}" if theirs else my_name, to=[me] if theirs else [them],
                               cc=[], subject=line, body=body, at=at + j * 2 * HOUR, labels=[INBOX] if theirs else [SENT],
                               read=unit(*key, i, j, "read") < 0.6 or not theirs, attachments=attachments))
    for i in range(3):  # warm-up traffic from the warm-up network, hidden unless asked for
        t = _uuid(*key, "warmup", i)
        first, last = _pick(FIRST, *key, "w", i), _pick(LAST, *key, "w", i, "l")
        them = f"{first.lower()}{i}@{_pick(COMPANIES, *key, 'w', i, 'c')}"
        out.append(Message(id=_uuid(t, 0), message_id=f"<{_uuid(t, 'mid')[:18]}@{them.split('@')[1]}>", thread_id=t,
                           mailbox=m, sender=them, sender_name=f"{first} {last}", to=[me], cc=[],
                           subject=_pick(WARMUP_SUBJECTS, *key, "w", i, "s"),
                           body=f"Hi {m.first_name},\n\nHope your week is going well!\n\n{first}",
                           at=start + (2 * i + 1) * HOUR, labels=[INBOX], read=True, warmup=True))
    return out


def _sent(scope: Scope, m: Mailbox) -> list[Message]:
    me = email_of(scope.owner, m)
    name = f"{m.first_name} {m.last_name}".strip()
    return [Message(id=s.id, message_id=s.message_id, thread_id=s.thread_id, mailbox=m, sender=me, sender_name=name,
                    to=list(s.to), cc=list(s.cc), bcc=list(s.bcc), subject=s.subject, body=s.body, at=s.at,
                    labels=[SENT], read=True)
            for s in scope.owner.sent_mail.values() if s.mailbox_id == m.id and s.workspace_id == scope.workspace.id]


def messages(scope: Scope, m: Mailbox, include_warmup: bool = False) -> list[Message]:
    """What the mailbox holds now, newest first."""
    now = scope.now
    rows = [x for x in _generated(scope, m) if x.at <= now and (include_warmup or not x.warmup)] + _sent(scope, m)
    return sorted(rows, key=lambda x: (-x.at, x.id))


def _pool(scope: Scope, account) -> list[Mailbox]:
    return [find_account(scope, account)] if account is not None else accounts_of(scope)


def top_emails(scope: Scope, account=None, folder: Optional[str] = None, include_warmup: bool = False) -> list[Message]:
    """The latest message of each thread (in `folder`, a label, when given), newest first."""
    wanted = folder.strip().upper() if folder else None
    rows = []
    for m in _pool(scope, account):
        seen: set = set()
        for x in messages(scope, m, include_warmup):
            if x.thread_id in seen:
                continue
            if wanted is None or wanted in (label.upper() for label in x.labels):
                seen.add(x.thread_id)
                rows.append(x)
    return sorted(rows, key=lambda x: (-x.at, x.id))


def search(scope: Scope, account=None, query: Optional[str] = None) -> list[Message]:
    """Messages whose subject, body, sender or recipients contain `query` (any case), newest first."""
    needle = (query or "").strip().lower()
    rows = []
    for m in _pool(scope, account):
        for x in messages(scope, m):
            text = " ".join([x.subject, x.body, x.sender, x.sender_name, *x.to, *x.cc]).lower()
            if needle in text:
                rows.append(x)
    return sorted(rows, key=lambda x: (-x.at, x.id))


def thread(scope: Scope, thread_id, field: str = "threadId") -> list[Message]:
    """Every message of one thread of the workspace's accounts, oldest first."""
    if not isinstance(thread_id, str) or not thread_id.strip():
        raise Invalid(f"{field} must be a non-empty string", field=field)
    tid = thread_id.strip()
    for m in accounts_of(scope):
        rows = [x for x in messages(scope, m, include_warmup=True) if x.thread_id == tid]
        if rows:
            return sorted(rows, key=lambda x: (x.at, x.id))
    raise NotFound("Thread not found", field=field)


# ---------------------------------------------------------------- sending

def send(scope: Scope, account, to: str, subject: str, body: str, cc: list[str], bcc: list[str],
         thread_id: Optional[str] = None, reply_to: Optional[str] = None) -> SentMail:
    """A new thread, or a reply in `thread_id` (which must be one of the account's threads; the
    message answered, `reply_to`, one of its messages)."""
    m = find_account(scope, account)
    _active(scope, m)
    world, owner = scope.world, scope.owner
    subject_line = subject.strip()
    in_reply_to = None
    if thread_id is not None:
        rows = [x for x in messages(scope, m, include_warmup=True) if x.thread_id == thread_id.strip()]
        if not rows:
            raise NotFound("Thread not found", field="threadId")
        thread_id = thread_id.strip()
        if reply_to is not None:
            hit = [x for x in rows if reply_to.strip() in (x.id, x.message_id)]
            if not hit:
                raise NotFound("Message not found in this thread", field="messageId")
            in_reply_to = hit[0].message_id
    elif reply_to is not None:
        raise Invalid("messageId is only taken with the threadId of the message answered", field="messageId")
    else:
        thread_id = world.ids.uuid()
    domain = email_of(owner, m).split("@", 1)[1]
    s = SentMail(id=world.ids.uuid(), workspace_id=scope.workspace.id, mailbox_id=m.id, thread_id=thread_id,
                 message_id=f"<{world.ids.token(18)}@{domain}>", to=[to.strip()], cc=[c.strip() for c in cc],
                 bcc=[b.strip() for b in bcc], subject=subject_line, body=body, at=scope.now, in_reply_to=in_reply_to)
    owner.sent_mail[s.id] = s
    return s


# ---------------------------------------------------------------- attachments

def _content(attachment_id: str, filename: str, subject: str) -> bytes:
    """The file's bytes, fixed by its id: a line of text for .txt/.csv, a tiny PDF otherwise."""
    seed = hashlib.sha256(attachment_id.encode()).hexdigest()[:12]
    if filename.endswith(".csv"):
        return f"item,quantity,price\nlicence-{seed[:4]},10,49.00\nsupport-{seed[4:8]},1,199.00\n".encode()
    if filename.endswith(".txt"):
        return f"Notes on {subject}\nreference {seed}\n".encode()
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% " + seed.encode() + b"\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def attachment(scope: Scope, account, message_id, attachment_id) -> tuple[Attachment, bytes]:
    m = find_account(scope, account)
    wanted = message_id.strip()
    for x in messages(scope, m, include_warmup=True):
        if wanted in (x.id, x.message_id):
            for a in x.attachments:
                if a.id == attachment_id.strip():
                    return a, _content(a.id, a.filename, x.subject)
            raise NotFound("Attachment not found", field="attachmentId")
    raise NotFound("Message not found", field="messageId")


def encoded(content: bytes) -> str:
    return base64.b64encode(content).decode()


# ---------------------------------------------------------------- labels

def labels_of(scope: Scope, m: Mailbox) -> list[MailLabel]:
    rows = [x for x in scope.owner.mail_labels.values() if x.mailbox_id == m.id and x.workspace_id == scope.workspace.id]
    return sorted(rows, key=lambda x: x.created_at)  # stable: creation order on ties


def _named(scope: Scope, m: Mailbox, name: str) -> Optional[MailLabel]:
    key = name.strip().lower()
    return next((x for x in labels_of(scope, m) if x.name.lower() == key), None)


def _free(scope: Scope, m: Mailbox, name: str, field: str, keep: Optional[MailLabel] = None) -> None:
    if name.strip().upper() in SYSTEM_LABELS:
        raise Conflict(f"{name.strip()} is a system label", field=field)
    other = _named(scope, m, name)
    if other is not None and other is not keep:
        raise Conflict(f"A label named {name.strip()} already exists", field=field)


def create_label(scope: Scope, account, name: str, color: str) -> MailLabel:
    m = find_account(scope, account)
    _free(scope, m, name, "labelName")
    if len(labels_of(scope, m)) >= MAX_LABELS:
        raise Invalid(f"At most {MAX_LABELS} labels per account", field="labelName")
    world, now = scope.world, scope.now
    label = MailLabel(id=world.ids.uuid(), workspace_id=scope.workspace.id, mailbox_id=m.id, name=name.strip(),
                      color=color.strip(), created_at=now, updated_at=now)
    scope.owner.mail_labels[label.id] = label
    return label


def _existing(scope: Scope, m: Mailbox, name: str, field: str) -> MailLabel:
    label = _named(scope, m, name)
    if label is None:
        raise NotFound("Label not found", field=field)
    return label


def delete_label(scope: Scope, account, name: str) -> MailLabel:
    m = find_account(scope, account)
    label = _existing(scope, m, name, "labelName")
    del scope.owner.mail_labels[label.id]
    return label


def rename_label(scope: Scope, account, old: str, new: str, color: str) -> MailLabel:
    m = find_account(scope, account)
    label = _existing(scope, m, old, "oldLabelName")
    _free(scope, m, new, "newLabelName", keep=label)
    label.name, label.color, label.updated_at = new.strip(), color.strip(), scope.now
    return label
