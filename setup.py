"""The package list, which pyproject.toml cannot express (everything else is there).

``migrations/`` stays at the top of the checkout and is shipped inside the wheel as
``claims_app.migrations`` (pyproject.toml's ``package-dir`` maps it), so an installed
``claims-app db upgrade`` finds its scripts. A directory search finds only the packages
under ``claims_app/`` (templates and static folders included, as namespace packages, so
their files are package data); the mapped ones are named here.
"""

from setuptools import find_namespace_packages, setup

setup(packages=[*find_namespace_packages(include=["claims_app", "claims_app.*"]),
                "claims_app.migrations", "claims_app.migrations.versions"])
