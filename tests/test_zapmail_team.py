"""Zapmail v2 workspace team (Tier B): members and invitations, driven over HTTP as a client would.

The reference holds no full example of these answers; each test compares what it does hold
(source named) and proves every state change by a later read and every refusal changes nothing.
"""
from __future__ import annotations

import pytest

from .helpers import envelope, error

# zapmail-v2-accounts.yaml, zapmail.v2.workspaces.members.list: "Envelope whose data is an object
# starting with totalSearchedCount"
DOCS_MEMBERS_PARTIAL = {"status": int, "message": str, "data": {"totalSearchedCount": int}}
# zapmail-v2-accounts.yaml, zapmail.v2.workspaces.members.update_role, body example
DOCS_UPDATE_ROLE_BODY = {"role": "ADMIN"}
# zapmail-v2-accounts.yaml, zapmail.v2.workspaces.members.revoke / invitations.revoke: "Envelope
# with data null (status integer, message string, data null; all required)"
DOCS_NULL_DATA_KEYS = {"status", "message", "data"}

MEMBER_KEYS = {"id", "email", "firstName", "lastName", "role"}
INVITATION_KEYS = {"id", "workspaceId", "email", "role", "status", "invitedBy", "createdAt", "updatedAt"}


def team(harness, **roles):
    """Owner A whose primary workspace has one member per keyword (name=role), in that order.
    Returns (A, {name: api}, headers acting in A's workspace)."""
    people = {name: harness.account(email=f"{name}@team.test", firstName=name.title(), lastName="Team")
              for name in roles}
    owner = harness.account(walletBalance=100, email="owner@team.test", fixture={"workspaces": [{
        "name": "Team HQ", "members": [{"accountId": people[n].account["id"], "role": r} for n, r in roles.items()]}]})
    return owner, people, {"x-workspace-key": owner.account["workspaceId"]}


def members(api, headers=None, **params):
    return envelope(api.get("/v2/workspaces/members", params=params, headers=headers))


def invitations(api, headers=None, **params):
    return envelope(api.get("/v2/workspaces/invitations", params=params, headers=headers))


def roles(api, headers=None):
    return {m["id"]: m["role"] for m in members(api, headers)["members"]}


# ---------------------------------------------------------------- members

def test_members_list_shape_and_paging(harness):
    owner, people, _ = team(harness, ada="ADMIN", bob="EDITOR", cy="VIEWER")
    r = owner.get("/v2/workspaces/members", params={"page": "1", "limit": "2"})
    body = r.json()
    assert r.status_code == 200 and set(body) == set(DOCS_MEMBERS_PARTIAL)
    assert next(iter(body["data"])) == "totalSearchedCount"  # the docs' first key
    data = body["data"]
    assert data == {"totalSearchedCount": 3, "currentPage": 1, "nextPage": 2, "totalPages": 2, "members": [
        {"id": people["ada"].account["id"], "email": "ada@team.test", "firstName": "Ada",
         "lastName": "Team", "role": "ADMIN"},
        {"id": people["bob"].account["id"], "email": "bob@team.test", "firstName": "Bob",
         "lastName": "Team", "role": "EDITOR"}]}
    second = members(owner, page=2, limit=2)["members"]
    assert [m["id"] for m in second] == [people["cy"].account["id"]] and set(second[0]) == MEMBER_KEYS
    # the owner is not a member row; a workspace without members lists none
    assert owner.account["id"] not in roles(owner)
    alone = harness.account()
    assert members(alone) == {"totalSearchedCount": 0, "currentPage": 1, "nextPage": 2, "totalPages": 0,
                              "members": []}


def test_admin_lists_the_shared_workspace_members(harness):
    owner, people, in_a = team(harness, ada="ADMIN", bob="VIEWER")
    assert roles(people["ada"], in_a) == {people["ada"].account["id"]: "ADMIN", people["bob"].account["id"]: "VIEWER"}
    # in their own workspace, ada has no members
    assert members(people["ada"])["members"] == []


