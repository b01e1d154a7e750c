from django.urls import path

from zhiliang.balance import views

app_name = "balance"

urlpatterns = [
    path("", views.index, name="index"),
    path("county.xlsx", views.county_xlsx, name="county_xlsx"),
    path("county-report.<str:fmt>", views.county_report, name="county_report"),
    path("template.xlsx", views.template, name="template"),
    path("checklist/", views.checklist, name="checklist"),
    path("checklist/<int:pk>/answer/", views.answer, name="answer"),
    path("checklist/<int:pk>/edit/", views.item_update, name="item_update"),
    path("checklist/<int:pk>/evidence/", views.evidence_upload, name="evidence_upload"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("school/<int:pk>/", views.school_page, name="school"),
    path("school/<int:pk>/figures/", views.figures, name="figures"),
    path("school/<int:pk>/what-if/", views.what_if, name="what_if"),
    path("school/<int:pk>/school.xlsx", views.school_xlsx, name="school_xlsx"),
    path("school/<int:pk>/report.<str:fmt>", views.school_report, name="school_report"),
    path("school/<int:pk>/checklist/", views.checklist, name="school_checklist"),
    path("school/<int:pk>/measures/", views.measure_add, name="measure_add"),
    path("measures/<int:pk>/delete/", views.measure_delete, name="measure_delete"),
]
