"""Background jobs: long work a request starts and a worker finishes (see services.py)."""
