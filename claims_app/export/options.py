"""What an export needs to know besides the filters: where claims live on the web, who
publishes the fact-checks, and the export time (fixed in tests so output is comparable).

Passed in as values so the format modules need no Flask application.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from claims_app.db import utcnow


@dataclass(frozen=True)
class ExportOptions:
    base_url: str = "http://127.0.0.1:5000/"
    organization_name: str = "claims_app fact-check desk"
    organization_url: str = "http://127.0.0.1:5000/"
    exported_at: dt.datetime = field(default_factory=utcnow)
    batch_size: int = 500
    # The json export's "users" list (usernames, names, roles) is an account directory: only
    # those who manage accounts get it filled in; the CLI and backups export everything.
    include_accounts: bool = True

    def claim_url(self, claim_id: int) -> str:
        """The claim's page, ``{base_url}claims/{id}`` (base_url gets its trailing slash)."""
        base = self.base_url if self.base_url.endswith("/") else self.base_url + "/"
        return f"{base}claims/{claim_id}"
