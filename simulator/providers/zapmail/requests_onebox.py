"""Onebox request models (observed reference, zapmail.v2.onebox.*: field names from public client
listings; every field they mark required is required here)."""
from __future__ import annotations

from typing import Annotated, Literal, Optional

from pydantic import Field

from ...core.parsing import Query
from ...domain.onebox import MAX_LABEL_NAME
from ..bodies import Body, PageQuery
from ..fields import Email, NonBlank, examples, non_blank
from .requests import TagColor

Account = Annotated[non_blank(320), Field(description="a connected account: its address (or its id)")]
LabelName = non_blank(MAX_LABEL_NAME)
Recipients = Annotated[list[Email], Field(max_length=50)]


class OneboxQuery(PageQuery):
    """Fetch emails: the latest message of each thread, newest first (account absent: every
    connected account of the workspace). folder is a label (INBOX, SENT or the account's own);
    includeWarmUp shows the warm-up traffic too. page/limit as everywhere (printing-press)."""
    account: Optional[Account] = None
    folder: Optional[Annotated[str, Field(max_length=MAX_LABEL_NAME)]] = None
    cursor: Optional[str] = Field(None, description="accepted for the older client listing; ignored (ours)")
    includeWarmUp: Optional[bool] = None


class OneboxThreadQuery(Query):
    threadId: Annotated[str, Field(min_length=1, json_schema_extra={"x-record-id": "uuid"})]


class OneboxSearchQuery(PageQuery):
    """Messages whose subject, body, sender or recipients contain query (any case)."""
    account: Optional[Account] = None
    query: Optional[Annotated[str, Field(max_length=500)]] = None


class OneboxSendEmail(Body):
    """threadId (and messageId, the message answered) make it a reply. Example: ours (the
    reference has none)."""
    model_config = examples({"account": "ada@everyroute.com", "to": "maya.chen@northwind-labs.com",
                             "subject": "Intro", "body": "Hi Maya, ..."})
    account: Account
    to: Email
    subject: non_blank(998)
    body: Annotated[str, Field(max_length=100_000)]
    cc: Optional[Recipients] = None
    bcc: Optional[Recipients] = None
    messageId: Optional[NonBlank] = None
    threadId: Optional[NonBlank] = None


class OneboxDownload(Body):
    """Example: ours (the reference has none)."""
    model_config = examples({"attachmentId": "0c8b6a0e-5f0c-4d0e-9d8b-2f1d3c4b5a69", "provider": "GOOGLE",
                             "messageId": "7f6c1e2a-3b4d-4c5e-8f9a-0b1c2d3e4f50", "account": "ada@everyroute.com",
                             "filename": "proposal.pdf"})
    attachmentId: NonBlank
    provider: Literal["GOOGLE", "MICROSOFT"]
    messageId: NonBlank
    account: Account
    filename: NonBlank


class OneboxCreateLabel(Body):
    """Example: ours."""
    model_config = examples({"account": "ada@everyroute.com", "labelName": "Follow up", "color": "#FF5733"})
    account: Account
    labelName: LabelName
    color: TagColor


class OneboxDeleteLabel(Body):
    """Example: ours."""
    model_config = examples({"account": "ada@everyroute.com", "labelName": "Follow up"})
    account: Account
    labelName: LabelName


class OneboxRenameLabel(Body):
    """The label's new name and colour (both required, as the client listing has them). Example: ours."""
    model_config = examples({"account": "ada@everyroute.com", "oldLabelName": "Follow up",
                             "newLabelName": "Hot leads", "color": "#00AA55"})
    account: Account
    oldLabelName: LabelName
    newLabelName: LabelName
    color: TagColor
