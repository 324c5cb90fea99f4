"""Zapmail v2 "dns" group, driven through the HTTP surface: GET /v2/dns/?id= (and /v2/dns?id=),
POST, PUT and DELETE /v2/dns. Bodies against the reference examples, record validation, and
errors that leave the zone as it was. test_flows.py covers the plain add/list/update/delete run."""
from __future__ import annotations

import uuid

import pytest

from .helpers import assert_shape, buy_domain, envelope, error

# zapmail-v2-observed.yaml, zapmail.v2.dns.list (warmbly fixture)
DNS_LIST_EXAMPLE = {
    "status": 200,
    "message": "DNS records fetched successfully",
    "data": {
        "records": [{
            "id": "r1", "assignedDomainId": "g-d", "cdfRecordId": "cf1",
            "cdfResponse": {"id": "cf1", "name": "track.acme.io", "type": "CNAME", "content": "old.example.com"},
            "recordType": "CNAME", "value": "old.example.com", "host": "track.acme.io", "priority": None,
        }],
        "disabledRecords": [],
    },
}

# zapmail-v2-domains.yaml, zapmail.v2.dns.add (docs request example)
DNS_ADD_REQUEST = {
    "assignedDomainId": "f47ac10b-58cc-4372-a567-0e02b2c3d479",
    "records": [
        {"host": "@", "value": "203.0.113.1", "recordType": "A"},
        {"host": "blog", "value": "example.com", "recordType": "CNAME"},
        {"host": "_dmarc", "value": "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com", "recordType": "TXT"},
        {"host": "@", "value": "2001:db8::1", "recordType": "AAAA"},
    ],
}

# zapmail-v2-domains.yaml, zapmail.v2.dns.add (docs example_partial, cut off after priority)
DNS_ADD_EXAMPLE = {
    "status": 200,
    "message": "Dns records added successfully",
    "data": [{
        "id": "11111111-1111-1111-1111-111111111111", "value": "123.123.123.123", "host": "dummy.com",
        "recordType": "A", "assignedDomainId": "22222222-2222-2222-2222-222222222222",
        "cdfRecordId": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "cdfResponse": {"id": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "name": "dummy.com.dns-records.test", "type": "A",
                        "content": "123.123.123.123"},
        "priority": None,
    }],
}

# zapmail-v2-observed.yaml, zapmail.v2.dns.update / zapmail.v2.dns.delete (warmbly fixtures)
DNS_UPDATE_EXAMPLE = {"status": 200, "message": "ok", "data": None}
DNS_DELETE_EXAMPLE = {"status": 200, "message": "ok", "data": None}

RECORD_KEYS = {"id", "value", "host", "recordType", "assignedDomainId", "cdfRecordId", "cdfResponse", "priority",
               "createdAt", "updatedAt"}


def records(api, domain_id, path="/v2/dns/"):
    return envelope(api.get(path, params={"id": domain_id}))["records"]


def by_id(api, domain_id):
    return {r["id"]: r for r in records(api, domain_id)}


@pytest.fixture
def dom(harness, zap):
    return buy_domain(zap, harness, "zoneone.com")


def add(api, domain_id, *recs):
    return envelope(api.post("/v2/dns", json={"assignedDomainId": domain_id, "records": list(recs)}))


# ---------------------------------------------------------------- GET /v2/dns/

