"""A local, stateful emulator of the Zapmail v2 and LiteMail APIs."""
__version__ = "0.1.0"
