"""The annual complaints report (reg 13(3) of the 2006 Regulations): figures for a year and
the year before, side by side, each with the complaints it counts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from casework.domain.annual.compute import YearFigures, year_figures
from casework.domain.annual.figures import FEWER_THAN, SMALL, Figure, Ref, Row, Section, pair
from casework.domain.annual.period import ReportPeriod
from casework.domain.calendar import WorkingCalendar
from casework.domain.chronology import Case
from casework.domain.remedies import GuidanceVersion, guidance_versions

__all__ = ["FEWER_THAN", "SMALL", "AnnualReport", "Figure", "Ref", "ReportPeriod", "Row",
           "Section", "YearFigures", "annual_report", "year_figures"]

SOURCE = ("Children Act 1989 Representations Procedure (England) Regulations 2006 "
          "(SI 2006/1738), regulation 13(3)")
SOURCE_URL = "https://www.legislation.gov.uk/uksi/2006/1738/regulation/13"


@dataclass(frozen=True)
class AnnualReport:
    council: str
    period: ReportPeriod
    previous: ReportPeriod
    sections: tuple[Section, ...]
    guidance: GuidanceVersion

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    def row(self, key: str) -> Row:
        return next(r for s in self.sections for r in s.rows if r.key == key)

    def figure(self, key: str, year: str = "this") -> Figure:
        row = self.row(key)
        return row.this_year if year == "this" else row.last_year


def annual_report(council: str, cases: Iterable[Case], period: ReportPeriod,
                  calendar: WorkingCalendar | None = None,
                  versions: tuple[GuidanceVersion, ...] | None = None) -> AnnualReport:
    """The report for `period` with the same figures for the year before it."""
    cases = list(cases)
    versions = versions if versions is not None else guidance_versions()
    now = year_figures(cases, period, calendar, versions)
    then = year_figures(cases, period.previous(), calendar, versions)
    bands = "; ".join(f"{purpose.replace('_', ' ')}: {band.describe()}"
                      for purpose, band in now.guidance.bands.items())
    sections = pair(now.figures, then.figures, (
        ("received", "Complaints received", "Counted in the year the complaint was received."),
        ("ended", "Complaints ended early", "Counted in the year the complaint ended."),
        ("stage1", "Stage 1: local resolution",
         "Responses sent in the year; working days from the complaint (or the advocate's "
         "appointment) to the response. Limit: 10 working days, extendable to 20 (reg 14)."),
        ("stage2", "Stage 2: investigation",
         "Responses sent in the year. Limit: 25 working days, extendable to 65 (reg 17)."),
        ("stage3", "Stage 3: review panel",
         "Final responses sent in the year, 15 working days from the panel's report (reg 20)."),
        ("ombudsman", "The Local Government and Social Care Ombudsman", ""),
        ("remedies", "Remedies", f"Each payment judged against the {now.guidance.title} in force "
                                 f"on the day it was offered. In force at the end of the year: {bands}."),
        ("learning", "Learning from complaints", ""),
    ))
    return AnnualReport(council, period, then.period, sections, now.guidance)
