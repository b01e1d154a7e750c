from django.urls import path

from zhiliang.items import views

app_name = "items"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/papers/<int:exam_subject_id>/", views.paper, name="paper"),
    path("<int:pk>/papers/<int:exam_subject_id>/knowledge/", views.knowledge, name="knowledge"),
    path("<int:pk>/papers/<int:exam_subject_id>/classes/<int:class_id>/", views.class_students, name="class"),
    path("<int:pk>/papers/<int:exam_subject_id>/students/<int:student_id>/", views.student, name="student"),
]
