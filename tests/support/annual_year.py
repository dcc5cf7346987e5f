"""A hand-built year of complaints with known answers, for the annual report's tests.

Working days are counted by hand on the England calendar (bank holidays in 2025: 18 and
21 April, 5 and 26 May; in 2026: 3 and 6 April). The year is 2025-26; 2024-25 has two
complaints to compare against, and one complaint crosses into 2026-27.
"""

from __future__ import annotations

from casework.domain.chronology import Case, Child, Person
from casework.domain.dates import CaseDate
from casework.domain.events import Event

NAMES = ("Zephyrine Quarterbridge", "Ottoline Vesperwick")  # who the cases are about: never published


def ev(id: str, type: str, when: str, **details: object) -> Event:
    return Event(id=id, type=type, date=CaseDate.parse(when), details=details)


def hand_built_year(council: str) -> list[Case]:
    people = (Person("ms_q", "mother", ("Z",)),)
    children = (Child("Z", note=NAMES[0]),)

    def case(slug: str, *events: Event) -> Case:
        return Case(slug, council, f"Case of {NAMES[0]}", children, people, events)

    return [
        case("annual-1",
             # C1: statutory; stage 1 in 5 working days (8, 9, 10, 11, 14 Apr); stage 2 from the
             # request (1 May) to 13 Jun is 29 working days (27 from the agreed statement, 6 May),
             # beyond 25 with no extension.
             ev("c1-received", "complaint_received", "2025-04-07", complaint="C1",
                procedure="statutory", relationship="mother", received_how="email", subject="Assessment",
                points={1: f"{NAMES[1]} was not told", 2: "the visit was cancelled"}),
             ev("c1-s1", "stage1_response", "2025-04-14", complaint="C1",
                findings={1: "upheld", 2: "not_upheld"}),
             ev("c1-s2-req", "stage2_requested", "2025-05-01", complaint="C1"),
             ev("c1-s2-start", "stage2_started", "2025-05-06", complaint="C1"),
             ev("c1-s2", "stage2_response", "2025-06-13", complaint="C1",
                findings={1: "upheld", 2: "partially_upheld"})),
        case("annual-2",
             # C2: corporate; acknowledged 3 Jun, answered 10 Jun (5 working days); then the
             # Ombudsman, who upholds it and agrees two actions, one due (2 Mar 2026) and done.
             ev("c2-received", "complaint_received", "2025-06-02", complaint="C2",
                procedure="corporate", relationship="grandmother", received_how="phone", subject="Contact",
                points={1: "calls were not returned"}),
             ev("c2-ack", "complaint_acknowledged", "2025-06-03", complaint="C2"),
             ev("c2-s1", "corporate_response", "2025-06-10", complaint="C2", stage=1,
                findings={1: "not_upheld"}),
             ev("c2-distress", "remedy_offered", "2025-06-10", complaint="C2", purpose="distress",
                amount=600, by="council"),
             ev("c2-time", "remedy_offered", "2025-06-10", complaint="C2",
                purpose="time_and_trouble", amount=200, by="council"),
             ev("c2-lgo", "ombudsman_complaint", "2025-12-01", complaint="C2"),
             ev("c2-decision", "ombudsman_decision", "2026-02-02", reference="25 000 001",
                outcome="upheld", fault=True),
             ev("c2-lgo-remedy", "remedy_offered", "2026-02-02", complaint="C2",
                purpose="distress", amount=300, by="Ombudsman"),
             ev("c2-apology", "action_agreed", "2026-02-02", action="apologise",
                deadline="within one month", decision="c2-decision"),
             ev("c2-apology-done", "action_evidenced", "2026-02-20", agreement="c2-apology",
                evidence="letter sent"),
             ev("c2-training", "action_agreed", "2026-02-02", action="train staff",
                deadline="within three months", decision="c2-decision")),
        case("annual-3",
             # C3: withdrawn before its stage 1 response was due (15 Sep).
             ev("c3-received", "complaint_received", "2025-09-01", complaint="C3",
                procedure="statutory", relationship="young person", received_how="in_person", subject="Assessment"),
             ev("c3-withdrawn", "complaint_withdrawn", "2025-09-12", complaint="C3"),
             # C4: received in March 2026, answered in April 2026 after an extension: 14 working
             # days (24 Mar to 14 Apr, less Good Friday and Easter Monday).
             ev("c4-received", "complaint_received", "2026-03-23", complaint="C4",
                procedure="statutory", relationship="mother", received_how="email"),
             ev("c4-extended", "stage1_extended", "2026-03-27", complaint="C4"),
             ev("c4-s1", "stage1_response", "2026-04-14", complaint="C4", findings={})),
        case("annual-4",
             # The year before: C5 answered in exactly 10 working days; C6 declined as out of time.
             ev("c5-received", "complaint_received", "2025-03-03", complaint="C5",
                procedure="statutory", relationship="mother", received_how="letter"),
             ev("c5-s1", "stage1_response", "2025-03-17", complaint="C5", findings={1: "upheld"}),
             ev("c6-received", "complaint_received", "2025-03-10", complaint="C6",
                procedure="statutory", relationship="grandmother", received_how="letter"),
             ev("c6-declined", "complaint_refused_out_of_time", "2025-03-12", complaint="C6")),
    ]
