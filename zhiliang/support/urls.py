from django.urls import path

from zhiliang.support import views, views_cutoffs

app_name = "support"

urlpatterns = [
    path("", views.index, name="index"),
    path("overview/", views.overview_page, name="overview"),
    path("classes/<int:class_id>/", views.class_page, name="class"),
    path("classes/<int:class_id>/nominate/", views.nominate, name="nominate"),
    path("classes/<int:class_id>/critical/", views_cutoffs.critical, name="critical"),
    path("candidates/<int:pk>/decide/", views.decide, name="decide"),
    path("cases/<int:pk>/", views.case_page, name="case"),
    path("cases/<int:pk>/plan/", views.plan, name="plan"),
    path("cases/<int:pk>/interventions/", views.log_intervention, name="log"),
    path("cases/<int:pk>/exit/", views.exit_case, name="exit"),
    path("reviews/<int:pk>/", views.review, name="review"),
    path("top/", views_cutoffs.top, name="top"),
    path("top/<int:exam_id>/awards.pdf", views_cutoffs.award_pdf, name="award_pdf"),
    path("rules/", views_cutoffs.rules, name="rules"),
]
