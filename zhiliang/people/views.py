"""Students and teachers: lists with live filters, detail pages, and the audited ID-number reveal."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from zhiliang.accounts.scoping import (
    can_manage_school,
    can_reveal_id_number,
    get_for_user,
    visible_classes,
    visible_schools,
    visible_students,
    visible_teachers,
)
from zhiliang.audit.models import AuditAction
from zhiliang.audit.services import audit_record
from zhiliang.org.models import SchoolClass
from zhiliang.org.selectors import classes_with_size, current_classes
from zhiliang.people.forms import StudentFilterForm, TeacherFilterForm
from zhiliang.people.idcards import reveal_id_number
from zhiliang.people.models import Student, Teacher, TeachingAssignment
from zhiliang.people.selectors import (
    student_history,
    students_filtered,
    students_for_list,
    taught_classes,
    teachers_filtered,
    teachers_for_list,
)
from zhiliang.web.access import require_any_role
from zhiliang.web.htmx import render_page_or_fragment

PAGE_SIZE = 50
# Without a school chosen, the class filter lists every visible class only when there are few of them.
CLASS_CHOICES_WITHOUT_SCHOOL = 60


@login_required
def student_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user)
    schools = visible_schools(request.user)
    classes = current_classes(visible_classes(request.user))
    school_id = request.GET.get("school", "")
    choose_school_first = False
    if school_id.isdigit():
        class_choices = classes.filter(school_id=int(school_id))
    elif classes.count() <= CLASS_CHOICES_WITHOUT_SCHOOL:
        class_choices = classes
    else:
        class_choices, choose_school_first = SchoolClass.objects.none(), True
    form = StudentFilterForm(
        request.GET,
        url=reverse("people:student_list"),
        schools=schools,
        classes=class_choices,
        container_id="student-search",
    )
    students = students_filtered(visible_students(request.user), **form.filters())
    listed = students_for_list(students).order_by("school__code", "student_number")
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    return render_page_or_fragment(
        request,
        page="people/student_list.html",
        fragment="people/_students_fragment.html",
        target_id="student-results",
        context={"form": form, "page": page, "choose_school_first": choose_school_first},
    )


def _student_context(request: HttpRequest, student: Student) -> dict[str, object]:
    memberships, events = student_history(student)
    class_ids = [m.school_class_id for m in memberships]
    linkable = set(visible_classes(request.user).filter(pk__in=class_ids).values_list("pk", flat=True))
    return {
        "student": student,
        "memberships": memberships,
        "events": events,
        "linkable_classes": linkable,
        "can_reveal": bool(student.id_number_encrypted) and can_reveal_id_number(request.user, student),
        # Transfers, suspensions and the like are recorded by the school's leadership (rosters app).
        "can_manage": can_manage_school(request.user, student.school),
    }


@login_required
def student_detail(request: HttpRequest, pk: int) -> HttpResponse:
    student = get_for_user(visible_students(request.user).select_related("school"), pk=pk)
    return render(request, "people/student_detail.html", _student_context(request, student))


@never_cache
@login_required
@require_POST
def student_reveal_id(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a student's full ID number once, to those allowed, and record that it was seen."""
    student = get_for_user(visible_students(request.user).select_related("school"), pk=pk)
    if not student.id_number_encrypted or not can_reveal_id_number(request.user, student):
        raise Http404
    number = reveal_id_number(student.id_number_encrypted)
    audit_record(actor=request.user, action=AuditAction.ID_REVEAL, target=student)
    if getattr(request, "htmx", False):
        return render(request, "people/_id_number_fragment.html", {"student": student, "revealed": number})
    return render(request, "people/student_detail.html", {**_student_context(request, student), "revealed": number})


@login_required
def teacher_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user)
    form = TeacherFilterForm(request.GET, url=reverse("people:teacher_list"), schools=visible_schools(request.user))
    teachers = teachers_filtered(visible_teachers(request.user), **form.filters())
    listed = teachers_for_list(teachers).order_by("school__code", "staff_number")
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    return render_page_or_fragment(
        request,
        page="people/teacher_list.html",
        fragment="people/_teachers_fragment.html",
        target_id="teacher-results",
        context={"form": form, "page": page},
    )


@login_required
def teacher_detail(request: HttpRequest, pk: int) -> HttpResponse:
    teacher: Teacher = get_for_user(visible_teachers(request.user).select_related("school"), pk=pk)
    classes = visible_classes(request.user)
    assignments = TeachingAssignment.objects.filter(teacher=teacher, school_class__in=classes)
    head_classes = classes_with_size(classes.filter(head_teacher=teacher)).order_by(
        "-school_year__start_year", "school__code", "grade", "number"
    )
    return render(
        request,
        "people/teacher_detail.html",
        {
            "teacher": teacher,
            "subjects": list(teacher.subjects.all()),
            "current": taught_classes(assignments.filter(term__school_year__is_current=True)),
            "earlier": taught_classes(assignments.filter(~Q(term__school_year__is_current=True))),
            "head_classes": list(head_classes),
        },
    )
