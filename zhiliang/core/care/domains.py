"""The five domains of daily growth records (德智体美劳) and their labels.

Labels follow the student-level focus areas of 《义务教育质量评价指南》(教育部等六部门, 2021): 品德发展,
学业发展, 身心发展, 审美素养, 劳动与社会实践 (see /work/shared/standards/comprehensive-evaluation.md).
"""

from __future__ import annotations

DOMAINS: tuple[str, ...] = ("moral", "academic", "physical", "aesthetic", "labour")

SHORT_LABELS: dict[str, dict[str, str]] = {
    "moral": {"zh": "德", "en": "Moral"},
    "academic": {"zh": "智", "en": "Academic"},
    "physical": {"zh": "体", "en": "Physical"},
    "aesthetic": {"zh": "美", "en": "Aesthetic"},
    "labour": {"zh": "劳", "en": "Labour"},
}

LABELS: dict[str, dict[str, str]] = {
    "moral": {"zh": "品德发展", "en": "Moral development"},
    "academic": {"zh": "学业发展", "en": "Academic development"},
    "physical": {"zh": "身心发展", "en": "Physical and mental health"},
    "aesthetic": {"zh": "审美素养", "en": "Aesthetic literacy"},
    "labour": {"zh": "劳动与社会实践", "en": "Labour and social practice"},
}


def domain_label(domain: str, lang: str = "zh", *, short: bool = False) -> str:
    """The label of a domain in "zh" or "en" (anything not starting with "en" is Chinese)."""
    table = SHORT_LABELS if short else LABELS
    return table[domain]["en" if lang.startswith("en") else "zh"]