def test_list_shape_and_system_records(harness, zap, dom):
    body = zap.get("/v2/dns/", params={"id": dom["id"]}).json()
    # exact=False: the renderer adds data.domainDnsRecords (the key a live summary named; same rows)
    # and createdAt/updatedAt on rows (the docs' add example continues with createdAt).
    assert_shape(body, DNS_LIST_EXAMPLE, exact=False)
    data = body["data"]
    assert set(data) == {"records", "disabledRecords", "domainDnsRecords"}
    assert data["disabledRecords"] == [] and data["domainDnsRecords"] == data["records"]
    assert all(set(r) == RECORD_KEYS for r in data["records"])
    got = sorted((r["host"], r["recordType"]) for r in data["records"])
    assert got == [("_dmarc.zoneone.com", "TXT"), ("google._domainkey.zoneone.com", "TXT"), ("zoneone.com", "MX"),
                   ("zoneone.com", "TXT")]
    mx = next(r for r in data["records"] if r["recordType"] == "MX")
    assert (mx["value"], mx["priority"]) == ("smtp.google.com", 1)
    spf = next(r for r in data["records"] if r["recordType"] == "TXT" and r["host"] == "zoneone.com")
    assert spf["value"] == "v=spf1 include:_spf.google.com ~all"
    for r in data["records"]:
        assert r["assignedDomainId"] == dom["id"]
        assert r["cdfResponse"] == {"id": r["cdfRecordId"], "name": r["host"], "type": r["recordType"],
                                    "content": r["value"]}
        assert len(r["cdfRecordId"]) == 32
        uuid.UUID(r["id"])


def test_both_path_spellings_answer_the_same(zap, dom):
    with_slash = zap.get("/v2/dns/", params={"id": dom["id"]})
    without = zap.get("/v2/dns", params={"id": dom["id"]})
    assert envelope(with_slash) == envelope(without)
    error(zap.get("/v2/dns"), 400, "id")
    error(zap.get("/v2/dns/"), 400, "id")


def test_list_errors(harness, zap, dom):
    error(zap.get("/v2/dns/", params={"id": ""}), 400, "id")
    error(zap.get("/v2/dns/", params={"id": "no-such-domain"}), 404, "no-such-domain")
    other = harness.account()
    error(other.get("/v2/dns/", params={"id": dom["id"]}), 404)
    error(other.get("/v2/dns", params={"id": dom["id"]}), 404)


def test_pending_domain_has_an_empty_zone(zap):
    zap.post("/v2/domains/buy", json={"domains": [{"domainName": "emptyzone.com"}], "useWallet": True})
    d = envelope(zap.get("/v2/domains", params={"contains": "emptyzone"}))["domains"][0]
    assert d["status"] == "PENDING"
    assert envelope(zap.get("/v2/dns/", params={"id": d["id"]})) == \
        {"records": [], "disabledRecords": [], "domainDnsRecords": []}


# ---------------------------------------------------------------- POST /v2/dns

def test_add_docs_example_body(zap, dom):
    before = records(zap, dom["id"])
    body = zap.post("/v2/dns", json={**DNS_ADD_REQUEST, "assignedDomainId": dom["id"]}).json()
    # exact=False: the docs example is cut off inside createdAt; the rows go on with
    # createdAt and updatedAt.
    assert_shape(body, DNS_ADD_EXAMPLE, exact=False)
    created = body["data"]
    assert all(set(r) == RECORD_KEYS for r in created)
    assert [(r["host"], r["recordType"], r["value"], r["priority"]) for r in created] == [
        ("zoneone.com", "A", "203.0.113.1", None), ("blog.zoneone.com", "CNAME", "example.com", None),
        ("_dmarc.zoneone.com", "TXT", "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com", None),
        ("zoneone.com", "AAAA", "2001:db8::1", None)]
    assert len({r["id"] for r in created}) == 4 and len({r["cdfRecordId"] for r in created}) == 4
    assert all(r["assignedDomainId"] == dom["id"] for r in created)
    after = records(zap, dom["id"])
    assert after == before + created  # listed in creation order, after the system records


