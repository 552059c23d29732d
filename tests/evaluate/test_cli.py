"""evaluate() over matched articles, and the evaluate command on brat files and a predicted quotes CSV."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.evaluate.cli import evaluate, main
from analysis.io.gold import load_quotes
from tests.helpers.evaluation import ANN, ARTICLE, g, gold_frame, p, pred_frame


def test_evaluate_without_baseline_restricts_articles():
    gold = gold_frame(g((0, 10)), g((20, 30)))
    pred = pred_frame(p(0, 10), p(20, 25), p(0, 10, article="elsewhere"))
    table = evaluate(pred, gold, overlaps=(0.3, 0.8), baseline=False)
    assert table[["system", "overlap", "n_gold", "n_pred", "n_matched"]].values.tolist() == [
        ["analysis", 0.3, 2, 2, 2],
        ["analysis", 0.8, 2, 2, 1],
    ]
    assert table.attrs["n_pred_outside"] == 1


def test_evaluate_baseline_needs_texts():
    with pytest.raises(ValueError, match="needs texts"):
        evaluate(None, gold_frame(g((0, 10))), baseline=True)


def test_main_with_ann_and_csv(tmp_path, capsys):
    ann_dir = tmp_path / "attributions"
    text_dir = tmp_path / "text"
    ann_dir.mkdir()
    text_dir.mkdir()
    (ann_dir / "obama-says_4e07.ann").write_text(ANN, encoding="utf-8")
    (ann_dir / "obama-says_5fec.ann").write_text("", encoding="utf-8")
    (text_dir / "obama-says.txt").write_bytes(ARTICLE.encode("utf-8"))
    build = tmp_path / "build"
    build.mkdir()
    pred = pd.DataFrame(
        {
            "article_id": ["obama-says", "obama-says"],
            "quote_id": ["q1", "q2"],
            "start_char": [11, 53],
            "end_char": [52, 64],
            "cue": ["says", ""],
            "speaker_start": [0, None],
            "speaker_end": [5, None],
        }
    )
    pred.to_csv(build / "quotes.csv", index=False)
    assert load_quotes(build)["cue"].isna().tolist() == [False, True]
    assert main(["evaluate", "--pred", str(build), "--gold", str(ann_dir), "--no-baseline", "--overlap", "0.3"]) == 0
    out = capsys.readouterr().out
    assert "obama-says_4e07.ann" in out and "obama-says_5fec.ann" not in out
    line = next(line for line in out.splitlines() if line.startswith("analysis"))
    assert line.split()[:5] == ["analysis", "0.3", "3", "2", "2"]


@pytest.mark.parametrize(
    ("n", "every", "expected"),
    [
        (2, False, ["gold files used (2; t; annotators 4e07: 2): a0_4e07.ann, a1_4e07.ann"]),
        (
            84,
            False,
            [
                "gold files used (84; t; annotators 4e07: 84): a0_4e07.ann, a1_4e07.ann, a2_4e07.ann and 81 more (--list-files names them all)"
            ],
        ),
        (3, True, ["gold files used (3; t; annotators 4e07: 3):", "  a0_4e07.ann", "  a1_4e07.ann", "  a2_4e07.ann"]),
    ],
)
def test_gold_files_are_summed_up_in_one_short_line(n, every, expected):
    from pathlib import Path

    from analysis.evaluate.cli import _describe_files

    files = [Path(f"a{i}_4e07.ann") for i in range(n)]
    assert _describe_files(files, note="t", every=every).splitlines() == expected
