"""The error a reader raises for input it cannot take, always naming the file (and line)."""

from __future__ import annotations

from pathlib import Path


class ReadError(Exception):
    def __init__(self, path: str | Path, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.message = message
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"
