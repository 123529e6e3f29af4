"""Internals of the 1:1 meeting scheduler; import the public API from ``kcbridge.events.scheduler``."""
