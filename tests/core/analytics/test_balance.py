"""Hand-computed coefficients of variation between classes and between schools."""

from __future__ import annotations

import pytest

from tests.core.analytics.helpers import YUWEN, one_subject, row
from zhiliang.core.analytics import analyze_exam

# 一中 1班 80, 90 (mean 85, 2 sat); 一中 2班 70 (1 sat); 二中 60, 40 (mean 50); 三中 80
SCHOOLS = {("一中", "1班"): [80, 90], ("一中", "2班"): [70], ("二中", "1班"): [60, 40], ("三中", "1班"): [80]}


def test_it_computes_the_cv_of_class_means_within_a_school() -> None:
    balance = analyze_exam(one_subject(SCHOOLS), [YUWEN]).balance.filter(subject="语文")
    got = row(balance, level="school", school="一中")
    # class means 85, 70: mean 77.5; population sd = 7.5; cv = 7.5 / 77.5
    assert (got["unit"], got["units"], got["mean_of_means"], got["sd"]) == ("class", 2, 77.5, 7.5)
    assert got["cv"] == pytest.approx(7.5 / 77.5)
    # weighted by sat (2, 1): mean (170 + 70) / 3 = 80 (the school mean);
    # S = sqrt(2/3 * 5^2 + 1/3 * 10^2) = sqrt(50)
    assert got["cv_weighted"] == pytest.approx(50**0.5 / 80)
    assert (got["range"], got["max_mean"], got["min_mean"]) == (15.0, 85.0, 70.0)
    # a school with one class has no CV
    assert row(balance, level="school", school="二中")["cv"] is None


def test_it_computes_the_cv_of_school_means_within_the_county() -> None:
    balance = analyze_exam(one_subject(SCHOOLS), [YUWEN]).balance.filter(subject="语文")
    got = row(balance, level="county")
    # school means 80, 50, 80: mean 70; sd = sqrt((100 + 400 + 100) / 3) = sqrt(200)
    assert (got["unit"], got["units"], got["mean_of_means"]) == ("school", 3, 70.0)
    assert got["cv"] == pytest.approx(200**0.5 / 70)
    # weighted by sat 3, 2, 1: mean 420 / 6 = 70; S^2 = (3 * 100 + 2 * 400 + 1 * 100) / 6 = 200
    assert got["cv_weighted"] == pytest.approx(200**0.5 / 70)
