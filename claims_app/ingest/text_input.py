"""Turning a file's bytes into text, or a clear refusal: shared by every text reader."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from claims_app.ingest.errors import ReadError

# Signatures of common binary formats people drop into an import folder by mistake.
_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"%PDF": "a PDF document",
    b"\x1f\x8b": "a gzip archive",
}
_SURROGATE = re.compile("[\ud800-\udfff]")


def decode(path: Path, data: bytes) -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; refuse anything else.

    Guessing legacy encodings would silently corrupt quotes and names, so a file that is
    not valid UTF-8 is refused with the byte offset that broke it.
    """
    if not data.strip():
        problem = "the file is empty" if not data else "the file holds only white space"
        raise ReadError(path, problem)
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise ReadError(path, f"this is {what}, not a text article")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReadError(path, f"broken UTF-16 text at byte {exc.start}") from exc
        if not text.strip():
            raise ReadError(path, "the file holds only white space")
        check_text(path, text)
        return text
    nul = data.find(b"\x00", 0, 8192)
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise ReadError(path, "this is a binary file (it contains NUL bytes, the first at "
                              f"offset {nul}), not text", line)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise ReadError(
            path, f"not UTF-8 text (byte 0x{bad} at offset {exc.start}); save it as UTF-8"
        ) from exc
    if not text.strip():
        raise ReadError(path, "the file holds only white space")
    check_text(path, text)
    return text


def check_text(path: Path, text: str, line: int | None = None) -> None:
    """Refuse characters no database column can hold, before anything is written.

    PostgreSQL rejects NUL in text (SQLite would store it, so the engines would disagree),
    and a lone surrogate (only a JSON ``\\ud800`` escape can make one) cannot be encoded
    at all; either would otherwise fail mid-import instead of refusing the file by name.
    """
    nul = text.find("\x00")
    if nul >= 0:
        # The line too, so the person can find it: the file's own line, or (for one record
        # of a multi-record file) the record's line with the offset inside the record.
        raise ReadError(path, f"the text contains a NUL character at offset {nul}",
                        line if line is not None else text.count("\n", 0, nul) + 1)
    surrogate = _SURROGATE.search(text)
    if surrogate:
        code, offset = ord(surrogate.group()), surrogate.start()
        raise ReadError(
            path, f"the text contains a lone surrogate (U+{code:04X}) at offset {offset}", line
        )


def normalize_newlines(text: str) -> str:
    """Line ends become "\\n" so offsets mean the same in the browser, the DB and exports."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
