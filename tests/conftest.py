from __future__ import annotations

import pytest

from replylint import Linter


@pytest.fixture(scope="session")
def linter() -> Linter:
    """The default linter, built once (loading spaCy is the slow part)."""
    return Linter()


from .browser import artifacts, chromium  # noqa: E402,F401  (browser fixtures for any test)
