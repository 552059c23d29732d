"""Figures for the notebooks: one style, fixed zone colours, a few plotting helpers and a
deterministic PNG writer.

Every notebook calls :func:`set_style` once, draws with the helpers below and writes each figure
with :func:`save_figure`, so that rebuilding the figures headless gives byte-identical files::

    >>> import tempfile
    >>> set_style()
    >>> ax = bar_counts(pd.Series({"body": 11, "headline": 1}), title="Sentences per zone")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     print(save_figure(ax.figure, "sentences", folder=tmp).name)
    sentences.png
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.axis import XAxis, YAxis
from matplotlib.colors import Colormap, Normalize
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import offset_copy

from analysis import config
from analysis.io.schema import ZONE_ENUM
from analysis.plots.palette import (
    BACKGROUND_COLOR,
    CYCLE_COLORS,
    DEFAULT_COLOR,
    DIVERGING_CMAP,
    GRID_COLOR,
    LIGHT_TEXT_COLOR,
    MISSING_CELL_COLOR,
    NO_DATA_COLOR,
    NO_PART_COLOR,
    NO_PART_EDGE_COLOR,
    OTHER_COLOR,
    SEPARATOR_COLOR,
    SEQUENTIAL_CMAP,
    SUBPART_COLOR,
    TEXT_COLOR,
    zone_colors,
)
from analysis.views.labels import shorten


def empty_figure(title: str, *, message: str = "no data", size: tuple[float, float] = (6.4, 1.8)) -> Figure:
    """A figure holding only a title and a message: what is written when a table is empty.

    Example:
        >>> fig = empty_figure("Who is quoted")
        >>> [t.get_text() for t in fig.axes[0].texts]
        ['no data']
        >>> plt.close(fig)
    """
    fig, ax = plt.subplots(figsize=size)
    ax.set_axis_off()
    ax.set_title(title)
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center", color=NO_DATA_COLOR)
    return fig


#: Resolution of every written PNG.
DPI = 120


STYLE: dict[str, object] = {
    "font.family": ["DejaVu Sans"],
    "font.size": 10.0,
    "axes.titlesize": 11.0,
    "axes.titlelocation": "left",
    "axes.labelsize": 10.0,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "x",
    "axes.axisbelow": True,
    "axes.prop_cycle": mpl.cycler(color=CYCLE_COLORS),
    "grid.color": GRID_COLOR,
    "grid.linewidth": 0.8,
    "legend.frameon": False,
    "legend.fontsize": 9.0,
    "figure.facecolor": BACKGROUND_COLOR,
    "axes.facecolor": BACKGROUND_COLOR,
    "savefig.facecolor": BACKGROUND_COLOR,
    "savefig.dpi": DPI,
    "image.interpolation": "nearest",
    "svg.fonttype": "path",
    "svg.hashsalt": "analysis",
    "pdf.fonttype": 42,
}


def set_style() -> None:
    """Apply the one plotting style of the project (fonts, colours, grid).

    Resets matplotlib to its built-in defaults first, so that a user's ``matplotlibrc`` does not change
    the written figures; the backend is left alone (works headless with Agg and inline in JupyterLab).

    Example:
        >>> set_style()
        >>> plt.rcParams["font.family"], plt.rcParams["savefig.dpi"]
        (['DejaVu Sans'], 120.0)
    """
    mpl.rcdefaults()
    mpl.rcParams.update(STYLE)


def save_figure(fig: Figure, name: str, *, folder: str | Path | None = None, show: bool = False) -> Path:
    r"""Write ``fig`` to ``<folder>/<name>.png`` deterministically and close it.

    The PNG is rendered at a fixed resolution (:data:`DPI`) with a tight bounding box and without the
    ``Software`` text chunk, so that the same figure always gives the same bytes. The tick labels of
    every axes are fitted first (:func:`fit_tick_labels`), once the layout is final, so that no two
    overlap whatever the panel sizes. The file is replaced
    atomically; the folder is created if needed.

    Args:
        fig: The figure to write.
        name: File name without the ``.png`` suffix (``01_top_entities``).
        folder: Where to write; default ``analysis.config.FIGURES_DIR`` (``$NEWS_FIGURES_DIR`` overrides it).
        show: Also display the figure inline first, when running in IPython/Jupyter.

    Returns:
        The path of the written PNG.

    Example:
        >>> import tempfile
        >>> fig, ax = plt.subplots(figsize=(2, 2))
        >>> _ = ax.plot([0, 1], [0, 1])
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     path = save_figure(fig, "diagonal", folder=tmp)
        ...     print(path.name, path.read_bytes()[:4] == b"\x89PNG", plt.fignum_exists(fig.number))
        diagonal.png True False
    """
    if name.endswith(".png"):
        name = name[: -len(".png")]
    if not name or "/" in name or "\\" in name:
        raise ValueError(f"figure name must be a plain file name without folders, got {name!r}")
    target = Path(folder if folder is not None else config.FIGURES_DIR) / f"{name}.png"
    for ax in fig.axes:  # the layout is final now (after tight_layout, legends, colour bars)
        fit_tick_labels(ax)
    if show:
        _display_inline(fig)
    buffer = io.BytesIO()
    try:
        fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight", pad_inches=0.1, metadata={"Software": None})
    finally:
        plt.close(fig)
    _replace_file(target, buffer.getvalue())
    return target


def save_or_placeholder(
    draw: Callable[[], Figure | Axes],
    name: str,
    *,
    empty: bool,
    placeholder: str,
    note: str | None = None,
    message: str = "no data",
    folder: str | Path | None = None,
    show: bool = False,
) -> Path:
    """Write the figure that ``draw`` makes or, when its table is empty, a placeholder saying "no data".

    A notebook writes the same set of figures whatever the data: when ``empty`` is true ``draw`` is
    not called, ``note`` is printed, and :func:`empty_figure` with the title ``placeholder`` and the
    text ``message`` is written under ``name`` instead. Either way the PNG is written by
    :func:`save_figure`.

    Args:
        draw: Makes the figure and returns it (or its axes); called only when there is data.
        name: File name without the ``.png`` suffix (``03_voices``).
        empty: Whether the table behind the figure is empty.
        placeholder: Title of the placeholder figure.
        note: Printed when the table is empty (``"No statements: no figure."``).
        message: Written in the placeholder figure: why there is nothing to draw.
        folder: Where to write; default ``analysis.config.FIGURES_DIR`` (``$NEWS_FIGURES_DIR`` overrides it).
        show: Also display the drawn figure inline (a placeholder is never shown).

    Returns:
        The path of the written PNG.

    Example:
        >>> import tempfile
        >>> counts = pd.Series([], dtype="int64")
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     path = save_or_placeholder(
        ...         lambda: bar_counts(counts), "counts", empty=counts.empty, placeholder="Counts",
        ...         note="Nothing to count: no figure.", folder=tmp,
        ...     )
        Nothing to count: no figure.
        >>> path.name
        'counts.png'
    """
    if empty:
        if note:
            print(note)
        fig = empty_figure(placeholder, message=message)
    else:
        drawn = draw()
        fig = drawn if isinstance(drawn, Figure) else drawn.figure
    return save_figure(fig, name, folder=folder, show=show and not empty)


def _replace_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename, with the usual (umask) permissions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _display_inline(fig: Figure) -> None:
    """Display ``fig`` as a rich output when an IPython shell is running; otherwise do nothing."""
    ipython = sys.modules.get("IPython")
    if ipython is None or ipython.get_ipython() is None:
        return
    from IPython.display import display

    display(fig)


#: Smallest font size (points) tick labels are shrunk to before some of them are left out.
MIN_TICK_FONTSIZE = 6.0


#: Turns (degrees) tried in order for column labels that run into each other: 90° labels need only
#: a line's height per column.
TICK_ROTATIONS: tuple[int, ...] = (0, 45, 90)


def fit_tick_labels(ax: Axes, *, axis: str = "both") -> None:
    """Make the tick labels of ``ax`` stand apart: no two drawn labels of an axis overlap.

    The figure is laid out (not rendered) and each axis checked. While labels overlap, a number axis
    (a :class:`~matplotlib.ticker.MaxNLocator`) gets fewer ticks; on a label axis, column (x) labels
    are turned further (:data:`TICK_ROTATIONS`), then the labels are made a point smaller at a time
    down to :data:`MIN_TICK_FONTSIZE`, then only every second (third, ...) label is shown. Call it last, once the figure's layout (legend, colour bar) is final; the result
    depends on the figure only, so the same data gives the same figure.

    Args:
        ax: The axes whose tick labels to fit.
        axis: ``x``, ``y`` or ``both``.

    Example:
        >>> fig, ax = plt.subplots(figsize=(3, 2))
        >>> _ = ax.set_xticks(range(8), labels=[f"a long label {i}" for i in range(8)])
        >>> fit_tick_labels(ax, axis="x")
        >>> ax.get_xticklabels()[0].get_rotation()
        90.0
        >>> plt.close(fig)
    """
    for name in ("x", "y") if axis == "both" else (axis,):
        ticks = ax.xaxis if name == "x" else ax.yaxis
        if not _overlapping(ax, ticks):
            continue
        labels = shown_tick_labels(ticks)
        locator = ticks.get_major_locator()
        if isinstance(locator, MaxNLocator):  # a number axis: fewer ticks, never turned
            bins = len(labels)
            while bins > 1 and _overlapping(ax, ticks):
                bins -= 1
                locator.set_params(nbins=bins)
            continue
        if name == "x":
            start = labels[0].get_rotation()
            for turn in (t for t in TICK_ROTATIONS if t > start):
                for label in labels:
                    label.set_rotation(turn)
                    label.set_horizontalalignment("right" if turn == 45 else "center")
                    label.set_rotation_mode("anchor" if turn == 45 else "default")
                if not _overlapping(ax, ticks):
                    break
        size = labels[0].get_fontsize()
        while size > MIN_TICK_FONTSIZE and _overlapping(ax, ticks):
            size = max(MIN_TICK_FONTSIZE, size - 1.0)
            for label in labels:
                label.set_fontsize(size)
        step = 1
        while step < len(labels) and _overlapping(ax, ticks):
            step += 1
            for i, label in enumerate(labels):
                label.set_visible(i % step == 0)


def shown_tick_labels(axis: XAxis | YAxis) -> list[Text]:
    """The major tick labels of ``axis`` that are drawn: with text, visible, at a tick inside the view.

    Example:
        >>> fig, ax = plt.subplots()
        >>> _ = ax.set_xticks([0, 1, 2], labels=["a", "", "c"])
        >>> _ = ax.set_xlim(-0.5, 1.5)
        >>> [label.get_text() for label in shown_tick_labels(ax.xaxis)]
        ['a']
        >>> plt.close(fig)
    """
    low, high = sorted(axis.get_view_interval())
    slack = (high - low) * 1e-9
    ticks = axis.get_major_ticks(len(axis.get_majorticklocs()))
    return [
        tick.label1
        for tick, loc in zip(ticks, axis.get_majorticklocs())
        if low - slack <= loc <= high + slack and tick.label1.get_visible() and tick.label1.get_text()
    ]


#: Room (points) kept between two tick labels: labels that only touch read as one.
TICK_LABEL_GAP = 3.0


def _overlapping(ax: Axes, axis: XAxis | YAxis) -> bool:
    """Whether two drawn tick labels of ``axis`` come closer than :data:`TICK_LABEL_GAP` once the figure is laid out."""
    ax.figure.draw_without_rendering()
    half = TICK_LABEL_GAP * ax.figure.dpi / 72 / 2
    boxes = [label.get_window_extent().padded(half) for label in shown_tick_labels(axis)]
    return any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])


def count_values(values: pd.Series | Iterable[object], *, n: int | None = None, order: Iterable[str] | None = None) -> pd.Series:
    """Count the values of a column in a stable order (missing values are not counted).

    Without ``order`` the counts are ranked (largest first; ties in label order), so the same data
    always gives the same ranking. With ``order`` the labels come in that order, zero counts
    included, followed by any other labels ranked.

    Args:
        values: The values to count (a column such as ``entities["text"]``).
        n: Keep only the first ``n`` labels.
        order: Labels to put first, in this order (``analysis.io.schema.ZONE_ENUM``).

    Returns:
        A Series of ``int64`` counts named ``count``, indexed by label.

    Example:
        >>> count_values(pd.Series(["b", "a", "b", None, "c"]), n=2).to_dict()
        {'b': 2, 'a': 1}
        >>> count_values(pd.Series(["body", "headline", "body"]), order=["headline", "dek", "body"]).to_dict()
        {'headline': 1, 'dek': 0, 'body': 2}
    """
    series = pd.Series(values).dropna()
    counts = series.value_counts(sort=False)
    counts.index = counts.index.astype(object)
    ranked = counts.sort_index(kind="stable").sort_values(ascending=False, kind="stable")
    if order is not None:
        order = list(order)
        first = ranked.reindex(order, fill_value=0)
        ranked = pd.concat([first, ranked[~ranked.index.isin(order)]])
    ranked = ranked.astype("int64").rename("count")
    ranked.index.name = series.name
    return ranked if n is None else ranked.head(n)


def bar_counts(
    counts: pd.Series,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    xlabel: str = "count",
    colors: Mapping[str, str] | None = None,
    label_width: int = 40,
) -> Axes:
    """Horizontal bars of counts, first label at the top, each bar labelled with its value.

    Labels are shortened to ``label_width`` and fitted so that none overlap (:func:`fit_tick_labels`).

    Args:
        counts: Counts indexed by label (e.g. from :func:`count_values`).
        ax: Axes to draw on; default a new figure sized to the number of bars.
        title: Axes title.
        xlabel: Label of the count axis.
        colors: Colour per label (e.g. :func:`zone_colors`); other labels get :data:`DEFAULT_COLOR`.
        label_width: Longer labels are shortened to this many characters.

    Returns:
        The axes drawn on.

    Example:
        >>> ax = bar_counts(pd.Series({"body": 11, "headline": 1}), colors=zone_colors())
        >>> [t.get_text() for t in ax.get_yticklabels()]
        ['body', 'headline']
        >>> plt.close(ax.figure)
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(6.4, max(1.6, 0.32 * len(counts) + 0.9)))
    labels = [shorten(label, label_width) for label in counts.index]
    values = pd.to_numeric(pd.Series(counts), errors="coerce").fillna(0).astype(float).tolist()
    palette = dict(colors or {})
    bar_colors = [palette.get(str(label), DEFAULT_COLOR) for label in counts.index]
    positions = list(range(len(values)))
    bars = ax.barh(positions, values, color=bar_colors, height=0.7)
    ax.bar_label(bars, labels=[f"{v:g}" for v in values], padding=3, fontsize=9)
    _count_axes(ax, labels, xlabel=xlabel, title=title)
    if not values:
        ax.text(0.5, 0.5, "no data", transform=ax.transAxes, ha="center", va="center", color=NO_DATA_COLOR)
    fit_tick_labels(ax)
    return ax