@pytest.mark.parametrize("role", ["EDITOR", "VIEWER"])
def test_roles_below_admin_cannot_see_or_manage_the_team(harness, role):
    owner, people, in_a = team(harness, low=role, bob="VIEWER")
    low, bob = people["low"], people["bob"].account["id"]
    before = roles(owner)
    for method, path, params, body in [
            ("GET", "/v2/workspaces/members", {}, None),
            ("PUT", "/v2/workspaces/members", {"memberId": bob}, {"role": "EDITOR"}),
            ("DELETE", "/v2/workspaces/members", {"memberId": bob}, None),
            ("POST", "/v2/workspaces/invitations", {}, {"email": "x@example.com", "role": "VIEWER"}),
            ("GET", "/v2/workspaces/invitations", {}, None)]:
        r = low.request(method, path, params=params, json=body, headers=in_a)
        error(r, 403, "You must be the owner or admin of this workspace to access this API")
    assert roles(owner) == before and invitations(owner)["invitations"] == []


def test_owner_updates_a_role_with_the_docs_body(harness):
    owner, people, _ = team(harness, bob="EDITOR")
    bob = people["bob"].account["id"]
    r = owner.put("/v2/workspaces/members", params={"memberId": bob}, json=DOCS_UPDATE_ROLE_BODY)
    assert envelope(r) == {"id": bob, "email": "bob@team.test", "firstName": "Bob",
                           "lastName": "Team", "role": "ADMIN"}
    assert r.json()["message"] == "User role updated successfully"
    assert roles(owner) == {bob: "ADMIN"}
    # the new role takes effect: bob may now act in the workspace
    assert members(people["bob"], {"x-workspace-key": owner.account["workspaceId"]})["totalSearchedCount"] == 1


@pytest.mark.parametrize("body,needle", [
    ({"role": "OWNER"}, "role must be one of ADMIN, EDITOR, VIEWER"),
    ({"role": "admin"}, "role must be one of ADMIN, EDITOR, VIEWER"),
    ({}, "role"),
    ({"role": 3}, "role"),
])
def test_update_role_rejects_bad_roles(harness, body, needle):
    owner, people, _ = team(harness, bob="EDITOR")
    error(owner.put("/v2/workspaces/members", params={"memberId": people["bob"].account["id"]}, json=body), 400, needle)
    assert roles(owner) == {people["bob"].account["id"]: "EDITOR"}


def test_member_id_is_required_and_must_exist(harness):
    owner, people, _ = team(harness, bob="EDITOR")
    error(owner.put("/v2/workspaces/members", json={"role": "VIEWER"}), 400, "memberId")
    error(owner.delete("/v2/workspaces/members"), 400, "memberId")
    stranger = harness.account().account["id"]
    error(owner.put("/v2/workspaces/members", params={"memberId": stranger}, json={"role": "VIEWER"}), 404,
          "Member not found")
    error(owner.delete("/v2/workspaces/members", params={"memberId": stranger}), 404, "Member not found")
    assert roles(owner) == {people["bob"].account["id"]: "EDITOR"}


def test_admin_manages_editors_and_viewers_but_not_admins_owner_or_self(harness):
    owner, people, in_a = team(harness, ada="ADMIN", eve="ADMIN", bob="EDITOR", cy="VIEWER")
    ada = people["ada"]
    ids = {n: p.account["id"] for n, p in people.items()}
    before = roles(owner)

    def put(member, role):
        return ada.put("/v2/workspaces/members", params={"memberId": member}, json={"role": role}, headers=in_a)

    error(put(ids["eve"], "VIEWER"), 403, "Only the workspace owner can manage admins")
    error(put(ids["bob"], "ADMIN"), 403, "Only the workspace owner can manage admins")
    error(put(ids["ada"], "VIEWER"), 403, "You cannot change your own access")
    error(put(owner.account["id"], "VIEWER"), 403, "The workspace owner's access cannot be changed")
    error(ada.delete("/v2/workspaces/members", params={"memberId": ids["eve"]}, headers=in_a), 403,
          "Only the workspace owner can manage admins")
    error(ada.delete("/v2/workspaces/members", params={"memberId": owner.account["id"]}, headers=in_a), 403,
          "owner's access cannot be changed")
    assert roles(owner) == before
    assert envelope(put(ids["bob"], "VIEWER"))["role"] == "VIEWER"
    assert roles(owner)[ids["bob"]] == "VIEWER"


