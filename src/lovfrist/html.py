"""A report as an HTML table (what Jupyter shows for a :class:`~lovfrist.report.Report`)."""

from __future__ import annotations

from html import escape

from lovfrist.report import Report, iso

__all__ = ["report_html"]


def report_html(report: Report) -> str:
    """One row per finding: status, due date, citation, trigger and fulfilling event."""
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{escape(str(cell))}</td>"
            for cell in (
                f.status.value,
                iso(f.due) or "",
                f.citation,
                f.trigger.event,
                f.fulfilled_by.event if f.fulfilled_by else "",
            )
        )
        + "</tr>"
        for f in report.findings
    )
    head = "".join(
        f"<th>{h}</th>" for h in ("status", "due", "citation", "trigger", "fulfilled by")
    )
    return (
        f"<p>{escape(str(report))}</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )
