from django.urls import path

from zhiliang.exams.views import analysis, entry, exams, files, people, slips

app_name = "exams"

urlpatterns = [
    path("", exams.exam_list, name="exam_list"),
    path("new/", exams.exam_create, name="exam_create"),
    path("<int:pk>/", exams.exam_detail, name="detail"),
    path("<int:pk>/settings/", exams.exam_edit, name="edit"),
    path("<int:pk>/status/", exams.exam_status, name="status"),
    path("<int:pk>/template.xlsx", exams.exam_template, name="template"),
    path("<int:pk>/edits/", exams.score_edits, name="edits"),
    path("<int:pk>/entry/<int:class_id>/", entry.score_entry, name="entry"),
    path("<int:pk>/entry/<int:class_id>/cell/", entry.score_cell, name="entry_cell"),
    path("<int:pk>/overview/", analysis.county_overview, name="overview"),
    path("<int:pk>/schools/<int:school_id>/", analysis.school_analysis, name="school"),
    path("<int:pk>/classes/<int:class_id>/", analysis.class_analysis, name="class"),
    path("<int:pk>/classes/<int:class_id>/slips/", slips.class_reports, name="class_reports"),
    path("<int:pk>/teachers/<int:teacher_id>/", people.teacher_analysis, name="teacher"),
    path("<int:pk>/students/<int:student_id>/", people.student_analysis, name="student"),
    path("<int:pk>/students/<int:student_id>/slip/", slips.student_report, name="student_report"),
    path("<int:pk>/export.xlsx", files.export, name="export"),
    path("<int:pk>/reports/", files.report_start, name="report_start"),
    path("reports/<int:report_id>/", files.report_status, name="report_status"),
    path("reports/<int:report_id>/download/", files.report_download, name="report_download"),
]
