"""Benchmarks: `bash bench.sh` (see README)."""
