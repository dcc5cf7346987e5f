"""casework: statutory timescales, chronology audit, complaints and remedies for English
children's social care."""

__version__ = "0.1.0"
