"""The checklist of a county is also editable by the superuser (bureau administrators edit it on the checklist
page)."""

from django.contrib import admin

from zhiliang.balance.models import ChecklistItem


@admin.register(ChecklistItem)
class ChecklistItemAdmin(admin.ModelAdmin):
    list_display = ["code", "text", "part", "comparator", "threshold", "unit", "applies_to", "is_active", "county"]
    list_filter = ["county", "part", "applies_to", "is_active"]
