"""Reports of an exam analysis: JSON for programs, an xlsx workbook and an A4 PDF 质量分析报告 for people.

All three take an `ExamAnalysis` and return bytes; none reads files or touches Django.
"""

from collections.abc import Sequence

from zhiliang.core.analytics import ExamAnalysis
from zhiliang.core.reports.json_export import analysis_json, write_analysis_json
from zhiliang.core.reports.scope import ReportScope, ScopeNotFound
from zhiliang.core.reports.xlsx_report import analysis_xlsx


def analysis_pdf(
    analysis: ExamAnalysis, *, title: str, scope: ReportScope | None = None, extra_chapters: Sequence[str] = ()
) -> bytes:
    """The A4 PDF report. Imported on first use: WeasyPrint and matplotlib take a second to load.

    `extra_chapters`: HTML chapters (each starting with `<h1>`) added before the definitions."""
    from zhiliang.core.reports.pdf_report import render_pdf

    return render_pdf(analysis, title=title, scope=scope or ReportScope(), extra_chapters=extra_chapters)


__all__ = ["ReportScope", "ScopeNotFound", "analysis_json", "analysis_pdf", "analysis_xlsx", "write_analysis_json"]
