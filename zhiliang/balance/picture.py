"""The county picture of one school year: every school's figures evaluated (core `evaluate`), consistency
findings per school, and the schools still waiting for their facility figures."""

from __future__ import annotations

from dataclasses import dataclass, field

from zhiliang.balance.selectors import STAGE_NAMES, SchoolData, county_data
from zhiliang.core.balance import Evaluation, SchoolInput, evaluate
from zhiliang.core.balance.consistency import (
    Finding,
    enrolment_finding,
    plausibility_findings,
    stated_ratio_findings,
)
from zhiliang.core.balance.evaluate import StageResult
from zhiliang.org.models import County, SchoolYear


@dataclass
class Picture:
    county: County
    year: SchoolYear
    data: list[SchoolData]
    evaluation: Evaluation
    incomplete: list[SchoolData] = field(default_factory=list)
    findings: dict[int, list[Finding]] = field(default_factory=dict)  # school id → findings

    def inputs(self) -> list[SchoolInput]:
        return [item.to_input() for item in self.data if item.complete]

    def data_for(self, school_id: int) -> SchoolData | None:
        return next((item for item in self.data if item.school.pk == school_id), None)

    def parts_of(self, name: str) -> list[StageResult]:
        return [part for part in self.evaluation.schools if part.school == name]


def findings_for(item: SchoolData, evaluation: Evaluation) -> list[Finding]:
    findings: list[Finding] = []
    for stage, figure in item.students.items():
        if figure.source != "records":
            finding = enrolment_finding(int(figure.value), item.recorded_students.get(stage, 0))
            if finding is not None:
                findings.append(finding)
    compulsory = sum(int(f.value) for s, f in item.students.items() if s != "senior")
    if item.complete:
        findings += plausibility_findings(compulsory, {k: f.value for k, f in item.facilities.items()})
    if item.stated:
        # Stated ratios are those of the school as a whole (its plan); check them against its whole figures.
        quantities: dict[str, float] = {k: f.value for k, f in item.facilities.items()}
        for key in ("qualified_teachers", "backbone_teachers", "pe_arts_teachers"):
            quantities[key] = sum(stage.get(key).value for stage in item.teachers.values() if stage.get(key))
        findings += stated_ratio_findings(compulsory, quantities, item.stated)
    return findings


def county_picture(county: County, year: SchoolYear) -> Picture:
    data = county_data(county, year)
    complete = [item for item in data if item.complete]
    evaluation = evaluate([item.to_input() for item in complete])
    picture = Picture(county, year, data, evaluation, [item for item in data if not item.complete])
    for item in data:
        picture.findings[item.school.pk] = findings_for(item, evaluation)
    return picture


STAGE_OF_NAME = {name: code for code, name in STAGE_NAMES.items()}
