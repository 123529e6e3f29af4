"""kcbridge — Korea–China innovation cooperation platform."""

__version__ = "0.1.0"
