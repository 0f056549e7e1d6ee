"""Reports and agendas as HTML tables, for Jupyter (:meth:`Report._repr_html_`).

Self-contained HTML: inline styles only, no external CSS or JavaScript, so the table renders
the same in a notebook, an exported notebook and an e-mail. Every value taken from the input
(case id, meta, event ids, explanations) is escaped. The colours are translucent, so the
table stays readable in a light and a dark theme. Violations (``late``, ``overdue``,
``early``) are marked red, met obligations green, open ones blue, the others grey.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from html import escape
from typing import TYPE_CHECKING, Any

from lovfrist.calendar import COPENHAGEN
from lovfrist.report import EventRef, Finding, Report, Status

if TYPE_CHECKING:
    from lovfrist.agenda import AgendaItem

__all__ = ["agenda_html", "report_html"]

_TABLE = "border-collapse:collapse;font-size:90%;text-align:left"
_CELL = "padding:3px 8px;border-bottom:1px solid rgba(128,128,128,0.35);vertical-align:top"
_CAPTION = "caption-side:top;text-align:left;padding:4px 0;font-size:105%"

#: Row marking per kind of status: (row style, colour of the status word).
_RED = ("background:rgba(220,38,38,0.13);border-left:4px solid #dc2626", "#dc2626")
_GREEN = ("border-left:4px solid #16a34a", "#16a34a")
_BLUE = ("background:rgba(37,99,235,0.08);border-left:4px solid #2563eb", "#2563eb")
_GREY = ("border-left:4px solid #9ca3af", "#6b7280")


def _marking(status: Status, *, violation: bool | None = None) -> tuple[str, str]:
    if status.is_violation if violation is None else violation:
        return _RED
    if status is Status.MET:
        return _GREEN
    if status is Status.OPEN:
        return _BLUE
    return _GREY


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _when(value: date | datetime | None) -> str:
    """``2025-03-01``; an instant as Copenhagen time ``2025-03-01 08:45 (+01:00)``."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        local = value.astimezone(COPENHAGEN)
        offset = local.strftime("%z")
        return f"{local:%Y-%m-%d %H:%M} ({offset[:3]}:{offset[3:]})"
    return value.isoformat()


def _event(ref: EventRef | None) -> str:
    if ref is None:
        return "—"
    return (
        f"<code>{_e(ref.event)}</code> {_e(ref.type)}<br>"
        f'<span style="opacity:0.75">{_e(_when(ref.at))}</span>'
    )


def _td(content: str, style: str = "") -> str:
    return f'<td style="{_CELL}{";" + style if style else ""}">{content}</td>'


def _th(label: str, title: str) -> str:
    return f'<th style="{_CELL}" title="{_e(title)}">{_e(label)}</th>'


def _empty_row(text: str, width: int) -> str:
    return f'<tr><td colspan="{width}" style="{_CELL};font-style:italic">{_e(text)}</td></tr>'


def _status_cell(status: Status, colour: str, extra: Sequence[str] = ()) -> str:
    notes = "".join(f'<br><span style="opacity:0.75">{note}</span>' for note in extra)
    return _td(
        f'<b style="color:{colour}">{_e(status.da)}</b><br>'
        f'<span style="opacity:0.75">{_e(status.value)}</span>{notes}',
        "white-space:nowrap",
    )


def _details(text: str, label: str = "forklaring") -> str:
    return (
        f'<details><summary style="cursor:pointer">{_e(label)}</summary>'
        f'<div style="max-width:40em;white-space:normal">{_e(text)}</div></details>'
    )


def _counts(findings: Sequence[Finding]) -> str:
    by_status: dict[Status, int] = {}
    for f in findings:
        by_status[f.status] = by_status.get(f.status, 0) + 1
    violations = sum(1 for f in findings if f.is_violation)
    out = f"{len(findings)} fund, {violations} overtrædelser"
    if by_status:
        out += " (" + ", ".join(f"{s.da}: {by_status[s]}" for s in Status if s in by_status) + ")"
    return out


def _meta(meta: Mapping[str, Any] | None) -> str:
    if not meta:
        return ""
    return " · ".join(f"{_e(k)}: {_e(v)}" for k, v in meta.items())


_REPORT_HEAD = (
    ("Status", "status"),
    ("Frist", "due date"),
    ("Dage over", "days overdue"),
    ("Hjemmel", "citation and rule"),
    ("Udløst af", "trigger event"),
    ("Opfyldt af", "fulfilled by"),
    ("Forklaring", "explanation (Danish)"),
)


