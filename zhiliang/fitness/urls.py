from django.urls import path

from zhiliang.fitness.views import entry, files, pages

app_name = "fitness"

urlpatterns = [
    path("", pages.index, name="index"),
    path("county/", pages.county, name="county"),
    path("schools/<int:school_id>/", pages.school, name="school"),
    path("schools/<int:school_id>/national.xlsx", files.national_export, name="national_export"),
    path("classes/<int:class_id>/", pages.class_page, name="class"),
    path("classes/<int:class_id>/entry/", entry.entry, name="entry"),
    path("classes/<int:class_id>/entry/cell/", entry.entry_cell, name="entry_cell"),
    path("students/<int:student_id>/", pages.student, name="student"),
    path("template.xlsx", files.template, name="template"),
]
