"""Zapmail v2 domain tags (Tier B), driven over HTTP as a client would: list, create (409 on a
duplicate name), assign, remove from domains, delete. Answers are compared with the reference
examples (source named); state changes are read back through the tag list and the domain list."""
from __future__ import annotations

import pytest

from .helpers import assert_shape, buy_domain, envelope, error

# zapmail-v2-observed.yaml, zapmail.v2.domains.list_tags, 200 example (reconstructed from a live key list)
OBSERVED_TAGS = {"status": 200, "message": "<not captured>",
                 "data": [{"id": "<id>", "name": "Production", "tagColor": "#625B97"}]}
# zapmail-v2-domains.yaml / zapmail-v2-observed.yaml, zapmail.v2.domains.create_tags, body example
DOCS_CREATE_BODY = [{"name": "Production", "tagColor": "#FF5733"}]
# zapmail-v2-observed.yaml, zapmail.v2.domains.create_tags, 200 (reconstructed): data.tagIds[] and
# data.domainTagsCreated[]
OBSERVED_CREATED_KEYS = {"tagIds", "domainTagsCreated"}
# zapmail-v2-domains.yaml, zapmail.v2.domains.delete_tag, body example
DOCS_DELETE_BODY = {"tagId": "uuid-1"}


def tag_list(api, headers=None):
    return envelope(api.get("/v2/domains/tags", headers=headers))


def create(api, *specs):
    return envelope(api.post("/v2/domains/tags", json=list(specs)))


def domain_tags(api, name):
    rows = envelope(api.get("/v2/domains", params={"limit": 100}))["domains"]
    return sorted(t["name"] for t in next(d for d in rows if d["domain"] == name)["tags"])


def test_create_with_the_docs_body_and_list_in_the_live_shape(zap):
    r = zap.post("/v2/domains/tags", json=DOCS_CREATE_BODY)
    data = envelope(r)
    assert r.json()["message"] == "Tags created successfully"
    assert set(data) == OBSERVED_CREATED_KEYS
    [made] = data["domainTagsCreated"]
    assert data["tagIds"] == [made["id"]] and made == {"id": made["id"], "name": "Production", "tagColor": "#FF5733"}
    listed = zap.get("/v2/domains/tags").json()
    assert listed["status"] == 200 and listed["message"] == "Tags fetched successfully"
    assert_shape(listed, OBSERVED_TAGS)
    assert listed["data"] == [made]


def test_create_many_keeps_order_and_optional_colour(zap):
    data = create(zap, {"name": "Cold"}, {"name": " Warm ", "tagColor": "#abc"})
    assert [t["name"] for t in data["domainTagsCreated"]] == ["Cold", "Warm"]
    assert [t["tagColor"] for t in data["domainTagsCreated"]] == [None, "#ABC"]
    assert [t["id"] for t in tag_list(zap)] == data["tagIds"]


@pytest.mark.parametrize("second", [[{"name": "production"}], [{"name": "New"}, {"name": "NEW"}],
                                    [{"name": "Other"}, {"name": " Production "}]])
def test_duplicate_names_are_a_409_and_create_nothing(zap, second):
    create(zap, *DOCS_CREATE_BODY)
    before = tag_list(zap)
    error(zap.post("/v2/domains/tags", json=second), 409, "already exists")
    assert tag_list(zap) == before


@pytest.mark.parametrize("body,needle", [
    ([], "must not be empty"),
    ({"name": "x"}, ""),
    ([{"tagColor": "#FFF"}], "name"),
    ([{"name": "  "}], "name"),
    ([{"name": "x" * 51}], "name"),
    ([{"name": "ok", "tagColor": "red"}], "tagColor"),
    ([{"name": 5}], "name"),
])
def test_create_validation(zap, body, needle):
    error(zap.post("/v2/domains/tags", json=body), 400, needle)
    assert tag_list(zap) == []


