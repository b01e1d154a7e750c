"""Exam pages: thin function views over selectors, services and the cached analysis (one module per area)."""
