from django.urls import path

from zhiliang.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.job_list, name="job_list"),
    path("<slug:kind>/upload/", views.upload, name="upload"),
    path("jobs/<int:pk>/", views.job_detail, name="job_detail"),
    path("jobs/<int:pk>/progress/", views.job_progress, name="job_progress"),
    path("jobs/<int:pk>/confirm/", views.job_confirm, name="job_confirm"),
    path("jobs/<int:pk>/problems.xlsx", views.job_errors, name="job_errors"),
]
