"""A workspace's team: members in roles, and invitations to join.

The owner holds OWNER implicitly and is not a member row. Only the owner and ADMINs manage the
team (resolve_scope refuses lower roles first); an ADMIN manages EDITORs and VIEWERs only, and
nobody changes or revokes their own access or the owner's. OWNER is never assigned.
"""
from __future__ import annotations

from typing import Optional

from ..core.errors import Conflict, Forbidden, Invalid, NotFound
from .models import Account
from .accounts import Scope, resolve_scope
from .models import Invitation

ASSIGNABLE_ROLES = ("ADMIN", "EDITOR", "VIEWER")
INVITATION_STATUSES = ("PENDING", "ACCEPTED", "REJECTED", "REVOKED")
PENDING, REVOKED = "PENDING", "REVOKED"


def caller_role(scope: Scope) -> str:
    if scope.account is scope.owner:
        return "OWNER"
    return scope.workspace.members[scope.account.id]


def members_of(scope: Scope) -> list[tuple[Account, str]]:
    """(account, role) of every member, in the order they joined."""
    world = scope.world
    return [(world.accounts[aid], role) for aid, role in scope.workspace.members.items() if aid in world.accounts]


def _member(scope: Scope, member_id: str) -> str:
    member_id = member_id.strip()
    if member_id == scope.owner.id:
        raise Forbidden("The workspace owner's access cannot be changed", field="memberId")
    if member_id not in scope.workspace.members or member_id not in scope.world.accounts:
        raise NotFound("Member not found", field="memberId")
    if member_id == scope.account.id:
        raise Forbidden("You cannot change your own access", field="memberId")
    return member_id


def _may_manage(scope: Scope, role: str) -> None:
    """An ADMIN acts on EDITORs and VIEWERs only (giving or taking away ADMIN is the owner's)."""
    if role == "ADMIN" and caller_role(scope) != "OWNER":
        raise Forbidden("Only the workspace owner can manage admins")


def set_role(scope: Scope, member_id: str, role: str) -> tuple[Account, str]:
    _check_role(role)
    member_id = _member(scope, member_id)
    _may_manage(scope, scope.workspace.members[member_id])
    _may_manage(scope, role)
    scope.workspace.members[member_id] = role
    scope.workspace.updated_at = scope.now
    return scope.world.accounts[member_id], role


def revoke_member(scope: Scope, member_id: str) -> None:
    member_id = _member(scope, member_id)
    _may_manage(scope, scope.workspace.members[member_id])
    del scope.workspace.members[member_id]
    scope.workspace.updated_at = scope.now


def invite(scope: Scope, workspace_id: str, email: str, role: str) -> Invitation:
    """An invitation to `workspace_id` (resolved as a workspace key is: 404 unknown, 403 for a
    role below ADMIN). One pending invitation per address; members and the owner are not invited."""
    _check_role(role)
    target = resolve_scope(scope.world, scope.account, workspace_id, scope.platform)
    _may_manage(target, role)
    email = email.strip().lower()
    ws = target.workspace
    team = [target.owner] + [a for a, _ in members_of(target)]
    if any(a.email.lower() == email for a in team):
        raise Conflict("This user is already a member of the workspace", field="email")
    if any(i.email == email and i.status == PENDING for i in ws.invitations.values()):
        raise Conflict("An invitation is already pending for this email", field="email")
    now = scope.now
    inv = Invitation(id=scope.world.ids.new(target.owner.id_style), workspace_id=ws.id, email=email, role=role,
                     status=PENDING, invited_by=scope.account.id, created_at=now, updated_at=now)
    ws.invitations[inv.id] = inv
    return inv


def invitations_of(scope: Scope, status: Optional[str] = None) -> list[Invitation]:
    return [i for i in scope.workspace.invitations.values() if status is None or i.status == status]


def revoke_invitation(scope: Scope, invitation_id: str) -> Invitation:
    inv = scope.workspace.invitations.get(invitation_id.strip())
    if inv is None:
        raise NotFound("Invitation not found", field="invitationId")
    if inv.status != PENDING:
        raise Invalid(f"Only a pending invitation can be revoked (this one is {inv.status})", field="invitationId")
    _may_manage(scope, inv.role)
    inv.status, inv.updated_at = REVOKED, scope.now
    return inv


def _check_role(role: str) -> None:
    if role not in ASSIGNABLE_ROLES:  # the request models declare it too
        raise Invalid(f"role must be one of {', '.join(ASSIGNABLE_ROLES)}", field="role")
