"""Exams and their scores: the data behind exam quality analysis (考试质量分析).

Domain (who owns what):

    Exam (考试)                   one term, one scope: a school (本校), an education group, or the county (统考)
      ├─ ExamSubject              grade × subject sat in the exam, with full marks (满分) and optional own lines
      │    └─ Score (成绩)        student × exam subject: a number, or 缺考/免考/作弊/未录; the class at the time
      │         └─ ScoreEdit      every change to an already recorded result: old, new, who, why
      ├─ ExamNumber (考号)        exam numbers of marking-system exports, matched to students
      ├─ AnalysisCache            the computed analysis per grade, valid until the scores change
      └─ ReportFile               PDF / xlsx reports generated in the background

Status: draft (草稿, only managers see it) → open (录入中: import and entry allowed) → published (已发布:
locked). Who may see what is decided in `zhiliang/accounts/scoping.py` and `zhiliang/exams/selectors.py`;
students and families only ever see grade levels (等级) and growth, never a rank or a raw score
(`zhiliang/exams/slip.py`, rules in docs/exams.md).
"""

from zhiliang.exams.models.exam import Exam, ExamFormat, ExamKind, ExamScope, ExamStatus, ExamSubject
from zhiliang.exams.models.results import AnalysisCache, ReportFile, ReportKind, ReportStatus
from zhiliang.exams.models.scores import ExamNumber, Score, ScoreEdit, ScoreEditSource, ScoreStatus, format_score

__all__ = [
    "AnalysisCache",
    "Exam",
    "ExamFormat",
    "ExamKind",
    "ExamNumber",
    "ExamScope",
    "ExamStatus",
    "ExamSubject",
    "ReportFile",
    "ReportKind",
    "ReportStatus",
    "Score",
    "ScoreEdit",
    "ScoreEditSource",
    "ScoreStatus",
    "format_score",
]
