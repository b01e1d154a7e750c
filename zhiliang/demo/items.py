"""Item scores (小题分) and knowledge points for the demo county's county unified exams.

Which papers: every subject of the grade 9 county exams built by `zhiliang/demo/exams.py` — the autumn
期末统考 and the spring 模拟考试 of each school year. Each subject has a paper laid out as junior-secondary
papers are (数学: 10 choice, 6 fill-in, 9 constructed with 23(1)/23(2); 语文: choice, 默写, reading, 名著,
综合性学习, 作文 50; 英语: listening, cloze and reading choice, then writing …), each item with its knowledge
points from the county catalogue (created here, per subject) and an ability level (识记/理解/应用/综合).

How item scores arise: the pupil's subject score, already written by the exams layer, fixes their standing;
each item has a difficulty and a slope (item response curve), and every pupil's item points are drawn from
it and then adjusted, item by item within each item's range, until they add up **exactly** to the subject
score (so the item-vs-score check has nothing to report). A few items are deliberately flawed, as real
papers have them: one very easy, one very hard, one choice item whose distractor attracts strong pupils,
so the flags and the distractor chart have something to show. Only pupils with a score get item scores
(absent, exempt and cheating pupils have none). Deterministic from `random.Random(f"{seed}:items:…")`.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

from django.apps import apps
from django.db import connection

from zhiliang.org.models import County

LABEL = "生成小题分与知识点"
ABILITIES = ("识记", "理解", "应用", "综合")
LETTERS = "ABCD"


@dataclass(frozen=True)
class Blueprint:
    label: str
    kind: str  # single / fill / constructed
    points: int
    knowledge: tuple[str, ...]
    difficulty: float  # b of the item curve (logit scale; higher = harder)
    flaw: str = ""  # "" / "distractor"


def _choices(start: int, count: int, points: int, kps: Sequence[str], base: float) -> list[Blueprint]:
    return [Blueprint(str(start + i), "single", points, (kps[i % len(kps)],), base + 0.12 * i) for i in range(count)]


KNOWLEDGE: dict[str, tuple[str, ...]] = {
    "数学": ("实数与运算", "整式与分式", "方程与不等式", "函数", "三角形", "四边形", "圆", "统计与概率"),
    "语文": ("字音字形", "词语运用", "病句修改", "古诗文默写", "现代文阅读", "文言文阅读", "名著阅读", "写作"),
    "英语": ("听力理解", "词汇语法", "完形填空", "阅读理解", "书面表达"),
    "物理": ("声与光", "运动和力", "压强与浮力", "功和能", "热学", "电路与欧姆定律", "电功率", "实验探究"),
    "化学": ("物质构成", "化学用语", "化学方程式", "溶液", "酸碱盐", "金属", "实验探究", "化学计算"),
    "道德与法治": ("成长与自我", "法律与规则", "国情国策", "社会责任", "宪法精神"),
    "历史": ("中国古代史", "中国近代史", "中国现代史", "世界古代史", "世界近现代史"),
}


def blueprint(subject: str, full_marks: int) -> list[Blueprint]:
    """The items of a subject's paper; their points add up to `full_marks`."""
    kps = KNOWLEDGE.get(subject, ("基础知识", "基本技能", "综合运用"))
    items: list[Blueprint]
    if subject == "数学" and full_marks == 120:
        items = _choices(1, 10, 3, kps, -1.6)
        items += [Blueprint(str(11 + i), "fill", 3, (kps[(i + 2) % 8],), -0.6 + 0.25 * i) for i in range(6)]
        constructed = [
            ("17", 6, ("实数与运算",), -1.2),
            ("18", 6, ("整式与分式",), -0.8),
            ("19", 8, ("方程与不等式",), -0.4),
            ("20", 8, ("统计与概率",), -0.3),
            ("21", 10, ("三角形", "四边形"), 0.1),
            ("22", 10, ("函数", "方程与不等式"), 0.4),
            ("23(1)", 4, ("圆",), 0.0),
            ("23(2)", 8, ("圆", "三角形"), 0.9),
            ("24", 12, ("函数", "四边形"), 1.4),
        ]
        items += [Blueprint(label, "constructed", p, k, b) for label, p, k, b in constructed]
        items[0] = Blueprint("1", "single", 3, ("实数与运算",), -3.6)  # far too easy: everyone answers it
        items[7] = Blueprint("8", "single", 3, ("函数",), 0.2, flaw="distractor")
    elif subject == "语文" and full_marks == 120:
        items = _choices(1, 6, 3, kps[:3] + kps[4:6], -1.3)
        parts = [
            ("7", "fill", 8, ("古诗文默写",), -1.4),
            ("8", "constructed", 4, ("现代文阅读",), -0.5),
            ("9", "constructed", 4, ("现代文阅读",), -0.1),
            ("10", "constructed", 6, ("现代文阅读",), 0.5),
            ("11", "constructed", 4, ("文言文阅读",), -0.6),
            ("12", "constructed", 4, ("文言文阅读",), 0.0),
            ("13", "constructed", 6, ("文言文阅读",), 0.6),
            ("14", "constructed", 6, ("名著阅读",), 0.2),
            ("15", "constructed", 10, ("词语运用", "写作"), -0.2),
            ("16", "constructed", 50, ("写作",), -0.4),
        ]
        items += [Blueprint(label, kind, p, k, b) for label, kind, p, k, b in parts]
    elif subject == "英语" and full_marks == 120:
        items = _choices(1, 10, 2, ("听力理解",), -1.8)
        items += _choices(11, 10, 2, ("完形填空", "词汇语法"), -0.9)
        items += _choices(21, 10, 2, ("阅读理解",), -0.7)
        items[29] = Blueprint("30", "single", 2, ("阅读理解",), 3.2)  # far too hard
        items += [
            Blueprint("31", "fill", 10, ("词汇语法",), 0.1),
            Blueprint("32", "constructed", 10, ("阅读理解",), 0.4),
            Blueprint("33", "constructed", 10, ("阅读理解", "书面表达"), 0.6),
            Blueprint("34", "constructed", 30, ("书面表达",), 0.2),
        ]
    else:
        # 100-point papers (物理, 化学, 道德与法治, 历史) and any other full marks: choice, fill-in, constructed.
        choice = max(1, round(full_marks * 0.3 / 2))
        items = _choices(1, choice, 2, kps, -1.4)
        fill_points = round(full_marks * 0.2)
        fills = max(1, fill_points // 4)
        items += [
            Blueprint(
                str(choice + 1 + i),
                "fill",
                4 if i < fills - 1 else fill_points - 4 * (fills - 1),
                (kps[(i + 3) % len(kps)],),
                -0.5 + 0.2 * i,
            )
            for i in range(fills)
        ]
        rest = full_marks - sum(item.points for item in items)
        sizes = _split(rest, 5)
        start = choice + fills + 1
        items += [
            Blueprint(
                str(start + i), "constructed", size, (kps[i % len(kps)], kps[(i + 2) % len(kps)]), -0.4 + 0.35 * i
            )
            for i, size in enumerate(sizes)
        ]
    assert sum(item.points for item in items) == full_marks, (subject, full_marks)
    return items


def _split(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _logistic(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def item_scores(
    items: Sequence[Blueprint], score: int, theta: float, rng: random.Random
) -> tuple[list[int], dict[str, str]]:
    """One pupil's points on each item (adding up to `score`) and the letters chosen on choice items."""
    points: list[int] = []
    for item in items:
        p = _logistic(1.6 * (theta - item.difficulty))
        if item.kind == "single":
            points.append(item.points if rng.random() < p else 0)
        else:
            expected = item.points * p + rng.gauss(0, item.points * 0.08)
            points.append(max(0, min(item.points, round(expected))))
    _adjust(items, points, score, rng)
    answers: dict[str, str] = {}
    for index, item in enumerate(items):
        if item.kind != "single":
            continue
        key = LETTERS[(index * 7 + 1) % 4]
        if points[index]:
            answers[str(index)] = key
            continue
        distractors = [letter for letter in LETTERS if letter != key]
        if item.flaw == "distractor":
            # The misleading option strong pupils fall for; weak pupils pick the other wrong ones.
            answers[str(index)] = distractors[0] if theta > 0.3 else rng.choice(distractors[1:])
        elif rng.random() < 0.02:
            continue  # left blank
        else:
            answers[str(index)] = rng.choice(distractors)
    return points, answers


def _adjust(items: Sequence[Blueprint], points: list[int], score: int, rng: random.Random) -> None:
    """Move points until they add up to `score`. First the choice items (all or nothing) are flipped until the
    rest of the score fits what the other items can hold, then the others move one point at a time."""
    choice = [i for i, item in enumerate(items) if item.kind == "single"]
    other = [i for i, item in enumerate(items) if item.kind != "single"]
    capacity = sum(items[i].points for i in other)
    rng.shuffle(choice)
    for index in choice:
        rest = score - sum(points[i] for i in choice)
        if rest > capacity and not points[index]:
            points[index] = items[index].points
        elif rest < 0 and points[index]:
            points[index] = 0
    diff = score - sum(points)
    while diff:
        rng.shuffle(other)
        moved = False
        for index in other:
            if diff > 0 and points[index] < items[index].points:
                points[index] += 1
                diff -= 1
                moved = True
            elif diff < 0 and points[index] > 0:
                points[index] -= 1
                diff += 1
                moved = True
            if not diff:
                break
        if not moved:
            return  # the score is outside what the paper can give: the caller skips the pupil


def available() -> bool:
    if not apps.is_installed("zhiliang.items") or not apps.is_installed("zhiliang.exams"):
        return False
    table: str = apps.get_model("items", "ItemResponse")._meta.db_table
    return table in connection.introspection.table_names()


def present(county: County) -> bool:
    from zhiliang.items.models import Paper

    return Paper.objects.filter(exam_subject__exam__county=county).exists()


def counts(county: County) -> dict[str, int]:
    if not available():
        return {}
    from zhiliang.items.models import ItemResponse, KnowledgePoint, Paper

    return {
        "item_papers": Paper.objects.filter(exam_subject__exam__county=county).count(),
        "item_scores": ItemResponse.objects.filter(paper__exam_subject__exam__county=county).count(),
        "knowledge_points": KnowledgePoint.objects.filter(county=county).count(),
    }


def build(*, county: County, seed: int) -> int:
    """Papers, knowledge points and item scores for the county exams' grade 9 subjects; returns rows written."""
    from zhiliang.core.items import ItemKind, ItemSpec
    from zhiliang.exams.models import ExamScope, ExamSubject, Score, ScoreStatus
    from zhiliang.items.services import ResponseWrite, paper_define, responses_write

    subjects = (
        ExamSubject.objects.filter(exam__county=county, exam__scope=ExamScope.COUNTY, grade=9)
        .select_related("exam", "subject")
        .order_by("exam__held_on", "exam_id", "subject__order", "subject__code")
    )
    written = 0
    for es in subjects:
        rng = random.Random(f"{seed}:items:{es.exam.name}:{es.subject.name}")
        full = int(es.full_marks)
        plan = blueprint(es.subject.name, full)
        specs = [
            ItemSpec(
                label=item.label,
                max_points=float(item.points),
                kind=ItemKind(item.kind),
                key=LETTERS[(index * 7 + 1) % 4] if item.kind == "single" else "",
                knowledge_points=item.knowledge,
                abilities=(ABILITIES[min(3, max(0, int((item.difficulty + 1.5) / 1.0)))],),
                intended=round(min(0.95, max(0.15, _logistic(-1.2 * item.difficulty + 0.6))), 2),
            )
            for index, item in enumerate(plan)
        ]
        paper = paper_define(exam_subject=es, items=specs)
        rows = []
        for student_id, class_id, score in (
            Score.objects.filter(exam_subject=es, status=ScoreStatus.SCORED, score__isnull=False)
            .order_by("student_id")
            .values_list("student_id", "school_class_id", "score")
        ):
            value = int(score)
            share = min(0.995, max(0.005, value / full))
            theta = math.log(share / (1 - share)) * 0.9 + rng.gauss(0, 0.15)
            points, answers = item_scores(plan, value, theta, rng)
            if sum(points) != value:
                continue  # cannot happen for whole-number scores; never write items that disagree
            rows.append(ResponseWrite(student_id, class_id, [float(p) for p in points], answers))
        result = responses_write(paper=paper, rows=rows)
        written += result["create"]
    return written
