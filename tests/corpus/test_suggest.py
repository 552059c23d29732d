"""Registry suggestions: which actors, their voted type and aliases, a file the registry loader reads."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from analysis.corpus.suggest import suggest_actors, suggestions_yaml
from analysis.lexicons.actors import load_registry
from tests.conftest import PROJ_ROOT

ACTORS = pd.DataFrame(
    {
        "actor": ["Known", "Ann Berg", "Acme", "Rare"],
        "in_registry": [True, False, False, False],
        "n_mentions": [9, 3, 3, 1],
        "n_articles": [2, 2, 1, 1],
    }
)
MENTIONS = pd.DataFrame(
    [
        ("a", 0, 5, "Known", "Known", "ORG"),
        ("a", 10, 18, "Ann Berg", "Ann Berg", "PERSON"),
        ("a", 30, 34, "Berg", "Ann Berg", "PERSON"),
        ("b", 0, 6, "Berg's", "Ann Berg", "GPE"),
        ("b", 10, 13, "She", "Ann Berg", None),
        ("b", 20, 24, "Acme", "Acme", "ORG"),
        ("b", 30, 38, "Acme Inc", "Acme", "ORG"),
        ("b", 40, 42, "it", "Acme", None),
        ("b", 50, 54, "Rare", "Rare", "PERSON"),
    ],
    columns=["article_id", "start_char", "end_char", "text", "actor", "label"],
)
ARTICLES = pd.DataFrame({"article_id": ["a", "b"], "text": ["x" * 60, "y" * 60]})


@pytest.mark.parametrize(
    ("min_mentions", "expected"),
    [
        (3, [("Acme", "organization", ["Acme Inc"]), ("Ann Berg", "person", ["Berg"])]),  # ties by name; registered left out
        (1, [("Acme", "organization", ["Acme Inc"]), ("Ann Berg", "person", ["Berg"]), ("Rare", "person", [])]),
        (4, []),
    ],
)
def test_unregistered_frequent_actors_with_voted_type_and_named_aliases(min_mentions, expected):
    got = suggest_actors(ACTORS, MENTIONS, ARTICLES, min_mentions=min_mentions)
    assert [(s["name"], s["type"], s["aliases"]) for s in got] == expected


def test_examples_come_from_different_articles():
    (berg,) = [s for s in suggest_actors(ACTORS, MENTIONS, ARTICLES) if s["name"] == "Ann Berg"]
    assert [e.split(":")[0] for e in berg["examples"]] == ["a", "b"]
    assert "[xxxxxxxx]" in berg["examples"][0]


def test_the_file_is_a_registry(tmp_path):
    path = tmp_path / "suggested.yml"
    path.write_text(suggestions_yaml(suggest_actors(ACTORS, MENTIONS, ARTICLES)), encoding="utf-8")
    registry = load_registry(str(path))
    assert registry.resolve("Berg") == "Ann Berg" and registry.resolve("Acme Inc") == "Acme"
    assert registry.info("Ann Berg")["type"] == "person"


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], cwd=PROJ_ROOT, capture_output=True, text=True, timeout=300)


def test_cli_suggests_from_the_seed_package(tmp_path):
    done = _cli("actors", "suggest", "data", "--min-mentions", "1", "--yaml", str(tmp_path / "s.yml"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("wrote ") and done.stdout.rstrip().endswith("s.yml")
    load_registry(str(tmp_path / "s.yml"))  # a file the registry loader reads


def test_cli_without_a_package_is_one_line(tmp_path):
    done = _cli("actors", "suggest", str(tmp_path / "none"))
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "no dataset package here" in done.stderr
