"""The speakers' world these pages are tested on (``tests/worlds/speakers.py``), and its
query counter."""

from tests.worlds.speakers import count_queries, world  # noqa: F401 (fixtures)
