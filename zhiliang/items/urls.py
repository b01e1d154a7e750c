from django.urls import path

from zhiliang.items import spec_views, views

app_name = "items"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/papers/<int:exam_subject_id>/", views.paper, name="paper"),
    path("<int:pk>/papers/<int:exam_subject_id>/knowledge/", views.knowledge, name="knowledge"),
    path("<int:pk>/papers/<int:exam_subject_id>/classes/<int:class_id>/", views.class_students, name="class"),
    path("<int:pk>/papers/<int:exam_subject_id>/students/<int:student_id>/", views.student, name="student"),
    path("<int:pk>/papers/<int:exam_subject_id>/specification/", spec_views.spec_page, name="spec"),
    path("<int:pk>/papers/<int:exam_subject_id>/specification/upload/", spec_views.spec_upload, name="spec_upload"),
    path(
        "<int:pk>/papers/<int:exam_subject_id>/specification/template/", spec_views.spec_template, name="spec_template"
    ),
]
