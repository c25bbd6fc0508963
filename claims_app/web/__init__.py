"""The web shell: how the app is assembled (``app``), its error pages (``errors``), charts and
pagination shared by every page, and the base templates and static files.

Nothing is imported here: services import ``web.pagination``, and loading this package must
not load every view with it (``web.app`` does that, called by ``claims_app.create_app``).
"""
