"""Benchmarks: speed is measured here, never asserted in a test (figures go to docs/benchmarks.md)."""
