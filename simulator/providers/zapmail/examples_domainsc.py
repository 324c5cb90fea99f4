"""Answer examples from the observed reference (tests/reference/zapmail-v2-observed.yaml) for the
renewal, quick setup, domain search and global search routes: per operation, the first success
example that fits the declared shape (examples.py explains the rule)."""
from __future__ import annotations

# observed (reconstructed from live key list + client reads)
DOMAINS_RENEWAL_SOON = {200: {'status': 200, 'message': '<not captured>', 'data': {
    'totalSearchedCount': 1, 'currentPage': 1, 'nextPage': 2, 'totalPages': 1, 'totalCount': 1,
    'domains': [{'id': '<uuid>', 'domain': 'example.com', 'status': 'ACTIVE', 'registeredOn': '<iso>',
                 'expireOn': '<iso>', 'serviceProvider': 'GOOGLE', 'assignedMailboxesCount': 2}]}}}

# observed (fixture)
DOMAINS_REMOVE_FORWARDING = {200: {'status': 200, 'message': 'ok', 'data': None}}

# observed (reconstructed; row verbatim from a live-verified docstring)
DOMAINS_AI_FINDER = {200: {'status': 200, 'message': '<not captured>', 'data': {
    'status': 'generating', 'progress': 100, 'totalDomains': 1,
    'domains': [{'domainName': 'streamintake.com', 'status': 'AVAILABLE', 'isPremiumDomain': False,
                 'domainPrice': '12.99', 'renewPrice': '20.99'}]}}}

# observed (reconstructed from live key list + client reads)
PREWARMED_LIST = {200: {'status': 200, 'message': '<not captured>', 'data': {
    'domains': [{'id': '<uuid>', 'domain': 'warm-example.com', 'isSold': False, 'price': '<price>',
                 'preWarmedUpMailboxes': [{'mailbox': {'firstName': 'Jane', 'lastName': 'Doe'}}]}],
    'total': 113, 'totalDomainsUnsold': 113, 'currentPage': 1, 'nextPage': 2, 'totalPages': 23}}}

# observed (reconstructed from live values)
PREWARMED_COUNT = {200: {'status': 200, 'message': '<not captured>', 'data': {'google': 448, 'microsoft': 84}}}

# observed (reconstructed from live notes)
PREWARMED_SUBSCRIPTIONS = {200: {'status': 200, 'message': '<not captured>', 'data': {
    'subscriptions': [{'plan': 'Growth Addon', 'price': 105, 'totalMailboxQuantity': 15,
                       'subscriptionStatus': 'ACTIVE', 'periodEnd': '<iso>'}],
    'total': 1, 'currentPage': 1, 'nextPage': 2, 'totalPages': 1}}}
