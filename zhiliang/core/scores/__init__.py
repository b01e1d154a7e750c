"""Score sheets as schools and marking systems write them: cells, columns, layouts and their problems.

The entry point is `zhiliang.core.scores_file.read_scores`; the modules here are its parts.
"""