def test_revoke_removes_the_member_and_their_access(harness):
    owner, people, in_a = team(harness, ada="ADMIN", bob="EDITOR")
    r = owner.delete("/v2/workspaces/members", params={"memberId": people["ada"].account["id"]})
    assert r.status_code == 200 and set(r.json()) == DOCS_NULL_DATA_KEYS and r.json()["data"] is None
    assert r.json()["message"] == "User access revoked successfully"
    assert roles(owner) == {people["bob"].account["id"]: "EDITOR"}
    # ada no longer reaches the workspace: it is unknown to her
    error(people["ada"].get("/v2/workspaces/members", headers=in_a), 404, "Workspace not found")
    error(owner.delete("/v2/workspaces/members", params={"memberId": people["ada"].account["id"]}), 404,
          "Member not found")


# ---------------------------------------------------------------- invitations

def test_invite_list_and_revoke(harness):
    owner, people, _ = team(harness, bob="EDITOR")
    ws = owner.account["workspaceId"]
    r = owner.post("/v2/workspaces/invitations", json={"email": " New.Person@Example.com ", "role": "VIEWER",
                                                        "workspaceId": ws})
    inv = envelope(r)
    assert r.json()["message"] == "Invitation sent successfully"
    assert set(inv) == INVITATION_KEYS
    assert inv["workspaceId"] == ws and inv["email"] == "new.person@example.com" and inv["role"] == "VIEWER"
    assert inv["status"] == "PENDING" and inv["invitedBy"] == owner.account["id"]
    assert inv["createdAt"] == inv["updatedAt"] and inv["createdAt"].endswith("Z")
    other = envelope(owner.post("/v2/workspaces/invitations", json={"email": "two@example.com", "role": "ADMIN"}))
    listed = invitations(owner)
    assert listed["totalSearchedCount"] == 2 and listed["invitations"] == [inv, other]
    harness.advance(60)
    r = owner.delete("/v2/workspaces/invitations", params={"invitationId": inv["id"]})
    assert r.status_code == 200 and r.json()["data"] is None and set(r.json()) == DOCS_NULL_DATA_KEYS
    [revoked] = invitations(owner, status="REVOKED")["invitations"]
    assert revoked["id"] == inv["id"] and revoked["status"] == "REVOKED" and revoked["updatedAt"] > inv["updatedAt"]
    assert [i["id"] for i in invitations(owner, status="PENDING")["invitations"]] == [other["id"]]
    # a revoked invitation cannot be revoked again; the address can be invited again
    error(owner.delete("/v2/workspaces/invitations", params={"invitationId": inv["id"]}), 400,
          "Only a pending invitation can be revoked")
    envelope(owner.post("/v2/workspaces/invitations", json={"email": "new.person@example.com", "role": "EDITOR"}))
    assert invitations(owner)["totalSearchedCount"] == 3
    # no member is made by an invitation alone
    assert roles(owner) == {people["bob"].account["id"]: "EDITOR"}


def test_invitation_conflicts(harness):
    owner, people, _ = team(harness, bob="EDITOR")
    envelope(owner.post("/v2/workspaces/invitations", json={"email": "dup@example.com", "role": "VIEWER"}))
    error(owner.post("/v2/workspaces/invitations", json={"email": "DUP@example.com", "role": "EDITOR"}), 409,
          "An invitation is already pending for this email")
    error(owner.post("/v2/workspaces/invitations", json={"email": "bob@team.test", "role": "VIEWER"}), 409,
          "already a member")
    error(owner.post("/v2/workspaces/invitations", json={"email": "owner@team.test", "role": "VIEWER"}), 409,
          "already a member")
    assert invitations(owner)["totalSearchedCount"] == 1


