"""Saved searches (semantic matches or directory filters) and the alerts that report their new results."""