def test_add_normalises_type_priority_and_absolute_hosts(zap, dom):
    created = add(zap, dom["id"],
                  {"host": "@", "value": "mx2.mail.test", "recordType": "mx"},
                  {"host": "@", "value": "mx3.mail.test", "recordType": "MX", "priority": 30},
                  {"host": "  www  ", "value": " 198.51.100.7 ", "recordType": "A"},
                  {"host": "shop.zoneone.com", "value": "shops.test", "recordType": "CNAME"},
                  {"host": "zoneone.com", "value": "v=verify", "recordType": "TXT"},
                  {"host": "_sip._tcp", "value": "10 60 5060 sip.test", "recordType": "SRV", "priority": 0})
    assert [(r["host"], r["recordType"], r["value"], r["priority"]) for r in created] == [
        ("zoneone.com", "MX", "mx2.mail.test", 10), ("zoneone.com", "MX", "mx3.mail.test", 30),
        ("www.zoneone.com", "A", "198.51.100.7", None), ("shop.zoneone.com", "CNAME", "shops.test", None),
        ("zoneone.com", "TXT", "v=verify", None), ("_sip._tcp.zoneone.com", "SRV", "10 60 5060 sip.test", 0)]
    listed = by_id(zap, dom["id"])
    assert [listed[r["id"]] for r in created] == created


def test_add_record_types_accepted(zap, dom):
    for rtype, value in [("A", "192.0.2.10"), ("AAAA", "2001:db8::10"), ("CNAME", "x.test"), ("MX", "mx.test"),
                         ("TXT", "hello"), ("NS", "ns1.test"), ("SRV", "1 1 1 a.test"), ("CAA", '0 issue "ca.test"')]:
        r = add(zap, dom["id"], {"host": f"t-{rtype.lower()}", "value": value, "recordType": rtype})
        assert r[0]["recordType"] == rtype


BAD_RECORDS = [
    ({"host": "x", "value": "1.2.3.4", "recordType": "BOGUS"}, "recordType"),
    ({"host": "x", "value": "1.2.3.4", "recordType": "PTR"}, "recordType"),
    ({"host": "x", "value": "not-an-ip", "recordType": "A"}, "valid A address"),
    ({"host": "x", "value": "2001:db8::1", "recordType": "A"}, "valid A address"),
    ({"host": "x", "value": "256.1.1.1", "recordType": "A"}, "valid A address"),
    ({"host": "x", "value": "192.0.2.1", "recordType": "AAAA"}, "valid AAAA address"),
    ({"host": "x", "value": "gggg::1", "recordType": "AAAA"}, "valid AAAA address"),
    ({"value": "1.2.3.4", "recordType": "A"}, "host is required"),
    ({"host": "x", "recordType": "A"}, "value is required"),
    ({"host": "x", "value": "1.2.3.4"}, "recordType is required"),
    ({"host": None, "value": "1.2.3.4", "recordType": "A"}, "host must be a string"),
    ({"host": "  ", "value": "1.2.3.4", "recordType": "A"}, "host must not be empty"),
    ({"host": "x", "value": "", "recordType": "A"}, "value must not be empty"),
    ({"host": "x", "value": 1234, "recordType": "TXT"}, "value must be a string"),
    ({"host": 7, "value": "v", "recordType": "TXT"}, "host must be a string"),
    ({"host": "x", "value": "mx.test", "recordType": "MX", "priority": -1}, "priority"),
    ({"host": "x", "value": "mx.test", "recordType": "MX", "priority": 70000}, "priority"),
    ({"host": "x", "value": "mx.test", "recordType": "MX", "priority": "10"}, "priority"),
    ({"host": "x", "value": "mx.test", "recordType": "MX", "priority": True}, "priority"),
    ({"host": "x", "value": "t" * 4097, "recordType": "TXT"}, "value must be at most 4096 characters"),
    ("www A 1.2.3.4", "must be an object"),
]


@pytest.mark.parametrize("bad,needle", BAD_RECORDS)
def test_add_rejects_a_bad_record_and_creates_none(zap, dom, bad, needle):
    before = records(zap, dom["id"])
    good = {"host": "fine", "value": "192.0.2.55", "recordType": "A"}
    msg = error(zap.post("/v2/dns", json={"assignedDomainId": dom["id"], "records": [good, bad]}), 400, needle)
    assert "records[1]" in msg  # names the offending item
    assert records(zap, dom["id"]) == before


