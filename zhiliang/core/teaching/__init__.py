"""Teaching routines, pure: rubric and checklist scoring, observation summaries, the rectification loop,
homework load against the 双减 limits, and the term report. No Django (tests/test_core_is_pure.py)."""
