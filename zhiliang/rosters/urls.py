from django.urls import path

from zhiliang.rosters import views

app_name = "rosters"

urlpatterns = [
    path("", views.index, name="index"),
    path("templates/<slug:kind>.xlsx", views.template, name="template"),
    path("exports/<slug:kind>.xlsx", views.export, name="export"),
    path("exports/students-with-id-numbers/", views.export_students_with_ids, name="export_students_with_ids"),
    path("schools/<int:school_id>/promotion/", views.promote, name="promotion"),
    path("students/<int:pk>/enrolment/", views.student_enrolment, name="student_enrolment"),
    path("students/<int:pk>/enrolment/<slug:action>/", views.student_event, name="student_event"),
    path("transfer-in/", views.transfer_in, name="transfer_in"),
]