def test_add_body_errors(harness, zap, dom):
    before = records(zap, dom["id"])
    good = {"host": "fine", "value": "192.0.2.55", "recordType": "A"}
    error(zap.post("/v2/dns", json={"assignedDomainId": dom["id"], "records": []}), 400, "records")
    error(zap.post("/v2/dns", json={"assignedDomainId": dom["id"]}), 400, "records")
    error(zap.post("/v2/dns", json={"assignedDomainId": dom["id"], "records": good}), 400, "records")
    error(zap.post("/v2/dns", json={"assignedDomainId": dom["id"], "records": [good] * 101}), 400, "100")
    error(zap.post("/v2/dns", json={"records": [good]}), 400, "assignedDomainId")
    error(zap.post("/v2/dns", json={"assignedDomainId": 5, "records": [good]}), 400, "assignedDomainId")
    error(zap.post("/v2/dns", json={"assignedDomainId": "no-such-domain", "records": [good]}), 404,
          "no-such-domain")
    other = harness.account()
    error(other.post("/v2/dns", json={"assignedDomainId": dom["id"], "records": [good]}), 404)
    assert records(zap, dom["id"]) == before


def test_dmarc_setting_rewrites_a_dmarc_record_added_with_an_absolute_host(zap, dom):
    """A _dmarc record added with its full name is the same record to the DMARC setting: one
    _dmarc TXT record afterwards, carrying the new rua."""
    system = next(r for r in records(zap, dom["id"]) if r["host"] == "_dmarc.zoneone.com")
    envelope(zap.delete("/v2/dns", params={"id": system["id"], "assignedDomainId": dom["id"]}))
    mine = add(zap, dom["id"], {"host": "_dmarc.zoneone.com", "value": "v=DMARC1; p=reject;", "recordType": "TXT"})
    assert mine[0]["host"] == "_dmarc.zoneone.com"
    envelope(zap.post("/v2/domains/dmarc", json={"domainIds": [dom["id"]], "email": "agg@zoneone.com"}))
    dmarc = [r for r in records(zap, dom["id"]) if r["host"] == "_dmarc.zoneone.com"]
    assert [(r["id"], r["value"]) for r in dmarc] == [(mine[0]["id"], "v=DMARC1; p=none; rua=mailto:agg@zoneone.com")]


# ---------------------------------------------------------------- PUT /v2/dns

def test_update_partial_keeps_the_other_fields(harness, zap, dom):
    rec = add(zap, dom["id"], {"host": "track", "value": "old.example.com", "recordType": "CNAME"})[0]
    harness.advance(5)
    body = zap.put("/v2/dns", json={"assignedDomainId": dom["id"], "dnsRecordId": rec["id"],
                                    "value": "track.warmbly.com"}).json()
    assert_shape(body, DNS_UPDATE_EXAMPLE, exact=True)
    out = body["data"]
    assert set(out) == RECORD_KEYS
    assert (out["id"], out["host"], out["recordType"], out["value"]) == \
        (rec["id"], "track.zoneone.com", "CNAME", "track.warmbly.com")
    assert out["cdfResponse"]["content"] == "track.warmbly.com" and out["cdfRecordId"] == rec["cdfRecordId"]
    assert out["createdAt"] == rec["createdAt"] and out["updatedAt"] > rec["updatedAt"]
    assert by_id(zap, dom["id"])[rec["id"]] == out


