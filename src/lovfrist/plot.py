"""Timeline plot of one report (matplotlib, the ``plot`` extra).

One row per finding, on one time axis: the trigger event (circle), the due date (diamond) and
the fulfilling event (square), joined by a line from trigger to due date; a dashed line runs on
from the due date to the fulfilment of a ``late`` finding, or to the evaluation date of an
``overdue`` one: the time the duty was overdue. A dotted vertical line marks the evaluation
date. Colours: violations red, met green, open blue, the others (undetermined, lapsed) grey.

The plot never calls ``plt.show()`` and works under the non-interactive Agg backend; in
Jupyter the figure is shown when the cell ends. Each marker is a ``Line2D`` whose ``gid`` is
``trigger``, ``due``, ``fulfilled`` or ``lapsed`` (``as_of`` for the vertical line), so a
caller can find and restyle them.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from lovfrist.calendar import COPENHAGEN, fmt_date
from lovfrist.report import Finding, Report, Status

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["STATUS_COLOURS", "plot_report"]

#: Colour of a finding by status.
STATUS_COLOURS: dict[Status, str] = {
    Status.MET: "#16a34a",
    Status.LATE: "#dc2626",
    Status.OVERDUE: "#dc2626",
    Status.EARLY: "#dc2626",
    Status.OPEN: "#2563eb",
    Status.UNDETERMINED: "#6b7280",
    Status.LAPSED: "#6b7280",
}

_MARKERS = {"trigger": "o", "due": "D", "fulfilled": "s", "lapsed": "X"}
_LABELS_DA = {
    "trigger": "udløsende hændelse",
    "due": "frist",
    "fulfilled": "opfyldt af",
    "lapsed": "bortfaldet ved",
}


def _local(value: date | datetime) -> datetime:
    """A naive Copenhagen wall time."""
    if isinstance(value, datetime):
        return value.astimezone(COPENHAGEN).replace(tzinfo=None)
    return datetime.combine(value, time(0, 0))


def _x(value: date | datetime) -> float:
    """A date or instant as a matplotlib date number (days since the epoch, wall time)."""
    from matplotlib import dates

    num: float = float(dates.date2num(_local(value)))  # type: ignore[no-untyped-call]
    return num


def plot_report(report: Report, ax: Axes | None = None) -> Axes:
    """Draw the report's findings on one time axis and return the matplotlib ``Axes``.

    Row *i* from the top is ``report.findings[i]``, labelled with its rule id and citation.
    With ``ax=None`` a new figure is made (through ``pyplot``, so that Jupyter shows it).
    """
    try:
        from matplotlib import dates
        from matplotlib.artist import Artist
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch
    except ImportError as exc:
        raise ImportError(
            "plotting needs matplotlib: pip install 'lovfrist[plot]'", name="matplotlib"
        ) from exc
    findings = report.findings
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(11, 1.8 + 0.42 * max(len(findings), 2)), layout="constrained")
    as_of = _x(report.as_of)
    n = len(findings)
    xs: list[float] = [as_of]
    for i, finding in enumerate(findings):
        xs.extend(_draw(ax, finding, n - 1 - i, as_of))
    ax.axvline(as_of, color="black", linestyle=":", linewidth=1.2, gid="as_of")
    ax.set_yticks(
        range(n),
        [f"{f.rule}\n{f.citation}" for f in reversed(findings)],
        fontsize=7,
    )
    ax.set_ylim(-0.7, max(n, 1) - 0.3)
    low, high = min(xs), max(xs)
    pad = max((high - low) * 0.04, 7.0)
    ax.set_xlim(low - pad, high + pad)
    ax.xaxis_date()
    mdates: Any = dates
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.grid(axis="x", alpha=0.3)
    day = fmt_date(_local(report.as_of).date(), "da")
    ax.set_title(
        f"Sag {report.case_id} pr. {day}: {n} fund, {len(report.violations)} overtrædelser",
        fontsize=10,
        loc="left",
    )
    if not findings:
        ax.text(
            0.5, 0.5, "Ingen fund", transform=ax.transAxes, ha="center", va="center",
            bbox={"facecolor": "white", "edgecolor": "none"},
        )  # fmt: skip
    handles: list[Artist] = [
        Line2D([], [], marker=m, color="black", linestyle="", markerfacecolor="white")
        if kind == "trigger"
        else Line2D([], [], marker=m, color="black", linestyle="")
        for kind, m in _MARKERS.items()
    ]
    labels = list(_LABELS_DA.values())
    shown = {f.status for f in findings}
    groups = (
        ("overtrædelse", Status.OVERDUE, any(s.is_violation for s in shown)),
        ("overholdt", Status.MET, Status.MET in shown),
        ("åben", Status.OPEN, Status.OPEN in shown),
        ("andet", Status.LAPSED, bool(shown & {Status.UNDETERMINED, Status.LAPSED})),
    )
    for label, status, present in groups:
        if present:
            handles.append(Patch(color=STATUS_COLOURS[status]))
            labels.append(label)
    handles.append(Line2D([], [], color="black", linestyle=":"))
    labels.append(f"pr. {day}")
    ax.legend(
        handles,
        labels,
        fontsize=7,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.08),
        ncol=5,
        frameon=False,
    )
    return ax


def _draw(ax: Axes, finding: Finding, y: int, as_of: float) -> list[float]:
    """One finding's row; returns the x values drawn."""
    colour = STATUS_COLOURS[finding.status]
    start = _x(finding.trigger.at)
    drawn = [start]
    due = _x(finding.due) if finding.due is not None else None
    done = _x(finding.fulfilled_by.at) if finding.fulfilled_by is not None else None
    if due is not None:
        ax.plot([start, due], [y, y], color=colour, linewidth=2, alpha=0.45)
        drawn.append(due)
        overrun_end = done if finding.status is Status.LATE else None
        if finding.status is Status.OVERDUE:
            overrun_end = as_of
        if overrun_end is not None and overrun_end > due:
            ax.plot([due, overrun_end], [y, y], color=colour, linewidth=1.5, linestyle="--")
    ax.plot(
        [start], [y], marker=_MARKERS["trigger"], color=colour, markerfacecolor="white",
        markersize=7, linestyle="", gid="trigger",
    )  # fmt: skip
    if due is not None:
        ax.plot(
            [due], [y], marker=_MARKERS["due"], color=colour, markersize=7, linestyle="",
            gid="due",
        )  # fmt: skip
    if done is not None:
        drawn.append(done)
        ax.plot(
            [done], [y], marker=_MARKERS["fulfilled"], color=colour, markersize=6, linestyle="",
            gid="fulfilled",
        )  # fmt: skip
    if finding.lapsed_by is not None:
        lapsed = _x(finding.lapsed_by.at)
        drawn.append(lapsed)
        ax.plot(
            [lapsed], [y], marker=_MARKERS["lapsed"], color=colour, markersize=7, linestyle="",
            gid="lapsed",
        )  # fmt: skip
    return drawn
