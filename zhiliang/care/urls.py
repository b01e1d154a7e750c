from django.urls import path

from zhiliang.care.views import growth, overview, special, watch

app_name = "care"

urlpatterns = [
    path("", overview.index, name="index"),
    path("county/", overview.county_overview, name="county_overview"),
    path("authorisations/", overview.grants, name="grants"),
    path("authorisations/<str:kind>/<int:pk>/revoke/", overview.grant_revoke, name="grant_revoke"),
    path("classes/<int:pk>/observe/", growth.class_observe, name="class_observe"),
    path("classes/<int:pk>/observe/add/", growth.observation_add, name="observation_add"),
    path("classes/<int:pk>/summary/", growth.class_summary, name="class_summary"),
    path("classes/<int:pk>/care-roster.xlsx", growth.class_export, name="class_export"),
    path("students/<int:pk>/growth/", growth.student_growth, name="student_growth"),
    path("students/<int:pk>/growth-report.pdf", growth.growth_report_pdf, name="growth_report"),
    path("special/", special.special_list, name="special_list"),
    path("special/<int:pk>/", special.special_detail, name="special_detail"),
    path("special/<int:pk>/contacts/", special.contact_add, name="contact_add"),
    path("special/<int:pk>/psych/open/", special.psych_open, name="psych_open"),
    path("psych/", special.psych_list, name="psych_list"),
    path("psych/<int:pk>/", special.psych_detail, name="psych_detail"),
    path("psych/<int:pk>/sessions/", special.psych_session_add, name="psych_session_add"),
    path("watch/", watch.watch_list, name="watch_list"),
    path("watch/<int:pk>/", watch.watch_detail, name="watch_detail"),
    path("watch/<int:pk>/follow-ups/", watch.follow_up_add, name="follow_up_add"),
    path("watch/<int:pk>/absences/", watch.absence_add, name="absence_add"),
    path("watch/absences/<int:pk>/return/", watch.absence_return, name="absence_return"),
]