def test_update_with_the_warmbly_body_and_an_absolute_host(zap, dom):
    rec = add(zap, dom["id"], {"host": "track", "value": "old.example.com", "recordType": "CNAME"})[0]
    # the body warmbly sends, host relative
    out = envelope(zap.put("/v2/dns", json={"assignedDomainId": dom["id"], "dnsRecordId": rec["id"],
                                            "host": "track", "value": "track.warmbly.com", "recordType": "CNAME"}))
    assert out["host"] == "track.zoneone.com"
    # the host as reads show it (absolute) is accepted back, not doubled
    out = envelope(zap.put("/v2/dns", json={"assignedDomainId": dom["id"], "dnsRecordId": rec["id"],
                                            "host": "links.zoneone.com."}))
    assert out["host"] == "links.zoneone.com" and out["cdfResponse"]["name"] == "links.zoneone.com"
    out = envelope(zap.put("/v2/dns", json={"assignedDomainId": dom["id"], "dnsRecordId": rec["id"],
                                            "host": "ZONEONE.com", "recordType": "TXT", "value": "apex text"}))
    assert (out["host"], out["recordType"]) == ("zoneone.com", "TXT")
    assert by_id(zap, dom["id"])[rec["id"]]["host"] == "zoneone.com"


def test_update_type_and_priority(zap, dom):
    rec = add(zap, dom["id"], {"host": "svc", "value": "svc.example.com", "recordType": "CNAME"})[0]
    out = envelope(zap.put("/v2/dns", json={"assignedDomainId": dom["id"], "dnsRecordId": rec["id"],
                                            "recordType": "a", "value": "192.0.2.99"}))
    assert (out["recordType"], out["value"]) == ("A", "192.0.2.99")
    mx = add(zap, dom["id"], {"host": "@", "value": "mx9.test", "recordType": "MX"})[0]
    out = envelope(zap.put("/v2/dns", json={"assignedDomainId": dom["id"], "dnsRecordId": mx["id"], "priority": 40}))
    assert (out["priority"], out["value"]) == (40, "mx9.test")


@pytest.mark.parametrize("change,status,needle", [
    ({"recordType": "A"}, 400, "valid A address"),  # CNAME value is not an IPv4 address
    ({"value": "192.0.2.1", "recordType": "AAAA"}, 400, "valid AAAA address"),
    ({"recordType": "BOGUS"}, 400, "recordType"),
    ({"value": ""}, 400, "value"),
    ({"value": "   "}, 400, "value"),
    ({"host": ""}, 400, "host"),
    ({"host": 12}, 400, "host"),
    ({"priority": "5"}, 400, "priority"),
    ({"priority": 99999}, 400, "priority"),
    # an update must name a field to change (issue 10): these name one, to reach the record's lookup
    ({"dnsRecordId": "00000000-0000-0000-0000-000000000000", "host": "moved"}, 404, "not found"),
    ({"dnsRecordId": None, "host": "moved"}, 400, "dnsRecordId"),
    ({"assignedDomainId": "no-such-domain", "host": "moved"}, 404, "no-such-domain"),
    ({}, 400, "must name a field to change: one of host, value, recordType, priority"),
])
def test_update_errors_change_nothing(zap, dom, change, status, needle):
    rec = add(zap, dom["id"], {"host": "keep", "value": "keep.example.com", "recordType": "CNAME"})[0]
    before = records(zap, dom["id"])
    body = {"assignedDomainId": dom["id"], "dnsRecordId": rec["id"], **change}
    body = {k: v for k, v in body.items() if v is not None}
    error(zap.put("/v2/dns", json=body), status, needle)
    assert records(zap, dom["id"]) == before