@pytest.mark.parametrize("body,needle", [
    ({"role": "VIEWER"}, "email"),
    ({"email": "not-an-email", "role": "VIEWER"}, "email must be a valid email address"),
    ({"email": "a@example.com"}, "role"),
    ({"email": "a@example.com", "role": "OWNER"}, "role must be one of ADMIN, EDITOR, VIEWER"),
    ({"email": "a@example.com", "role": "VIEWER", "workspaceId": "  "}, "workspaceId"),
])
def test_invitation_validation(harness, zap, body, needle):
    error(zap.post("/v2/workspaces/invitations", json=body), 400, needle)
    assert invitations(zap)["invitations"] == []


def test_invitation_workspace_rules(harness):
    owner, people, in_a = team(harness, ada="ADMIN", bob="VIEWER")
    ws = owner.account["workspaceId"]
    # an unknown workspace is a 404; one where the caller is below ADMIN a 403
    error(owner.post("/v2/workspaces/invitations", json={"email": "x@example.com", "role": "VIEWER",
                                                          "workspaceId": "b9085239-6bb1-479b-8a30-271f7d6f904e"}),
          404, "Workspace not found")
    error(people["bob"].post("/v2/workspaces/invitations", json={"email": "x@example.com", "role": "VIEWER",
                                                                  "workspaceId": ws}), 403, "owner or admin")
    # an admin invites editors and viewers, not admins
    ada = people["ada"]
    error(ada.post("/v2/workspaces/invitations", json={"email": "x@example.com", "role": "ADMIN", "workspaceId": ws}),
          403, "Only the workspace owner can manage admins")
    made = envelope(ada.post("/v2/workspaces/invitations", json={"email": "x@example.com", "role": "EDITOR",
                                                                  "workspaceId": ws}))
    assert made["invitedBy"] == ada.account["id"] and made["workspaceId"] == ws
    # it is the owner's workspace's invitation, not ada's own workspace's
    assert [i["id"] for i in invitations(owner)["invitations"]] == [made["id"]]
    assert invitations(ada)["invitations"] == []
    assert [i["id"] for i in invitations(ada, in_a)["invitations"]] == [made["id"]]


def test_invitation_revoke_errors(harness, zap):
    error(zap.delete("/v2/workspaces/invitations"), 400, "invitationId")
    error(zap.delete("/v2/workspaces/invitations", params={"invitationId": "nope"}), 404, "Invitation not found")
    other = harness.account()
    inv = envelope(other.post("/v2/workspaces/invitations", json={"email": "x@example.com", "role": "VIEWER"}))
    error(zap.delete("/v2/workspaces/invitations", params={"invitationId": inv["id"]}), 404, "Invitation not found")
    assert invitations(other, status="PENDING")["totalSearchedCount"] == 1


def test_invitations_status_filter_is_validated(zap):
    error(zap.get("/v2/workspaces/invitations", params={"status": "pending"}), 400, "status")


def test_a_snapshot_restores_members_and_invitations(harness):
    owner, people, _ = team(harness, bob="EDITOR")
    inv = envelope(owner.post("/v2/workspaces/invitations", json={"email": "snap@example.com", "role": "VIEWER"}))
    snap = harness.client.get("/_sim/snapshot").json()
    envelope(owner.delete("/v2/workspaces/invitations", params={"invitationId": inv["id"]}))
    envelope(owner.delete("/v2/workspaces/members", params={"memberId": people["bob"].account["id"]}))
    assert harness.client.post("/_sim/snapshot", json=snap).status_code == 200
    assert roles(owner) == {people["bob"].account["id"]: "EDITOR"}
    assert invitations(owner)["invitations"] == [inv]
