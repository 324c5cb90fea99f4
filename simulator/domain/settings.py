"""Durations of the asynchronous lifecycles (simulated seconds) and the price list.

Real-world timings (Zapmail support, recorded in the observed reference): Google mailboxes are
usually ready within an hour, Microsoft within a few hours; name-server changes land in 5-30
minutes. The simulator keeps the order of events and shortens the waits; every value can be
overridden per world (World(settings=...)) and is listed in the README.
"""
from __future__ import annotations

DEFAULT_SETTINGS = {
    # mailbox IN_PROGRESS -> ACTIVE
    "mailbox_activation_seconds": {"GOOGLE": 600, "MICROSOFT": 1800},
    # purchased domain PENDING -> ACTIVE
    "domain_registration_seconds": 300,
    # each step of a domain connection request
    "connection_step_seconds": 60,
    # export job PENDING -> IN_PROGRESS -> COMPLETED
    "export_start_seconds": 30,
    "export_finish_seconds": 120,
    # re-export limit: at most this many exports of one mailbox to one app within the window
    # (docs root page: "Re-export Mailbox API: 3 requests per mailbox per week"; observed: per
    # mailbox per destination app over a rolling 7 days)
    "export_limit_per_mailbox_app": 3,
    "export_limit_window_seconds": 7 * 24 * 3600,
    # instant mailbox removal is queued, then done
    "instant_removal_seconds": 60,
    # name servers handed out for a legacy connect count as propagated after this long
    "ns_propagation_seconds": 300,
    # at most this many mailboxes per domain (Zapmail: 5 by default, configurable per account)
    "mailboxes_per_domain": 5,
    # a mailbox subscription period
    "subscription_period_seconds": 30 * 24 * 3600,
    # placement test PENDING -> RUNNING -> COMPLETED, and how many seed inboxes per provider
    "placement_start_seconds": 30,
    "placement_finish_seconds": 600,
    "placement_seeds_per_provider": 5,
    # webhook deliveries (real seconds: they are real HTTP requests): per-attempt timeout, and
    # the waits before each retry (len + 1 attempts in all)
    "webhook_timeout_seconds": 5,
    "webhook_retry_delays_seconds": [1, 5, 30, 120],
    # hosts webhooks may be sent to besides loopback, localhost and single-label names ("*": any)
    "webhook_allowed_hosts": [],
}

# Registrable TLDs (Zapmail support: com, net, org, biz, live, info). Price per year, as the
# API writes prices: numeric strings without a currency symbol. "12.99"/"20.99" for .com are
# observed live; the other TLDs' prices are ours.
TLD_PRICES = {
    "com": ("12.99", "20.99"),
    "net": ("14.99", "22.99"),
    "org": ("11.99", "19.99"),
    "biz": ("16.99", "24.99"),
    "live": ("4.99", "29.99"),
    "info": ("5.99", "24.99"),
}

# Names the simulator treats as registered by someone else (so UNAVAILABLE to buy).
# A name starting with "taken-" is unavailable too, so tests can pick one deterministically.
TAKEN_NAMES = {
    "google.com", "microsoft.com", "amazon.com", "apple.com", "facebook.com", "gmail.com",
    "outlook.com", "example.com", "example.net", "example.org",
}

# Name servers handed out for a domain connection; a dialect may pass its own.
NAME_SERVERS = ["pns61.cloudns.net", "pns62.cloudns.com", "pns63.cloudns.net", "pns64.cloudns.uk"]
