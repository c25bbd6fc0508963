"""The annotated article the web shell's pages are tested on (``tests/worlds/annotate.py``)."""

from tests.worlds.annotate import article, claims, elmar, outlet  # noqa: F401 (fixtures)