def _count_axes(ax: Axes, labels: list[str], *, xlabel: str, title: str | None) -> None:
    """The axes of horizontal count bars: one row label per bar, first row on top, whole-number
    count ticks with room for the bar-end labels, no tick marks on the label side."""
    ax.set_yticks(list(range(len(labels))), labels=labels)
    if labels:
        ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.margins(x=0.1)
    ax.set_xlabel(xlabel)
    ax.tick_params(axis="y", length=0)
    if title:
        ax.set_title(title)


def stacked_bars(
    table: pd.DataFrame,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    xlabel: str = "count",
    colors: Mapping[str, str] | None = None,
    legend_title: str | None = None,
    label_width: int = 40,
) -> Axes:
    """Horizontal stacked bars of a count table: one bar per row, one segment per column.

    Columns whose counts are all zero are left out of the bars and the legend; row labels are fitted
    so that none overlap (:func:`fit_tick_labels`).

    Args:
        table: Counts with labels as the index and groups as columns (e.g. ``pd.crosstab``).
        ax: Axes to draw on; default a new figure sized to the number of rows.
        title: Axes title.
        xlabel: Label of the count axis.
        colors: Colour per column (e.g. :func:`zone_colors`); other columns use the style's cycle.
        legend_title: Title of the legend (e.g. ``"zone"``).
        label_width: Longer row labels are shortened to this many characters.

    Returns:
        The axes drawn on.

    Example:
        >>> table = pd.DataFrame({"headline": [1, 0], "body": [3, 2]}, index=["GPE", "PERSON"])
        >>> ax = stacked_bars(table, colors=zone_colors(), legend_title="zone")
        >>> [t.get_text() for t in ax.get_legend().get_texts()]
        ['headline', 'body']
        >>> plt.close(ax.figure)
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(7.0, max(1.6, 0.32 * len(table) + 0.9)))
    counts = table.apply(pd.to_numeric, errors="coerce").fillna(0).astype(float)
    counts = counts.loc[:, counts.sum(axis=0) > 0]
    positions = list(range(len(counts)))
    palette = dict(colors or {})
    left = [0.0] * len(counts)
    for i, column in enumerate(counts.columns):
        widths = counts[column].tolist()
        color = palette.get(str(column), f"C{i % 8}")
        ax.barh(
            positions, widths, left=left, height=0.7, color=color, label=str(column), edgecolor=SEPARATOR_COLOR, linewidth=0.5
        )
        left = [a + b for a, b in zip(left, widths)]
    for position, total in zip(positions, left):
        ax.annotate(f"{total:g}", (total, position), xytext=(3, 0), textcoords="offset points", va="center", fontsize=9)
    _count_axes(ax, [shorten(label, label_width) for label in counts.index], xlabel=xlabel, title=title)
    if len(counts.columns):
        ax.legend(title=legend_title, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0)
    fit_tick_labels(ax)
    return ax


def heatmap(
    table: pd.DataFrame,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    xlabel: str | None = None,
    xticklabels: Sequence[str] | None = None,
    label_width: int | None = None,
    cmap: str | None = None,
    colorbar: str | None = "score",
    annotate: bool = False,
    square: bool = False,
) -> Axes:
    """A labelled heatmap of a numeric table: rows top to bottom, columns left to right.

    Values are drawn on a white-to-blue scale from 0 to the largest value; when some value is
    negative (``pmi``, ``npmi``) the scale is blue-white-red, centred on 0. Missing cells (the
    diagonal of a co-occurrence matrix, undefined measures) are light grey; an empty table gives a
    "no data" message. A table of integers gets integer ticks on its colour bar. Row and column
    labels are fitted so that none overlap (:func:`fit_tick_labels`: column labels turn 45° or 90°
    when they would run into each other).

    Args:
        table: Numbers with labels as index and columns (e.g. :func:`analysis.views.framing.frames_along`
            or :func:`analysis.views.network.cooccurrence_matrix`).
        ax: Axes to draw on; default a new figure sized to the table.
        title: Axes title.
        xlabel: Label of the column axis.
        xticklabels: Labels of the columns (default the column names).
        label_width: Longer row and column labels are shortened to this many characters (default: kept whole).
        cmap: Matplotlib colour map (default ``Blues``, or ``RdBu_r`` when a value is negative).
        colorbar: Label of the colour bar; ``None`` for no colour bar.
        annotate: Write each value in its cell: integers as they are (zeros left blank), other numbers
            with two decimals.
        square: Square cells separated by white lines, column labels turned 45° (for a matrix of pairs).

    Returns:
        The axes drawn on.

    Example:
        >>> ax = heatmap(pd.DataFrame([[0.0, 1.5], [2.0, 0.0]], index=["a", "b"]), xlabel="sentence")
        >>> [t.get_text() for t in ax.get_yticklabels()], ax.get_xlabel()
        (['a', 'b'], 'sentence')
        >>> plt.close(ax.figure)
        >>> m = pd.DataFrame([[pd.NA, 2], [2, pd.NA]], index=["NATO", "Turkey"], columns=["NATO", "Turkey"], dtype="Int64")
        >>> ax = heatmap(m, colorbar="shared windows", annotate=True, square=True)
        >>> [t.get_text() for t in ax.texts], [t.get_text() for t in ax.get_yticklabels()]
        (['2', '2'], ['NATO', 'Turkey'])
        >>> plt.close(ax.figure)
    """
    if ax is None:
        _, ax = plt.subplots(figsize=_heatmap_size(table.shape, square=square))
    if title:
        ax.set_title(title)
    if table.empty:
        ax.set_axis_off()
        ax.text(0.5, 0.5, "no data", transform=ax.transAxes, ha="center", va="center", color=NO_DATA_COLOR)
        return ax
    integers = all(str(dtype) in ("Int64", "int64") for dtype in table.dtypes)
    values = table.apply(pd.to_numeric, errors="coerce").astype(float).to_numpy(na_value=np.nan)
    norm, colors = _heatmap_scale(values, cmap)
    image = ax.imshow(
        np.ma.masked_invalid(values), cmap=colors, norm=norm, aspect="equal" if square else "auto", interpolation="nearest"
    )
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    _heatmap_ticks(ax, table, xticklabels=xticklabels, label_width=label_width, square=square)
    if annotate:
        _annotate_cells(ax, values, norm, integers=integers)
    if xlabel:
        ax.set_xlabel(xlabel)
    if colorbar:
        bar = ax.figure.colorbar(image, ax=ax, fraction=0.04 if square else 0.035, pad=0.02)
        bar.set_label(colorbar)
        bar.outline.set_visible(False)
        if integers:
            bar.locator = MaxNLocator(integer=True)
            bar.update_ticks()
    fit_tick_labels(ax)
    return ax


def _heatmap_size(shape: tuple[int, int], *, square: bool) -> tuple[float, float]:
    """Default figure size of a heatmap of ``shape`` (rows, columns)."""
    rows, columns = shape
    if square:
        side = max(3.2, 0.42 * rows + 2.2)
        return (side + 1.4, side)
    return (max(5.0, 0.38 * columns + 3.2), max(1.8, 0.34 * rows + 1.2))


def _heatmap_scale(values: np.ndarray, cmap: str | None) -> tuple[Normalize, Colormap]:
    """Colour scale of the values: 0 to the largest, or centred on 0 when a value is negative; missing cells grey."""
    finite = values[~np.isnan(values)]
    if finite.size and finite.min() < 0:
        limit = max(float(np.abs(finite).max()), 1e-9)
        norm, name = Normalize(vmin=-limit, vmax=limit), cmap or DIVERGING_CMAP
    else:
        norm, name = Normalize(vmin=0.0, vmax=max(float(finite.max()) if finite.size else 1.0, 1e-9)), cmap or SEQUENTIAL_CMAP
    return norm, plt.get_cmap(name).with_extremes(bad=MISSING_CELL_COLOR)


def _heatmap_ticks(
    ax: Axes, table: pd.DataFrame, *, xticklabels: Sequence[str] | None, label_width: int | None, square: bool
) -> None:
    """Row and column labels (shortened to ``label_width``), no tick marks; white lines between square cells."""

    def label(text: object) -> str:
        """A tick label: the text, shortened when ``label_width`` is given."""
        return str(text) if label_width is None else shorten(text, label_width)

    rows, columns = table.shape
    turned = {"rotation": 45, "ha": "right", "rotation_mode": "anchor"} if square else {}
    ax.set_xticks(range(columns), labels=[label(c) for c in (table.columns if xticklabels is None else xticklabels)], **turned)
    ax.set_yticks(range(rows), labels=[label(i) for i in table.index])
    ax.tick_params(length=0)
    if square:
        ax.set_xticks(np.arange(columns + 1) - 0.5, minor=True)
        ax.set_yticks(np.arange(rows + 1) - 0.5, minor=True)
        ax.grid(which="minor", color=SEPARATOR_COLOR, linewidth=1.0)
        ax.tick_params(which="minor", length=0)


def _annotate_cells(ax: Axes, values: np.ndarray, norm: Normalize, *, integers: bool) -> None:
    """Each value written in its cell, in white on dark cells; missing values (and zeros of integers) left blank."""
    fontsize = 8.5 if max(values.shape) <= 15 else 7.0
    centred = norm.vmin < 0
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            x = values[i, j]
            if np.isnan(x) or (integers and x == 0):
                continue
            text = f"{int(round(x))}" if integers else f"{x:.2f}"
            dark = abs(norm(x) - (0.5 if centred else 0.0)) > (0.3 if centred else 0.6)
            ax.text(j, i, text, ha="center", va="center", fontsize=fontsize, color=LIGHT_TEXT_COLOR if dark else TEXT_COLOR)


def zone_strip(
    zones: pd.DataFrame,
    text_len: int,
    *,
    ax: Axes | None = None,
    y: float = 0.0,
    height: float = 0.8,
    title: str | None = None,
    label: str | None = None,
    legend: bool = True,
) -> Axes:
    """Draw one article's zone parts as a horizontal strip along its character offsets.

    Each row of ``zones`` (the ``zones`` table, filtered to one article) becomes a box from
    ``start_char`` to ``end_char`` coloured by its zone; parts that are a piece of a zone (dateline,
    photo credit, byline time) are hatched, parts outside the zones (date header) are grey. The light
    background shows characters in no part (blank lines, separators). Call again with another ``y`` and
    ``legend=False`` to stack several articles on one axes.

    Args:
        zones: Rows of the ``zones`` table for one article (``zone``, ``part``, ``start_char``, ``end_char``).
        text_len: Length of the article text (``len(articles.text)``): the end of the strip.
        ax: Axes to draw on; default a new wide, short figure.
        y: Vertical position of the strip.
        height: Height of the strip.
        title: Axes title.
        label: Tick label next to the strip (e.g. the article id).
        legend: Add a legend of the zones below the axes.

    Returns:
        The axes drawn on.

    Example:
        >>> parts = pd.DataFrame({"zone": ["headline", "body", "body"], "part": ["headline", "dateline", "body"],
        ...                       "start_char": [0, 12, 30], "end_char": [10, 28, 90]})
        >>> ax = zone_strip(parts, 90, label="a1")
        >>> len(ax.patches), tuple(float(x) for x in ax.get_xlim())
        (4, (0.0, 90.0))
        >>> plt.close(ax.figure)
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(10.0, 1.6))
    ax.barh([y], [text_len], left=[0], height=height, color=NO_PART_COLOR, edgecolor=NO_PART_EDGE_COLOR, linewidth=0.6)
    has_subpart, has_other = _draw_zone_parts(ax, zones, y=y, height=height)
    ax.set_xlim(0, text_len)
    ax.grid(False)
    ax.spines["left"].set_visible(False)
    ax.set_yticks([y], labels=[label] if label else [""])
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel("character offset in articles.text")
    if title:
        ax.set_title(title)
    if legend:
        _zone_legend(ax, zones, has_subpart=has_subpart, has_other=has_other)
    return ax


