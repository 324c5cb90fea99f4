"""mailboxes group."""
from __future__ import annotations

from ....core.errors import Invalid
from ....domain import domains, mailboxes, tags
from ....domain.mailboxes import MailboxChange, NewMailbox
from ...wire_fields import wire_fields
from .. import render, requests, wire
from .common import listing, path_id


def list_mailboxes(call):
    """Inferred: a flat, paged list (the documented Assign answer is flat too); filters
    ?status= (PENDING | ACTIVE | FAILED), ?domainId=, ?search= (email or name), ?tagId= (mailboxes
    carrying the tag, or on a domain carrying it)."""
    scope, q = call.scope, call.args
    domain_id = (q.domainId or "").strip() or None
    if domain_id:
        domains.get_domain(scope, domain_id, "domainId")
    needle = (q.search or q.contains or "").strip().lower()
    rows = [m for m in mailboxes.mailboxes_in_scope(scope, domain_id)
            if (not q.status or render.mailbox_status(m) == q.status)
            and (not needle or needle in mailboxes.email_of(scope.owner, m).lower()
                 or needle in render.full_name(m).lower())]
    if q.tagId:
        tagged = {m.id for m in tags.mailboxes_with_tag(scope, q.tagId, include_domain_tags=True)}
        rows = [m for m in rows if m.id in tagged]
    return listing(call, "Mailboxes fetched successfully", "mailboxes", rows,
                   lambda m: render.mailbox(scope.owner, m))


def _username(item, raw):
    """mailboxUsername, or the legacy userName (documented); errors name the field the client
    sent."""
    sent = raw if isinstance(raw, dict) else {}
    name = next((n for n in ("mailboxUsername", "userName", "username") if n in sent), "mailboxUsername")
    return item.mailboxUsername, name


def assign_mailboxes(call):
    """Documented: items name their domain by NAME; an unknown domain, or one of another account,
    is a 400 (the request is malformed for this account), and nothing is created unless every
    item is valid."""
    body = requests.parse(call, requests.AssignMailboxes)
    wanted, user_fields = [], []
    for item, raw in zip(body.mailboxes, call.raw_body["mailboxes"]):
        user, user_field = _username(item, raw)
        wanted.append(NewMailbox(domain_name=item.domain, username=user, first_name=item.firstName,
                                 last_name=item.lastName))
        user_fields.append(user_field)

    def rename(path):  # the domain's mailboxes[i].x -> this body's names
        head, _, name = path.partition(".")
        if not head.startswith("mailboxes[") or not name:
            return None
        i = int(head[len("mailboxes["):-1])
        return f"{head}.{ {'domainName': 'domain', 'username': user_fields[i]}.get(name, name)}"

    with wire_fields(rename):
        created = mailboxes.create_batch(call.scope, wanted)
    return wire.created("Mailboxes assigned successfully.",  # documented, with its full stop
                        render.assigned(created))


def create_mailbox(call):
    """Inferred: one mailbox under a domain of the account, named by domainId (404 when unknown)
    or by domain name as Assign does (400 when unknown)."""
    body = requests.parse(call, requests.CreateMailbox)
    scope = call.scope
    user, user_field = _username(body, call.raw_body)
    new = NewMailbox(domain_id=body.domainId, domain_name=None if body.domainId is not None else body.domain,
                     username=user, first_name=body.firstName, last_name=body.lastName)
    names = {"domainName": "domain", "username": user_field}
    with wire_fields(lambda path: names.get(path.partition(".")[2], path.partition(".")[2]) or None):
        [m] = mailboxes.create_batch(scope, [new])
    return wire.created("Mailbox created successfully", render.mailbox(scope.owner, m))


def get_mailbox(call):
    m = mailboxes.get_mailbox(call.scope, path_id(call, "mailboxId"), "mailboxId")
    return wire.ok("Mailbox fetched successfully", render.mailbox(call.scope.owner, m))


def update_mailbox(call):
    body = requests.parse(call, requests.UpdateMailbox)
    mailbox_id = path_id(call, "mailboxId")
    # the declared fields only: an undeclared key changes nothing
    if not body.model_dump(exclude_unset=True, include=set(requests.MAILBOX_CHANGES)):
        raise Invalid("Give at least one of firstName, lastName, username, profilePicture", field="body")
    user_field = "mailboxUsername" if body.mailboxUsername is not None else "username"
    change = MailboxChange(mailbox_id=mailbox_id, first_name=body.firstName, last_name=body.lastName,
                           username=body.username if body.mailboxUsername is None else body.mailboxUsername,
                           profile_picture=body.profilePicture, remove_profile_picture=body.removeProfilePicture)
    names = {"username": user_field}
    with wire_fields(lambda path: names.get(path.partition(".")[2], path.partition(".")[2]) or "body"):
        [m] = mailboxes.update(call.scope, [change])
    return wire.ok("Mailbox updated successfully", render.mailbox(call.scope.owner, m))


def remove_mailbox(call):
    """Documented: flags the mailbox for removal at the next renewal; it stays until then."""
    # looked up here first, so an unknown id is reported under this route's own field name
    m = mailboxes.get_mailbox(call.scope, path_id(call, "mailboxId"), "mailboxId")
    [m] = mailboxes.schedule_removal(call.scope, [m.id], True)
    return wire.ok("Mailbox will be removed on next renewal", render.mailbox(call.scope.owner, m))
