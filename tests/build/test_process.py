"""Per-process set-up: the collector freeze around an in-process build, and the vocabulary budget."""

from __future__ import annotations

import gc

import analysis.build.blocks as blocks_module
import analysis.build.process as process_module
from analysis.build.run import build


def _made_up(n: int, tag: str) -> str:
    return " ".join(f"Zorblax{tag}{i} met Quintrell{tag}{i} in Vexmoor{tag}{i}." for i in range(n))


def test_in_process_build_freezes_start_up_objects_only_while_it_runs(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"a{i}.txt").write_text(f"Head {i}\n\nTurkey said NATO was wrong {i}.", encoding="utf-8")
    counts = []
    original = blocks_module.process_articles

    def watched(*args, **kwargs):
        outcomes = original(*args, **kwargs)
        counts.append(gc.get_freeze_count())
        return outcomes

    monkeypatch.setattr(blocks_module, "process_articles", watched)
    assert gc.get_freeze_count() == 0
    result = build([folder], out=tmp_path / "out", n_process=1, chunk_size=1, cache_dir=False, progress=False)
    assert result.n_articles == 3 and len(counts) == 3
    assert all(n > 10_000 for n in counts)  # the pipeline and the libraries, left out of the passes
    assert gc.get_freeze_count() == 0  # and handed back afterwards
    build([folder], out=tmp_path / "out", n_process=1, chunk_size=1, progress=False)  # fills the cache
    cached = build([folder], out=tmp_path / "out", n_process=1, chunk_size=1, progress=False)
    assert cached.cached == 3 and len(counts) == 6 and gc.get_freeze_count() == 0  # read back: nothing parsed, nothing frozen
    gc.freeze()  # frozen by someone else before: left frozen (frozen objects that die leave the count)
    unfrozen = []
    real_unfreeze = gc.unfreeze
    monkeypatch.setattr(gc, "unfreeze", lambda: unfrozen.append(True))
    try:
        build([folder], out=tmp_path / "out2", n_process=1, cache_dir=False, progress=False)
        assert unfrozen == [] and gc.get_freeze_count() > 10_000
    finally:
        real_unfreeze()


def test_a_block_past_the_budget_leaves_no_strings_in_the_vocabulary(monkeypatch):
    from analysis.build.blocks import process_articles
    from analysis.io.records import RawArticle
    from analysis.nlp.pipeline import load_pipeline

    monkeypatch.setattr(process_module, "PERMANENT_STRINGS", 0)  # every block in a memory zone
    nlp = load_pipeline()
    process_articles([(0, RawArticle("w", "w", "Warm\n\nTurkey said so."))])  # warm-up done, caches made
    before = len(nlp.vocab.strings)
    words = _made_up(50, "")
    outcomes = process_articles([(1, RawArticle("n", "n", f"Head\n\n{words} “Fine,” said Zorblax1."))])
    assert outcomes[0].rows["quotes"][0]["speaker"] == "Zorblax1"
    assert any("Quintrell" in r["text"] for r in outcomes[0].rows["entities"])
    assert len(nlp.vocab.strings) == before  # the block's new words were freed with its memory zone
    again = process_articles([(1, RawArticle("n", "n", f"Head\n\n{words} “Fine,” said Zorblax1."))])
    assert again[0].rows == outcomes[0].rows


def test_vocabulary_keeps_new_strings_up_to_the_budget(monkeypatch):
    from analysis.build.blocks import process_articles
    from analysis.build.process import _BASE_STRINGS
    from analysis.io.records import RawArticle
    from analysis.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    process_articles([(0, RawArticle("w", "w", "Warm\n\nTurkey said so."))])
    grown = len(nlp.vocab.strings) - _BASE_STRINGS[id(nlp)]
    monkeypatch.setattr(process_module, "PERMANENT_STRINGS", grown + 10)
    first = process_articles([(1, RawArticle("a", "a", f"Head\n\n{_made_up(20, 'A')}"))])
    after_first = len(nlp.vocab.strings)
    assert after_first - _BASE_STRINGS[id(nlp)] > grown + 10  # under the budget: kept (and past it now)
    second = process_articles([(2, RawArticle("b", "b", f"Head\n\n{_made_up(20, 'B')}"))])
    assert len(nlp.vocab.strings) == after_first  # past the budget: freed with the block's zone
    for outcome, tag in ((first, "A"), (second, "B")):  # the made-up names are found either way
        assert sum(tag in r["text"] for r in outcome[0].rows["entities"]) >= 10
