"""Every file-system entry of an input folder is in the build report, with why it was skipped."""

from __future__ import annotations

import os

import pytest

from analysis.build.run import build_tables

ARTICLE = "Head\n\nThe minister said it was over.\n"


@pytest.fixture()
def folder(tmp_path):
    inputs, other = tmp_path / "in", tmp_path / "other"
    inputs.mkdir()
    other.mkdir()
    (other / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (inputs / "a.txt").write_text(ARTICLE, encoding="utf-8")
    os.symlink(other, inputs / "linked")
    os.symlink(tmp_path / "missing.txt", inputs / "broken.txt")
    os.symlink(inputs / "loop1", inputs / "loop2")
    os.symlink(inputs / "loop2", inputs / "loop1")
    os.symlink(other / "b.txt", inputs / "c.txt")
    os.mkfifo(inputs / "pipe.txt")
    return inputs


def test_odd_entries_are_reported(folder):
    _, report, _ = build_tables([folder], progress=False)
    rows = {os.path.basename(r.input): (r.status, r.message if isinstance(r.message, str) else None) for r in report.itertuples()}
    assert rows == {
        "a.txt": ("ok", None),
        "broken.txt": ("error", "broken symbolic link (its target is missing, or links loop)"),
        "c.txt": ("ok", None),
        "linked": ("skipped", "skipped: a linked folder is not followed (name it as an input to read it)"),
        "loop1": ("error", "broken symbolic link (its target is missing, or links loop)"),
        "loop2": ("error", "broken symbolic link (its target is missing, or links loop)"),
        "pipe.txt": ("skipped", "skipped: not a regular file (a pipe, socket or device)"),
    }


def test_a_pipe_or_broken_link_named_directly(folder):
    _, report, _ = build_tables([folder / "pipe.txt", folder / "broken.txt"], progress=False)
    assert report[["status", "message"]].values.tolist() == [
        ["skipped", "skipped: not a regular file (a pipe, socket or device)"],
        ["error", "broken symbolic link (its target is missing, or links loop)"],
    ]
