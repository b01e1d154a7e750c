"""What the placement pages show: the classes side by side against the serpentine draft, the chart data, the
students of each class, the broken hard constraints, and the class numbers and head teachers of the draw."""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from zhiliang.core.placement import ClassStats, IntakeStudent, Placement, Quality, violation_message
from zhiliang.core.placement.stats import score_bands
from zhiliang.org.models import grade_name
from zhiliang.placement.models import PlacementRun
from zhiliang.placement.selectors import current_placement, current_violations, draft_placement, intake_students


@dataclass
class ClassCard:
    group: int  # the class as the optimiser numbered it
    number: int  # its class number after the draw (the same without a draw)
    label: str
    head_teacher: str
    stats: ClassStats
    draft: ClassStats
    students: list[dict[str, Any]] = field(default_factory=list)


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def class_numbers(run: PlacementRun) -> dict[int, int]:
    drawn = run.draw.get("class_of_group") or {}
    return {group: int(drawn.get(str(group), group)) for group in range(1, run.classes + 1)}


def head_teachers(run: PlacementRun) -> dict[int, str]:
    """Class number → head teacher's name, from the draw."""
    names = run.draw.get("teacher_names") or {}
    return {int(number): names.get(staff, staff) for number, staff in (run.draw.get("teacher_of_class") or {}).items()}


def comparison_rows(mine: Quality, draft: Quality) -> list[tuple[str, str, str]]:
    """(figure, spread now, spread of the serpentine draft): max − min across classes."""
    return [
        (_("Mean score"), _fmt(mine.mean_spread), _fmt(draft.mean_spread)),
        (_("Standard deviation"), _fmt(mine.sd_spread), _fmt(draft.sd_spread)),
        (_("Class size"), str(mine.size_spread), str(draft.size_spread)),
        (_("Boys"), str(mine.male_spread), str(draft.male_spread)),
        (_("Girls"), str(mine.female_spread), str(draft.female_spread)),
        (_("Special needs"), str(mine.special_needs_spread), str(draft.special_needs_spread)),
        (_("Left-behind"), str(mine.left_behind_spread), str(draft.left_behind_spread)),
        (_("Students per score band"), str(mine.band_spread), str(draft.band_spread)),
        (_("Students per primary school"), str(mine.feeder_spread), str(draft.feeder_spread)),
        (_("Students per birth quarter"), str(mine.birth_spread), str(draft.birth_spread)),
    ]


def _student_rows(
    students: list[IntakeStudent], run: PlacementRun, bands: dict[str, int]
) -> dict[int, list[dict[str, Any]]]:
    moved = {move["student_id"] for move in run.moves}
    rows: dict[int, list[dict[str, Any]]] = {group: [] for group in range(1, run.classes + 1)}
    for student in sorted(students, key=lambda s: (s.sex != "M", s.student_id)):
        group = int(run.assignment[student.student_id])
        rows[group].append(
            {
                "id": student.student_id,
                "name": student.name,
                "sex": _("M") if student.sex == "M" else _("F"),
                "band": bands[student.student_id] + 1 if student.student_id in bands else None,
                "special_needs": student.special_needs,
                "left_behind": student.left_behind,
                "feeder": student.feeder_school or "",
                "sibling": student.sibling_group or "",
                "together": student.together_group or "",
                "fixed": student.fixed_class,
                "moved": student.student_id in moved,
            }
        )
    return rows


def board(run: PlacementRun, lang: str) -> dict[str, Any]:
    """The context of `_board.html` for a placed (or confirmed) run."""
    students = intake_students(run)
    placement: Placement = current_placement(run, students)
    draft: Placement = draft_placement(run, students)
    numbers = class_numbers(run)
    teachers = head_teachers(run)
    rows = _student_rows(students, run, score_bands(students, run.bands))
    cards = [
        ClassCard(
            group=stats.number,
            number=numbers[stats.number],
            label=f"{grade_name(run.grade)}({numbers[stats.number]})班",
            head_teacher=teachers.get(numbers[stats.number], ""),
            stats=stats,
            draft=draft_stats,
            students=rows[stats.number],
        )
        for stats, draft_stats in zip(placement.classes, draft.classes, strict=True)
    ]
    cards.sort(key=lambda card: card.number)  # in class-number order once lots are drawn
    broken = current_violations(run, students)
    has_scores = any(s.score is not None for s in students)
    chart = {
        "labels": [card.label for card in cards],
        "series": [_("This placement"), _("Serpentine draft")],
        "mine": [None if c.stats.mean is None else round(c.stats.mean, 2) for c in cards],
        "draft": [None if c.draft.mean is None else round(c.draft.mean, 2) for c in cards],
        "y_name": _("Mean entry score"),
    }
    return {
        "run": run,
        "cards": cards,
        "quality": placement.quality,
        "comparison": comparison_rows(placement.quality, draft.quality),
        "violations": [violation_message(v, lang) for v in broken],
        "has_scores": has_scores,
        "chart": chart if has_scores else None,
        "band_rows": [(band + 1, [card.stats.bands[band] for card in cards]) for band in range(run.bands)],
        "student_count": len(students),
        "move_options": [(card.group, card.label) for card in cards],
    }
