"""Writes of student support: evaluating the rules after exams, confirming, planning, logging, reviewing, exiting.

Keyword-only `<entity>_<action>` functions; each validates, then writes inside `transaction.atomic`. Access is
checked by the views (`access.py`) before they are called.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from zhiliang.core.support import Candidate as CoreCandidate
from zhiliang.core.support import IdentificationRules, OutcomePoint, identify, outcome_between
from zhiliang.exams.analysis import class_label
from zhiliang.exams.models import Exam
from zhiliang.org.models import County, SchoolClass
from zhiliang.people.models import ClassMembership, Student, Teacher
from zhiliang.support.models import (
    Candidate,
    CandidateSource,
    CandidateStatus,
    CaseStatus,
    Cause,
    Intervention,
    InterventionKind,
    OutcomeReview,
    SupportCase,
    SupportRules,
)
from zhiliang.support.standing import class_exams, exam_order, main_subjects, school_cohort, student_standings

NO_REASON = gettext_noop("A nomination needs a reason.")
NOT_PENDING = gettext_noop("This candidate has already been decided.")
ALREADY_OPEN = gettext_noop("This student already has an open support case.")
BAD_MINUTES = gettext_noop("Minutes must be between 1 and 600.")
EXIT_BEFORE_OPENING = gettext_noop("The exit date cannot be before the case was opened.")
FUTURE_DATE = gettext_noop("The date cannot be in the future.")
UNKNOWN_KIND = gettext_noop("Unknown kind.")


def rules_for(county: County | int) -> SupportRules:
    county_id = county if isinstance(county, int) else county.pk
    rules, _created = SupportRules.objects.get_or_create(county_id=county_id)
    return rules


def core_rules(rules: SupportRules) -> IdentificationRules:
    return IdentificationRules(
        min_low_subjects=rules.min_low_subjects,
        bottom_share=float(rules.bottom_share),
        consecutive_exams=rules.consecutive_exams,
        main_subjects=main_subjects() or IdentificationRules().main_subjects,
    )


def _evidence_json(candidate: CoreCandidate) -> list[dict[str, Any]]:
    return [
        {
            "exam_id": item.exam_id,
            "exam": item.label,
            "low_subjects": list(item.low_subjects),
            "bottom_position": item.bottom_position,
            "group_size": item.group_size,
            "bottom_cut": item.bottom_cut,
            "in_bottom": item.in_bottom,
        }
        for item in candidate.evidence
    ]


def class_candidates_evaluate(
    *,
    school_class: SchoolClass,
    upto: Exam | None = None,
    chain: list[tuple[Exam, int]] | None = None,
    frames: dict[Any, Any] | None = None,
) -> list[Candidate]:
    """Evaluate the county's rules on the class's latest exams (up to `upto`); new candidates are stored as pending.

    Idempotent: a student is proposed at most once per exam, and never while they have an open case. Run
    whenever the class's support page opens, so candidates appear after every published exam.
    """
    rules = core_rules(rules_for(school_class.school.county_id))
    chain = class_exams(school_class) if chain is None else chain
    if upto is not None:
        chain = [pair for pair in chain if exam_order(pair[0]) <= exam_order(upto)]
    exams = chain[-rules.consecutive_exams :]
    if len(exams) < rules.consecutive_exams:
        return []
    latest = exams[-1][0]
    members = dict(
        ClassMembership.objects.filter(school_class=school_class, left_on__isnull=True).values_list(
            "student__student_number", "student_id"
        )
    )
    if not members:
        return []
    cohorts = [
        school_cohort(exam, grade, school_class.school.name, rules.main_subjects, frames=frames)
        for exam, grade in exams
    ]
    found = identify(cohorts, rules, among=list(members))
    open_cases = set(
        SupportCase.objects.filter(student_id__in=members.values(), status=CaseStatus.ACTIVE).values_list(
            "student_id", flat=True
        )
    )
    seen = set(
        Candidate.objects.filter(
            exam=latest, source=CandidateSource.RULES, student_id__in=members.values()
        ).values_list("student_id", flat=True)
    )
    new = [
        Candidate(
            student_id=members[item.student_id],
            school_class=school_class,
            exam=latest,
            source=CandidateSource.RULES,
            evidence=_evidence_json(item),
        )
        for item in found
        if members[item.student_id] not in open_cases | seen
    ]
    with transaction.atomic():
        Candidate.objects.bulk_create(new, ignore_conflicts=True)
    return new


def candidate_nominate(*, actor: Any, student: Student, school_class: SchoolClass, reason: str) -> Candidate:
    reason = reason.strip()
    if not reason:
        raise ValidationError(_(NO_REASON))
    with transaction.atomic():
        return Candidate.objects.create(
            student=student,
            school_class=school_class,
            source=CandidateSource.NOMINATION,
            reason=reason,
            nominated_by=actor,
        )


def candidate_confirm(
    *, actor: Any, candidate: Candidate, on: datetime.date | None = None, note: str = ""
) -> SupportCase:
    """Confirm a candidate: open the student's support case (the candidate's exam is the baseline)."""
    with transaction.atomic():
        candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
        if candidate.status != CandidateStatus.PENDING:
            raise ValidationError(_(NOT_PENDING))
        if SupportCase.objects.filter(student_id=candidate.student_id, status=CaseStatus.ACTIVE).exists():
            raise ValidationError(_(ALREADY_OPEN))
        candidate.status = CandidateStatus.CONFIRMED
        candidate.decided_by = actor
        candidate.decided_at = timezone.now()
        candidate.decision_note = note.strip()[:300]
        candidate.save()
        baseline = candidate.exam
        if baseline is None:
            standings = student_standings(candidate.student.student_number, candidate.student_id, main_subjects())
            baseline = standings[-1].exam if standings else None
        return SupportCase.objects.create(
            student_id=candidate.student_id,
            candidate=candidate,
            opened_class_id=candidate.school_class_id,
            opened_on=on or timezone.localdate(),
            opened_by=actor,
            baseline_exam=baseline,
        )


def candidate_dismiss(*, actor: Any, candidate: Candidate, note: str = "") -> Candidate:
    with transaction.atomic():
        candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
        if candidate.status != CandidateStatus.PENDING:
            raise ValidationError(_(NOT_PENDING))
        candidate.status = CandidateStatus.DISMISSED
        candidate.decided_by = actor
        candidate.decided_at = timezone.now()
        candidate.decision_note = note.strip()[:300]
        candidate.save()
        return candidate


def case_plan_update(
    *,
    case: SupportCase,
    causes: Sequence[str],
    strengths: str,
    goals: str,
    mentor: Teacher | None,
) -> SupportCase:
    valid = set(Cause.values)
    case.causes = [cause for cause in Cause.values if cause in set(causes) & valid]
    case.strengths = strengths.strip()
    case.goals = goals.strip()
    case.mentor = mentor
    with transaction.atomic():
        case.save()
    return case


def intervention_log(
    *,
    actor: Any,
    case: SupportCase,
    date: datetime.date,
    kind: str,
    minutes: int,
    notes: str = "",
    teacher: Teacher | None = None,
) -> Intervention:
    if kind not in InterventionKind.values:
        raise ValidationError({"kind": _(UNKNOWN_KIND)})
    if not 1 <= minutes <= 600:
        raise ValidationError({"minutes": _(BAD_MINUTES)})
    if date > timezone.localdate():
        raise ValidationError({"date": _(FUTURE_DATE)})
    with transaction.atomic():
        return Intervention.objects.create(
            case=case, date=date, kind=kind, minutes=minutes, notes=notes.strip(), teacher=teacher, recorded_by=actor
        )


def reference_date(county_id: int) -> datetime.date:
    """The day "idle" is counted back from: today, or the last day of teaching (the end of the current school
    year's last term) once that is over — holidays do not make every case idle."""
    from zhiliang.org.models import Term

    today = timezone.localdate()
    end = (
        Term.objects.filter(school_year__county_id=county_id, school_year__is_current=True)
        .order_by("-end_date")
        .values_list("end_date", flat=True)
        .first()
    )
    return min(today, end) if end else today


def case_reviews_refresh(
    *, case: SupportCase, margin: float | None = None, frames: dict[Any, Any] | None = None
) -> list[OutcomeReview]:
    """One review per exam after the baseline the student sat, with its outcome against the baseline.

    Outcomes are recomputed (scores can be corrected after publication); teachers' notes are kept.
    """
    subjects = main_subjects()
    standings = student_standings(case.student.student_number, case.student_id, subjects, frames=frames)
    if margin is None:
        margin = float(rules_for(case.student.county_id).improve_margin)
    index = next((i for i, s in enumerate(standings) if s.exam.pk == case.baseline_exam_id), None)
    if index is None:
        return list(case.reviews.select_related("exam"))
    baseline: OutcomePoint = standings[index].point
    existing = {review.exam_id: review for review in case.reviews.all()}
    with transaction.atomic():
        for standing in standings[index + 1 :]:
            outcome = outcome_between(baseline, standing.point, margin=margin)
            percentile = None if standing.point.percentile is None else round(standing.point.percentile, 1)
            review = existing.get(standing.exam.pk)
            if review is None:
                OutcomeReview.objects.create(
                    case=case,
                    exam=standing.exam,
                    outcome=outcome,
                    percentile=percentile,
                    low_subjects=list(standing.low_subjects),
                )
            elif review.outcome != outcome or review.low_subjects != list(standing.low_subjects):
                review.outcome = outcome
                review.percentile = percentile
                review.low_subjects = list(standing.low_subjects)
                review.save(update_fields=["outcome", "percentile", "low_subjects"])
    return list(case.reviews.select_related("exam"))


def review_note(*, actor: Any, review: OutcomeReview, note: str) -> OutcomeReview:
    review.note = note.strip()
    review.reviewed_by = actor
    review.reviewed_at = timezone.now()
    with transaction.atomic():
        review.save(update_fields=["note", "reviewed_by", "reviewed_at"])
    return review


def case_exit(*, case: SupportCase, on: datetime.date, note: str) -> SupportCase:
    """Close the case: the goals are met (转化)."""
    if on < case.opened_on:
        raise ValidationError({"on": _(EXIT_BEFORE_OPENING)})
    if on > timezone.localdate():
        raise ValidationError({"on": _(FUTURE_DATE)})
    case.status = CaseStatus.EXITED
    case.exited_on = on
    case.exit_note = note.strip()
    with transaction.atomic():
        case.save()
    return case


def class_label_of(school_class: SchoolClass) -> str:
    return class_label(school_class.name, school_class.grade, school_class.number)
