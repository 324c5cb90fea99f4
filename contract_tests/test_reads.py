"""Every read answers in its documented envelope and shape, twice the same (reads are idempotent),
and records found by one read are found by the reads that name them."""
from __future__ import annotations

import pytest

from . import zapmail_plan as zp

PROVIDER = "zapmail"  # conftest runs these tests against this provider only


def zapmail_only(provider):
    if provider != "zapmail":
        pytest.skip("Zapmail-specific plan")


@pytest.mark.parametrize("op", zp.PLAIN_READS)
def test_plain_read_matches_its_documented_shape(provider, target, op):
    zapmail_only(provider)
    target.call(op)


@pytest.mark.parametrize("op", zp.PLAIN_READS)
def test_reads_are_idempotent(provider, target, op):
    zapmail_only(provider)
    first = target.call(op).json()
    second = target.call(op).json()
    assert first == second, f"{op}: two identical reads disagree"


def test_every_listed_mailbox_reads_back_the_same(provider, target):
    zapmail_only(provider)
    listed = {m["id"]: m for g in target.call(zp.Z + "mailbox.list", params={"limit": 100}).json()["data"]["domains"]
              for m in g["mailboxes"]}
    assert listed or not target.started_here, "the seeded account has mailboxes"
    for mailbox_id, row in list(listed.items())[:5]:
        one = target.call(zp.Z + "mailbox.get", params={"id": mailbox_id}).json()["data"]["mailbox"]
        assert one == row, f"mailbox {mailbox_id}: list and get disagree"


def test_dns_records_of_every_domain_match_their_shape(provider, target):
    zapmail_only(provider)
    ids = zp.domain_ids(target)
    assert ids or not target.started_here, "the seeded account has domains"
    for domain_id in ids[:5]:
        records = target.call(zp.Z + "dns.list", params={"id": domain_id}).json()["data"]["records"]
        assert all(r["assignedDomainId"] == domain_id for r in records)


def test_dns_check_and_third_party_reads(provider, target):
    zapmail_only(provider)
    ids = zp.domain_ids(target)[:3]
    if ids:
        checked = target.call(zp.Z + "domains.check_dns", json={"domainIds": ids}).json()["data"]
        assert [c["id"] for c in checked] == ids
    target.call(zp.Z + "export.third_party.list", params={"app": "SMARTLEAD"})


def test_domain_search_reads(provider, target):
    """One call each: the real API allows 10 domain searches per 30 minutes."""
    zapmail_only(provider)
    target.call(zp.Z + "domains.search_available", json={"domainName": "contractprobe", "tlds": ["com"]})
    target.call(zp.Z + "domains.check_availability_bulk", json={"domainNames": ["contractprobe-x.com"]})


def test_totals_agree_across_reads(provider, target):
    """The user's counters, the mailbox list's counters and the rows agree."""
    zapmail_only(provider)
    user = target.call(zp.Z + "users.get").json()["data"]
    boxes = target.call(zp.Z + "mailbox.list", params={"limit": 1000}).json()["data"]
    assert user["assignedMailboxes"] == boxes["totalAssignedMailboxes"]
    assert user["purchasedMailboxes"] == boxes["purchasedMailboxes"]
    domains = target.call(zp.Z + "domains.list", params={"limit": 1000}).json()["data"]
    assert domains["totalSearchedCount"] == len(domains["domains"])
