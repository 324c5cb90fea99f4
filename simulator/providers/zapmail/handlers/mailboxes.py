"""mailbox group."""
from __future__ import annotations

import re

from ....core.pagination import paginate, parse_page_args
from ....domain import mailboxes, retries
from ....domain.mailboxes import MailboxChange, NewMailbox
from ...wire_fields import wire_fields
from .. import render, requests, wire

# The domain's paths for entry i of a batch or a change list, and Zapmail's names for its fields.
ENTRY = re.compile(r"^mailboxes\[(?P<i>\d+)\](?:\.(?P<name>\w+))?$")
CHANGE = re.compile(r"^changes\[(?P<i>\d+)\](?:\.(?P<name>\w+))?$")
ASSIGN_NAMES = {"username": "mailboxUsername"}


def list_mailboxes(call):
    """Grouped by domain; pages count domain groups (observed live: 16 groups at limit 5 -> 4
    pages), with the account's slot counters beside them."""
    scope = call.scope
    page, limit = parse_page_args(call.args.page, call.args.limit)
    ordered, groups = mailboxes.domains_with_mailboxes(scope, (call.args.contains or "").strip().lower())
    return wire.ok("Mailboxes fetched successfully", render.mailboxes_page(scope, paginate(ordered, page, limit), groups))


def get_mailbox(call):
    m = mailboxes.get_mailbox(call.scope, call.args.id, "id")
    return wire.ok("Mailbox fetched successfully", render.mailbox_one(call.scope.owner, m))


def assign_mailboxes(call):
    wanted, rename = keyed_batch(requests.parse(call, requests.AssignMailboxes))
    with wire_fields(rename):
        mailboxes.create_batch(call.scope, wanted)
    return wire.ok("Mailboxes will be assigned shortly", None)


def keyed_batch(body):
    """The mailboxes a body keyed by domain id asks for, and how the domain's field paths read on
    the wire: the body's keys are domain ids; entry k of the flattened lists is the domain's j-th."""
    wanted, where = [], []
    for domain_id, specs in body.root.items():
        for j, s in enumerate(specs):
            wanted.append(NewMailbox(domain_id=domain_id, domain_name=s.domainName, username=s.mailboxUsername,
                                     first_name=s.firstName, last_name=s.lastName))
            where.append((domain_id, j))

    def rename(path):
        hit = ENTRY.match(path)
        if hit is None:
            return None
        domain_id, j = where[int(hit["i"])]
        if hit["name"] == "domainId":
            return domain_id  # domain-level problems are reported under its key
        return f"{domain_id}[{j}]" + (f".{ASSIGN_NAMES.get(hit['name'], hit['name'])}" if hit["name"] else "")

    return wanted, rename


def update_mailboxes(call):
    body = requests.parse(call, requests.UpdateMailboxes)
    changes = [MailboxChange(mailbox_id=e.mailboxId or e.userId, domain_id=e.domainId, first_name=e.firstName,
                             last_name=e.lastName, username=e.username, profile_picture=e.profilePicture,
                             remove_profile_picture=e.removeProfilePicture) for e in body.mailboxData]

    def rename(path):
        hit = CHANGE.match(path)
        if hit is None:
            return "mailboxData" if path == "changes" else None
        entry = body.mailboxData[int(hit["i"])]
        name = "userId" if hit["name"] == "mailboxId" and not entry.mailboxId else hit["name"]
        return f"mailboxData[{hit['i']}]" + (f".{name}" if name else "")

    with wire_fields(rename):
        touched = mailboxes.update(call.scope, changes)
    return wire.ok("User details changes are in progress", render.update_rows(touched))


def scheduled_removal(call):
    body = requests.parse(call, requests.ScheduledRemoval)
    mailboxes.schedule_removal(call.scope, body.mailboxIds, body.remove)
    message = "Mailbox will be removed on next renewal" if body.remove else "Mailbox removal on next renewal cancelled"
    return wire.flat(render.message_only(message))


def retry_failed(call):
    body = requests.parse(call, requests.RetryFailed)
    retries.retry_failed(call.scope, body.domainIds)
    return wire.ok("Retrying creation of failed mailboxes", None)


def authenticator_code(call):
    result = mailboxes.authenticator_code(call.scope, call.args.mailboxId, call.args.domainId)
    return wire.ok("Authenticator code fetched successfully", render.authenticator(result))


def remove_instantly(call):
    body = requests.parse(call, requests.RemoveInstantly)
    queued = mailboxes.remove_instantly(call.scope, body.mailboxIds)
    return wire.ok("Mailbox will be removed shortly", render.queued(len(queued)))
