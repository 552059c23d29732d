"""Reading inputs: formats, bad input with clear messages, and a property test of the loader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.io.reading import read_file, read_inputs
from analysis.io.records import RawArticle, ReadError, Skipped, normalize_newlines


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_folder_of_mixed_inputs_accounts_for_everything(tmp_path):
    _write(tmp_path, "a.txt", "Title\n\nBody.")
    _write(tmp_path, "b.jsonl", '{"id": "j1", "text": "One.", "outlet": "AFP"}\n\n{"id": "j2", "text": "Two."}\n')
    _write(tmp_path, "c.csv", 'id,text,title\nc1,"Quoted, text.",T\n')
    _write(tmp_path, "notes.pdf", b"%PDF")
    items = list(read_inputs([tmp_path]))
    ok = [i.article_id for i in items if isinstance(i, RawArticle)]
    assert ok == ["a", "j1", "j2", "c1"]
    assert [type(i).__name__ for i in items if not isinstance(i, RawArticle)] == ["Skipped"]
    j1 = items[1]
    assert j1.meta == {"outlet": "AFP"} and j1.line == 1


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "file is empty"),
        ("blank.txt", b"  \n\n ", "file is empty"),
        ("latin1.txt", "Café au lait".encode("latin-1"), "not valid UTF-8 (byte 0xe9 at offset 3)"),
        ("nohead.csv", b"x1,Some text\nx2,More\n", "no header row with 'id' and 'text' columns"),
        ("broken.json", b'{"id": 1,', "malformed JSON"),
        ("binary.txt", b"abc\x00def", "NUL bytes"),
    ],
)
def test_bad_files_give_clear_errors(tmp_path, name, data, message):
    path = _write(tmp_path, name, data)
    items = list(read_file(path))
    assert len(items) == 1 and isinstance(items[0], ReadError)
    assert message in items[0].message
    assert str(items[0]).startswith(path.as_posix())


def test_malformed_jsonl_lines_do_not_lose_the_rest(tmp_path):
    lines = [
        '{"id": "a", "text": "Fine."}',
        '{"id": "b", "text": ',
        '["not", "an", "object"]',
        '{"text": "no id"}',
        '{"id": "c"}',
        '{"id": "d", "text": ""}',
        '{"id": "e", "text": 42}',
        '{"id": "a", "text": "Duplicate id."}',
        '{"id": "f", "text": "Also fine."}',
    ]
    path = _write(tmp_path, "x.jsonl", "\n".join(lines))
    items = list(read_inputs([path]))
    assert len(items) == len(lines)
    summary = [(i.line, type(i).__name__, getattr(i, "message", "")) for i in items]
    assert summary == [
        (1, "RawArticle", ""),
        (2, "ReadError", "malformed JSON (Expecting value at column 21)"),
        (3, "ReadError", "expected a JSON object, found list"),
        (4, "ReadError", "missing field 'id'"),
        (5, "ReadError", "missing field 'text'"),
        (6, "ReadError", "article text is empty"),
        (7, "ReadError", "field 'text' must be a string, found int"),
        (8, "ReadError", f"duplicate article id 'a' (first read from {path.as_posix()}:1)"),
        (9, "RawArticle", ""),
    ]


def test_malformed_csv_row_is_reported_with_its_line(tmp_path):
    path = _write(tmp_path, "x.csv", 'id,text\na,"Multi\nline text."\nb,x,extra\nc,Fine.\n')
    items = list(read_inputs([path]))
    assert [(i.line, type(i).__name__) for i in items] == [(2, "RawArticle"), (4, "ReadError"), (5, "RawArticle")]
    assert items[0].text == "Multi\nline text."
    assert items[1].message == "malformed row: expected 2 fields (id, text), found 3"


def test_huge_article_is_rejected_with_a_message(tmp_path):
    path = _write(tmp_path, "huge.txt", "word " * 1_100_000)  # 5.5 MB
    (item,) = list(read_inputs([path]))
    assert isinstance(item, ReadError)
    assert "5,500,000 characters long, above the limit of 1,000,000" in item.message
    (item,) = list(read_inputs([path], max_chars=6_000_000))
    assert isinstance(item, RawArticle)


def test_encoding_option_reads_legacy_files(tmp_path):
    path = _write(tmp_path, "old.txt", "Café au lait".encode("cp1252"))
    (item,) = list(read_inputs([path], encoding="cp1252"))
    assert item.text == "Café au lait"


def test_missing_input_is_an_error():
    (item,) = list(read_inputs(["/no/such/place"]))
    assert isinstance(item, ReadError) and item.message == "no such file or folder"


# ---------------------------------------------------------------- property tests
SUFFIXES = st.sampled_from([".txt", ".jsonl", ".csv", ".json"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=400), st.text(max_size=400).map(lambda t: t.encode("utf-8"))), suffix=SUFFIXES)
def test_loader_never_crashes_and_accounts_for_input(tmp_path_factory, data, suffix):
    folder = tmp_path_factory.mktemp("prop")
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    items = list(read_inputs([path]))
    assert items, "every input yields at least one article or error"
    for item in items:
        assert isinstance(item, (RawArticle, ReadError, Skipped))
        if isinstance(item, ReadError):
            assert item.message and item.source_path == path.as_posix()
        else:
            assert isinstance(item, RawArticle) and item.text.strip()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.one_of(st.text(max_size=80), st.none(), st.integers()), min_size=1, max_size=8))
def test_every_jsonl_line_is_accounted_for(tmp_path_factory, texts):
    folder = tmp_path_factory.mktemp("jsonl")
    lines = [json.dumps({"id": f"r{i}", "text": t}) for i, t in enumerate(texts)]
    path = folder / "rows.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(read_inputs([path]))
    assert [i.line for i in items] == list(range(1, len(texts) + 1))
    for item, text in zip(items, texts):
        ok = isinstance(text, str) and bool(text.strip()) and "\x00" not in text
        assert isinstance(item, RawArticle) == ok
        if ok:
            assert item.text == normalize_newlines(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60), min_size=1, max_size=6))
def test_every_csv_row_round_trips_or_errors(tmp_path_factory, texts):
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(["id", "text"])
    for i, t in enumerate(texts):
        writer.writerow([f"r{i}", t])
    folder = tmp_path_factory.mktemp("csv")
    path = folder / "rows.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    items = list(read_inputs([path]))
    assert [i.article_id for i in items] == [f"r{i}" for i in range(len(texts))]
    for item, text in zip(items, texts):
        ok = bool(text.strip()) and "\x00" not in text
        assert isinstance(item, RawArticle) == ok
        if ok:
            assert item.text == normalize_newlines(text)


def test_line_ends_become_newlines_in_every_format(tmp_path):
    _write(tmp_path, "mac.txt", b'Title\r\rTurkey said\r"No," he said.\r')
    _write(tmp_path, "win.txt", b"Title\r\n\r\nBody.\r\n")
    _write(tmp_path, "r.jsonl", json.dumps({"id": "j", "text": "Title\r\rBody.", "title": "A\r\nB"}) + "\r\n")
    _write(tmp_path, "r.csv", 'id,text\r\nc,"Title\r\n\r\nBody."\r\n')
    texts = {i.article_id: i.text for i in read_inputs([tmp_path])}
    assert texts == {
        "mac": 'Title\n\nTurkey said\n"No," he said.\n',
        "j": "Title\n\nBody.",
        "c": "Title\n\nBody.",
        "win": "Title\n\nBody.\n",
    }
    assert next(read_file(tmp_path / "r.jsonl")).meta == {"title": "A\nB"}


def test_folder_walk_keeps_sorted_path_order(tmp_path):
    """Entries come in the order of sorted paths (a folder's contents before a longer sibling name:
    "a/x.txt" before "a-b/y.txt" before "a.txt"), and nothing below a hidden folder is listed."""
    from analysis.io.reading import iter_files

    for rel in ["a/x.txt", "a.txt", "a-b/y.txt", "B.txt", "a/c/z.txt", ".hidden/q.txt", "d/.h.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("Head\n\nBody.", encoding="utf-8")
    got = [(e if isinstance(e, Path) else Path(e.source_path)).relative_to(tmp_path).as_posix() for e in iter_files([tmp_path])]
    assert got == [".hidden", "B.txt", "a/c/z.txt", "a/x.txt", "a-b/y.txt", "a.txt", "d/.h.txt"]
    listed = [p.relative_to(tmp_path).as_posix() for p in sorted(tmp_path.rglob("*")) if p.is_file()]
    assert [g for g in got if g in listed] == [p for p in listed if p in got]  # the order of sorted paths
