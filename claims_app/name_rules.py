"""What a name typed by a person may contain: the one rule for usernames and speaker names.

Two names that look the same on screen must not be two different records. The characters that
make that possible are of two kinds:

* **invisible ones**: zero-width spaces and joiners, soft hyphens, the Hangul fillers,
  variation selectors, tag characters (Unicode's ``Default_Ignorable_Code_Point``), the
  bidirectional controls that reorder what is shown (``Bidi_Control``, e.g. U+202E), control
  characters, line and paragraph separators, private-use, surrogate and unassigned code points.
  ``admin`` and ``admin`` followed by U+200B render identically; a right-to-left override
  shows a name backwards. None of them belongs in a name, so they are refused, not removed (a
  removal would silently make two typed names one).
* **look-alike letters from another script**: ``аdmin1`` with a Cyrillic ``а`` (U+0430) is
  indistinguishable from the Latin ``admin1``. A username must take its letters from one
  script (digits, punctuation and combining marks are shared by all scripts); the scripts that
  are written together, Han with Hiragana and Katakana (Japanese), with Hangul (Korean) or
  with Bopomofo, count as one, as Unicode's "highly restrictive" profile (UTS #39) allows.

Usernames are also compared in one form, NFKC with case folding (Unicode's identifier
caseless match): ``Admin``, ``ADMIN`` and the full-width ``ａｄｍｉｎ`` are the same account.

The Unicode properties come from ``regex`` (Unicode's own property tables) and the scripts
from ``confusable_homoglyphs`` (Unicode's ``Scripts.txt``), so none of the tables is copied
here by hand.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import regex
from confusable_homoglyphs import categories
from wtforms.validators import ValidationError

USERNAME_MAX_LENGTH = 80

# Characters that never belong in a name (see the module docstring); tab and newline are
# controls (Cc) too, and names have no use for them either.
_INVISIBLE = regex.compile(
    r"[\p{Default_Ignorable_Code_Point}\p{Bidi_Control}\p{Cc}\p{Cs}\p{Co}\p{Cn}"
    r"\p{Zl}\p{Zp}\u2800]"
)
_SHARED_SCRIPTS = frozenset({"COMMON", "INHERITED"})
# Scripts written together in one language's ordinary text (UTS #39, "highly restrictive").
_SCRIPT_FAMILIES = (
    frozenset({"HAN", "HIRAGANA", "KATAKANA", "LATIN"}),
    frozenset({"HAN", "HANGUL", "LATIN"}),
    frozenset({"HAN", "BOPOMOFO", "LATIN"}),
)


def invisible_problem(text: str, label: str = "The name") -> str | None:
    """Say which invisible or reordering character ``text`` holds, or None when it has none."""
    found = _INVISIBLE.search(text)
    if found is None:
        return None
    char = found.group()
    name = unicodedata.name(char, "an unnamed or control character")
    return (f"{label} contains an invisible or text-direction character "
            f"(U+{ord(char):04X}, {name}); type it again without it.")


def scripts(text: str) -> set[str]:
    """The scripts of ``text``'s letters (digits and punctuation belong to every script)."""
    return {categories.alias(char) for char in text} - _SHARED_SCRIPTS


def mixed_script_problem(text: str, label: str = "The name") -> str | None:
    """Refuse letters from scripts that are not written together (look-alike spoofing)."""
    found = scripts(text)
    if len(found) <= 1 or any(found <= family for family in _SCRIPT_FAMILIES):
        return None
    listed = ", ".join(sorted(s.title() for s in found))
    return (f"{label} mixes letters from different scripts ({listed}), which can imitate "
            "another name; use letters from one script.")


def normalize_username(raw: str) -> str:
    """The one form a username is stored and compared in: NFKC, case-folded, single spaces.

    NFKC runs again after folding because folding can produce characters NFKC would compose
    (Unicode's NFKC_Casefold is this composition)."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", raw).casefold())
    return " ".join(folded.split())


def username_problem(username: str) -> str | None:
    """Say what is wrong with a (normalised) username for a new account, or None."""
    if not username or len(username) > USERNAME_MAX_LENGTH:
        return f"A username needs 1 to {USERNAME_MAX_LENGTH} characters."
    return (invisible_problem(username, "The username")
            or mixed_script_problem(username, "The username"))


def speaker_name_problem(name: str) -> str | None:
    """Say what is wrong with a speaker name as typed, or None.

    Only invisible and reordering characters are refused: speakers' names legitimately come
    from every script, and the matching of near-identical names belongs to the speakers'
    own name key."""
    return invisible_problem(name, "The speaker name")


def speaker_name_validator(form: Any, field: Any) -> None:
    """The speaker-name rule as a WTForms validator (the speaker and claim forms use it)."""
    problem = speaker_name_problem(field.data or "")
    if problem:
        raise ValidationError(problem)