def _draw_zone_parts(ax: Axes, zones: pd.DataFrame, *, y: float, height: float) -> tuple[bool, bool]:
    """One box per part, coloured by zone, sub-parts hatched; returns whether any part is a sub-part, or outside the zones."""
    palette = zone_colors()
    has_other = has_subpart = False
    for row in zones.itertuples(index=False):
        start, end = row.start_char, row.end_char
        if pd.isna(start) or pd.isna(end):
            continue
        zone = None if pd.isna(row.zone) else str(row.zone)
        subpart = zone is not None and not pd.isna(row.part) and str(row.part) != zone
        has_other |= zone is None
        has_subpart |= subpart
        ax.barh(
            [y],
            [int(end) - int(start)],
            left=[int(start)],
            height=height,
            color=palette.get(zone, OTHER_COLOR) if zone else OTHER_COLOR,
            edgecolor=SEPARATOR_COLOR,
            linewidth=0.6,
            hatch="////" if subpart else None,
        )
    return has_subpart, has_other


def _zone_legend(ax: Axes, zones: pd.DataFrame, *, has_subpart: bool, has_other: bool) -> None:
    """The legend below the axes: the zones present, then sub-parts, parts outside the zones and the background."""
    palette = zone_colors()
    present = [z for z in ZONE_ENUM if z in set(zones["zone"].dropna().astype(str))]
    handles = [Patch(facecolor=palette[z], label=z) for z in present]
    if has_subpart:
        handles.append(Patch(facecolor=SUBPART_COLOR, edgecolor=SEPARATOR_COLOR, hatch="////", label="dateline, credit, time"))
    if has_other:
        handles.append(Patch(facecolor=OTHER_COLOR, label="outside zones"))
    handles.append(Patch(facecolor=NO_PART_COLOR, edgecolor=NO_PART_EDGE_COLOR, label="no part"))
    below = offset_copy(ax.transAxes, fig=ax.figure, y=-42, units="points")
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        bbox_transform=below,
        ncol=min(len(handles), 4),
        borderaxespad=0.0,
    )
