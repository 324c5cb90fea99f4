"""dns group."""
from __future__ import annotations

from ....domain import dns
from ....domain.domains import get_domain
from .. import render, requests, wire


def list_records(call):
    d = get_domain(call.scope, call.args.id, "id")
    owner = call.scope.owner
    return wire.ok("DNS records fetched successfully", render.dns_records(owner, dns.records_of(owner, d.id)))


def add_records(call):
    body = requests.parse(call, requests.AddDns)
    d = get_domain(call.scope, body.assignedDomainId, "assignedDomainId")
    created = dns.add(call.world, call.scope.owner, d, [r.model_dump(exclude_none=True) for r in body.records])
    return wire.ok("Dns records added successfully", [render.dns_record(call.scope.owner, r) for r in created])


def update_record(call):
    body = requests.parse(call, requests.UpdateDns)
    d = get_domain(call.scope, body.assignedDomainId, "assignedDomainId")
    # an absolute host (as reads show it) is made relative by the domain layer
    changes = body.model_dump(include={"host", "value", "recordType", "priority"}, exclude_unset=True)
    rec = dns.update(call.world, call.scope.owner, d, body.dnsRecordId, changes)
    return wire.ok("Dns record updated successfully", render.dns_record(call.scope.owner, rec))


def delete_record(call):
    d = get_domain(call.scope, call.args.assignedDomainId, "assignedDomainId")
    dns.delete(call.scope.owner, d, call.args.id)
    return wire.ok("Dns record deleted successfully", None)