def test_assign_remove_and_delete(harness, zap):
    a = buy_domain(zap, harness, "tagged-one.com")
    b = buy_domain(zap, harness, "tagged-two.com")
    ids = create(zap, {"name": "Prod"}, {"name": "Warm"})["tagIds"]
    r = zap.post("/v2/domains/assign-tag", json={"tagIds": ids, "domainIds": [a["id"], b["id"]]})
    assert envelope(r) is None and r.json()["message"] == "Tags assigned successfully"
    # assigning again changes nothing
    envelope(zap.post("/v2/domains/assign-tag", json={"tagIds": ids[:1], "domainIds": [a["id"]]}))
    assert domain_tags(zap, "tagged-one.com") == ["Prod", "Warm"] == domain_tags(zap, "tagged-two.com")
    # remove one tag from one domain
    r = zap.post("/v2/domains/tags/remove", json={"tagIds": [ids[0]], "domainIds": [a["id"]]})
    assert envelope(r) is None and r.json()["message"] == "Tags removed successfully"
    assert domain_tags(zap, "tagged-one.com") == ["Warm"] and domain_tags(zap, "tagged-two.com") == ["Prod", "Warm"]
    # by filter, without tagIds: every tag off the matching domains
    envelope(zap.post("/v2/domains/tags/remove", json={"contains": "tagged-two"}))
    assert domain_tags(zap, "tagged-two.com") == [] and domain_tags(zap, "tagged-one.com") == ["Warm"]
    # delete detaches everywhere and drops it from the list
    r = zap.post("/v2/domains/tags/delete", json={"tagId": ids[1]})
    assert envelope(r) is None and r.json()["message"] == "Tag deleted successfully"
    assert domain_tags(zap, "tagged-one.com") == [] and [t["id"] for t in tag_list(zap)] == [ids[0]]


def test_unknown_ids_are_404_and_change_nothing(harness, zap):
    d = buy_domain(zap, harness, "tagerrors.com")
    [tid] = create(zap, {"name": "Prod"})["tagIds"]
    other = harness.account()
    [foreign] = create(other, {"name": "Theirs"})["tagIds"]
    error(zap.post("/v2/domains/assign-tag", json={"tagIds": [tid, foreign], "domainIds": [d["id"]]}), 404,
          "Tag not found")
    error(zap.post("/v2/domains/assign-tag", json={"tagIds": [tid], "domainIds": [d["id"], "nope"]}), 404,
          "Domain not found")
    assert domain_tags(zap, "tagerrors.com") == []
    error(zap.post("/v2/domains/tags/delete", json=DOCS_DELETE_BODY), 404, "Tag not found")
    error(zap.post("/v2/domains/tags/delete", json={"tagId": foreign}), 404, "Tag not found")
    envelope(zap.post("/v2/domains/assign-tag", json={"tagIds": [tid], "domainIds": [d["id"]]}))
    error(zap.post("/v2/domains/tags/remove", json={"tagIds": [foreign], "domainIds": [d["id"]]}), 404,
          "Tag not found")
    assert domain_tags(zap, "tagerrors.com") == ["Prod"]
    assert [t["name"] for t in tag_list(other)] == ["Theirs"]


@pytest.mark.parametrize("path,body,needle", [
    ("/v2/domains/assign-tag", {"tagIds": [], "domainIds": ["x"]}, "tagIds"),
    ("/v2/domains/assign-tag", {"tagIds": ["x"]}, "domainIds"),
    ("/v2/domains/assign-tag", {"tagIds": "x", "domainIds": ["x"]}, "tagIds"),
    ("/v2/domains/tags/delete", {}, "tagId"),
    ("/v2/domains/tags/delete", {"tagId": ""}, "tagId"),
    ("/v2/domains/tags/remove", {"tagIds": ["x"]}, "domainIds"),
    ("/v2/domains/tags/remove", {"domainIds": ["x"], "status": ["NOPE"]}, "status"),
])
def test_bodies_are_validated(zap, path, body, needle):
    error(zap.post(path, json=body), 400, needle)


def test_tags_are_per_workspace_and_the_docs_header_spelling_works(zap):
    ws = envelope(zap.post("/v2/workspaces", json={"name": "Second", "billingDetails": {
        "company": "Co", "firstName": "A", "lastName": "B", "addressLineOne": "1 St", "city": "C", "state": "S",
        "country": "US", "postalCode": "1", "phoneCc": "+1", "phone": "1", "languagePreference": "en"}}))["id"]
    create(zap, {"name": "Primary only"})
    assert tag_list(zap, {"x-workspace-id": ws}) == []
    envelope(zap.post("/v2/domains/tags", json=[{"name": "Primary only"}], headers={"x-workspace-key": ws}))
    assert [t["name"] for t in tag_list(zap, {"x-workspace-id": ws})] == ["Primary only"]
    assert len(tag_list(zap)) == 1
