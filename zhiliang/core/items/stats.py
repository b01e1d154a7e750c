"""Classical item analysis of one paper: difficulty, discrimination, item-total correlations, Cronbach's α.

Input is a matrix of points, one row per student and one column per item, with NaN where the student left
the item blank (omission). Omitted items count as 0 points in every total and statistic, as marking
systems score them; the omission rate is reported separately. Students who left *every* item blank are
treated as absent and left out before anything is computed (`absent` in the result).

Sources (every formula is also spelled out where it is computed):

* Crocker, L. & Algina, J. (1986). *Introduction to Classical and Modern Test Theory*. Holt, Rinehart and
  Winston: the chapters on reliability (coefficient α; the standard error of measurement σ_E = σ_X·√(1−ρ_XX'))
  and on item analysis (item difficulty p, the discrimination index D from upper and lower groups, item-total
  correlations and their correction for the item's own contribution to the total).
* Kelley, T. L. (1939). The selection of upper and lower groups for the validation of test items. *Journal
  of Educational Psychology* 30, 17–24: the upper and lower 27 %.
* Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests. *Psychometrika* 16, 297–334.
* Ebel, R. L. & Frisbie, D. A. (1991). *Essentials of Educational Measurement* (5th ed.), p. 232: the
  guidelines for D used by `flags.py`.

For polytomous items (worth more than one point) difficulty and D are divided by the item's max points, the
usual generalisation (教育测量学, e.g. 《教育统计与测量》): difficulty = mean / max, D = (mean_U − mean_L) / max,
which equal p and p_U − p_L for a one-point item.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from zhiliang.core.items.flags import (
    difficulty_band,
    discrimination_band,
    item_flags,
)
from zhiliang.core.items.model import ItemSpec

GROUP_SHARE = 0.27

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True)
class OptionShare:
    """Share of students choosing one option of a choice item: overall and in the upper/lower groups."""

    option: str  # a letter, or "" for a blank answer
    is_key: bool
    share: float
    share_upper: float
    share_lower: float


@dataclass(frozen=True)
class ItemStats:
    item: str
    kind: str
    max: float
    mean: float
    difficulty: float
    discrimination: float | None
    mean_upper: float | None
    mean_lower: float | None
    r_it: float | None
    r_it_corrected: float | None
    alpha_if_deleted: float | None
    omit_rate: float
    intended: float | None = None
    options: tuple[OptionShare, ...] = ()
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class TestStats:
    n: int
    items: int
    max_total: float
    mean: float
    sd: float
    alpha: float | None
    sem: float | None
    absent: int = 0
    upper_n: int = 0
    lower_n: int = 0
    upper_cut: float | None = None
    lower_cut: float | None = None
    observed_difficulty: float = 0.0
    intended_difficulty: float | None = None
    difficulty_bands: dict[str, int] = field(default_factory=dict)
    discrimination_bands: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ItemAnalysis:
    test: TestStats
    items: tuple[ItemStats, ...]
    upper: npt.NDArray[np.bool_]  # over the students analysed (absent ones removed)
    lower: npt.NDArray[np.bool_]
    present: npt.NDArray[np.bool_]  # over the rows given: False for absent students

    def as_json(self) -> dict[str, object]:
        """The `zhiliang items --json` contract."""
        t = self.test
        return {
            "test": {
                "n": t.n,
                "items": t.items,
                "max_total": t.max_total,
                "mean": t.mean,
                "sd": t.sd,
                "alpha": t.alpha,
                "sem": t.sem,
            },
            "items": [
                {
                    "item": s.item,
                    "max": s.max,
                    "mean": s.mean,
                    "difficulty": s.difficulty,
                    "discrimination": s.discrimination,
                    "r_it": s.r_it,
                    "r_it_corrected": s.r_it_corrected,
                    "alpha_if_deleted": s.alpha_if_deleted,
                    "omit_rate": s.omit_rate,
                }
                for s in self.items
            ],
        }


class ItemInputError(ValueError):
    """The matrix does not fit the items (shape, points outside 0…max)."""


def extreme_groups(
    totals: npt.NDArray[np.float64], share: float = GROUP_SHARE
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_], float | None, float | None]:
    """Upper and lower groups by total score (Kelley 1939: the top and bottom 27 %).

    The group size is g = round(share · n) (half up, at least 1). **Ties at the boundary**: every student
    whose total equals the g-th highest total joins the upper group (and likewise for the lower group), so
    two students with the same total are never split between "in" and "out"; a group may therefore hold
    more than 27 % of the students. When ties make the two groups meet or overlap (the g-th highest total is
    not above the g-th lowest, e.g. almost everybody has the same total) there are no distinct groups: both
    masks are empty and D is undefined (None).

    Returns (upper mask, lower mask, upper cut, lower cut): the cuts are the lowest total of the upper group
    and the highest total of the lower group.
    """
    n = totals.size
    empty = np.zeros(n, dtype=bool)
    if n < 2:
        return empty, empty, None, None
    g = max(1, math.floor(share * n + 0.5))
    ordered = np.sort(totals)
    upper_cut = float(ordered[n - g])
    lower_cut = float(ordered[g - 1])
    if upper_cut <= lower_cut:
        return empty, empty.copy(), None, None
    return totals >= upper_cut, totals <= lower_cut, upper_cut, lower_cut


def pearson(x: npt.NDArray[np.float64], y: npt.NDArray[np.float64]) -> float | None:
    """Pearson's r; None when either variable is constant (the correlation is undefined)."""
    dx, dy = x - x.mean(), y - y.mean()
    sxx, syy = float(dx @ dx), float(dy @ dy)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return float(dx @ dy) / math.sqrt(sxx * syy)