def report_html(report: Report) -> str:
    """The report as one HTML table: a caption with the case, the date and the counts, then a
    row per finding with its status (Danish and the report's code), due date, days overdue,
    citation and rule id, trigger event, fulfilling event and the Danish explanation (folded
    in a ``<details>``). Violation rows are marked red."""
    caption = [
        f"<b>Sag {_e(report.case_id)}</b>",
        f"pr. {_e(_when(report.as_of))}",
        _e(_counts(report.findings)),
    ]
    if report.known_at is not None:
        caption.append(f"registreret til {_e(_when(report.known_at))}")
    if report.profile != "default":
        caption.append(f"profil {_e(report.profile)}")
    if meta := _meta(report.case_meta):
        caption.append(meta)
    head = "".join(_th(label, title) for label, title in _REPORT_HEAD)
    body = "".join(map(_finding_row, report.findings)) or _empty_row(
        "Ingen fund.", len(_REPORT_HEAD)
    )
    return (
        f'<table class="lovfrist-report" style="{_TABLE}">'
        f'<caption style="{_CAPTION}">{" · ".join(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _finding_row(f: Finding) -> str:
    row_style, colour = _marking(f.status, violation=f.is_violation)
    notes: list[str] = []
    if f.missing:
        notes.append(f"mangler {_e(f.missing)}")
    if f.lapsed_by is not None:
        notes.append(f"bortfaldet ved <code>{_e(f.lapsed_by.event)}</code>")
    if f.late_registration is not None:
        notes.append(f"sent registreret: {_e(f.late_registration.status.da)}")
    cells = (
        _status_cell(f.status, colour, notes),
        _td(_e(_when(f.due)) or "—", "white-space:nowrap"),
        _td("" if f.days_overdue is None else _e(f.days_overdue), "text-align:right"),
        _td(f'{_e(f.citation)}<br><code style="opacity:0.75">{_e(f.rule)}</code>'),
        _td(_event(f.trigger)),
        _td(_event(f.fulfilled_by)),
        _td(_details(f.explanation_da)),
    )
    return f'<tr style="{row_style}">{"".join(cells)}</tr>'


def agenda_html(items: Iterable[AgendaItem]) -> str:
    """An agenda (:func:`lovfrist.agenda.agenda`) as an HTML table: one row per item with its
    group values, status, due date, days left, case, title, citation and explanation. Overdue
    rows are marked red."""
    rows = list(items)
    keys = [k for k, _ in rows[0].group] if rows else []
    head = "".join(_th(k, f"meta.{k}") for k in keys) + "".join(
        _th(label, title)
        for label, title in (
            ("Status", "status"),
            ("Frist", "due date"),
            ("Dage tilbage", "days left (negative: overdue by)"),
            ("Sag", "case"),
            ("Frist for", "rule title"),
            ("Hjemmel", "citation and rule"),
            ("Forklaring", "explanation (Danish)"),
        )
    )
    width = len(keys) + 7
    overdue = sum(1 for i in rows if i.is_overdue)
    as_of = f" pr. {_e(rows[0].as_of.isoformat())}" if rows else ""
    caption = f"<b>Frister</b>{as_of} · {len(rows)} frister, {overdue} overskredet"
    body = "".join(map(_agenda_row, rows)) or _empty_row("Ingen frister.", width)
    return (
        f'<table class="lovfrist-agenda" style="{_TABLE}">'
        f'<caption style="{_CAPTION}">{caption}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _agenda_row(item: AgendaItem) -> str:
    row_style, colour = _marking(item.status)
    day = item.due_day
    due = _when(item.due) if item.due is not None else (day.isoformat() if day else "snarest")
    cells = [_td(_e(v) if v is not None else "—") for _, v in item.group]
    cells += [
        _status_cell(item.status, colour),
        _td(_e(due), "white-space:nowrap"),
        _td("" if item.days_left is None else _e(item.days_left), "text-align:right"),
        _td(_e(item.case_id)),
        _td(_e(item.title_da)),
        _td(f'{_e(item.citation)}<br><code style="opacity:0.75">{_e(item.rule)}</code>'),
        _td(_details(item.explanation_da)),
    ]
    return f'<tr style="{row_style}">{"".join(cells)}</tr>'
