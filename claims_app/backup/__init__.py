"""Whole-database backups: ``services`` writes and restores them (one transaction per restore),
``commands`` is the ``claims-app backup`` command group over it."""