def cronbach_alpha(item_variances: npt.NDArray[np.float64], total_variance: float) -> float | None:
    """Coefficient α = k/(k−1) · (1 − Σσ²_i / σ²_X) (Cronbach 1951; Crocker & Algina 1986).

    Any variance convention works if it is the same for items and total (n or n−1 cancels). None for fewer
    than two items or a total without variance. α may be negative (items that are negatively related).
    """
    k = item_variances.size
    if k < 2 or total_variance <= 1e-12:
        return None
    return k / (k - 1) * (1 - float(item_variances.sum()) / total_variance)


def analyse_items(
    points: Matrix,
    items: Sequence[ItemSpec],
    answers: dict[int, Sequence[str | None]] | None = None,
) -> ItemAnalysis:
    """Analyse a paper. `points[s, i]`: points of student s on item i, NaN when left blank.

    `answers` holds, for choice items (by column index), the letters each student chose (None = blank), for
    the distractor analysis; it is aligned with the rows of `points`.
    """
    matrix = np.asarray(points, dtype=np.float64)
    if matrix.ndim != 2 or matrix.shape[1] != len(items):
        raise ItemInputError(f"expected a matrix with {len(items)} columns, got shape {matrix.shape}")
    maxima = np.array([item.max_points for item in items], dtype=np.float64)
    finite = np.nan_to_num(matrix, nan=0.0)
    if (finite < 0).any() or (finite > maxima + 1e-9).any():
        raise ItemInputError("points outside 0…max points")
    omitted_all = np.isnan(matrix)
    present: npt.NDArray[np.bool_] = (
        np.asarray(~omitted_all.all(axis=1), dtype=bool) if matrix.shape[1] else np.zeros(matrix.shape[0], dtype=bool)
    )
    x = finite[present]
    omitted = omitted_all[present]
    n, k = x.shape
    totals = x.sum(axis=1)
    upper, lower, upper_cut, lower_cut = extreme_groups(totals)

    # Variances with the n−1 convention; α and the correlations do not depend on it, the reported SD does.
    ddof = 1 if n > 1 else 0
    item_var = x.var(axis=0, ddof=ddof) if n else np.zeros(k)
    total_var = float(totals.var(ddof=ddof)) if n else 0.0
    alpha = cronbach_alpha(item_var, total_var)
    sd = math.sqrt(total_var)
    sem = sd * math.sqrt(1 - alpha) if alpha is not None and alpha <= 1 else None
    # Covariance of each item with the total: var(X − x_i) = σ²_X − 2·cov(x_i, X) + σ²_i gives α without
    # item i in O(n·k) instead of recomputing every total.
    centred = x - x.mean(axis=0) if n else x
    cov_total = (centred * (totals - totals.mean())[:, None]).sum(axis=0) / max(n - ddof, 1) if n else np.zeros(k)

    stats: list[ItemStats] = []
    for i, item in enumerate(items):
        column = x[:, i]
        mean = float(column.mean()) if n else 0.0
        has_groups = bool(upper.any() and lower.any())
        mean_u = float(column[upper].mean()) if has_groups else None
        mean_l = float(column[lower].mean()) if has_groups else None
        d = (mean_u - mean_l) / item.max_points if mean_u is not None and mean_l is not None else None
        rest = totals - column
        rest_var = total_var - 2 * float(cov_total[i]) + float(item_var[i])
        alpha_without = cronbach_alpha(np.delete(item_var, i), rest_var) if k > 2 else None
        options = _options(item, answers.get(i) if answers else None, present, upper, lower)
        difficulty = mean / item.max_points
        r_it = pearson(column, totals) if n > 1 else None
        r_corrected = pearson(column, rest) if n > 1 else None
        omit_rate = float(omitted[:, i].mean()) if n else 0.0
        stats.append(
            ItemStats(
                item=item.label,
                kind=str(item.kind),
                max=item.max_points,
                mean=mean,
                difficulty=difficulty,
                discrimination=d,
                mean_upper=mean_u,
                mean_lower=mean_l,
                r_it=r_it,
                r_it_corrected=r_corrected,
                alpha_if_deleted=alpha_without,
                omit_rate=omit_rate,
                intended=item.intended,
                options=options,
                flags=item_flags(
                    difficulty=difficulty,
                    discrimination=d,
                    r_it_corrected=r_corrected,
                    omit_rate=omit_rate,
                    options=options,
                    has_answers=bool(n),
                ),
            )
        )
    max_total = float(maxima.sum())
    intended = [(item.intended, item.max_points) for item in items if item.intended is not None]
    test = TestStats(
        n=n,
        items=k,
        max_total=max_total,
        mean=float(totals.mean()) if n else 0.0,
        sd=sd,
        alpha=alpha,
        sem=sem,
        absent=int((~present).sum()),
        upper_n=int(upper.sum()),
        lower_n=int(lower.sum()),
        upper_cut=upper_cut,
        lower_cut=lower_cut,
        observed_difficulty=float(totals.mean()) / max_total if n and max_total else 0.0,
        # The paper's intended difficulty: items' intended difficulties weighted by their points.
        intended_difficulty=sum(p * m for p, m in intended) / sum(m for _p, m in intended) if intended else None,
        difficulty_bands=_count(difficulty_band(s.difficulty) for s in stats),
        discrimination_bands=_count(discrimination_band(s.discrimination) for s in stats),
    )
    return ItemAnalysis(test=test, items=tuple(stats), upper=upper, lower=lower, present=present)


