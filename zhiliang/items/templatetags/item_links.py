"""`{% item_analysis_links exam %}`: the item-analysis papers of an exam the user sees, for the exam page."""

from typing import Any

from django import template

from zhiliang.items.access import papers_visible
from zhiliang.org.models import grade_name

register = template.Library()


@register.inclusion_tag("items/_exam_links.html", takes_context=True)
def item_analysis_links(context: dict[str, Any], exam: Any) -> dict[str, Any]:
    request = context.get("request")
    papers: list[dict[str, Any]] = []
    if request is not None:
        for visible_exam, subjects in papers_visible(request.user, exam_id=exam.pk):
            papers += [
                {"exam_id": visible_exam.pk, "pk": es.pk, "label": f"{grade_name(es.grade)} {es.subject.name}"}
                for es in subjects
            ]
    return {"papers": papers}
