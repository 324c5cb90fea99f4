"""DNS records of a domain's zone, and the mail-readiness check that reads them."""
from __future__ import annotations

import ipaddress
from typing import Optional

from ..core.errors import Invalid, NotFound
from ..core.store import World
from .models import Account
from .models import DnsRecord, Domain

RECORD_TYPES = ("A", "AAAA", "CNAME", "MX", "TXT", "NS", "SRV", "CAA")
MAX_RECORDS_PER_CALL = 100
MAX_VALUE = 4096

_MAIL = {
    # platform -> (MX target, MX priority, SPF include, DKIM host)
    "GOOGLE": ("smtp.google.com", 1, "_spf.google.com", "google._domainkey"),
    "MICROSOFT": ("{dashed}.mail.protection.outlook.com", 0, "spf.protection.outlook.com", "selector1._domainkey"),
}


def records_of(account: Account, domain_id: str) -> list[DnsRecord]:
    # Creation order: the store keeps insertion order and the sort is stable, so records
    # created in one call (same timestamp) list in the order they were sent.
    return sorted(account.dns_records.in_domain(domain_id).values(), key=lambda r: r.created_at)


def relative_host(host: str, domain_name: str) -> str:
    """Hosts are stored relative to the zone ("@", "www", "_dmarc"); reads show them absolute,
    so an absolute host (any case, trailing dot) is accepted back on add and update."""
    host = host.strip().rstrip(".")
    low = host.lower()
    if low in ("@", domain_name):
        return "@"
    if low.endswith("." + domain_name):
        return host[: -len(domain_name) - 1]
    return host


def _new(world: World, account: Account, domain_id: str, host: str, record_type: str, value: str,
         priority: Optional[int]) -> DnsRecord:
    now = world.now()
    rec = DnsRecord(id=world.ids.new(account.id_style), domain_id=domain_id, host=host, value=value, record_type=record_type,
                    priority=priority, upstream_id=world.ids.hex(32), created_at=now, updated_at=now)
    account.dns_records[rec.id] = rec
    return rec


def add_mail_records(world: World, account: Account, d: Domain) -> None:
    """The records the provider writes when a domain goes live: MX, SPF, DKIM and DMARC. Each
    is written unless the zone already holds one in that role (a DMARC set or a record added
    while the domain was PENDING is kept, and the others are still written)."""
    present = check(account, d)
    mx, prio, spf, dkim = _MAIL.get(d.platform or "GOOGLE")
    if not present["mx"]:
        _new(world, account, d.id, "@", "MX", mx.format(dashed=d.name.replace(".", "-")), prio)
    if not present["spf"]:
        _new(world, account, d.id, "@", "TXT", _spf(spf), None)
    if not present["dkim"]:
        _new(world, account, d.id, dkim, "TXT", "v=DKIM1; k=rsa; p=" + world.ids.token(64), None)
    if not present["dmarc"]:
        _new(world, account, d.id, "_dmarc", "TXT", "v=DMARC1; p=none;", None)


def _spf(include: str) -> str:
    return f"v=spf1 include:{include} ~all"


def switch_mail_records(world: World, account: Account, d: Domain, old_platform: str) -> None:
    """A domain that takes another platform (its first mailbox's) gets that platform's MX, SPF
    and DKIM in place of the ones written for `old_platform`, so the zone serves the mail
    platform it is on. Records the customer wrote themselves are left alone."""
    old_mx, _, old_spf, old_dkim = _MAIL[old_platform]
    mx, prio, spf, dkim = _MAIL[d.platform]
    dashed = d.name.replace(".", "-")
    now = world.now()
    for rec in records_of(account, d.id):
        if rec.record_type == "MX" and rec.host == "@" and rec.value == old_mx.format(dashed=dashed):
            rec.value, rec.priority = mx.format(dashed=dashed), prio
        elif rec.record_type == "TXT" and rec.host == "@" and rec.value == _spf(old_spf):
            rec.value = _spf(spf)
        elif rec.record_type == "TXT" and rec.host == old_dkim:
            rec.host, rec.value = dkim, "v=DKIM1; k=rsa; p=" + world.ids.token(64)
        else:
            continue
        rec.updated_at = now
    if d.status == "ACTIVE":
        add_mail_records(world, account, d)


def upsert_system(world: World, account: Account, d: Domain, host: str, record_type: str, value: str) -> DnsRecord:
    for rec in records_of(account, d.id):
        if rec.host == host and rec.record_type == record_type:
            rec.value, rec.updated_at = value, world.now()
            return rec
    return _new(world, account, d.id, host, record_type, value, None)


def drop_domain(account: Account, domain_id: str) -> None:
    for rec in records_of(account, domain_id):
        del account.dns_records[rec.id]


