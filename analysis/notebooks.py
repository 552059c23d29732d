"""Run the project's notebooks headless: the figures in ``figures/`` are rebuilt by running them.

A notebook reads its options from one cell tagged ``parameters``; :func:`execute_notebook` overrides
them the papermill way, by inserting a cell tagged ``injected-parameters`` right after it.

By default nothing is written back: the notebooks stay in the repository without outputs, and the
only products of a run are the files the notebooks write (the PNGs under ``figures/``), which are
byte-identical from run to run. ``write=True`` saves each executed notebook in place with its
outputs, normalised so that two runs give the same file (execution counts kept; no timing,
papermill or widget metadata).

From the command line::

    python -m analysis.notebooks [--folder DIR] [--parameters KEY=VALUE ...] [--write]
"""

from __future__ import annotations

import argparse
import ast
import copy
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import nbformat
from nbformat import NotebookNode
from traitlets.config import Config

from analysis.config import NOTEBOOKS_DIR, PROJ_ROOT

#: Notebooks that :func:`run_all` runs: ``01_corpus_overview.ipynb`` and the like.
NOTEBOOK_PATTERN = "[0-9][0-9]_*.ipynb"


PARAMETERS_TAG = "parameters"


INJECTED_TAG = "injected-parameters"


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class NotebookError(RuntimeError):
    """A notebook failed: names the notebook, the cell (``cell_index``, 0-based) and the error."""

    def __init__(
        self, message: str, *, notebook: Path, cell_index: int | None = None, ename: str | None = None, evalue: str | None = None
    ):
        super().__init__(message)
        self.notebook = notebook
        self.cell_index = cell_index
        self.ename = ename
        self.evalue = evalue


def inject_parameters(nb: NotebookNode, parameters: Mapping[str, Any]) -> NotebookNode:
    """A copy of ``nb`` with a cell assigning ``parameters`` right after the ``parameters`` cell.

    The new cell is tagged ``injected-parameters`` and replaces one left by an earlier injection. A
    notebook without a ``parameters`` cell gets the assignments as its first cell. Values must be
    Python literals (``None``, numbers, strings, lists, dicts, ...); paths are written as strings.

    Args:
        nb: The notebook (not modified).
        parameters: Variable name -> value.

    Returns:
        The new notebook.

    Example:
        >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("TOP_N = 15", metadata={"tags": ["parameters"]})])
        >>> out = inject_parameters(nb, {"TOP_N": 5, "FIGURES": Path("/tmp/figs")})
        >>> print(out.cells[1].source)
        # Parameters
        TOP_N = 5
        FIGURES = '/tmp/figs'
        >>> out.cells[1].metadata.tags
        ['injected-parameters']
    """
    lines = ["# Parameters"]
    for name, value in parameters.items():
        if not isinstance(name, str) or not name.isidentifier():
            raise ValueError(f"parameter name {name!r} is not a Python identifier")
        lines.append(f"{name} = {_literal(name, value)}")
    nb = copy.deepcopy(nb)
    cell = nbformat.v4.new_code_cell("\n".join(lines), metadata={"tags": [INJECTED_TAG]})
    if nb.get("nbformat", 4) == 4 and nb.get("nbformat_minor", 0) >= 5:
        cell["id"] = INJECTED_TAG
    else:
        cell.pop("id", None)
    nb.cells = [c for c in nb.cells if INJECTED_TAG not in c.get("metadata", {}).get("tags", [])]
    index = next((i for i, c in enumerate(nb.cells) if PARAMETERS_TAG in c.get("metadata", {}).get("tags", [])), None)
    nb.cells.insert(0 if index is None else index + 1, cell)
    return nb


def _literal(name: str, value: Any) -> str:
    """Source text of ``value`` that evaluates back to it."""
    if isinstance(value, Path):
        value = value.as_posix()
    text = repr(value)
    try:
        ast.literal_eval(text)
    except (ValueError, SyntaxError):
        raise TypeError(f"parameter {name}: {type(value).__name__} values cannot be injected; use a Python literal") from None
    return text


