"""The annotated article these pages are tested on (``tests/worlds/annotate.py``)."""

from tests.worlds.annotate import article, claims, elmar, outlet  # noqa: F401 (fixtures)
