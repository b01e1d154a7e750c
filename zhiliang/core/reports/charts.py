"""Charts for the PDF report, drawn on the server as SVG with matplotlib.

The web pages draw with ECharts in the browser; a PDF has no browser, so the same pictures are drawn here.
Text stays text in the SVG (`svg.fonttype = none`) and WeasyPrint sets it in Noto Sans CJK SC, so the
charts use the report's font and their labels remain searchable in the PDF.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

FONT = "Noto Sans CJK SC"
INK = "#1f2933"
MUTED = "#6b7785"
ACCENT = "#2f6db5"
ACCENT_LIGHT = "#a9c4e6"
WARN = "#c2410c"
GOOD = "#15803d"
# Above this many groups a box plot has no room for labels: boxes are drawn in rank order, unlabelled.
MAX_LABELLED_BOXES = 40

_STYLE: Any = {  # matplotlib rcParams (Any: its stubs want a Literal for every key)
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.sans-serif": [FONT, "DejaVu Sans"],
    "font.size": 8,
    "axes.edgecolor": MUTED,
    "axes.labelcolor": INK,
    "axes.titlesize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "axes.unicode_minus": False,
    "svg.hashsalt": "zhiliang",  # stable ids: the same data gives the same SVG
}


@dataclass(frozen=True)
class Line:
    """A reference line drawn across a chart (及格线, 优秀线 …)."""

    value: float
    label: str
    color: str = MUTED


def _figure(width_cm: float, height_cm: float) -> Any:
    import matplotlib

    matplotlib.use("svg", force=False)
    from matplotlib.figure import Figure

    return Figure(figsize=(width_cm / 2.54, height_cm / 2.54), layout="constrained")


def _svg(figure: Any) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]  # drop the XML prolog and DOCTYPE: the SVG is inlined in HTML


def band_histogram(
    labels: Sequence[str],
    counts: Sequence[int],
    *,
    title: str,
    highlight_from: int | None = None,
    width_cm: float = 17.0,
    height_cm: float = 6.5,
) -> str:
    """Bars of student counts per score band (分数段), lowest band first.

    Bands from `highlight_from` on (those at or above the pass line) are drawn in the accent colour.
    """
    import matplotlib

    with matplotlib.rc_context(_STYLE):
        figure = _figure(width_cm, height_cm)
        axes = figure.subplots()
        positions = list(range(len(labels)))
        colors = [
            ACCENT if highlight_from is not None and index >= highlight_from else ACCENT_LIGHT for index in positions
        ]
        bars = axes.bar(positions, counts, color=colors, width=0.8)
        total = sum(counts) or 1
        for bar, count in zip(bars, counts, strict=True):
            if count:
                share = 100 * count / total
                axes.annotate(
                    f"{count}\n{share:.1f}%",
                    (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                    ha="center",
                    va="bottom",
                    fontsize=6.5,
                    color=INK,
                    xytext=(0, 1),
                    textcoords="offset points",
                )
        axes.set_xticks(positions, labels, rotation=30 if len(labels) > 8 else 0, ha="right")
        axes.set_ylabel("人数")
        axes.set_title(title, loc="left", color=INK)
        axes.margins(y=0.25)
        return _svg(figure)


def box_plot(
    groups: Sequence[tuple[str, Sequence[float]]],
    *,
    title: str,
    full_marks: float,
    lines: Sequence[Line] = (),
    reference_mean: float | None = None,
    width_cm: float = 17.0,
) -> str:
    """Horizontal box plots, one per group (class or school), sorted by median, best at the top.

    Boxes span the quartiles, whiskers 1.5 IQR (Tukey), the white dot is the mean. With more than
    MAX_LABELLED_BOXES groups there is no room for boxes and labels: `spread_by_rank` draws them instead.
    """
    import matplotlib
    import numpy as np

    groups = [(label, values) for label, values in groups if len(values)]
    if len(groups) > MAX_LABELLED_BOXES:
        return spread_by_rank(groups, title=title, full_marks=full_marks, lines=lines, reference_mean=reference_mean)
    ordered = sorted(groups, key=lambda group: float(np.median(group[1])))
    with matplotlib.rc_context(_STYLE):
        figure = _figure(width_cm, 2.4 + 0.55 * max(len(ordered), 4))
        axes = figure.subplots()
        if ordered:
            axes.boxplot(
                [np.asarray(values, dtype=float) for _, values in ordered],
                orientation="horizontal",
                widths=0.6,
                showmeans=True,
                patch_artist=True,
                boxprops={"facecolor": ACCENT_LIGHT, "edgecolor": ACCENT, "linewidth": 0.6},
                medianprops={"color": INK, "linewidth": 1.0},
                whiskerprops={"color": ACCENT, "linewidth": 0.6},
                capprops={"color": ACCENT, "linewidth": 0.6},
                meanprops={"marker": "o", "markerfacecolor": "white", "markeredgecolor": INK, "markersize": 3},
                flierprops={"marker": ".", "markersize": 2, "markeredgecolor": MUTED},
            )
            axes.set_yticks(range(1, len(ordered) + 1), [label for label, _ in ordered])
        _reference_lines(axes, lines, reference_mean, vertical=True)
        axes.set_xlim(0, full_marks)
        axes.set_xlabel("分数")
        axes.set_title(title, loc="left", color=INK, pad=12)
        return _svg(figure)


def spread_by_rank(
    groups: Sequence[tuple[str, Sequence[float]]],
    *,
    title: str,
    full_marks: float,
    lines: Sequence[Line] = (),
    reference_mean: float | None = None,
    width_cm: float = 17.0,
    height_cm: float = 7.5,
) -> str:
    """Many units side by side in order of their median: a bar from P10 to P90, a thicker one over the
    quartiles and a dot at the median. Shows at a glance how far the units lie apart, without names."""
    import matplotlib
    import numpy as np

    quantiles = sorted(
        (np.quantile(np.asarray(values, dtype=float), [0.1, 0.25, 0.5, 0.75, 0.9]) for _, values in groups),
        key=lambda q: float(q[2]),
    )
    with matplotlib.rc_context(_STYLE):
        figure = _figure(width_cm, height_cm)
        axes = figure.subplots()
        if quantiles:
            table = np.vstack(quantiles)
            ranks = np.arange(1, len(table) + 1)
            width = max(0.4, min(3.0, 300 / len(table)))
            axes.vlines(ranks, table[:, 0], table[:, 4], color=ACCENT_LIGHT, linewidth=width * 0.5)
            axes.vlines(ranks, table[:, 1], table[:, 3], color=ACCENT, linewidth=width)
            axes.scatter(ranks, table[:, 2], s=width * 2, color=INK, zorder=3, linewidths=0)
            axes.set_xlim(0, len(table) + 1)
        _reference_lines(axes, lines, reference_mean, vertical=False)
        axes.set_ylim(0, full_marks)
        axes.set_xlabel(f"{len(quantiles)} 个单位，按中位数从低到高排列（细线 P10–P90，粗线四分位，点为中位数）")
        axes.set_ylabel("分数")
        axes.set_title(title, loc="left", color=INK)
        return _svg(figure)


def _reference_lines(axes: Any, lines: Sequence[Line], mean: float | None, *, vertical: bool) -> None:
    drawn = [*lines, *([Line(mean, "均值", WARN)] if mean is not None else [])]
    for line in drawn:
        if vertical:
            axes.axvline(line.value, color=line.color, linewidth=0.7, linestyle="--")
            axes.annotate(
                line.label,
                (line.value, 1.0),
                xycoords=("data", "axes fraction"),
                fontsize=6.5,
                color=line.color,
                ha="center",
                va="bottom",
            )
        else:
            axes.axhline(line.value, color=line.color, linewidth=0.7, linestyle="--")
            axes.annotate(
                line.label,
                (1.0, line.value),
                xycoords=("axes fraction", "data"),
                fontsize=6.5,
                color=line.color,
                ha="left",
                va="center",
                xytext=(2, 0),
                textcoords="offset points",
            )


def rate_bars(
    subjects: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None], str]],
    *,
    title: str,
    width_cm: float = 17.0,
    height_cm: float = 6.0,
) -> str:
    """Grouped bars of rates (as fractions) per subject, e.g. 及格率 / 优秀率 / 低分率."""
    import matplotlib

    with matplotlib.rc_context(_STYLE):
        figure = _figure(width_cm, height_cm)
        axes = figure.subplots()
        count = max(len(series), 1)
        width = 0.8 / count
        for offset, (label, values, color) in enumerate(series):
            positions = [index + (offset - (count - 1) / 2) * width for index in range(len(subjects))]
            heights = [100 * value if value is not None else 0.0 for value in values]
            axes.bar(positions, heights, width=width * 0.95, color=color, label=label)
        axes.set_xticks(range(len(subjects)), subjects)
        axes.set_ylim(0, 100)
        axes.set_ylabel("%")
        axes.legend(frameon=False, ncols=count, loc="upper right", fontsize=7)
        axes.set_title(title, loc="left", color=INK)
        return _svg(figure)
