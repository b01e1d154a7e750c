from django.urls import path

from zhiliang.teaching.views import exports, homework, inspections, observations, rubrics, summaries

app_name = "teaching"

urlpatterns = [
    path("", summaries.index, name="index"),
    path("observations/", observations.observation_list, name="observation_list"),
    path("observations/new/", observations.observation_create, name="observation_create"),
    path("observations/<int:pk>/", observations.observation_detail, name="observation_detail"),
    path("observations/<int:pk>/edit/", observations.observation_edit, name="observation_edit"),
    path("observations/<int:pk>/reply/", observations.observation_reply, name="observation_reply"),
    path("teachers/<int:pk>/", summaries.teacher_detail, name="teacher_detail"),
    path("schools/<int:pk>/", summaries.school_detail, name="school_detail"),
    path("schools/<int:pk>/settings/", summaries.school_settings, name="school_settings"),
    path("schools/<int:pk>/report.pdf", summaries.report, name="report"),
    path("county/", summaries.county, name="county"),
    path("forms/", rubrics.rubric_list, name="rubric_list"),
    path("forms/new/", rubrics.rubric_create, name="rubric_create"),
    path("forms/<int:pk>/", rubrics.rubric_detail, name="rubric_detail"),
    path("inspections/", inspections.inspection_list, name="inspection_list"),
    path("inspections/new/", inspections.inspection_create, name="inspection_create"),
    path("inspections/<int:pk>/", inspections.inspection_detail, name="inspection_detail"),
    path("inspections/<int:pk>/teachers/<int:teacher_pk>/", inspections.inspection_score, name="inspection_score"),
    path("rectifications/", inspections.result_list, name="result_list"),
    path("results/<int:pk>/", inspections.result_detail, name="result_detail"),
    path("results/<int:pk>/respond/", inspections.result_respond, name="result_respond"),
    path("results/<int:pk>/recheck/", inspections.result_recheck, name="result_recheck"),
    path("homework/", homework.homework, name="homework"),
    path("homework/load/", homework.homework_load_view, name="homework_load"),
    path("export/<slug:table>.xlsx", exports.export, name="export"),
]
