"""Finding one resource of the caller's workspace by id: the same rule and wording everywhere."""
from __future__ import annotations

from ..core.errors import Invalid, NotFound


def in_workspace(scope, collection: dict, entity_id, field: str, what: str):
    """The entity `entity_id` of `collection` if it belongs to the scope's workspace; a blank id is
    a malformed request (400), an unknown or foreign one a 404 naming `what`."""
    if not isinstance(entity_id, str) or not entity_id.strip():
        raise Invalid(f"{field} must be a non-empty string", field=field)
    item = collection.get(entity_id.strip())
    if item is None or item.workspace_id != scope.workspace.id:
        raise NotFound(f"{what} not found", field=field)
    return item
