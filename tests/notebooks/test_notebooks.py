"""The notebooks run headless and rebuild their figures byte for byte; the figure and runner helpers."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from analysis import config  # noqa: E402
from analysis.notebooks import (
    INJECTED_TAG,
    NotebookError,
    clear_outputs,
    execute_notebook,
    find_notebooks,
    inject_parameters,
    main,
    normalize_notebook,
    run_all,
)
from analysis.plots import (
    figures,  # noqa: E402
    palette,  # noqa: E402
)

from tests.helpers.notebook_checks import PNG_SIGNATURE, assert_clean_run, digests, images, run_twice

NOTEBOOK_01 = config.NOTEBOOKS_DIR / "01_corpus_overview.ipynb"
FIGURES_01 = ("01_zone_strip", "01_sentences_by_zone", "01_entities_by_label_zone", "01_top_entities")


def _tiny_notebook(folder: Path, name: str, *sources: str, parameters: str | None = None) -> Path:
    cells = []
    if parameters is not None:
        cells.append(nbformat.v4.new_code_cell(parameters, metadata={"tags": ["parameters"]}))
    cells += [nbformat.v4.new_code_cell(s) for s in sources]
    path = folder / name
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    return path


# --- notebook 01, executed headless -----------------------------------------------------------


@pytest.fixture(scope="module")
def run_01(tmp_path_factory):
    """Notebook 01 executed twice, each time writing its figures into a fresh folder."""
    return run_twice(tmp_path_factory, NOTEBOOK_01, "figures")


def test_notebook_01_runs_without_errors(run_01):
    nb, _ = run_01[0]
    assert_clean_run(nb)


@pytest.mark.parametrize("name", FIGURES_01)
def test_notebook_01_writes_valid_png(run_01, name):
    _, folder = run_01[0]
    path = folder / f"{name}.png"
    assert path.is_file()
    data = path.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    with Image.open(path) as image:
        image.verify()
    with Image.open(path) as image:
        width, height = image.size
        assert image.format == "PNG"
        assert width > 200 and height > 100
        assert "Software" not in image.info


def test_notebook_01_writes_only_its_figures(run_01):
    _, folder = run_01[0]
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{n}.png" for n in FIGURES_01)


def test_notebook_01_displays_figures_inline(run_01):
    nb, _ = run_01[0]
    assert len(images(nb)) >= len(FIGURES_01)


def test_notebook_01_figures_are_byte_identical_across_runs(run_01):
    (_, first), (_, second) = run_01
    assert digests(first) == digests(second)
    assert len(digests(first)) == len(FIGURES_01)


def test_notebook_01_parameters_are_injected(run_01):
    nb, folder = run_01[0]
    tags = [c.metadata.get("tags", []) for c in nb.cells]
    at = next(i for i, t in enumerate(tags) if "parameters" in t)
    assert INJECTED_TAG in tags[at + 1]
    assert repr(folder.as_posix()) in nb.cells[at + 1].source


def test_notebook_01_top_n_parameter(tmp_path):
    nb = execute_notebook(NOTEBOOK_01, parameters={"FIGURES": tmp_path, "TOP_N": 3})
    top = next(c for c in nb.cells if c.get("id") == "top")
    html = top.outputs[0].data["text/html"]
    assert html.split("<tbody>")[1].count("<tr>") == 3


def test_notebook_01_figures_dir_from_environment(tmp_path, monkeypatch):
    """Without the FIGURES parameter the figures go to analysis.config.FIGURES_DIR ($NEWS_FIGURES_DIR)."""
    monkeypatch.setenv("NEWS_FIGURES_DIR", str(tmp_path))
    execute_notebook(NOTEBOOK_01)
    assert sorted(p.stem for p in tmp_path.glob("*.png")) == sorted(FIGURES_01)


def test_notebook_01_is_committed_clean():
    nb = nbformat.read(NOTEBOOK_01, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert all(not c.metadata.get("execution") for c in nb.cells)
    parameters = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(parameters) == 1
    assert [line.split("=")[0].strip() for line in parameters[0].source.splitlines()] == ["DATA", "FIGURES", "TOP_N"]
    assert not any(INJECTED_TAG in c.metadata.get("tags", []) for c in nb.cells)
    assert nb == clear_outputs(nb)


def test_numbered_notebooks_are_found():
    assert NOTEBOOK_01 in find_notebooks()


# --- save_figure and the style ----------------------------------------------------------------


def _example_figure():
    figures.set_style()
    return figures.bar_counts(
        pd.Series({"body": 10, "caption": 2, "headline": 1}), title="Sentences", colors=palette.zone_colors()
    ).figure


def test_save_figure_is_byte_identical(tmp_path):
    first = figures.save_figure(_example_figure(), "example", folder=tmp_path / "a")
    second = figures.save_figure(_example_figure(), "example", folder=tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes().startswith(PNG_SIGNATURE)


def test_save_figure_writes_no_version_or_time(tmp_path):
    path = figures.save_figure(_example_figure(), "example", folder=tmp_path)
    data = path.read_bytes()
    assert b"Software" not in data and b"matplotlib" not in data.lower()
    assert b"tIME" not in data


def test_save_figure_closes_and_creates_folder(tmp_path):
    fig = _example_figure()
    target = tmp_path / "new" / "folder"
    path = figures.save_figure(fig, "example.png", folder=target)
    assert path == target / "example.png"
    assert not plt.fignum_exists(fig.number)
    assert [p.name for p in target.iterdir()] == ["example.png"]


def test_save_figure_default_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "FIGURES_DIR", tmp_path)
    assert figures.save_figure(_example_figure(), "example") == tmp_path / "example.png"


@pytest.mark.parametrize("name", ["", "sub/name", "..\\name"])
def test_save_figure_rejects_folder_names(tmp_path, name):
    fig = _example_figure()
    with pytest.raises(ValueError):
        figures.save_figure(fig, name, folder=tmp_path)
    plt.close(fig)


def test_save_or_placeholder_draws_or_writes_no_data(tmp_path, capsys):
    def boom():
        raise AssertionError("draw must not be called for an empty table")

    open_before = set(plt.get_fignums())
    path = figures.save_or_placeholder(boom, "empty", empty=True, placeholder="Nothing", note="No rows.", folder=tmp_path)
    assert capsys.readouterr().out == "No rows.\n"
    expected = figures.save_figure(figures.empty_figure("Nothing"), "expected", folder=tmp_path)
    assert path.read_bytes() == expected.read_bytes()
    for make in (lambda: _example_figure(), lambda: _example_figure().axes[0]):  # a figure or its axes
        drawn = figures.save_or_placeholder(make, "drawn", empty=False, placeholder="unused", note="unused", folder=tmp_path)
        assert drawn.read_bytes() == figures.save_figure(_example_figure(), "expected", folder=tmp_path).read_bytes()
    assert capsys.readouterr().out == ""
    assert set(plt.get_fignums()) == open_before  # every figure written is closed


def test_set_style_ignores_earlier_rc_changes():
    plt.rcParams["font.size"] = 30
    figures.set_style()
    assert plt.rcParams["font.size"] == 10
    assert plt.rcParams["font.family"] == ["DejaVu Sans"]


def test_zone_colors_cover_every_zone():
    from analysis.io.schema import ZONE_ENUM

    colors = palette.zone_colors()
    assert list(colors) == list(ZONE_ENUM)
    assert len(set(colors.values())) == len(colors)


@pytest.mark.parametrize(
    ("values", "kwargs", "expected"),
    [
        (["b", "a", "b", "c"], {}, {"b": 2, "a": 1, "c": 1}),
        (["b", "a", "b", "c"], {"n": 1}, {"b": 2}),
        (["body", "x", "body"], {"order": ["headline", "body"]}, {"headline": 0, "body": 2, "x": 1}),
        ([], {}, {}),
    ],
)
def test_count_values(values, kwargs, expected):
    assert figures.count_values(pd.Series(values, dtype="string"), **kwargs).to_dict() == expected


def test_zone_strip_of_seed_article():
    from analysis import load_package

    tables = load_package()
    article = tables["articles"].iloc[0]
    parts = tables["zones"][tables["zones"]["article_id"] == article["article_id"]]
    ax = figures.zone_strip(parts, len(article["text"]))
    assert len(ax.patches) == 1 + len(parts)  # background + one box per part
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[:5] == ["headline", "dek", "byline", "caption", "body"]
    plt.close(ax.figure)


# --- layers: views without matplotlib, figures without spaCy ----------------------------------


def _imported(module: str) -> set[str]:
    """Top-level packages that importing ``module`` pulls in through module-level imports (``analysis`` itself not run)."""
    import ast

    seen, todo, outside = set(), [module], set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        path = config.PROJ_ROOT / (name.replace(".", "/") + ".py")
        path = path if path.exists() else path.with_suffix("") / "__init__.py"
        if not path.exists():
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            for imported in names:
                parts = imported.split(".")
                if parts[0] == "analysis":
                    todo += [".".join(parts[:i]) for i in range(2, len(parts) + 1)]
                else:
                    outside.add(parts[0])
    return outside


@pytest.mark.parametrize(
    ("package", "banned"), [("views", {"matplotlib", "spacy"}), ("plots", {"spacy"}), ("display", {"matplotlib", "spacy"})]
)
def test_layers_do_not_import_heavy_libraries(package, banned):
    for path in sorted((config.PROJ_ROOT / "analysis" / package).glob("*.py")):
        assert not _imported(f"analysis.{package}.{path.stem}") & banned, path.name


# --- parameter injection and the runner -------------------------------------------------------


def _parameters_notebook() -> nbformat.NotebookNode:
    return nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# Title"),
            nbformat.v4.new_code_cell("A = 1\nB = None", metadata={"tags": ["parameters"]}),
            nbformat.v4.new_code_cell("print(A, B)"),
        ]
    )


def test_inject_parameters_after_parameters_cell():
    nb = _parameters_notebook()
    out = inject_parameters(nb, {"A": 2, "B": Path("/x/y"), "C": [1, "two", None]})
    assert [c.source for c in out.cells][:2] == ["# Title", "A = 1\nB = None"]
    assert out.cells[2].metadata.tags == [INJECTED_TAG]
    assert out.cells[2].source == "# Parameters\nA = 2\nB = '/x/y'\nC = [1, 'two', None]"
    assert out.cells[3].source == "print(A, B)"
    assert len(nb.cells) == 3  # the input is not modified
    nbformat.validate(out)


def test_inject_parameters_replaces_earlier_injection():
    once = inject_parameters(_parameters_notebook(), {"A": 2})
    twice = inject_parameters(once, {"A": 3})
    injected = [c for c in twice.cells if INJECTED_TAG in c.metadata.get("tags", [])]
    assert len(injected) == 1 and injected[0].source.endswith("A = 3")


def test_inject_parameters_without_parameters_cell_goes_first():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(A)")])
    out = inject_parameters(nb, {"A": 1})
    assert out.cells[0].metadata.tags == [INJECTED_TAG]


@pytest.mark.parametrize(("parameters", "error"), [({"not a name": 1}, ValueError), ({"A": object()}, TypeError)])
def test_inject_parameters_rejects(parameters, error):
    with pytest.raises(error):
        inject_parameters(_parameters_notebook(), parameters)


def test_execute_notebook_injects_and_runs_in_notebook_folder(tmp_path):
    path = _tiny_notebook(tmp_path, "01_a.ipynb", "import os\nprint(os.getcwd())\nprint(A + 1)", parameters="A = 1")
    nb = execute_notebook(path, parameters={"A": 41})
    assert nb.cells[-1].outputs[0].text.splitlines() == [str(tmp_path.resolve()), "42"]
    assert not any(c.metadata.get("execution") for c in nb.cells)  # no timings recorded
    assert nbformat.read(path, as_version=4).cells[-1].outputs == []  # the file is untouched


def test_execute_notebook_error_names_notebook_and_cell(tmp_path):
    path = _tiny_notebook(tmp_path, "02_broken.ipynb", "x = 1", "y = {}['missing']", "z = 3")
    with pytest.raises(NotebookError) as info:
        execute_notebook(path)
    error = info.value
    assert error.notebook == path and error.cell_index == 1 and error.ename == "KeyError"
    message = str(error)
    assert "02_broken.ipynb" in message and "cell 2 of 3" in message and "y = {}['missing']" in message
    assert "\x1b[" not in message


def test_run_all_runs_numbered_notebooks_in_order(tmp_path):
    log = tmp_path / "log.txt"
    for name in ("02_b.ipynb", "01_a.ipynb", "scratch.ipynb", "1_short.ipynb"):
        _tiny_notebook(
            tmp_path,
            name,
            f"with open({str(log)!r}, 'a') as f:\n    f.write({name!r} + ' ' + str(N) + '\\n')",
            parameters="N = 0",
        )
    results = run_all(folder=tmp_path, parameters={"N": 7})
    assert [p.name for p in results] == ["01_a.ipynb", "02_b.ipynb"]
    assert log.read_text().splitlines() == ["01_a.ipynb 7", "02_b.ipynb 7"]


def test_run_all_stops_at_failing_notebook(tmp_path):
    _tiny_notebook(tmp_path, "01_fails.ipynb", "raise RuntimeError('boom')")
    _tiny_notebook(tmp_path, "02_never.ipynb", "open('ran', 'w').close()")
    with pytest.raises(NotebookError, match=r"01_fails\.ipynb: cell 1 of 1 failed with RuntimeError: boom"):
        run_all(folder=tmp_path)
    assert not (tmp_path / "ran").exists()


def test_run_all_write_is_deterministic(tmp_path):
    path = _tiny_notebook(tmp_path, "01_a.ipynb", "print('hello')", "1 + 1")
    run_all(folder=tmp_path, write=True)
    first = path.read_bytes()
    run_all(folder=tmp_path, write=True)
    assert path.read_bytes() == first
    nb = nbformat.read(path, as_version=4)
    assert [c.execution_count for c in nb.cells] == [1, 2]
    assert nb.cells[1].outputs[0].data["text/plain"] == "2"
    assert normalize_notebook(nb) == nb


def test_main_parses_parameters(tmp_path, capsys):
    _tiny_notebook(
        tmp_path,
        "01_a.ipynb",
        "assert (TOP_N, DATA, FLAG) == (20, '/some/folder', None)",
        parameters="TOP_N = 15\nDATA = None\nFLAG = 1",
    )
    assert main(["--folder", str(tmp_path), "--parameters", "TOP_N=20", "DATA=/some/folder", "-p", "FLAG=None"]) == 0
    assert capsys.readouterr().out == "ran 01_a.ipynb\n"


def test_main_reports_failures(tmp_path, capsys):
    _tiny_notebook(tmp_path, "01_a.ipynb", "1 / 0")
    assert main(["--folder", str(tmp_path)]) == 1
    assert "01_a.ipynb: cell 1 of 1 failed with ZeroDivisionError" in capsys.readouterr().err
    assert main(["--folder", str(tmp_path / "empty")]) == 1


def test_main_rejects_bad_assignment(tmp_path):
    with pytest.raises(SystemExit):
        main(["--folder", str(tmp_path), "--parameters", "no-equals-sign"])
