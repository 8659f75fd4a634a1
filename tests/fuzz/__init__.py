"""Fuzzing `check`: mutations of the sample plans, the invariants, and a harness to run by hand."""
