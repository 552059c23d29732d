"""Ordinary command-line mistakes are one line on stderr and exit status 2, never a traceback."""

from __future__ import annotations

import pytest

from analysis.cli import main
from analysis.config import RAW_DIR


@pytest.fixture()
def places(tmp_path):
    (tmp_path / "a_file").write_text("x", encoding="utf-8")
    (tmp_path / "bad.yml").write_text("a: [", encoding="utf-8")
    return tmp_path


CASES = [
    (["--out", "{tmp}/a_file"], "error: --out {tmp}/a_file is a file, not a folder"),
    (["--out", "{tmp}/o", "--pipeline", "no_such_pipeline"], "error: spaCy pipeline 'no_such_pipeline' is not installed"),
    (["--out", "{tmp}/o", "--registry", "{tmp}/none.yml"], "error: --registry {tmp}/none.yml: no such file"),
    (["--out", "{tmp}/o", "--registry", "{tmp}/bad.yml"], "error: --registry {tmp}/bad.yml: cannot be read as an actor registry"),
]


@pytest.mark.parametrize(
    ("args", "message"), CASES, ids=["out is a file", "unknown pipeline", "missing registry", "malformed registry"]
)
def test_build_mistakes_are_one_line(places, capsys, args, message):
    tmp = places.as_posix()
    status = main(["build", str(RAW_DIR), "--no-progress", *[a.format(tmp=tmp) for a in args]])
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith(message.format(tmp=tmp)) and err.count("\n") == 1, err
    assert not (places / "o").exists(), "nothing is written when the build cannot start"


def test_an_encoding_keeps_no_byte_order_mark(tmp_path):
    from analysis.io.reading import read_file

    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffHead\n\nBody.".encode("utf-8"))
    assert next(iter(read_file(path, encoding="utf-8"))).text == "Head\n\nBody."
