"""mailbox group."""
from __future__ import annotations

from ....core.errors import Invalid
from ....core.pagination import paginate, parse_page_args
from ....domain import mailboxes, subscriptions
from ....domain.mailboxes import email_of
from .. import render, requests, wire


def list_mailboxes(call):
    """Grouped by domain; pages count domain groups (observed live: 16 groups at limit 5 -> 4
    pages), with the account's slot counters beside them."""
    scope = call.scope
    page, limit = parse_page_args(call.query.get("page"), call.query.get("limit"))
    needle = (call.query.get("contains") or "").strip().lower()
    boxes = mailboxes.mailboxes_in_scope(scope)
    groups: dict[str, list] = {}
    for m in boxes:
        d = scope.owner.domains[m.domain_id]
        if not needle or needle in d.name or needle in email_of(scope.owner, m).lower():
            groups.setdefault(d.id, []).append(m)
    ordered = sorted(groups, key=lambda i: (scope.owner.domains[i].created_at, scope.owner.domains[i].name))
    pg = paginate(ordered, page, limit)
    purchased = subscriptions.purchased_slots(scope.owner, scope.workspace.id, scope.platform)
    used = subscriptions.used_slots(scope.owner, scope.workspace.id, scope.platform)
    return wire.ok("Mailboxes fetched successfully", {
        **render.page_fields(pg),
        "purchasedMailboxes": purchased,
        "totalAssignedMailboxes": used,
        "totalAssignedPreWarmedUpMailboxes": 0,
        "totalActiveMailboxes": sum(1 for m in boxes if m.status == "ACTIVE"),
        "totalActivePreWarmedUpMailboxes": 0,
        "availableMailboxes": max(purchased - used, 0),
        "scheduledMailboxes": sum(1 for m in boxes if m.scheduled_removal),
        "domains": [render.mailbox_group(scope.owner, scope.owner.domains[i], groups[i]) for i in pg.items],
    })


def get_mailbox(call):
    m = mailboxes.get_mailbox(call.scope, call.args.id, "id")
    return wire.ok("Mailbox fetched successfully", {"mailbox": render.mailbox(call.scope.owner, m)})


def assign_mailboxes(call):
    body = requests.parse(call, requests.AssignMailboxes)
    mailboxes.assign(call.scope, body.model_dump())
    return wire.ok("Mailboxes will be assigned shortly", None)


def update_mailboxes(call):
    body = requests.parse(call, requests.UpdateMailboxes)
    touched = mailboxes.update(call.scope, [e.model_dump(exclude_none=True) for e in body.mailboxData])
    unique = {m.id: m for m in touched}.values()
    rows = [{"mailboxId": m.id, "profileUrl": m.profile_picture or "", "failureDetails": []} for m in unique]
    return wire.ok("User details changes are in progress", rows)


def scheduled_removal(call):
    body = requests.parse(call, requests.ScheduledRemoval)
    mailboxes.schedule_removal(call.scope, body.mailboxIds, body.remove)
    # The docs example has no status key here.
    message = "Mailbox will be removed on next renewal" if body.remove else "Mailbox removal on next renewal cancelled"
    return wire.flat({"message": message, "data": None})


def authenticator_code(call):
    result = mailboxes.authenticator_code(call.scope, call.query.get("mailboxId"), call.query.get("domainId"))
    # The docs say the answer carries the code and expiresIn (seconds left); `code` is our name.
    return wire.ok("Authenticator code fetched successfully", {"code": result["code"], "expiresIn": result["expiresIn"]})


def remove_instantly(call):
    body = requests.parse(call, requests.RemoveInstantly)
    queued = mailboxes.remove_instantly(call.scope, body.mailboxIds)
    return wire.ok("Mailbox will be removed shortly", {"totalMailboxesQueued": len(queued)})