def execute_notebook(
    path: str | Path,
    *,
    parameters: Mapping[str, Any] | None = None,
    timeout: int = 600,
    kernel_name: str = "python3",
) -> NotebookNode:
    """Execute a notebook headless, in its own folder, and return the executed notebook.

    The file is not changed. ``parameters`` override the notebook's ``parameters`` cell (see
    :func:`inject_parameters`). The first failing cell stops the run.

    Args:
        path: The ``.ipynb`` file.
        parameters: Variable name -> value, injected after the ``parameters`` cell.
        timeout: Seconds a single cell may run.
        kernel_name: Jupyter kernel to run it with.

    Returns:
        The executed notebook, with outputs.

    Raises:
        NotebookError: A cell raised or timed out, or the kernel died; the message names the notebook and the cell.

    Example:
        >>> import tempfile
        >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("N = 1", metadata={"tags": ["parameters"]}),
        ...                                      nbformat.v4.new_code_cell("print(N * 2)")])
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     nbformat.write(nb, f"{tmp}/00_demo.ipynb")
        ...     out = execute_notebook(f"{tmp}/00_demo.ipynb", parameters={"N": 21})
        >>> out.cells[-1].outputs[0].text
        '42\\n'
    """
    from nbclient import NotebookClient

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    if parameters:
        nb = inject_parameters(nb, parameters)
    current: dict[str, int] = {}

    def _track(cell: NotebookNode, cell_index: int) -> None:
        current["index"] = cell_index

    client = NotebookClient(
        nb,
        config=kernel_config(),
        timeout=timeout,
        kernel_name=kernel_name,
        record_timing=False,
        resources={"metadata": {"path": str(path.resolve().parent)}},
        on_cell_start=_track,
    )
    try:
        client.execute()
    except Exception as error:  # noqa: BLE001 - every failure is reported with its notebook and cell
        raise _notebook_error(path, nb, current.get("index"), error) from error
    return nb


def kernel_config() -> Config:
    """Settings of the kernel manager a notebook runs with: CurveZMQ transport encryption when possible.

    Kernels talk to the runner over local TCP sockets. Unencrypted, ipykernel logs "Kernel is
    running over TCP without encryption" to the runner's stderr once per notebook; with
    ``transport_encryption="auto"`` jupyter_client hands the kernel CurveZMQ keys when the
    kernelspec declares Curve support (ipykernel's does), so the traffic is encrypted and the
    kernel has nothing to warn about. Without CurveZMQ in pyzmq the default (plain TCP) is kept.

    Example:
        >>> kernel_config().KernelManager.transport_encryption in ("auto", "disabled")
        True
    """
    import zmq

    return Config({"KernelManager": {"transport_encryption": "auto" if zmq.has("curve") else "disabled"}})


def _notebook_error(path: Path, nb: NotebookNode, index: int | None, error: Exception) -> NotebookError:
    """A :class:`NotebookError` naming the notebook and the failing cell."""
    shown = _display_path(path)
    ename = getattr(error, "ename", type(error).__name__)
    evalue = getattr(error, "evalue", str(error))
    if index is None:
        return NotebookError(
            f"{shown}: could not run the notebook ({ename}: {_ANSI.sub('', evalue)})", notebook=path, ename=ename, evalue=evalue
        )
    cell = nb.cells[index]
    first_line = next((line for line in cell.source.splitlines() if line.strip()), "")
    detail = _ANSI.sub("", str(error)).strip()
    message = (
        f"{shown}: cell {index + 1} of {len(nb.cells)} failed with {ename}: {_ANSI.sub('', str(evalue))}\n"
        f"  cell starts: {first_line[:100]}\n{detail}"
    )
    return NotebookError(message, notebook=path, cell_index=index, ename=ename, evalue=evalue)


def _display_path(path: Path) -> str:
    """``path`` relative to the project root when it is inside it."""
    try:
        return path.resolve().relative_to(PROJ_ROOT).as_posix()
    except ValueError:
        return str(path)


