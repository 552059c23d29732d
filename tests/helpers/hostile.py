"""A seeded generator of hostile inputs: what a careless export, a hostile user or a strange file system hands a build.

:func:`make_corpus` writes ``n`` inputs into a folder (one file, or one JSON Lines or CSV record,
per input, or a file-system oddity) and returns what it wrote, so a test can check that every input
is accounted for in the build report. The kinds follow the ways builds have failed before: broken
encodings, unbalanced quotation marks in twenty styles, control and bidirectional characters,
malformed JSON, JSON Lines and CSV, odd zones, saved web pages, long runs of one character,
repeated reporting verbs, escapes JSON allows and Python chokes on, file-system entries that are
not plain files. The same seed writes the same bytes.

    >>> import tempfile, pathlib
    >>> made = make_corpus(pathlib.Path(tempfile.mkdtemp()), n=50, seed=1)
    >>> len(made.entries) >= 1 and made.n_inputs == 50
    True
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

QUOTE_STYLES = [
    ("\u201c", "\u201d"),
    ("\u2018", "\u2019"),
    ('"', '"'),
    ("'", "'"),
    ("\u00ab", "\u00bb"),
    ("\u00bb", "\u00ab"),
    ("\u201e", "\u201c"),
    ("\u201a", "\u2018"),
    ("\u2039", "\u203a"),
    ("\u300c", "\u300d"),
    ("\u300e", "\u300f"),
    ("\uff02", "\uff02"),
    ("``", "''"),
    ("\u201f", "\u201d"),
    ("\u2033", "\u2033"),
    ("\u301d", "\u301e"),
    ("\u00ab\u00a0", "\u00a0\u00bb"),
    ("\u201d", "\u201d"),
    ("\u275d", "\u275e"),
    ("\u2e42", "\u201d"),
]
"""Twenty pairs of quotation marks, in the styles of several languages and of keyboards."""


ODD_CHARACTERS = [chr(c) for c in range(0, 32) if chr(c) not in "\n"] + [
    "\u007f",
    "\u0085",
    "\u00ad",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u2028",
    "\u2029",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\ufeff",
    "\ufffd",
    "\ufffe",
    "\U0001f680",
    "\u0301",
]
"""Control, format, bidirectional, line-separator and combining characters, and a non-BMP emoji."""


WORDS = (
    "Erdogan said Turkey will not back down on the S-400 deal despite pressure from NATO and the United States "
    "the minister told reporters on Tuesday according to Anadolu officials warned of sanctions a spokesman added "
    "that talks would go on He said She said they said we will not step back"
).split()


@dataclass
class Made:
    """What :func:`make_corpus` wrote: the file-system entries (paths) and how many inputs in all."""

    entries: list[Path] = field(default_factory=list)
    records: dict[Path, int] = field(default_factory=dict)  # JSON Lines / CSV file -> records written
    n_inputs: int = 0


def _sentence(rng: random.Random, n: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _article(rng: random.Random) -> str:
    head = _sentence(rng, rng.randint(3, 9)).rstrip(".")
    paragraphs = [_sentence(rng, rng.randint(5, 25)) for _ in range(rng.randint(1, 4))]
    return head + "\n\n" + "\n\n".join(paragraphs) + "\n"


def _quotes(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 6)):
        left, right = rng.choice(QUOTE_STYLES)
        text = _sentence(rng, rng.randint(2, 12))
        parts.append(rng.choice([f"{left}{text}{right} he said.", f"{left}{text}", f"{text}{right}", f"{left}{left}{text}"]))
    return "Quotes\n\n" + " ".join(parts)


def _odd_characters(rng: random.Random) -> str:
    text = list(_article(rng))
    for _ in range(rng.randint(1, 20)):
        text.insert(rng.randrange(len(text) + 1), rng.choice(ODD_CHARACTERS))
    return "".join(text)


def _zones(rng: random.Random) -> str:
    return rng.choice(
        [
            "Headline only",
            "\n\n\n\nBody after blank lines only.",
            "By AFP\n\nBy AFP\n\nBy AFP",
            "ANKARA (AFP) -\n\n(AFP) -",
            "Head\n\nPhoto: AFP / Getty Images\n\nPhoto: Reuters",
            "Head\n\n" + "\n".join(["-"] * rng.randint(1, 200)),
            "Head\n\nRelated:\nRead more:\nShare this article\n" * rng.randint(1, 5),
            "\t \u00a0\n\n\u3000Head\n\n" + _sentence(rng),
            "ISTANBUL, July 12 (Reuters) - " + _sentence(rng),
            "Head\n\n" + "ANKARA: " * rng.randint(1, 50),
        ]
    )


def _runs(rng: random.Random) -> str:
    char = rng.choice([" ", '"', "(", ")", "\u201c", "-", ".", ",", "\u00a0", "'", "\n", "*", ":"])
    return "Head\n\n" + char * rng.randint(100, 5_000) + " " + _sentence(rng)


def _reporting(rng: random.Random) -> str:
    verb = rng.choice(["He said ", "said ", "according to ", "told reporters ", "added: ", '"said," '])
    return "Head\n\n" + verb * rng.randint(5, 200)


def _html(rng: random.Random) -> bytes:
    body = rng.choice(
        [
            f"<html><head><title>{_sentence(rng, 4)}</title></head><body><p>{_sentence(rng)}</p></body></html>",
            "<html><body><p>unclosed <b>tags <i>everywhere" * rng.randint(1, 30),
            f"<script>{'x' * 1000}</script><p>{_sentence(rng)}",
            "<" * rng.randint(1, 3000),
            "<html><meta charset='klingon'><p>caf\xe9</p>",
            "",
        ]
    )
    return body.encode("utf-8", "surrogatepass") if rng.random() < 0.8 else body.encode("latin-1", "replace")


def _encoded(rng: random.Random) -> bytes:
    text = _article(rng) + " Caf\u00e9 \u00fcber \u015fehir \u201cquoted\u201d"
    return rng.choice(
        [
            lambda: text.encode("utf-16"),
            lambda: text.encode("utf-16-le"),
            lambda: text.encode("latin-1", "replace"),
            lambda: text.encode("cp1252", "replace"),
            lambda: b"\xef\xbb\xbf" + text.encode("utf-8"),
            lambda: b"\xef\xbb\xbf",
            lambda: text.encode("utf-8")[: rng.randint(1, len(text))] + b"\xe2\x80",
            lambda: bytes(rng.randrange(256) for _ in range(rng.randint(1, 400))),
            lambda: b"\x00" * rng.randint(1, 100),
            lambda: text.encode("utf-32"),
        ]
    )()


def _json_record(rng: random.Random) -> str:
    """One JSON Lines line: valid, or broken in one of the ways exports break."""
    good = {"id": f"r{rng.randrange(10**9)}", "title": _sentence(rng, 4), "text": _article(rng)}
    if rng.random() < 0.5:  # half the records are well formed, with hostile text
        return json.dumps({**good, "text": _as_text(_text_of_kind(rng))}, ensure_ascii=rng.random() < 0.5)
    return rng.choice(
        [
            lambda: json.dumps(good, ensure_ascii=rng.random() < 0.5),
            lambda: json.dumps({**good, "text": _odd_characters(rng)}),
            lambda: json.dumps(good)[: rng.randint(1, 40)],
            lambda: '{"id": "s", "text": "He said \\ud800 it."}',
            lambda: '{"id": "t", "title": "\\udfff", "text": "Head\\n\\nBody."}',
            lambda: '{"id": ' + "9" * rng.randint(4_301, 6_000) + ', "text": "Head\\n\\nBody."}',
            lambda: '{"id": NaN, "text": "Head\\n\\nBody."}',
            lambda: '{"id": Infinity, "text": "Head\\n\\nBody."}',
            lambda: "[" * rng.randint(1_000, 20_000),
            lambda: json.dumps({**good, "date": rng.choice(["-1", "2019-13-45", "0000-00-00", "yesterday", 1e308, None])}),
            lambda: json.dumps({**good, "text": good["text"] + "\u2028inside\u2029the\u0085line"}, ensure_ascii=False),
            lambda: json.dumps({**good, "id": rng.choice(["../../etc/passwd", "a/b", "", " ", "con", "x" * 300])}),
            lambda: json.dumps([good]),
            lambda: json.dumps({"text": None}),
            lambda: json.dumps({"id": "u", "text": 12345}),
            lambda: json.dumps({**good, "outlet": "\ud83d"}, ensure_ascii=True),
        ]
    )()


def _as_text(data: str | bytes) -> str:
    return data if isinstance(data, str) else data.decode("utf-8", "replace")


def _csv_file(rng: random.Random, n: int, *, name: str) -> str:
    rows = ["id,title,text"]
    for j in range(n):
        i = f"{name}_{j}"
        text = _as_text(_text_of_kind(rng)).replace('"', '""')
        if rng.random() < 0.6:
            rows.append(f'c{i},"{_sentence(rng, 3)}","{text}"')
            continue
        rows.append(
            rng.choice(
                [
                    f'c{i},"{_sentence(rng, 3)}","{text}"',
                    f"c{i},unquoted,{_sentence(rng)}",
                    f'c{i},"unterminated,{_sentence(rng)}',
                    f"c{i}",
                    f'c{i},"a","b","c","d"',
                    f'c{i},"","' + "x" * rng.randint(0, 50) + '"',
                ]
            )
        )
    return "\n".join(rows) + rng.choice(["\n", "", "\r\n"])


def _text_of_kind(rng: random.Random) -> str | bytes:
    kind = rng.choice(["article", "quotes", "odd", "zones", "runs", "reporting", "encoded", "empty", "blank"])
    return {
        "article": lambda: _article(rng),
        "quotes": lambda: _quotes(rng),
        "odd": lambda: _odd_characters(rng),
        "zones": lambda: _zones(rng),
        "runs": lambda: _runs(rng),
        "reporting": lambda: _reporting(rng),
        "encoded": lambda: _encoded(rng),
        "empty": lambda: b"",
        "blank": lambda: rng.choice([" \n\t\n", "\ufeff", "\n" * 100]),
    }[kind]()


def _write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    path.write_bytes(data)


def _oddity(folder: Path, rng: random.Random, i: int) -> Path | None:
    """A file-system entry that is not a plain article file (``None`` where the system cannot make it)."""
    kind = rng.choice(["broken_link", "loop", "fifo", "linked_folder", "folder_named_txt", "unsupported", "hidden", "no_suffix"])
    path = folder / f"odd{i:05d}_{kind}.txt"
    try:
        if kind == "broken_link":
            os.symlink(folder / "missing" / f"{i}.txt", path)
        elif kind == "loop":
            os.symlink(path, path)
        elif kind == "fifo":
            os.mkfifo(path)
        elif kind == "linked_folder":
            path = folder / f"odd{i:05d}_linked"
            os.symlink(folder.parent, path)
        elif kind == "folder_named_txt":
            path.mkdir()
        elif kind == "unsupported":
            path = path.with_suffix(".docx")
            _write(path, b"PK\x03\x04")
        elif kind == "hidden":
            path = folder / f".odd{i:05d}_hidden.txt"
            _write(path, _article(rng))
        else:
            path = path.with_suffix("")
            _write(path, _article(rng))
    except (OSError, NotImplementedError):
        return None
    return path


def make_corpus(folder: Path, *, n: int, seed: int) -> Made:
    """Write ``n`` hostile inputs into ``folder`` (made if missing) from ``seed``; return what was made.

    About a fifth of the inputs are records of JSON Lines and CSV files (ten to fifty per file),
    a twentieth file-system oddities, the rest single text and HTML files.
    """
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    made = Made()
    i = 0
    while made.n_inputs < n:
        i += 1
        left = n - made.n_inputs
        roll = rng.random()
        sub = folder / f"d{i % 7}" if rng.random() < 0.3 else folder
        if roll < 0.12 and left >= 10:
            records = rng.randint(10, min(50, left))
            path = sub / f"records{i:05d}.jsonl"
            lines = [_json_record(rng) for _ in range(records)]
            _write(path, rng.choice(["\n", "\r\n"]).join(lines) + rng.choice(["\n", ""]))
            made.records[path] = records
            made.entries.append(path)
            made.n_inputs += records
        elif roll < 0.2 and left >= 10:
            records = rng.randint(10, min(50, left))
            path = sub / f"table{i:05d}.csv"
            _write(path, _csv_file(rng, records, name=f"{i:05d}"))
            made.records[path] = records
            made.entries.append(path)
            made.n_inputs += records
        elif roll < 0.25:
            path = _oddity(sub if sub.exists() else folder, rng, i)
            if path is not None:
                made.entries.append(path)
                made.n_inputs += 1
        elif roll < 0.3:
            path = sub / f"page{i:05d}.html"
            _write(path, _html(rng))
            made.entries.append(path)
            made.n_inputs += 1
        elif roll < 0.33:
            path = sub / f"single{i:05d}.json"
            _write(path, _json_record(rng))
            made.entries.append(path)
            made.n_inputs += 1
        else:
            path = sub / f"text{i:05d}.txt"
            _write(path, _text_of_kind(rng))
            made.entries.append(path)
            made.n_inputs += 1
    return made
