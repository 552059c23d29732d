"""`make figures CORPUS=...` rebuilds every figure for a user's corpus into its own folder."""

from __future__ import annotations

import hashlib
import subprocess

from analysis.config import PROJ_ROOT

from tests.conftest import shared_corpus


def _digest(folder) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.png"))}


def test_make_figures_for_a_corpus(tmp_path):
    corpus = shared_corpus("bbc", "politics")
    committed = _digest(PROJ_ROOT / "figures")
    out = tmp_path / "figs"
    done = subprocess.run(
        ["make", "--no-print-directory", "figures", f"CORPUS={corpus}", f"FIGURES_OUT={out}"],
        cwd=PROJ_ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "built 417 article(s)" in done.stdout
    written = _digest(out)
    assert set(written) == set(committed), "every notebook figure is rebuilt for the corpus"
    assert all((out / name).stat().st_size > 1000 for name in written)
    assert _digest(PROJ_ROOT / "figures") == committed, "the seed package's figures stay untouched"
    assert (out / "data" / "datapackage.json").exists()
