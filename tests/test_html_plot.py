"""The HTML table of a report and an agenda (Jupyter), and the timeline plot."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from lovfrist import Report, Status, evaluate
from lovfrist.agenda import agenda
from lovfrist.html import agenda_html, report_html

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = json.loads((ROOT / "examples" / "case-2022-2025.json").read_text(encoding="utf-8"))
AS_OF = date(2025, 3, 1)
HOSTILE = '<script>alert("x")</script>&'


@pytest.fixture(scope="module")
def report() -> Report:
    return evaluate(EXAMPLE, AS_OF)


class _Tags(HTMLParser):
    """Collects start tags and checks that every opened element is closed, in order."""

    VOID = frozenset({"br"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.starts: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.starts.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack.pop() == tag

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    assert parser.stack == []
    return parser


def _rows(parsed: _Tags) -> list[dict[str, str | None]]:
    return [attrs for tag, attrs in parsed.starts if tag == "tr" and attrs.get("style")]


# --- HTML --------------------------------------------------------------------------------------


def test_report_html_has_a_row_per_finding_and_marks_violations(report: Report) -> None:
    html = report_html(report)
    parsed = _parse(html)
    rows = _rows(parsed)
    assert len(rows) == len(report.findings)
    red = [r for r in rows if "#dc2626" in (r["style"] or "")]
    assert len(red) == len(report.violations) == 6
    tags = {tag for tag, _ in parsed.starts}
    assert {"table", "caption", "thead", "tbody", "details", "summary"} <= tags
    assert not tags & {"script", "style", "link"}  # inline styles only, no CSS or JS files


def test_report_html_caption_and_cells(report: Report) -> None:
    text = "".join(_parse(report_html(report)).text)
    assert "Sag EKS-2022-0117" in text
    assert "pr. 2025-03-01" in text
    assert "25 fund, 6 overtrædelser" in text
    assert "overholdt: 16" in text
    assert "team: Team Nord" in text
    for finding in report.findings:
        assert finding.citation in text
        assert finding.explanation_da in text
    assert "overskredet" in text  # the Danish status word
    assert "2024-03-05" in text  # a due date
    assert "361" in text  # days overdue of the first supervision window
    assert "2022-09-12 08:45 (+02:00)" in text  # an hour trigger in Copenhagen time


def test_report_repr_html_is_the_table(report: Report) -> None:
    assert report._repr_html_() == report_html(report)


def test_report_html_escapes_everything() -> None:
    case = {
        "case_id": HOSTILE,
        "meta": {"team": "<b>Nord</b>", "<i>": "x"},
        "events": [{"id": "<u1>", "type": "underretning", "at": "2024-03-10T10:00:00"}],
    }
    html = report_html(evaluate(case, date(2024, 3, 20)))
    assert "<script" not in html
    assert "<b>Nord" not in html
    assert "<u1>" not in html
    assert "<i>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;" in html
    parsed = _parse(html)
    text = "".join(parsed.text)
    assert HOSTILE in text  # shown as text, exactly
    assert "<u1>" in text
    assert not {tag for tag, _ in parsed.starts} & {"script", "u1", "i"}


def test_report_html_of_an_empty_report() -> None:
    html = report_html(evaluate({"case_id": "E-1", "events": []}, AS_OF))
    parsed = _parse(html)
    text = "".join(parsed.text)
    assert "0 fund, 0 overtrædelser" in text
    assert "Ingen fund." in text
    assert _rows(parsed) == []


def test_agenda_html(report: Report) -> None:
    hostile = evaluate(
        {
            "case_id": HOSTILE,
            "meta": {"team": "<b>Syd</b>"},
            "events": [{"id": "b1", "type": "bfu_start", "at": "2025-01-10"}],
        },
        AS_OF,
    )
    items = agenda([report, hostile], as_of=AS_OF, by=("team",), days=90)
    assert HOSTILE in {i.case_id for i in items}
    html = agenda_html(items)
    assert "<script" not in html
    assert "<b>Syd" not in html
    parsed = _parse(html)
    rows = _rows(parsed)
    assert len(rows) == len(items)
    overdue = [r for r in rows if "#dc2626" in (r["style"] or "")]
    assert len(overdue) == sum(1 for i in items if i.status is Status.OVERDUE)
    text = "".join(parsed.text)
    assert HOSTILE in text
    assert "<b>Syd</b>" in text
    assert f"{len(items)} frister" in text
    assert "Ingen frister." in agenda_html([])


# --- plot --------------------------------------------------------------------------------------


@pytest.fixture
def plt() -> Iterator[Any]:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as pyplot

    yield pyplot
    pyplot.close("all")


def _markers(ax: Any, gid: str) -> list[Any]:
    return [line for line in ax.lines if line.get_gid() == gid]


def test_plot_returns_axes_with_a_row_and_markers_per_finding(plt: Any, report: Report) -> None:
    from matplotlib.axes import Axes

    ax = report.plot()
    assert isinstance(ax, Axes)
    n = len(report.findings)
    assert len(_markers(ax, "trigger")) == n
    assert len(_markers(ax, "due")) == sum(1 for f in report.findings if f.due is not None)
    assert len(_markers(ax, "fulfilled")) == sum(
        1 for f in report.findings if f.fulfilled_by is not None
    )
    assert len(_markers(ax, "as_of")) == 1
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == n
    # Row i from the top is finding i: the top label is the first finding.
    expected = [f"{f.rule}\n{f.citation}" for f in report.findings]
    assert labels[::-1] == expected
    assert "EKS-2022-0117" in ax.get_title(loc="left")
    ax.figure.canvas.draw()  # renders under Agg without error


def test_plot_colours_by_status(plt: Any, report: Report) -> None:
    from matplotlib.colors import to_hex

    ax = report.plot()
    # The trigger markers are drawn in the order of the findings.
    colours = [to_hex(line.get_color()) for line in _markers(ax, "trigger")]
    for finding, colour in zip(report.findings, colours, strict=True):
        if finding.status.is_violation:
            assert colour == "#dc2626"
        elif finding.status is Status.MET:
            assert colour == "#16a34a"
        elif finding.status is Status.OPEN:
            assert colour == "#2563eb"
        else:
            assert colour == "#6b7280"
    # Finding i is on row y = n - 1 - i: the first at the top.
    ys = [line.get_ydata()[0] for line in _markers(ax, "trigger")]
    assert ys == list(range(len(report.findings) - 1, -1, -1))


def test_plot_draws_into_a_given_axes(plt: Any, report: Report) -> None:
    from lovfrist.plot import plot_report

    fig, given = plt.subplots()
    assert plot_report(report, ax=given) is given
    assert len(fig.axes) == 1
    # The x axis is a date axis covering the timeline and the as-of date.
    import matplotlib.dates

    dates: Any = matplotlib.dates
    low, high = given.get_xlim()
    assert low < dates.date2num(date(2022, 9, 12)) < dates.date2num(AS_OF) < high
    fig.canvas.draw()
    labels = [t.get_text() for t in given.get_xticklabels()]
    assert any(re.fullmatch(r"20\d\d", label) for label in labels)


def test_plot_of_an_empty_report(plt: Any) -> None:
    ax = evaluate({"case_id": "E-1", "events": []}, AS_OF).plot()
    assert [line.get_gid() for line in ax.lines] == ["as_of"]
    assert ax.get_yticklabels() == []
    assert any(t.get_text() == "Ingen fund" for t in ax.texts)
    ax.figure.canvas.draw()


def test_plot_marks_overdue_time_with_a_dashed_line(plt: Any, report: Report) -> None:
    ax = report.plot()
    dashed = [line for line in ax.lines if line.get_linestyle() == "--"]
    overrun = [f for f in report.findings if f.status in (Status.LATE, Status.OVERDUE)]
    # One dashed segment per late or overdue finding whose overrun has a length.
    assert 0 < len(dashed) <= len(overrun)
    assert len(dashed) == sum(1 for f in overrun if (f.days_overdue or 0) > 0)


def test_plot_without_matplotlib_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, report: Report
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if it were not installed
    with pytest.raises(ImportError, match=r"pip install 'lovfrist\[plot\]'"):
        report.plot()
