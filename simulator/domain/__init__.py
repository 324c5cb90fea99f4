"""Business rules both providers share. Importing the package registers every scheduled
transition's handler."""
from . import connections, domains, exports, mailboxes, subscriptions, wallet  # noqa: F401