def clear_outputs(nb: NotebookNode) -> NotebookNode:
    """A copy of ``nb`` without outputs, execution counts or run metadata: how notebooks are committed.

    Example:
        >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1", execution_count=3)])
        >>> nb.cells[0].outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=3)]
        >>> clean = clear_outputs(nb)
        >>> clean.cells[0].outputs, clean.cells[0].execution_count
        ([], None)
    """
    nb = normalize_notebook(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return nb


def normalize_notebook(nb: NotebookNode) -> NotebookNode:
    """A copy of ``nb`` without what changes from run to run: timings, papermill and widget state.

    Outputs and execution counts are kept.

    Example:
        >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")], metadata={"papermill": {"duration": 1.2}})
        >>> nb.cells[0].metadata["execution"] = {"iopub.status.busy": "2024-01-01T00:00:00Z"}
        >>> out = normalize_notebook(nb)
        >>> "papermill" in out.metadata, "execution" in out.cells[0].metadata
        (False, False)
    """
    nb = copy.deepcopy(nb)
    for key in ("papermill", "widgets"):
        nb.metadata.pop(key, None)
    for cell in nb.cells:
        for key in ("execution", "papermill", "ExecuteTime", "collapsed", "scrolled"):
            cell.metadata.pop(key, None)
    return nb


def find_notebooks(folder: str | Path = NOTEBOOKS_DIR) -> list[Path]:
    """The numbered notebooks of ``folder`` (``NN_*.ipynb``), in name order.

    Example:
        >>> [p.name for p in find_notebooks()][:1]
        ['01_corpus_overview.ipynb']
    """
    return sorted(p for p in Path(folder).glob(NOTEBOOK_PATTERN) if p.is_file())


def run_all(
    *,
    folder: str | Path = NOTEBOOKS_DIR,
    parameters: Mapping[str, Any] | None = None,
    write: bool = False,
    timeout: int = 600,
    kernel_name: str = "python3",
) -> dict[Path, NotebookNode]:
    """Execute every numbered notebook of ``folder`` (``NN_*.ipynb``) in name order.

    Stops at the first failing notebook.

    Args:
        folder: Where the notebooks are; default ``notebooks/``.
        parameters: Injected into every notebook (see :func:`inject_parameters`).
        write: Save each executed notebook in place, outputs included but normalised
            (:func:`normalize_notebook`). Default: leave the notebooks untouched.
        timeout: Seconds a single cell may run.
        kernel_name: Jupyter kernel to run them with.

    Returns:
        Path -> executed notebook, in the order run.

    Raises:
        NotebookError: A notebook failed; the message names it and the cell.

    Example:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")]), f"{tmp}/01_a.ipynb")
        ...     nbformat.write(nbformat.v4.new_notebook(), f"{tmp}/scratch.ipynb")
        ...     print([p.name for p in run_all(folder=tmp)])
        ['01_a.ipynb']
    """
    results: dict[Path, NotebookNode] = {}
    for path in find_notebooks(folder):
        nb = execute_notebook(path, parameters=parameters, timeout=timeout, kernel_name=kernel_name)
        if write:
            nbformat.write(normalize_notebook(nb), path)
        results[path] = nb
    return results


def _parse_assignment(text: str) -> tuple[str, Any]:
    """``KEY=VALUE`` -> (key, value): a Python literal when VALUE is one (``15``, ``None``), else the string."""
    name, sep, raw = text.partition("=")
    name = name.strip()
    if not sep or not name.isidentifier():
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE with KEY a Python name, got {text!r}")
    try:
        value = ast.literal_eval(raw)
    except (ValueError, SyntaxError):
        value = raw
    return name, value


def main(argv: list[str] | None = None) -> int:
    """Command line: run the numbered notebooks (``python -m analysis notebooks``); return the exit status.

    Example:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("assert N == 2")]), f"{tmp}/01_a.ipynb")
        ...     main(["--folder", tmp, "--parameters", "N=2"])
        ran 01_a.ipynb
        0
    """
    parser = argparse.ArgumentParser(
        prog="python -m analysis notebooks", description="Run the numbered notebooks headless (rebuilds figures/)."
    )
    parser.add_argument("--folder", default=str(NOTEBOOKS_DIR), help="folder of NN_*.ipynb notebooks (default: notebooks/)")
    parser.add_argument(
        "-p",
        "--parameters",
        nargs="+",
        action="extend",
        default=[],
        type=_parse_assignment,
        metavar="KEY=VALUE",
        help="override a variable of the parameters cell, e.g. TOP_N=20 DATA=/path/to/package",
    )
    parser.add_argument("--write", action="store_true", help="save each executed notebook in place with its outputs")
    parser.add_argument("--timeout", type=int, default=600, help="seconds a single cell may run (default: 600)")
    parser.add_argument("--kernel", default="python3", help="Jupyter kernel name (default: python3)")
    args = parser.parse_args(argv)
    folder = Path(args.folder)
    if not find_notebooks(folder):
        print(f"error: no notebooks matching {NOTEBOOK_PATTERN} in {folder}", file=sys.stderr)
        return 1
    parameters = dict(args.parameters) or None
    try:
        results = run_all(folder=folder, parameters=parameters, write=args.write, timeout=args.timeout, kernel_name=args.kernel)
    except NotebookError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for path in results:
        print(f"ran {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
