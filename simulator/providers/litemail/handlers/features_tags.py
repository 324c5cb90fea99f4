"""Tags group (newer tree; every route inferred)."""
from __future__ import annotations

from ....domain import tags
from .. import render_features as render
from .. import requests_features as rq
from .. import wire
from ..render import id_only
from .common import listing, path_id


def list_tags(call):
    """Embeds each tag's domain and mailbox counts (and ids)."""
    return listing(call, "Tags fetched successfully", "tags", tags.tags_of(call.scope),
                   lambda t: render.tag(call.scope, t))


def create_tag(call):
    body = rq.parse(call, rq.CreateTag)
    t = tags.create(call.scope, body.name, body.color, body.domainIds, body.mailboxIds)
    return wire.created("Tag created successfully", render.tag(call.scope, t))


def update_tag(call):
    body = rq.parse(call, rq.UpdateTag)
    t = tags.update(call.scope, path_id(call, "tagId"), name=body.name, color=body.color,
                    domain_ids=body.domainIds, mailbox_ids=body.mailboxIds,
                    color_given="color" in body.model_fields_set)  # "color": null clears it
    return wire.ok("Tag updated successfully", render.tag(call.scope, t))


def delete_tag(call):
    t = tags.delete(call.scope, path_id(call, "tagId"))
    return wire.ok("Tag deleted successfully", id_only(t))
