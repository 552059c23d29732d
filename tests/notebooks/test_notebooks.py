"""The notebook runner (analysis.notebooks): finding notebooks, parameter injection, execution, run_all, the CLI."""

from __future__ import annotations

import warnings
from pathlib import Path

import nbformat
import pytest

from analysis import config
from analysis.notebooks import (
    INJECTED_TAG,
    NotebookError,
    execute_notebook,
    find_notebooks,
    inject_parameters,
    main,
    normalize_notebook,
    run_all,
)

NOTEBOOK_01 = config.NOTEBOOKS_DIR / "01_corpus_overview.ipynb"


def _tiny_notebook(folder: Path, name: str, *sources: str, parameters: str | None = None) -> Path:
    cells = []
    if parameters is not None:
        cells.append(nbformat.v4.new_code_cell(parameters, metadata={"tags": ["parameters"]}))
    cells += [nbformat.v4.new_code_cell(s) for s in sources]
    path = folder / name
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    return path


def test_numbered_notebooks_are_found():
    assert NOTEBOOK_01 in find_notebooks()


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


def test_execute_notebook_kernel_does_not_warn_about_plain_tcp(tmp_path, capfd):
    path = _tiny_notebook(tmp_path, "01_a.ipynb", "print('ran')")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        nb = execute_notebook(path)
    assert nb.cells[-1].outputs[0].text == "ran\n"
    captured = capfd.readouterr()
    for text in (captured.out, captured.err, *(str(w.message) for w in caught)):
        assert "without encryption" not in text


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
