"""Shared fixtures: one pipeline per session, the seed article and the shared folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.config import PROJ_ROOT, SHARED_DIR
from analysis.nlp.pipeline import load_pipeline

SEED_ID = "000_d511d069cc7f123d"
SEED_PATH = PROJ_ROOT / "data" / "raw" / f"{SEED_ID}.txt"
GOLD_PATH = SHARED_DIR / "gold" / f"{SEED_ID}.json"


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def gold() -> dict:
    if not GOLD_PATH.exists():
        pytest.skip(f"gold annotations not found at {GOLD_PATH} (set NEWS_SHARED_DIR)")
    return json.loads(GOLD_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_build() -> dict:
    """Tables of the seed article built afresh from data/raw (read-only: shared by modules)."""
    from analysis.build.run import build_tables

    tables, report, _ = build_tables([SEED_PATH], progress=False)
    assert report["status"].tolist() == ["ok"]
    return tables


@pytest.fixture(scope="session")
def seed_package() -> dict:
    """The committed seed dataset package in data/ (read-only: shared by modules)."""
    from analysis.io.package import load_package

    return load_package()


def shared_corpus(*parts: str) -> Path:
    """A folder below shared/corpora, or skip the test with a message saying where it was looked for."""
    path = SHARED_DIR.joinpath("corpora", *parts)
    if not path.exists():
        pytest.skip(f"corpus not found at {path} (set NEWS_SHARED_DIR to the shared folder)")
    return path


@pytest.fixture(scope="session")
def seed(seed_package) -> dict:
    """The seed package's tables (a module may override it with its own build)."""
    return seed_package


@pytest.fixture(scope="session")
def derived(seed_package, nlp) -> dict:
    """The framing tables of the seed package, made once from its articles and sentences."""
    from analysis.build import framing as framing_build

    return framing_build.framing_tables(seed_package["articles"], seed_package["sentences"], nlp=nlp)