def _at(where: str, key: str) -> str:
    """The field name of `key` inside the record written at `where` ("" = top of the body)."""
    return f"{where}.{key}" if where else key


def check_record(item, where: str, partial: bool = False) -> dict:
    """Validate one record spec; with partial=True only the given fields are checked."""
    if not isinstance(item, dict):
        raise Invalid(f"{where or 'body'} must be an object", field=where or "body")
    out = {}
    for key in ("host", "value", "recordType"):
        if key not in item or item[key] is None:
            if partial:
                continue
            raise Invalid(f"{_at(where, key)} is required", field=_at(where, key))
        if not isinstance(item[key], str) or not item[key].strip():
            raise Invalid(f"{_at(where, key)} must be a non-empty string", field=_at(where, key))
        out[key] = item[key].strip()
    if "recordType" in out:
        out["recordType"] = out["recordType"].upper()
        if out["recordType"] not in RECORD_TYPES:
            raise Invalid(f"{_at(where, 'recordType')} must be one of {', '.join(RECORD_TYPES)}", field=_at(where, "recordType"))
    priority = item.get("priority")
    if priority is not None and (isinstance(priority, bool) or not isinstance(priority, int) or not 0 <= priority <= 65535):
        raise Invalid(f"{_at(where, 'priority')} must be an integer from 0 to 65535", field=_at(where, "priority"))
    if "priority" in item:
        out["priority"] = priority
    return out


def _check_value(record_type: str, value: str, where: str) -> None:
    try:
        if record_type == "A":
            ipaddress.IPv4Address(value)
        elif record_type == "AAAA":
            ipaddress.IPv6Address(value)
    except ValueError:
        raise Invalid(f"{_at(where, 'value')} is not a valid {record_type} address: {value}", field=_at(where, "value")) from None
    if len(value) > MAX_VALUE:
        raise Invalid(f"{_at(where, 'value')} is too long", field=_at(where, "value"))


def add(world: World, account: Account, d: Domain, items, where_of=None) -> list[DnsRecord]:
    """`where_of(i)` names record i in error fields (default records[i]; "" = top of the body)."""
    if not isinstance(items, list) or not items:
        raise Invalid("records must be a non-empty array", field="records")
    if len(items) > MAX_RECORDS_PER_CALL:
        raise Invalid(f"At most {MAX_RECORDS_PER_CALL} records per call", field="records")
    where = where_of or (lambda i: f"records[{i}]")
    specs = [check_record(item, where(i)) for i, item in enumerate(items)]
    for i, spec in enumerate(specs):
        _check_value(spec["recordType"], spec["value"], where(i))
    return [_new(world, account, d.id, relative_host(s["host"], d.name), s["recordType"], s["value"],
                 s.get("priority", 10 if s["recordType"] == "MX" else None)) for s in specs]


def find(account: Account, d: Domain, record_id, field: str = "dnsRecordId") -> DnsRecord:
    if not isinstance(record_id, str) or not record_id:
        raise Invalid(f"{field} is required", field=field)
    rec = account.dns_records.get(record_id)
    if rec is None or rec.domain_id != d.id:
        raise NotFound("Dns record not found", field=field)
    return rec


def update(world: World, account: Account, d: Domain, record_id, changes: dict, where: str = "body") -> DnsRecord:
    rec = find(account, d, record_id)
    spec = check_record(changes, where, partial=True)
    rtype = spec.get("recordType", rec.record_type)
    _check_value(rtype, spec.get("value", rec.value), where)
    if "host" in spec:
        rec.host = relative_host(spec["host"], d.name)
    rec.value = spec.get("value", rec.value)
    rec.record_type = rtype
    if "priority" in spec:
        rec.priority = spec["priority"]
    rec.updated_at = world.now()
    return rec


def delete(account: Account, d: Domain, record_id) -> DnsRecord:
    rec = find(account, d, record_id, "id")
    del account.dns_records[rec.id]
    return rec


def check(account: Account, d: Domain) -> dict:
    """Whether the zone holds what mail needs: an MX, an SPF TXT at the apex, a DKIM TXT or
    CNAME under _domainkey, and a DMARC TXT at _dmarc."""
    recs = records_of(account, d.id)
    apex = ("@", "", d.name)

    def has(pred) -> bool:
        return any(pred(r) for r in recs)

    return {
        "mx": has(lambda r: r.record_type == "MX" and r.host in apex),
        "spf": has(lambda r: r.record_type == "TXT" and r.host in apex and r.value.lower().startswith("v=spf1")),
        "dkim": has(lambda r: r.record_type in ("TXT", "CNAME") and "_domainkey" in r.host),
        "dmarc": has(lambda r: r.record_type == "TXT" and r.host in ("_dmarc", f"_dmarc.{d.name}")
                     and r.value.upper().startswith("V=DMARC1")),
    }
