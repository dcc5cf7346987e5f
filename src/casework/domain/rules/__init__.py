"""The statutory rules as data: one YAML file per rule, the path is the name.

`rules/complaints/stage1_response.yaml` is rule `stage1_response`. `load_rules()` reads and
validates them all; `apply_overrides()` applies a council's local figures, refusing any
that relax a law, guidance or code figure.
"""

from casework.domain.rules.load import apply_overrides, load_rules, rules_for
from casework.domain.rules.model import Limit, Matcher, Rule, Source

__all__ = ["Limit", "Matcher", "Rule", "Source", "apply_overrides", "load_rules", "rules_for"]
