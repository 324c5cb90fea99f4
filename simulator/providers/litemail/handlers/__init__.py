"""LiteMail handlers, one module per docs group: parse -> domain -> render."""
