"""A paper's item scores as a matrix and its analysis, computed once per paper version.

`paper_data(paper)` reads the paper's items and every student's item scores (two queries), builds the matrix
the core wants and runs `analyse_items` and `knowledge_mastery` over the whole paper population (for a
county exam, the county's grade): statistics of a paper are properties of the paper, like the county rows of
the exam analysis. Pages then cut units and students to the user's visibility (`access.py`).

Results are kept in a small in-process cache keyed by (paper id, version, creation time): any write bumps
the version.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl

from zhiliang.core.items import ItemAnalysis, ItemSpec, MasteryTables, analyse_items, knowledge_mastery
from zhiliang.exams.frames import class_label
from zhiliang.exams.models import Score, ScoreStatus
from zhiliang.items.models import ItemResponse, Paper
from zhiliang.items.services import item_specs, kp_items

CACHE_SIZE = 8
_cache: OrderedDict[tuple[int, int, str], PaperData] = OrderedDict()
_lock = threading.Lock()


@dataclass(frozen=True)
class PaperData:
    paper: Paper
    specs: list[ItemSpec]
    students: pl.DataFrame  # pk, student, name, school, school_id, class, class_id, total, subject_score
    points: npt.NDArray[np.float64]
    analysis: ItemAnalysis
    mastery: MasteryTables

    @property
    def mismatches(self) -> pl.DataFrame:
        """Students whose item points do not add up to their subject score (already imported)."""
        return self.students.filter(
            pl.col("subject_score").is_not_null() & ((pl.col("total") - pl.col("subject_score")).abs() > 1e-6)
        )


def _load(paper: Paper) -> PaperData:
    specs = item_specs(paper)
    rows = list(
        ItemResponse.objects.filter(paper=paper)
        .order_by("student__student_number")
        .values_list(
            "student_id",
            "student__student_number",
            "student__name",
            "school_class__school__name",
            "school_class__school_id",
            "school_class__name",
            "school_class__grade",
            "school_class__number",
            "school_class_id",
            "points",
            "answers",
        )
    )
    k = len(specs)
    nan = float("nan")
    # One list per student, padded to the paper's items, None → NaN; numpy converts the whole list at once.
    matrix = np.array(
        [[nan if v is None else v for v in (row[9] + [None] * k)[:k]] for row in rows], dtype=np.float64
    ).reshape(len(rows), k)
    answers: dict[int, list[str | None]] = {
        i: [None] * len(rows) for i, spec in enumerate(specs) if spec.kind.is_choice
    }
    for r, row in enumerate(rows):
        for position, letters in (row[10] or {}).items():
            if int(position) in answers:
                answers[int(position)][r] = letters
    scores = dict(
        Score.objects.filter(exam_subject_id=paper.exam_subject_id, status=ScoreStatus.SCORED).values_list(
            "student_id", "score"
        )
    )
    students = pl.DataFrame(
        {
            "pk": [row[0] for row in rows],
            "student": [row[1] for row in rows],
            "name": [row[2] for row in rows],
            "school": [row[3] for row in rows],
            "school_id": [row[4] for row in rows],
            "class": [class_label(row[5], row[6], row[7]) for row in rows],
            "class_id": [row[8] for row in rows],
            "total": np.nan_to_num(matrix, nan=0.0).sum(axis=1) if rows else [],
            "subject_score": [float(scores[row[0]]) if scores.get(row[0]) is not None else None for row in rows],
        },
        schema={
            "pk": pl.Int64,
            "student": pl.String,
            "name": pl.String,
            "school": pl.String,
            "school_id": pl.Int64,
            "class": pl.String,
            "class_id": pl.Int64,
            "total": pl.Float64,
            "subject_score": pl.Float64,
        },
    )
    analysis = analyse_items(matrix, specs, answers)
    # Students who left every item blank are absent (as in the analysis): no mastery for them.
    present = analysis.present
    mastery = knowledge_mastery(
        matrix[present], [s.max_points for s in specs], kp_items(specs), students.filter(pl.Series(present))
    )
    return PaperData(paper, specs, students, matrix, analysis, mastery)


def paper_data(paper: Paper) -> PaperData:
    # created_at too: a rolled-back test database (or a deleted paper) may hand the same id out again.
    key = (paper.pk, paper.version, paper.created_at.isoformat())
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    data = _load(paper)
    with _lock:
        _cache[key] = data
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return data


def unit_difficulty(data: PaperData, mask: npt.NDArray[np.bool_]) -> list[float | None]:
    """Each item's difficulty (mean / max points) among the students selected by `mask`."""
    if not mask.any():
        return [None] * len(data.specs)
    x = np.nan_to_num(data.points[mask], nan=0.0)
    return [float(x[:, i].mean()) / spec.max_points for i, spec in enumerate(data.specs)]
