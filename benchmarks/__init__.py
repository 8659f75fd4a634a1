"""Benchmarks of tuyengiao: a synthetic plan generator and the measuring script (`run.py`)."""
