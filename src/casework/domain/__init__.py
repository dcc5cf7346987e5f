"""The pure domain core: no I/O beyond reading its own rule files, no framework imports.

Everything here takes dates and data and returns data; adapters (store, API, web, CLI,
ingest) sit around it and depend on it, never the other way round.
"""
