from django.urls import path

from zhiliang.growth import views

app_name = "growth"

urlpatterns = [
    path("", views.index, name="index"),
    path("explain/", views.explain, name="explain"),
    path("settings/", views.settings_update, name="settings"),
    path("exams/<int:pk>/grade/<int:grade>/", views.value_added_page, name="value_added"),
    path("students/<int:pk>/", views.student_page, name="student"),
    path("classes/<int:pk>/", views.class_page, name="class"),
    path("cohorts/<int:school_id>/<int:year_id>/<int:grade>/", views.cohort_page, name="cohort"),
]
