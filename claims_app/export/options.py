"""What an export needs to know besides the filters: where claims live on the web, who
publishes the fact-checks, and the export time (fixed in tests so output is comparable).

Passed in as values so the format modules need no Flask application.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

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
    language: str = "en"  # the desk's language: tags, notes and the app's own labels

    @classmethod
    def from_config(cls, config: Mapping[str, Any], **overrides: Any) -> ExportOptions:
        """Options from the app's settings: links start at the configured public BASE_URL,
        never at the address a request happened to use (its Host header is the client's)."""
        values: dict[str, Any] = {
            "base_url": config["BASE_URL"],
            "organization_name": config["ORGANIZATION_NAME"],
            "organization_url": config["ORGANIZATION_URL"],
            "language": config.get("LANGUAGE") or "en",
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def url(self, path: str) -> str:
        """``{base_url}{path}``: an absolute address on this site (base_url gets its slash)."""
        base = self.base_url if self.base_url.endswith("/") else self.base_url + "/"
        return base + path.lstrip("/")

    def claim_url(self, claim_id: int) -> str:
        """The claim's page, ``{base_url}claims/{id}``."""
        return self.url(f"claims/{claim_id}")
