from django.urls import path

from zhiliang.development.views import archive, groups, ladder, pairs, records

app_name = "development"

urlpatterns = [
    path("", ladder.index, name="index"),
    path("training/", records.training_list, name="training_list"),
    path("training/new/", records.training_add, name="training_add"),
    path("training/<int:pk>/confirm/", records.training_confirm, name="training_confirm"),
    path("training/overview/", ladder.training_overview, name="training_overview"),
    path("achievements/", records.achievement_list, name="achievement_list"),
    path("achievements/new/", records.achievement_add, name="achievement_add"),
    path("achievements/<int:pk>/confirm/", records.achievement_confirm, name="achievement_confirm"),
    path("evidence/<int:pk>/", records.evidence, name="evidence"),
    path("pairs/", pairs.pair_list, name="pair_list"),
    path("pairs/new/", pairs.pair_create, name="pair_create"),
    path("pairs/<int:pk>/", pairs.pair_detail, name="pair_detail"),
    path("groups/", groups.group_list, name="group_list"),
    path("groups/new/", groups.group_create, name="group_create"),
    path("groups/<int:pk>/", groups.group_detail, name="group_detail"),
    path("archive/", archive.my_archive, name="my_archive"),
    path("archive/<int:teacher_id>/", archive.archive, name="archive"),
    path("archive/<int:teacher_id>/service/", archive.archive_service, name="archive_service"),
    path("ladder/", ladder.ladder, name="ladder"),
    path("ladder/criteria/", ladder.criteria, name="criteria"),
]
