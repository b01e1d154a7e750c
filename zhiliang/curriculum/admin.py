"""The subject catalogue is maintained by the superuser: subjects, the aliases imports accept, full marks."""

from django.contrib import admin

from zhiliang.curriculum.models import FullMarks, Subject, SubjectAlias


class AliasInline(admin.TabularInline):
    model = SubjectAlias
    extra = 1


class FullMarksInline(admin.TabularInline):
    model = FullMarks
    extra = 0


@admin.register(Subject)
class SubjectAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order", "is_main"]
    inlines = [AliasInline, FullMarksInline]
