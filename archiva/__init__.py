"""Archiva: a records office for BPMP offices."""

__version__ = "0.1.0"
