"""Students and teachers: the people of the student growth database.

A student keeps one identity (`Student`) for life in the county, identified by the national student number
(学籍号). Where the student is each year is a `ClassMembership`; what happened to the enrolment (transfer,
repeat, suspension, dropout) is an `EnrollmentEvent`. Together they let growth be followed from entry to exit
across classes, years and schools.

ID card numbers (身份证号) are stored encrypted (`id_number_encrypted`), with a keyed digest for matching
duplicates and a masked copy for display; only roles allowed to reveal them can decrypt (see
`zhiliang/people/idcards.py` and `docs/roles.md`), and every reveal is audited.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    MALE = "M", _("男")
    FEMALE = "F", _("女")


class StudentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("在读")
    SUSPENDED = "suspended", _("休学")
    TRANSFERRED_OUT = "transferred_out", _("转出")
    DROPPED_OUT = "dropped_out", _("辍学")
    GRADUATED = "graduated", _("毕业")


class Student(models.Model):
    county = models.ForeignKey("org.County", on_delete=models.PROTECT, related_name="students")
    student_number = models.CharField(_("national student number (学籍号)"), max_length=32)
    name = models.CharField(_("name"), max_length=50)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    # GB 3304 two-digit code (01 汉族 …), needed by the national fitness data upload (docs/fitness.md).
    ethnic_code = models.CharField(_("ethnic group code (民族代码)"), max_length=2, blank=True, default="")
    id_number_encrypted = models.TextField(_("ID number (encrypted)"), blank=True, editable=False)
    id_number_digest = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    id_number_masked = models.CharField(_("ID number"), max_length=20, blank=True, editable=False)
    school = models.ForeignKey(
        "org.School",
        on_delete=models.PROTECT,
        related_name="students",
        verbose_name=_("current school"),
        help_text=_("The school that holds the student's record now (kept by enrolment services)."),
    )
    status = models.CharField(_("status"), max_length=20, choices=StudentStatus.choices, default=StudentStatus.ENROLLED)
    entry_date = models.DateField(_("entry date"), null=True, blank=True)
    exit_date = models.DateField(_("exit date"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("student")
        verbose_name_plural = _("students")
        ordering = ["student_number"]
        constraints = [
            models.UniqueConstraint(fields=["county", "student_number"], name="student_number_unique_in_county"),
            models.UniqueConstraint(
                fields=["county", "id_number_digest"],
                condition=~Q(id_number_digest=""),
                name="student_id_number_unique_in_county",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.student_number}）"


class ClassMembership(models.Model):
    """A student's place in a class for one school year (one class per student per year)."""

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="memberships")
    school_class = models.ForeignKey("org.SchoolClass", on_delete=models.PROTECT, related_name="memberships")
    school_year = models.ForeignKey("org.SchoolYear", on_delete=models.PROTECT, related_name="+")
    seat_number = models.PositiveSmallIntegerField(_("number in class (学号)"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        verbose_name = _("class membership")
        verbose_name_plural = _("class memberships")
        constraints = [
            models.UniqueConstraint(fields=["student", "school_year"], name="one_class_per_student_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.student} @ {self.school_class}"


class EnrollmentEventKind(models.TextChoices):
    ENROL = "enrol", _("入学")
    TRANSFER_IN = "transfer_in", _("转入")
    TRANSFER_OUT = "transfer_out", _("转出")
    REPEAT = "repeat", _("留级")
    SUSPEND = "suspend", _("休学")
    RESUME = "resume", _("复学")
    DROPOUT = "dropout", _("辍学")
    GRADUATE = "graduate", _("毕业")
    PROMOTE = "promote", _("升级")


class EnrollmentEvent(models.Model):
    """One change in a student's enrolment, with date and reason: the student's history is these events."""

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=EnrollmentEventKind.choices)
    date = models.DateField(_("date"))
    school = models.ForeignKey("org.School", on_delete=models.PROTECT, related_name="+", verbose_name=_("school"))
    school_class = models.ForeignKey(
        "org.SchoolClass", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    other_school = models.CharField(
        _("other school"), max_length=100, blank=True, help_text=_("Where from (转入) or where to (转出).")
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("enrolment event")
        verbose_name_plural = _("enrolment events")
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"


class Education(models.TextChoices):
    DOCTORATE = "doctorate", _("博士研究生")
    MASTER = "master", _("硕士研究生")
    BACHELOR = "bachelor", _("本科")
    JUNIOR_COLLEGE = "junior_college", _("专科")
    SECONDARY = "secondary", _("中专/高中")
    OTHER = "other", _("其他")


class Title(models.TextChoices):
    NONE = "none", _("未定级")
    THIRD = "third", _("三级教师")
    SECOND = "second", _("二级教师")
    FIRST = "first", _("一级教师")
    SENIOR = "senior", _("高级教师")
    PROFESSOR = "professor", _("正高级教师")


class BackboneLevel(models.TextChoices):
    NONE = "", _("无")
    COUNTY = "county", _("县级骨干")
    CITY = "city", _("市级骨干")
    PROVINCE = "province", _("省级骨干")


class GrowthStage(models.TextChoices):
    QUALIFIED = "qualified", _("达标教师")
    BACKBONE = "backbone", _("骨干教师")
    LEADER = "leader", _("学科带头人")
    MASTER = "master", _("教学名师")
    EXPERT = "expert", _("专家型教师")


class Teacher(models.Model):
    county = models.ForeignKey("org.County", on_delete=models.PROTECT, related_name="teachers")
    school = models.ForeignKey("org.School", on_delete=models.PROTECT, related_name="teachers")
    staff_number = models.CharField(_("staff number"), max_length=32)
    name = models.CharField(_("name"), max_length=50)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    education = models.CharField(_("education (学历)"), max_length=20, choices=Education.choices, blank=True)
    title = models.CharField(_("professional title (职称)"), max_length=20, choices=Title.choices, default=Title.NONE)
    backbone_level = models.CharField(
        _("backbone level"), max_length=20, choices=BackboneLevel.choices, blank=True, default=""
    )
    growth_stage = models.CharField(
        _("growth stage"), max_length=20, choices=GrowthStage.choices, default=GrowthStage.QUALIFIED
    )
    is_pe_arts_specialist = models.BooleanField(_("PE/arts specialist"), default=False)
    subjects = models.ManyToManyField("curriculum.Subject", blank=True, related_name="teachers")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="teacher"
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("teacher")
        verbose_name_plural = _("teachers")
        ordering = ["staff_number"]
        constraints = [models.UniqueConstraint(fields=["county", "staff_number"], name="staff_number_unique_in_county")]

    def __str__(self) -> str:
        return self.name


class TeachingAssignment(models.Model):
    """Who teaches a subject to a class in a term (teacher × class × subject × term).

    One teacher per class, subject and term, so every result can be attributed to exactly one teacher.
    """

    teacher = models.ForeignKey(Teacher, on_delete=models.PROTECT, related_name="assignments")
    school_class = models.ForeignKey("org.SchoolClass", on_delete=models.CASCADE, related_name="assignments")
    subject = models.ForeignKey("curriculum.Subject", on_delete=models.PROTECT, related_name="assignments")
    term = models.ForeignKey("org.Term", on_delete=models.PROTECT, related_name="assignments")

    class Meta:
        verbose_name = _("teaching assignment")
        verbose_name_plural = _("teaching assignments")
        constraints = [
            models.UniqueConstraint(fields=["school_class", "subject", "term"], name="one_teacher_per_class_subject")
        ]

    def __str__(self) -> str:
        return f"{self.teacher} · {self.school_class} · {self.subject}"
