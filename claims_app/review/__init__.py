"""The review queue: unreviewed claims, one action each (accept, correct, reject, verdict)."""
