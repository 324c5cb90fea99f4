"""Onebox answer shapes. The reference captured one: connected accounts (id, emailAccount,
provider, status; printing-press live acceptance, which spells the address emailAccount against
its own spec's email_account). Fetch emails pages as Zapmail's other lists (currentPage and
totalPages are the printing-press OneboxPage's). Every other key is ours."""
from __future__ import annotations

from typing import Literal, Optional

from typing_extensions import TypedDict

from .responses import FORBID, PageFields


class OneboxLabel(TypedDict):
    __pydantic_config__ = FORBID
    id: str
    name: str
    color: str


class OneboxAccount(TypedDict):
    __pydantic_config__ = FORBID
    id: str  # the mailbox's id
    emailAccount: str
    provider: Literal["GOOGLE", "MICROSOFT"]
    status: str  # the mailbox's status (IN_PROGRESS, ACTIVE, FAILED)
    labels: list[OneboxLabel]  # ours: the account's own labels, so what the label calls made can be seen


class OneboxAttachment(TypedDict):
    __pydantic_config__ = FORBID
    attachmentId: str
    filename: str
    mimeType: str
    size: int


# "from" is a Python keyword: the functional form spells it.
OneboxEmail = TypedDict("OneboxEmail", {
    "id": str,  # messageId in Download attachment and Send email (the Message-ID is taken too)
    "messageId": str,  # the RFC 5322 Message-ID
    "threadId": str,
    "account": str,  # the connected account's address
    "from": str,
    "fromName": str,
    "to": list[str],
    "cc": list[str],
    "subject": str,
    "snippet": str,
    "body": str,
    "date": str,
    "labels": list[str],
    "isRead": bool,
    "isWarmUp": bool,
    "attachments": list[OneboxAttachment],
})
OneboxEmail.__pydantic_config__ = FORBID


class OneboxPage(PageFields):
    __pydantic_config__ = FORBID
    emails: list[OneboxEmail]


class OneboxThread(TypedDict):
    __pydantic_config__ = FORBID
    threadId: str
    subject: str
    emails: list[OneboxEmail]


class OneboxSent(TypedDict):
    """printing-press OneboxSent: {messageId, threadId}."""
    __pydantic_config__ = FORBID
    messageId: str
    threadId: str


class OneboxFile(TypedDict):
    """The reference did not capture the answer (likely the file itself); ours: the file in the
    envelope, base64."""
    __pydantic_config__ = FORBID
    attachmentId: str
    filename: str
    mimeType: str
    size: int
    content: str