def _count(keys: object) -> dict[str, int]:
    counts: dict[str, int] = {}
    for key in keys:  # type: ignore[attr-defined]
        counts[key] = counts.get(key, 0) + 1
    return counts


def _options(
    item: ItemSpec,
    chosen: Sequence[str | None] | None,
    present: npt.NDArray[np.bool_],
    upper: npt.NDArray[np.bool_],
    lower: npt.NDArray[np.bool_],
) -> tuple[OptionShare, ...]:
    """Distractor analysis: the share choosing each option, overall and in the upper and lower groups.

    For a multiple-choice item each option is counted when it is among the letters chosen (shares need not
    add up to 1). Options are the letters of the key and every letter chosen, from A to the last one seen.
    """
    if not item.kind.is_choice or chosen is None:
        return ()
    answers = np.array([a or "" for a in chosen], dtype=object)[present]
    letters = set("".join(set(answers.tolist()))) | set(item.key)
    last = max(letters) if letters else "D"
    options = [chr(c) for c in range(ord("A"), max(ord(last), ord("D")) + 1)] + [""]
    n = answers.size
    # Each distinct answer ("B", "ACD", "") once, then every student by the index of their answer.
    distinct, index = np.unique(answers.astype(str), return_inverse=True)
    out = []
    for option in options:
        hit = np.array([(a == "" if option == "" else option in a) for a in distinct], dtype=bool)
        picked = hit[index] if n else np.zeros(0, dtype=bool)
        out.append(
            OptionShare(
                option=option,
                is_key=option != "" and option in item.key,
                share=float(picked.mean()) if n else 0.0,
                share_upper=float(picked[upper].mean()) if upper.any() else 0.0,
                share_lower=float(picked[lower].mean()) if lower.any() else 0.0,
            )
        )
    return tuple(out)
