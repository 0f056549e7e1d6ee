"""lovfrist: statutory deadlines in Danish child-welfare case work, cited and tested.

Evaluate a case timeline against the rules of Serviceloven (until 2023) and Barnets lov (from
2024) as of an explicit date::

    import datetime, lovfrist
    report = lovfrist.evaluate(case, as_of=datetime.date(2024, 8, 1))
    for finding in report.violations:
        print(finding.citation, finding.status, finding.due)
"""

from lovfrist.batch import BatchError, CaseResult, evaluate_many
from lovfrist.calendar import CalendarProfile
from lovfrist.case import Case, Child
from lovfrist.errors import CalendarError, CaseError, InputError, LovfristError, Problem, RuleError
from lovfrist.evaluate import evaluate
from lovfrist.events import Event
from lovfrist.inputs import read_cases
from lovfrist.municipal import MunicipalDeadlines, load_municipal_deadlines
from lovfrist.report import EventRef, Finding, LateRegistration, Report, Status, Transition
from lovfrist.rule import Rule
from lovfrist.ruleset import RuleSet, bundled_rules, load_rules

__version__ = "0.1.0"

__all__ = [
    "BatchError",
    "CalendarError",
    "CalendarProfile",
    "Case",
    "CaseError",
    "CaseResult",
    "Child",
    "Event",
    "EventRef",
    "Finding",
    "InputError",
    "LateRegistration",
    "LovfristError",
    "MunicipalDeadlines",
    "Problem",
    "Report",
    "Rule",
    "RuleError",
    "RuleSet",
    "Status",
    "Transition",
    "__version__",
    "bundled_rules",
    "evaluate",
    "evaluate_many",
    "load_municipal_deadlines",
    "load_rules",
    "read_cases",
]
