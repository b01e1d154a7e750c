"""Set-up screens for the superuser of a new installation: the county, its groups, school years and terms.

Day-to-day data (schools, classes, students, teachers) comes in through the roster imports, which validate and
audit; these admin screens are for the handful of records that exist before the first import.
"""

from django.contrib import admin

from zhiliang.org.models import County, EducationGroup, SchoolYear, Term


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]


@admin.register(EducationGroup)
class EducationGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "county"]
    list_filter = ["county"]


class TermInline(admin.TabularInline):
    model = Term
    extra = 0


@admin.register(SchoolYear)
class SchoolYearAdmin(admin.ModelAdmin):
    list_display = ["__str__", "county", "start_date", "end_date", "is_current"]
    list_filter = ["county"]
    inlines = [TermInline]
