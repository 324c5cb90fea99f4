"""LiteMail: reads match their documented shapes and are idempotent, records read back as listed,
pages partition their lists, bad input is a 4xx in the error envelope, and create -> read ->
list -> update -> delete sequences (tags, DNS records, webhooks) agree with themselves."""
from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import litemail_plan as lp

PROVIDER = "litemail"  # conftest runs these tests against this provider only

L = lp.L


@pytest.fixture
def lite(provider, target):
    if provider != "litemail":
        pytest.skip("LiteMail plan")
    return target


def rows(target, op: str, **params) -> list:
    return target.call(op, params={"limit": 1000, **params}).json()["data"][lp.ROWS[op]]


@pytest.mark.parametrize("op", lp.PLAIN_READS)
def test_plain_reads_match_their_shape_and_are_idempotent(lite, op):
    first = lite.call(op).json()
    assert lite.call(op).json() == first, f"{op}: two identical reads disagree"


def test_listed_records_read_back_the_same(lite):
    boxes = rows(lite, L + "mailboxes.list")
    domains = rows(lite, L + "domains.list")
    assert (boxes and domains) or not lite.started_here, "the seeded account has domains and mailboxes"
    for m in boxes[:4]:
        assert lite.call(L + "mailboxes.get", path_params={"mailboxId": m["id"]}).json()["data"] == m
    for d in domains[:4]:
        assert lite.call(L + "domains.get", path_params={"domainId": d["id"]}).json()["data"] == d
        records = rows(lite, L + "dns.list", domainId=d["id"])
        assert all(r["domainId"] == d["id"] for r in records)
        checked = lite.call(L + "domains.check_dns", params={"domainId": d["id"]}).json()["data"]
        assert [c["domainId"] for c in checked] == [d["id"]]


@pytest.mark.parametrize("op", sorted(lp.PAGED))
def test_pages_partition_the_list(lite, op):
    key, ident = lp.PAGED[op], lp.IDS[op]
    body = lite.call(op, params={"page": 1, "limit": 1000}).json()["data"]
    full = [r[ident] for r in body[key]]
    assert body["pagination"]["total"] == len(full)

    @lite.examples(min(lite.max_examples, 4))
    @given(st.integers(min_value=1, max_value=len(full) + 1))
    def walk(limit):
        seen, page = [], 1
        while True:
            data = lite.call(op, params={"page": page, "limit": limit}).json()["data"]
            assert data["pagination"] == {"page": page, "limit": limit, "total": len(full),
                                          "totalPages": math.ceil(len(full) / limit)}
            if not data[key]:
                break
            seen += [r[ident] for r in data[key]]
            page += 1
            assert page <= len(full) + 2, f"{op}: pages never end"
        assert seen == full, f"{op}: pages at limit {limit} do not partition the list"

    walk()


@pytest.mark.parametrize("op", sorted(lp.PAGED))
@pytest.mark.parametrize("page,limit", [(0, 10), (-1, 10), ("abc", 10), (1, 0), (1, "ten")])
def test_out_of_range_page_arguments_are_400(lite, op, page, limit):
    lite.call(op, params={"page": page, "limit": limit}, expect="400")


@pytest.mark.parametrize("op,param", lp.ID_READS)
def test_unknown_ids_are_404(lite, op, param):
    @lite.examples()
    @given(st.from_regex(r"c[a-z0-9]{24}", fullmatch=True))
    def probe(unknown):
        lite.call(op, path_params={param: unknown}, expect="404")

    probe()


@pytest.mark.parametrize("op,param", lp.ENUM_READS)
def test_values_outside_a_documented_enum_are_400(lite, op, param):
    documented = next(p["schema"]["enum"] for p in lite.ops[op]["entry"]["parameters"] if p["name"] == param)

    @lite.examples()
    @given(st.text("abcdefghijklmnopqrstuvwxyzXYZ_", min_size=2, max_size=12)
           .filter(lambda v: v.strip().upper() not in documented))
    def probe(value):
        lite.call(op, params={param: value}, expect="400")

    probe()


def test_required_queries_missing_are_400(lite):
    lite.call(L + "dns.list", expect="400")
    lite.call(L + "domains.check_dns", expect="400")


def test_tag_create_read_list_update_delete(lite):
    lite.require(L + "tags.create", L + "tags.update", L + "tags.delete")
    name = lite.name("tag")
    tag = lite.call(L + "tags.create", json={"name": name, "color": "#336699"}).json()["data"]
    assert tag["name"] == name
    listed = {t["id"]: t for t in rows(lite, L + "tags.list", limit=100)}
    assert listed.get(tag["id"]) == tag
    updated = lite.call(L + "tags.update", path_params={"tagId": tag["id"]}, json={"name": name + "-2"}).json()["data"]
    assert updated["id"] == tag["id"] and updated["name"] == name + "-2"
    assert {t["id"]: t for t in rows(lite, L + "tags.list", limit=100)}[tag["id"]] == updated
    assert lite.call(L + "tags.delete", path_params={"tagId": tag["id"]}).json()["data"] == {"id": tag["id"]}
    assert tag["id"] not in {t["id"] for t in rows(lite, L + "tags.list", limit=100)}
    lite.call(L + "tags.delete", path_params={"tagId": tag["id"]}, expect="404")


def test_dns_record_create_read_list_update_delete(lite):
    lite.require(L + "dns.create", L + "dns.update", L + "dns.delete")
    domains = [d for d in rows(lite, L + "domains.list") if d["status"] == "ACTIVE"]
    if not domains:
        pytest.skip("no ACTIVE domain")
    domain_id = domains[0]["id"]
    record = lite.call(L + "dns.create", json={"domainId": domain_id, "host": lite.name("txt"),
                                               "value": "contract-test=1", "recordType": "TXT"}).json()["data"]

    def listed():
        return {r["id"]: r for r in rows(lite, L + "dns.list", domainId=domain_id)}

    assert listed().get(record["id"]) == record
    updated = lite.call(L + "dns.update", path_params={"recordId": record["id"]},
                        json={"value": "contract-test=2"}).json()["data"]
    assert updated["value"] == "contract-test=2" and listed()[record["id"]] == updated
    lite.call(L + "dns.delete", path_params={"recordId": record["id"]})
    assert record["id"] not in listed()
    lite.call(L + "dns.delete", path_params={"recordId": record["id"]}, expect="404")


def test_webhook_register_list_delete(lite):
    lite.require(L + "webhooks.create", L + "webhooks.delete")
    url = f"https://example.com/{lite.name('hook')}"
    hook = lite.call(L + "webhooks.create", json={"url": url}).json()["data"]
    listed = {w["id"]: w for w in rows(lite, L + "webhooks.list", limit=100)}
    assert listed[hook["id"]]["url"] == url
    assert listed[hook["id"]]["secret"] != hook["secret"], "the secret is shown in full only once"
    lite.call(L + "webhooks.delete", path_params={"webhookId": hook["id"]})
    assert hook["id"] not in {w["id"] for w in rows(lite, L + "webhooks.list", limit=100)}
