"""The DfE's local authority codes and names, as data (`local_authorities.csv`).

A census header names its council by its three-digit DfE LA code (`<LEA>301</LEA>`). The
store keeps the code as the council's id, so a census file and the store agree, and shows
the name (Barking and Dagenham). An authority that no longer exists keeps its code and
name with the day it ended (`until`), so an old return still reads; a code not on the list
(a synthetic council) is shown as itself.

Source: DfE, "LA and region codes" (Get Information about Schools), 153 authorities in
England from April 2023, with the codes retired in 2019, 2021 and 2023. Checked code by
code against the DfE's own lookup of old (three-digit) and new LA codes in its analysts'
R package dfeR (`data-raw/old_la_codes.csv`, dfe-analytical-services/dfeR): every code
agrees, and the names are the DfE's, except that Dorset's county council (835, until
2019) is named so to tell it from the unitary Dorset (838) that replaced it.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def local_authorities() -> dict[str, tuple[str, str]]:
    """code → (name, the day it ended or "")."""
    text = resources.files(__package__).joinpath("local_authorities.csv").read_text("utf-8")
    return {row["code"]: (row["name"], row["until"]) for row in csv.DictReader(text.splitlines())}


def la_name(code: str) -> str:
    """The authority's name for its DfE code; the code itself if the list has no such code."""
    found = local_authorities().get(code.strip())
    return found[0] if found else code
