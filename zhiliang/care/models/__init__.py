"""Student care: the most sensitive records of the product, and the everyday ones.

* `grants`: who may see sensitive records of a school beyond its leadership — named staff (`CareGrant`) and
  teaching roles (`RoleGrant`), per kind of record, granted by the principal or academic director;
* `special`: special groups (留守儿童, 随迁子女, 残疾/随班就读, 家庭经济困难, 单亲/孤儿) and home-visit / contact
  records;
* `psych`: psychological cases (心理个案) with referral, sessions and risk level;
* `watch`: 控辍保学 — long absences and follow-ups of students on the watch list (the list itself is computed
  from enrolment events and absences by `zhiliang.core.care.watch`);
* `growth`: daily growth observations (德智体美劳) and term comments for the student growth report.

Who sees what is decided in `zhiliang/care/access.py` (docs/care.md).
"""

from zhiliang.care.models.grants import CareGrant, GrantRole, RecordKind, RoleGrant
from zhiliang.care.models.growth import Domain, Observation, TermComment
from zhiliang.care.models.psych import PsychCase, PsychSession, ReferralSource, RiskLevel
from zhiliang.care.models.special import ContactKind, ContactRecord, DisabilityType, SpecialGroupProfile
from zhiliang.care.models.watch import AbsenceSpell, FollowUp, FollowUpKind

__all__ = [
    "AbsenceSpell",
    "CareGrant",
    "ContactKind",
    "ContactRecord",
    "DisabilityType",
    "Domain",
    "FollowUp",
    "FollowUpKind",
    "GrantRole",
    "Observation",
    "PsychCase",
    "PsychSession",
    "RecordKind",
    "ReferralSource",
    "RiskLevel",
    "RoleGrant",
    "SpecialGroupProfile",
    "TermComment",
]
