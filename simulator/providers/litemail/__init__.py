"""LiteMail, both docs trees, served under /v1 (a client's base URL is the server root)."""
