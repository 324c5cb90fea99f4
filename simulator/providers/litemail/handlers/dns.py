"""dns group: records of one domain's zone, by record id in the path (inferred)."""
from __future__ import annotations

from ....core.errors import NotFound
from ....domain import dns
from ....domain.domains import get_domain
from .. import render, requests, wire
from .common import listing, path_id


def _record(call):
    """A record of a domain of the scope's workspace, by its id; any other id -> 404."""
    record_id = path_id(call, "recordId")
    rec = call.scope.owner.dns_records.get(record_id)
    d = call.scope.owner.domains.get(rec.domain_id) if rec else None
    if d is None or d.workspace_id != call.scope.workspace.id:
        raise NotFound("DNS record not found", field="recordId")
    return d, record_id


def list_records(call):
    d = get_domain(call.scope, call.args.domainId.strip(), "domainId")
    owner = call.scope.owner
    return listing(call, "DNS records fetched successfully", "records", dns.records_of(owner, d.id),
                   lambda r: render.dns_record(owner, r))


def create_record(call):
    body = requests.parse(call, requests.DnsRecord)
    d = get_domain(call.scope, body.domainId, "domainId")
    spec = body.model_dump(include={"host", "value", "recordType", "priority"}, exclude_none=True)
    [rec] = dns.add(call.world, call.scope.owner, d, [spec], where_of=lambda i: "")
    return wire.created("DNS record created successfully", render.dns_record(call.scope.owner, rec))


def update_record(call):
    body = requests.parse(call, requests.DnsUpdate)
    d, record_id = _record(call)
    changes = body.model_dump(exclude_unset=True)
    rec = dns.update(call.world, call.scope.owner, d, record_id, changes, where="")
    return wire.ok("DNS record updated successfully", render.dns_record(call.scope.owner, rec))


def delete_record(call):
    d, record_id = _record(call)
    rec = dns.delete(call.scope.owner, d, record_id)
    return wire.ok("DNS record deleted successfully", render.id_only(rec))
