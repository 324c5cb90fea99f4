"""workspace members and invitations."""
from __future__ import annotations

from ....core.pagination import paginate, parse_page_args
from ....domain import team
from .. import render, requests, wire


def _page(call, rows):
    page, limit = parse_page_args(call.args.page, call.args.limit)
    return paginate(rows, page, limit)


def list_members(call):
    return wire.ok("Workspace members fetched successfully", render.members_page(_page(call, team.members_of(call.scope))))


def update_role(call):
    body = requests.parse(call, requests.UpdateRole)
    account, role = team.set_role(call.scope, call.args.memberId, body.role)
    return wire.ok("User role updated successfully", render.member(account, role))


def revoke_member(call):
    team.revoke_member(call.scope, call.args.memberId)
    return wire.ok("User access revoked successfully", None)


def invite(call):
    body = requests.parse(call, requests.Invite)
    inv = team.invite(call.scope, body.workspaceId or call.scope.workspace.id, body.email, body.role)
    return wire.ok("Invitation sent successfully", render.invitation(inv))


def list_invitations(call):
    rows = team.invitations_of(call.scope, call.args.status)
    return wire.ok("Invitations fetched successfully", render.invitations_page(_page(call, rows)))


def revoke_invitation(call):
    team.revoke_invitation(call.scope, call.args.invitationId)
    return wire.ok("Invitation revoked successfully", None)
