"""How balanced the units of a grade are (均衡): dispersion of class means within a school and of school
means within the county and within each education group, per subject.

For the n units (classes or schools) of one container that had students sit the subject, with unit means
x_i and numbers who sat p_i:

- ``mean_of_means`` = (1/n) sum x_i; ``sd`` = sqrt((1/n) sum (x_i - mean_of_means)^2), the *population*
  SD (ddof=0): the units are all the classes/schools there are, not a sample;
- ``cv`` = sd / mean_of_means, the coefficient of variation (离散系数/差异系数; Pearson's relative
  dispersion), each unit weighted equally;
- ``cv_weighted``: the same with units weighted by p_i as in the county balance formula of
  教督〔2017〕6号 (x̄ = sum p_i x_i / P, S = sqrt(sum (p_i / P)(x_i - x̄)^2), CV = S / x̄), so a class of 20
  weighs less than a class of 50; x̄ is then exactly the container's own mean;
- ``range`` = max - min of the unit means.

CVs are null when fewer than two units sat or the mean is 0. Smaller is more balanced.
"""

from __future__ import annotations

import polars as pl

from zhiliang.core.analytics import schema
from zhiliang.core.analytics.summary import KEYS

# container level -> (unit level, container keys)
CONTAINERS: dict[str, tuple[str, list[str]]] = {
    "school": ("class", KEYS["school"]),
    "group": ("school", KEYS["group"]),
    "county": ("school", KEYS["county"]),
}


def balance_table(levels: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """CV tables for every container present in ``levels`` (the summary's internal frames)."""
    parts = []
    labels = {"county": ["grade"], "group": ["grade", "group"], "school": ["grade", "group", "school"]}
    for container, (unit, keys) in CONTAINERS.items():
        if container not in levels or unit not in levels:
            continue
        units = levels[unit].filter(pl.col("sat") > 0)
        if container == "group":
            units = units.filter(pl.col("_pi").is_not_null())
        x, p = pl.col("mean"), pl.col("sat")
        weighted_mean = (x * p).sum() / p.sum()
        table = (
            units.group_by(*keys, "_subj")
            .agg(
                *(pl.col(c).first() for c in labels[container]),
                pl.col("subject").first(),
                units=pl.len().cast(pl.Int64),
                mean_of_means=x.mean(),
                sd=x.std(ddof=0),
                _weighted_mean=weighted_mean,
                _weighted_sd=(((x - weighted_mean) ** 2 * p).sum() / p.sum()).sqrt(),
                max_mean=x.max(),
                min_mean=x.min(),
            )
            .with_columns(
                level=pl.lit(container),
                unit=pl.lit(unit),
                range=pl.col("max_mean") - pl.col("min_mean"),
                cv=_cv(pl.col("sd"), pl.col("mean_of_means")),
                cv_weighted=_cv(pl.col("_weighted_sd"), pl.col("_weighted_mean")),
            )
            .sort(*keys, "_subj")
        )
        parts.append(schema.conform(table, schema.BALANCE))
    return pl.concat(parts) if parts else schema.empty(schema.BALANCE)


def _cv(sd: pl.Expr, mean: pl.Expr) -> pl.Expr:
    return pl.when((pl.col("units") >= 2) & (mean != 0)).then(sd / mean)
