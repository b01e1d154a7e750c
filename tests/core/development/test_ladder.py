"""Ladder criteria as data: checking the rules and measuring a teacher against them, worked by hand."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhiliang.core.development import (
    METRICS,
    STAGES,
    CriteriaError,
    count_at_or_above,
    default_rules,
    evaluate_stage,
    next_stage,
    parse_rules,
    stage_label,
)


def test_default_rules_parse_and_stages_are_ordered():
    rules = parse_rules(default_rules())
    assert list(rules) == ["backbone", "leader", "master", "expert"]
    assert rules["leader"]["training_hours"] == Decimal(360)


def test_stages_come_back_in_ladder_order():
    rules = parse_rules({"expert": {"papers": 5}, "backbone": {"papers": "1"}})
    assert list(rules) == ["backbone", "expert"]
    assert rules["backbone"]["papers"] == Decimal(1)


@pytest.mark.parametrize(
    ("data", "code", "zh"),
    [
        ([], "not_mapping", "标准须为“阶段 → 条件”的对照表。"),
        ({"guru": {}}, "unknown_stage", "未知的阶段“guru”。"),
        ({"qualified": {"papers": 1}}, "first_stage", "“达标教师”是起点，不设评审条件。"),
        ({"leader": {"charisma": 3}}, "unknown_metric", "未知的条件“charisma”。"),
        ({"leader": {"papers": -1}}, "bad_minimum", "学科带头人的“发表论文”须为不小于 0 的数（现为“-1”）。"),
        ({"leader": {"papers": "many"}}, "bad_minimum", "学科带头人的“发表论文”须为不小于 0 的数（现为“many”）。"),
        ({"leader": {"papers": "NaN"}}, "bad_minimum", None),
    ],
)
def test_bad_rules_are_refused(data, code, zh):
    with pytest.raises(CriteriaError) as error:
        parse_rules(data)
    assert error.value.code == code
    if zh is not None:
        assert error.value.message("zh") == zh
    assert error.value.message("en")


def test_next_stage():
    assert next_stage("qualified") == "backbone"
    assert next_stage("master") == "expert"
    assert next_stage("expert") is None
    assert next_stage("") == "backbone"


def test_evaluation_hand_worked():
    rules = parse_rules({"backbone": {"years_of_service": 5, "training_hours": 240, "observation_mean": 80}})
    # 7 years ≥ 5 met; 236.5 h < 240 not met; no observation yet: not met (missing).
    evaluation = evaluate_stage("backbone", rules, {"years_of_service": 7, "training_hours": 236.5})
    assert [r.met for r in evaluation.results] == [True, False, False]
    assert [r.missing for r in evaluation.results] == [False, False, True]
    assert evaluation.met_count == 1 and not evaluation.eligible
    assert evaluation.share == pytest.approx(1 / 3)
    assert [r.metric for r in evaluation.unmet] == ["training_hours", "observation_mean"]


def test_minimum_is_inclusive_and_stage_without_conditions_is_open():
    rules = parse_rules({"backbone": {"training_hours": 240}, "leader": {}})
    assert evaluate_stage("backbone", rules, {"training_hours": 240}).eligible
    assert evaluate_stage("leader", rules, {}).eligible
    assert evaluate_stage("master", rules, {}).eligible  # not configured at all: no conditions


@pytest.mark.parametrize(
    ("levels", "minimum", "count"),
    [
        (["school", "county", "municipal", "provincial", "national"], "county", 4),
        (["school", "county", "municipal", "provincial", "national"], "provincial", 2),
        (["school", "school"], "county", 0),
        (["national", "unknown"], "school", 1),
    ],
)
def test_count_at_or_above(levels, minimum, count):
    assert count_at_or_above(levels, minimum) == count


def test_labels_in_both_languages():
    assert stage_label("leader") == "学科带头人"
    assert stage_label("leader", "en") == "Subject leader"
    assert all(len(METRICS[m]) == 4 for m in METRICS)


facts = st.dictionaries(
    st.sampled_from(sorted(METRICS)), st.one_of(st.none(), st.floats(min_value=0, max_value=500)), max_size=12
)


@settings(deadline=None)  # shared CI machines: a slow example is not a wrong one
@given(facts)
def test_raising_a_figure_never_loses_a_condition(values):
    rules = parse_rules(default_rules())
    for stage in STAGES[1:]:
        before = evaluate_stage(stage, rules, values)
        better = {k: (None if v is None else v + 1) for k, v in values.items()}
        after = evaluate_stage(stage, rules, better)
        assert after.met_count >= before.met_count
        assert before.eligible == (before.met_count == len(before.results))
