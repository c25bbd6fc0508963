"""The indexed cross-referencing world the re-extraction page is tested on
(``tests/worlds/crossref.py``)."""

from tests.worlds.crossref import world  # noqa: F401 (fixture)
