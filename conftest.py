"""The project's own test runs check every answer against the shape its route declares
(simulator/pipeline.py): set before the simulator is imported, and inherited by the servers the
tests start in subprocesses."""
import os

os.environ.setdefault("MAILSIM_CHECK_ANSWERS", "1")
