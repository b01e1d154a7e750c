"""Item analysis and paper quality (小题分析): pure computation, no Django.

* `model`: items (小题) with kind, max points, key, knowledge points; scoring choice answers;
* `sheet`: reading item-score files exported by marking systems;
* `stats`: difficulty, discrimination, item-total correlations, Cronbach's α, SEM, distractors;
* `flags`: plain-language flags and bands with their thresholds and sources;
* `mastery`: knowledge-point mastery per student, class, school and grade.
"""

from zhiliang.core.items.flags import flag_text
from zhiliang.core.items.mastery import MasteryTables, knowledge_mastery
from zhiliang.core.items.model import ItemKind, ItemSpec, normalise_letters, score_choice
from zhiliang.core.items.sheet import ItemSheet, StudentRow, item_label, read_item_scores
from zhiliang.core.items.stats import (
    ItemAnalysis,
    ItemInputError,
    ItemStats,
    OptionShare,
    TestStats,
    analyse_items,
    cronbach_alpha,
    extreme_groups,
)

__all__ = [
    "ItemAnalysis",
    "ItemInputError",
    "ItemKind",
    "ItemSheet",
    "ItemSpec",
    "ItemStats",
    "MasteryTables",
    "OptionShare",
    "StudentRow",
    "TestStats",
    "analyse_items",
    "cronbach_alpha",
    "extreme_groups",
    "flag_text",
    "item_label",
    "knowledge_mastery",
    "normalise_letters",
    "read_item_scores",
    "score_choice",
]
