"""Timeline plot of one report (matplotlib, the ``plot`` extra)."""

from __future__ import annotations

from typing import Any

from lovfrist.report import Report

__all__ = ["plot_report"]


def plot_report(report: Report, ax: Any = None) -> Any:
    """Draw the report's events and due dates on one time axis; return the ``Axes``."""
    raise NotImplementedError("the timeline plot is not written yet")