def test_a_record_of_another_domain_cannot_be_changed_through_this_one(harness, zap, dom):
    second = buy_domain(zap, harness, "zonetwo.com")
    theirs = add(zap, second["id"], {"host": "www", "value": "192.0.2.20", "recordType": "A"})[0]
    before_one, before_two = records(zap, dom["id"]), records(zap, second["id"])
    error(zap.put("/v2/dns", json={"assignedDomainId": dom["id"], "dnsRecordId": theirs["id"],
                                   "value": "192.0.2.21"}), 404, "not found")
    error(zap.delete("/v2/dns", params={"id": theirs["id"], "assignedDomainId": dom["id"]}), 404, "not found")
    assert records(zap, dom["id"]) == before_one and records(zap, second["id"]) == before_two
    # another account cannot reach it through its own domain or the real one
    other = harness.account(walletBalance=100)
    mine = buy_domain(other, harness, "zonethree.com")
    error(other.put("/v2/dns", json={"assignedDomainId": mine["id"], "dnsRecordId": theirs["id"],
                                     "value": "192.0.2.22"}), 404)
    error(other.put("/v2/dns", json={"assignedDomainId": second["id"], "dnsRecordId": theirs["id"],
                                     "value": "192.0.2.22"}), 404)
    error(other.delete("/v2/dns", params={"id": theirs["id"], "assignedDomainId": second["id"]}), 404)
    assert records(zap, second["id"]) == before_two
    # through its own domain it works
    out = envelope(zap.put("/v2/dns", json={"assignedDomainId": second["id"], "dnsRecordId": theirs["id"],
                                            "value": "192.0.2.21"}))
    assert out["value"] == "192.0.2.21"


# ---------------------------------------------------------------- DELETE /v2/dns

def test_delete_removes_exactly_one_record(zap, dom):
    a, b = add(zap, dom["id"], {"host": "a", "value": "192.0.2.1", "recordType": "A"},
               {"host": "b", "value": "192.0.2.2", "recordType": "A"})
    before = records(zap, dom["id"])
    body = zap.delete("/v2/dns", params={"id": a["id"], "assignedDomainId": dom["id"]}).json()
    assert_shape(body, DNS_DELETE_EXAMPLE, exact=True)
    assert body["data"] is None and body["message"] == "Dns record deleted successfully"
    after = records(zap, dom["id"])
    assert after == [r for r in before if r["id"] != a["id"]] and b["id"] in {r["id"] for r in after}
    # gone for update too
    error(zap.put("/v2/dns", json={"assignedDomainId": dom["id"], "dnsRecordId": a["id"], "value": "192.0.2.3"}),
          404)


def test_delete_errors_change_nothing(harness, zap, dom):
    rec = add(zap, dom["id"], {"host": "stay", "value": "192.0.2.1", "recordType": "A"})[0]
    before = records(zap, dom["id"])
    error(zap.delete("/v2/dns", params={"assignedDomainId": dom["id"]}), 400, "id")
    error(zap.delete("/v2/dns", params={"id": rec["id"]}), 400, "assignedDomainId")
    error(zap.delete("/v2/dns"), 400, "id")
    error(zap.delete("/v2/dns", params={"id": rec["id"], "assignedDomainId": "no-such-domain"}), 404)
    error(zap.delete("/v2/dns", params={"id": "no-such-record", "assignedDomainId": dom["id"]}), 404)
    # parameters go in the query string; a body is not read
    error(zap.delete("/v2/dns", json={"id": rec["id"], "assignedDomainId": dom["id"]}), 400, "id")
    other = harness.account()
    error(other.delete("/v2/dns", params={"id": rec["id"], "assignedDomainId": dom["id"]}), 404)
    assert records(zap, dom["id"]) == before


# ---------------------------------------------------------------- malformed bodies

@pytest.mark.parametrize("method", ["POST", "PUT"])
def test_malformed_and_non_object_bodies_are_400(zap, dom, method):
    before = records(zap, dom["id"])
    raw = {"content-type": "application/json"}
    error(zap.request(method, "/v2/dns", content=b'{"assignedDomainId": ', headers=raw), 400, "malformed json")
    for body in ([{"host": "x", "value": "1.2.3.4", "recordType": "A"}], "x", 3, None):
        if body is None:
            error(zap.request(method, "/v2/dns", content=b"null", headers=raw), 400)
        else:
            error(zap.request(method, "/v2/dns", json=body), 400, "json object")
    assert records(zap, dom["id"]) == before
