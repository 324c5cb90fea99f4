"""The control plane under /_sim/."""
