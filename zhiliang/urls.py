from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("zhiliang.web.urls")),
    path("accounts/", include("zhiliang.accounts.urls")),
    path("org/", include("zhiliang.org.urls")),
    path("people/", include("zhiliang.people.urls")),
    path("rosters/", include("zhiliang.rosters.urls")),
    path("imports/", include("zhiliang.imports.urls")),
    path("audit/", include("zhiliang.audit.urls")),
    path("exams/", include("zhiliang.exams.urls")),
    path("placement/", include("zhiliang.placement.urls")),
    path("items/", include("zhiliang.items.urls")),
    path("growth/", include("zhiliang.growth.urls")),
    path("support/", include("zhiliang.support.urls")),
    path("care/", include("zhiliang.care.urls")),
    path("balance/", include("zhiliang.balance.urls")),
    path("fitness/", include("zhiliang.fitness.urls")),
    path("teaching/", include("zhiliang.teaching.urls")),
    path("development/", include("zhiliang.development.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
]
