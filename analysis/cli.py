"""Command line: ``python -m analysis build|evaluate ...``.

>>> main(["build", "--help"])  # doctest: +SKIP
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from analysis.config import (
    DEFAULT_BATCH_CHARS,
    DEFAULT_BATCH_SIZE,
    DEFAULT_CHUNK_SIZE,
    DEFAULT_MAX_CHARS,
    DEFAULT_PIPELINE,
    DEFAULT_TIME_BUDGET,
)


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description="News coverage tables.")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the tables and data package from articles")
    b.add_argument("inputs", nargs="+", metavar="INPUT", help="article files (.txt, .jsonl, .csv, .json) or folders")
    b.add_argument("--out", required=True, help="folder to write the tables and datapackage.json into")
    b.add_argument("--format", default="csv", choices=("csv", "parquet"), help="table file format (default: csv)")
    b.add_argument("--pipeline", default=DEFAULT_PIPELINE, help=f"installed spaCy pipeline (default: {DEFAULT_PIPELINE})")
    b.add_argument("--n-process", type=int, default=None, help="worker processes (default: every core; small inputs use one)")
    b.add_argument(
        "--engine", default="local", choices=("local", "dask"), help="local processes or a Dask cluster (default: local)"
    )
    b.add_argument("--scheduler", default=None, help="address of a running Dask scheduler (default: a local cluster)")
    b.add_argument(
        "--chunk-size",
        type=int,
        default=DEFAULT_CHUNK_SIZE,
        help=f"articles per block written at once (default: {DEFAULT_CHUNK_SIZE})",
    )
    b.add_argument("--cache", default=None, help="folder of the article cache (default: OUT/.cache)")
    b.add_argument("--no-cache", action="store_true", help="process every article, ignoring the cache")
    b.add_argument(
        "--batch-size", type=int, default=DEFAULT_BATCH_SIZE, help=f"articles per spaCy batch (default: {DEFAULT_BATCH_SIZE})"
    )
    b.add_argument(
        "--batch-chars",
        type=int,
        default=DEFAULT_BATCH_CHARS,
        help=f"characters per spaCy batch at most; bounds memory (default: {DEFAULT_BATCH_CHARS:,})",
    )
    b.add_argument("--encoding", default=None, help="decode text files with this encoding instead of UTF-8")
    b.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS, help="reject longer articles (default: 1,000,000)")
    b.add_argument(
        "--time-budget",
        type=float,
        default=DEFAULT_TIME_BUDGET,
        metavar="SECONDS",
        help=f"seconds an article may take per 10,000 characters; a slower one is reported as an error "
        f"(default: {DEFAULT_TIME_BUDGET:g}; 0: no limit)",
    )
    b.add_argument(
        "--min-quote-confidence",
        type=float,
        default=None,
        metavar="P",
        help="leave out quotes whose confidence is under P (default: the quote model's threshold, "
        "recorded in the data package under models)",
    )
    b.add_argument(
        "--keep-low-confidence",
        action="store_true",
        help="keep the quotes under the threshold in the quotes table (sources and mentions still leave them out)",
    )
    b.add_argument(
        "--metadata",
        default=None,
        metavar="FILE",
        help="CSV or JSON Lines of article metadata keyed by id (outlet, url, date, title, byline, language, any other "
        "column); joined onto the articles, problems listed in the build report",
    )
    b.add_argument(
        "--copy-containment",
        type=float,
        default=None,
        metavar="SHARE",
        help="share of the smaller article's text (quotations masked) two articles must share to be copies of one text "
        "(default: 0.25; raise it, e.g. to 0.6, where follow-up reports reuse whole background paragraphs)",
    )
    b.add_argument("--name", default="news-coverage", help="name of the data package")
    b.add_argument("--registry", default=None, help="actor registry YAML whose entries extend the built-in registry")
    b.add_argument("--strict", action="store_true", help="exit with status 1 if any input has an error")
    b.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    e = sub.add_parser("evaluate", help="score a quotes table against gold annotations", add_help=False)
    e.add_argument("rest", nargs=argparse.REMAINDER)
    q = sub.add_parser("train-quotes", help="train the quote model from PolNeAR train", add_help=False)
    q.add_argument("rest", nargs=argparse.REMAINDER)
    t = sub.add_parser("train-frames", help="train the sentence frame model from the labelled sentences", add_help=False)
    t.add_argument("rest", nargs=argparse.REMAINDER)
    r = sub.add_parser("evaluate-reuse", help="score the story groups of republished copy against gold clusters", add_help=False)
    r.add_argument("rest", nargs=argparse.REMAINDER)
    f = sub.add_parser("evaluate-frames", help="score the frame model and the lexicon on the held-out labels", add_help=False)
    f.add_argument("rest", nargs=argparse.REMAINDER)
    n = sub.add_parser("notebooks", help="execute the notebooks headless and write their figures", add_help=False)
    n.add_argument("rest", nargs=argparse.REMAINDER)
    a = sub.add_parser("actors", help="work with a package's actors (suggest registry entries)")
    actor_commands = a.add_subparsers(dest="actors_command", required=True)
    sg = actor_commands.add_parser("suggest", help="registry entries for frequent actors the registry does not know")
    sg.add_argument("package", metavar="OUT", help="folder of a built dataset package")
    sg.add_argument("--min-mentions", type=int, default=None, help="fewest mentions an actor needs to be suggested (default: 3)")
    sg.add_argument("--yaml", default=None, metavar="FILE", help="write the entries into FILE (default: standard output)")
    v = sub.add_parser("show", help="write one article's annotated view (zones, entities, quotes, sources) as an HTML page")
    v.add_argument("article_id", metavar="ARTICLE_ID", help="the article to show (articles.article_id)")
    v.add_argument("--html", required=True, metavar="FILE", help="HTML file to write the standalone page into")
    v.add_argument(
        "--data", default=None, metavar="DIR", help="folder of the built dataset package (default: the project's data/)"
    )
    return parser


def _run_actors(args: argparse.Namespace) -> int:
    from analysis.corpus.suggest import DEFAULT_MIN_MENTIONS, suggest_actors, suggestions_yaml
    from analysis.io.package import load_table

    try:
        tables = {name: load_table(name, path=args.package) for name in ("actors", "mentions", "articles")}
    except (KeyError, FileNotFoundError, ValueError) as exc:
        print(f"error: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return 2
    minimum = args.min_mentions if args.min_mentions is not None else DEFAULT_MIN_MENTIONS
    suggestions = suggest_actors(tables["actors"], tables["mentions"], tables["articles"], min_mentions=minimum)
    text = suggestions_yaml(suggestions)
    if args.yaml is None:
        sys.stdout.write(text)
        return 0
    Path(args.yaml).write_text(text, encoding="utf-8")
    print(f"wrote {len(suggestions)} suggested actor(s) to {Path(args.yaml).as_posix()}")
    return 0


def _run_show(args: argparse.Namespace) -> int:
    from analysis.display.article import show

    try:
        view = show(args.article_id, data=args.data)
    except (KeyError, FileNotFoundError) as exc:
        print(f"error: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return 1
    path = view.save(args.html)
    print(f"wrote {path.as_posix()}")
    return 0


def _build_problem(args: argparse.Namespace) -> str | None:
    """The one-line reason a build cannot start (output folder, pipeline, registry), or ``None``.

    Checked before any work so that an ordinary mistake is one line, not a traceback.
    """
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        return f"--out {out.as_posix()} is a file, not a folder"
    for given in args.inputs:
        if Path(given).is_dir() and Path(given).resolve() == out.resolve():
            return f"--out {out.as_posix()} is an input folder; write the package into a folder of its own"
    parent = next((p for p in [out, *out.parents] if p.exists()), None)
    if parent is not None and not os.access(parent, os.W_OK):
        return f"--out {out.as_posix()}: {parent.as_posix()} is not writable"
    from analysis.nlp.pipeline import pipeline_meta

    try:
        pipeline_meta(args.pipeline)
    except RuntimeError as exc:
        return str(exc)
    if args.registry:
        registry = Path(args.registry)
        if not registry.is_file():
            return f"--registry {registry.as_posix()}: no such file"
        from analysis.lexicons.actors import load_registry

        try:
            load_registry(str(registry))
        except Exception as exc:  # noqa: BLE001 - any reason the file cannot be read is the user's to fix
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            return f"--registry {registry.as_posix()}: cannot be read as an actor registry ({first})"
    return None


def _cache_note(rejected: int, unsaved: int) -> str:
    """The summary line's words on cache entries that were unusable or could not be written.

    Example:
        >>> _cache_note(0, 0), _cache_note(1, 0), _cache_note(2, 3)
        ('', ', 1 cache entry unusable (recomputed)', ', 2 cache entries unusable (recomputed), 3 not saved')
    """
    note = f", {rejected} cache {'entry' if rejected == 1 else 'entries'} unusable (recomputed)" if rejected else ""
    if unsaved:
        note += f", {unsaved} not saved" if rejected else f", {unsaved} cache {'entry' if unsaved == 1 else 'entries'} not saved"
    return note


def _print_errors(report: Any) -> None:
    """One line on standard error for each input with an error."""
    import pandas as pd

    for row in report[report["status"] == "error"].itertuples():
        where = row.input if pd.isna(row.line) else f"{row.input}:{row.line}"
        print(f"error: {where}: {row.message}", file=sys.stderr)


def _run_build(args: argparse.Namespace) -> int:
    from analysis.build.options import BuildOptions
    from analysis.build.run import BuildFailed, build
    from analysis.io.staging import PackageBusy

    options = BuildOptions(
        pipeline=args.pipeline,
        registry=args.registry,
        batch_size=args.batch_size,
        batch_chars=args.batch_chars,
        n_process=args.n_process,
        engine=args.engine,
        scheduler=args.scheduler,
        chunk_size=args.chunk_size,
        encoding=args.encoding,
        max_chars=args.max_chars,
        progress=False if args.no_progress else None,
        time_budget=args.time_budget or None,
        min_quote_confidence=args.min_quote_confidence,
        keep_low_confidence=args.keep_low_confidence,
        metadata=args.metadata,
        **({"copy_containment": args.copy_containment} if args.copy_containment is not None else {}),
    )
    cache_dir = False if args.no_cache else (args.cache or True)
    problem = _build_problem(args)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    try:
        result = build(args.inputs, out=args.out, fmt=args.format, name=args.name, cache_dir=cache_dir, options=options)
    except PackageBusy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BuildFailed as exc:
        _print_errors(exc.report)
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if result.cache_problem:
        print(f"warning: cache {result.cache_problem}: building without a cache", file=sys.stderr)
    report = result.report
    _print_errors(report)
    n_skipped = int((report["status"] == "skipped").sum())
    print(
        f"built {result.n_articles} article(s) into {Path(args.out).as_posix()}/ "
        f"({result.n_errors} error(s), {n_skipped} skipped; {result.processed} processed, {result.cached} from cache"
        f"{_cache_note(result.cache_rejected, result.cache_unsaved)}; "
        f"report: {Path(args.out).as_posix()}/build_report.{args.format})"
    )
    return 1 if args.strict and result.n_errors else 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m analysis``.

    Example:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "a.txt").write_text("Head\\n\\nThe minister said it was over.", encoding="utf-8")
        >>> main(["build", str(folder), "--out", str(folder.with_name(folder.name + "-out")), "--no-progress"])  # doctest: +ELLIPSIS
        built 1 article(s) into ...-out/ (0 error(s), 0 skipped; 1 processed, 0 from cache; report: ...-out/build_report.csv)
        0
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["evaluate"]:
        from analysis.evaluate.cli import main as evaluate_main

        return evaluate_main(argv[1:]) or 0
    if argv[:1] == ["train-quotes"]:
        from analysis.models.quote_training import main as train_quotes_main

        return train_quotes_main(argv[1:])
    if argv[:1] == ["train-frames"]:
        from analysis.models.frame_training import main as train_frames_main

        return train_frames_main(argv[1:])
    if argv[:1] == ["evaluate-frames"]:
        from analysis.models.frame_training import evaluate_main as evaluate_frames_main

        return evaluate_frames_main(argv[1:])
    if argv[:1] == ["evaluate-reuse"]:
        from analysis.evaluate.reuse import main as evaluate_reuse_main

        return evaluate_reuse_main(argv[1:])
    if argv[:1] == ["notebooks"]:
        from analysis.notebooks import main as notebooks_main

        return notebooks_main(argv[1:]) or 0
    args = _build_parser().parse_args(argv)
    if args.command == "build":
        return _run_build(args)
    if args.command == "show":
        return _run_show(args)
    if args.command == "actors":
        return _run_actors(args)
    return 2  # pragma: no cover
