"""What the feature handlers share."""
from __future__ import annotations

from typing import Optional


def platform_filter(call) -> Optional[str]:
    """The newer tree's groups answer for the whole workspace; an explicit x-service-provider
    header (ours, as on every LiteMail route) narrows them to that platform."""
    return call.scope.platform if call.scope.platform_explicit else None
