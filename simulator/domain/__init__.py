"""Business rules both providers share. Importing the package registers every scheduled
transition's handler and the default settings every world starts from (the core only holds
them: core/store.py)."""
from ..core import store as _store
from . import connections, domains, exports, mailboxes, subscriptions, wallet  # noqa: F401
from .settings import DEFAULT_SETTINGS as _DEFAULTS

_store.DEFAULT_SETTINGS.update(_DEFAULTS)
