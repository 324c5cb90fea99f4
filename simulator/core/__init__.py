"""Provider-neutral machinery: store, clock, ids, scheduling, routing, pagination."""
