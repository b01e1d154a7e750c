"""学科贡献率 (subject contribution) in the double-difference form.

For a class (or a school) and a subject, with score rates r = mean / full marks:

    contribution = (r_class,subject - r_school,subject) - (r_class,总分 - r_school,总分)

The first difference says how far the class is above its school in this subject, the second how far it is
above in the total; the contribution is what the subject adds beyond the class's general standing
(positive: the subject pulls the class up, negative: it holds the class back). Score rates make subjects
with different full marks comparable. One level up, a school is compared with the county the same way.

Source: convention of county/school exam-analysis reports, not a published standard; other reports call
the simpler share ``subject mean / sum of subject means`` a contribution rate. The form here is chosen
because it is independent of each subject's full marks and of the class's overall level; see
``docs/analysis.md``.
"""

from __future__ import annotations

import polars as pl

from zhiliang.core.analytics import schema
from zhiliang.core.analytics.summary import KEYS, PARENT


def contribution_table(levels: dict[str, pl.DataFrame], total_index: int) -> pl.DataFrame:
    """Contribution of every subject for every class (vs its school) and school (vs the county)."""
    parts = []
    for level in ("school", "class"):
        frame, parent = levels[level], levels[PARENT[level]]
        keys, parent_keys = KEYS[level], KEYS[PARENT[level]]
        rate = pl.col("score_rate")
        is_total = pl.col("_subj") == total_index
        totals = frame.filter(is_total).select(*keys, total_score_rate=rate)
        parent_rates = parent.select(*parent_keys, "_subj", parent_score_rate=rate)
        parent_totals = parent.filter(is_total).select(*parent_keys, parent_total_score_rate=rate)
        table = (
            frame.filter(~is_total)
            .join(parent_rates, on=[*parent_keys, "_subj"], how="left")
            .join(totals, on=keys, how="left")
            .join(parent_totals, on=parent_keys, how="left")
            .with_columns(
                contribution=(rate - pl.col("parent_score_rate"))
                - (pl.col("total_score_rate") - pl.col("parent_total_score_rate"))
            )
            .sort(*keys, "_subj")
        )
        parts.append(schema.conform(table, schema.CONTRIBUTION))
    return pl.concat(parts)
