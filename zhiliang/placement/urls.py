from django.urls import path

from zhiliang.placement import views

app_name = "placement"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("intake-template.xlsx", views.template, name="template"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/progress/", views.progress, name="progress"),
    path("<int:pk>/rerun/", views.rerun, name="rerun"),
    path("<int:pk>/move/", views.move, name="move"),
    path("<int:pk>/draw/", views.draw, name="draw"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/class-lists.xlsx", views.export, name="export"),
    path("<int:pk>/notice/", views.notice, name="notice"),
]
