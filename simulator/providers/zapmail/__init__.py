"""Zapmail v2, served under /api (a client changes only its base URL)."""
