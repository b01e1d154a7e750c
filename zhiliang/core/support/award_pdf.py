"""The printable scholarship award list (奖学金名单) as an A4 PDF, rendered by WeasyPrint.

Plain values in (title, lines under it, column headers, rows of text), PDF bytes out; the page says it is an
internal document, because the 2021 exam rules forbid publishing ranks (docs/analysis.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

CSS = """
@page { size: A4; margin: 16mm 14mm;
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; color: #6b7785; } }
html { font-family: "Noto Sans CJK SC", sans-serif; font-size: 10pt; color: #1f2933; }
h1 { font-size: 17pt; margin: 0 0 2mm; text-align: center; }
p.sub { text-align: center; color: #3e4c59; margin: 0 0 1mm; }
p.note { font-size: 8pt; color: #6b7785; margin-top: 6mm; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 0.5pt solid #9aa5b1; padding: 1.2mm 2mm; text-align: left; }
th { background: #eef2f7; }
td.num { text-align: right; }
.signature { margin-top: 14mm; display: flex; justify-content: space-between; }
"""


def award_list_html(
    *,
    title: str,
    subtitle: Sequence[str],
    sections: Sequence[tuple[str, Sequence[str], Sequence[Sequence[str]]]],
    note: str,
    signature: str,
) -> str:
    """The award list as an HTML document: one titled table per tier."""
    parts = [f"<h1>{escape(title)}</h1>", *(f'<p class="sub">{escape(line)}</p>' for line in subtitle)]
    for heading, headers, rows in sections:
        parts.append(f"<h2>{escape(heading)}</h2>")
        head = "".join(f"<th>{escape(h)}</th>" for h in headers)
        body = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows)
        parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    parts.append(f'<p class="note">{escape(note)}</p>')
    parts.append(f'<div class="signature"><span>{escape(signature)}</span></div>')
    return f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><style>{CSS}</style></head><body>{"".join(parts)}</body></html>'


def award_list_pdf(
    *,
    title: str,
    subtitle: Sequence[str],
    sections: Sequence[tuple[str, Sequence[str], Sequence[Sequence[str]]]],
    note: str,
    signature: str,
) -> bytes:
    """`award_list_html` rendered to PDF (WeasyPrint is imported on first use: it takes a second to load)."""
    import weasyprint

    document = award_list_html(title=title, subtitle=subtitle, sections=sections, note=note, signature=signature)
    result: bytes = weasyprint.HTML(string=document).write_pdf()
    return result
