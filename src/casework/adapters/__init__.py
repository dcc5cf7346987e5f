"""Adapters: everything that touches files, databases, networks and formats."""
