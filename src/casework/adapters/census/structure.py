"""The shape of a DfE children in need census file: which element may sit inside which.

Taken from the DfE CIN census specification's module structure (Message › Header ›
CollectionDetails / Source; Message › Children › Child › ChildIdentifiers,
ChildCharacteristics, CINdetails › Assessments, CINPlanDates, Section47,
ChildProtectionPlans › Reviews). Both the reader (to report an element in the wrong
place) and the writer (element order) use this one table.
"""

from __future__ import annotations

from collections.abc import Mapping

# Children of each element, in the order the specification lists them.
ORDER: Mapping[str, tuple[str, ...]] = {
    "Message": ("Header", "Children"),
    "Header": ("CollectionDetails", "Source"),
    "CollectionDetails": ("Collection", "Year", "ReferenceDate"),
    "Source": ("SourceLevel", "LEA", "SoftwareCode", "Release", "SerialNo", "DateTime"),
    "Children": ("Child",),
    "Child": ("ChildIdentifiers", "ChildCharacteristics", "CINdetails"),
    "ChildIdentifiers": ("LAchildID", "UPN", "FormerUPN", "UPNunknown", "PersonBirthDate",
                         "ExpectedPersonBirthDate", "GenderCurrent", "Sex", "PersonDeathDate"),
    "ChildCharacteristics": ("Ethnicity", "Disabilities"),
    "Disabilities": ("Disability",),
    "CINdetails": ("CINreferralDate", "ReferralSource", "PrimaryNeedCode", "CINclosureDate",
                   "ReasonForClosure", "DateOfInitialCPC", "ReferralNFA", "Assessments",
                   "CINPlanDates", "Section47", "ChildProtectionPlans", "PreProceedingsandFGDM"),
    "Assessments": ("AssessmentActualStartDate", "AssessmentInternalReviewDate",
                    "AssessmentAuthorisationDate", "FactorsIdentifiedAtAssessment"),
    "FactorsIdentifiedAtAssessment": ("AssessmentFactors",),
    "CINPlanDates": ("CINPlanStartDate", "CINPlanEndDate"),
    "Section47": ("S47ActualStartDate", "InitialCPCtarget", "DateOfInitialCPC", "ICPCnotRequired"),
    "ChildProtectionPlans": ("CPPstartDate", "CPPendDate", "InitialCategoryOfAbuse",
                             "LatestCategoryOfAbuse", "NumberOfPreviousCPP", "Reviews"),
    "Reviews": ("CPPreviewDate",),
}

ALLOWED: Mapping[str, frozenset[str]] = {k: frozenset(v) for k, v in ORDER.items()}

# Blocks casework does not read (pre-proceedings, new in 2025-26): accepted whatever they hold.
OPAQUE: frozenset[str] = frozenset({"PreProceedingsandFGDM"})

# Where each element belongs, to tell a user where to move a misplaced one. DateOfInitialCPC
# belongs in two places; Section47 is named as its usual home.
HOME: Mapping[str, str] = {
    child: parent for parent, children in ORDER.items() for child in children
    if not (child == "DateOfInitialCPC" and parent == "CINdetails")
}
