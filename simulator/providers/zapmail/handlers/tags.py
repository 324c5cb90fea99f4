"""domain tags."""
from __future__ import annotations

from ....domain import domains, tags
from .. import render, requests, wire


def list_tags(call):
    return wire.ok("Tags fetched successfully", [render.tag(t) for t in tags.tags_of(call.scope)])


def create_tags(call):
    body = requests.parse(call, requests.CreateTags)
    made = tags.create_many(call.scope, [(spec.name, spec.tagColor) for spec in body.root])
    return wire.ok("Tags created successfully",
                   {"tagIds": [t.id for t in made], "domainTagsCreated": [render.tag(t) for t in made]})


def assign_tags(call):
    body = requests.parse(call, requests.AssignTags)
    tags.attach_to_domains(call.scope, body.tagIds, body.domainIds)
    return wire.ok("Tags assigned successfully", None)


def delete_tag(call):
    body = requests.parse(call, requests.DeleteTag)
    tags.delete(call.scope, body.tagId)
    return wire.ok("Tag deleted successfully", None)


def remove_tags(call):
    body = requests.parse(call, requests.RemoveTags)
    scope = call.scope
    targets = domains.select(scope, body.domainIds, body.contains, body.status, None)
    tags.detach_from_domains(scope, body.tagIds, targets)
    return wire.ok("Tags removed successfully", None)
