"""Fixtures shared by the whole test suite. The spaCy model loads once per test run."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline with our components, loaded once for the whole run."""
    from tidings.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """`../shared` beside the repository; tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def gazetteer():
    """The gazetteer index (built and cached on first use; loads in well under a second after)."""
    from tidings.places import Gazetteer

    return Gazetteer.load()
