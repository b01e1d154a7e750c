"""The lot draw: reproducible by anyone with a SHA-256 tool (checked against the sha256sum command)."""

import shutil
import subprocess

import pytest

from zhiliang.core.placement.draw import GROUP_KIND, TEACHER_KIND, digest, draw_lots, draw_order


@pytest.mark.skipif(shutil.which("sha256sum") is None, reason="needs coreutils' sha256sum")
def test_the_digest_is_what_sha256sum_prints():
    text = "2026-08-20 双色球 03 11 19|班级|2"
    sha256sum = shutil.which("sha256sum") or "sha256sum"
    completed = subprocess.run([sha256sum], input=text.encode(), capture_output=True, check=True)  # noqa: S603
    printed = completed.stdout.decode().split()[0]
    assert digest("2026-08-20 双色球 03 11 19", GROUP_KIND, "2") == printed


def test_groups_take_free_numbers_in_digest_order_and_pre_assigned_groups_keep_theirs():
    seed = "2026-08-20"
    lots = draw_lots(seed, groups=5, keep=[2], teachers=["T03", "T01", "T02"])
    assert lots.class_of_group[2] == 2
    drawn = draw_order(seed, GROUP_KIND, ["1", "3", "4", "5"])
    assert [lots.class_of_group[int(group)] for group in drawn] == [1, 3, 4, 5]
    assert sorted(lots.class_of_group.values()) == [1, 2, 3, 4, 5]
    teachers = draw_order(seed, TEACHER_KIND, ["T03", "T01", "T02"])
    assert lots.teacher_of_class == {1: teachers[0], 2: teachers[1], 3: teachers[2]}
    assert sorted(teachers) == sorted(["T01", "T02", "T03"])
    assert lots.digests[f"{GROUP_KIND}|3"] == digest(seed, GROUP_KIND, "3")
    assert draw_lots(seed, groups=5, keep=[2], teachers=["T01", "T02", "T03"]) == lots  # input order is irrelevant


def test_another_seed_draws_otherwise():
    orders = {tuple(draw_order(f"seed {i}", GROUP_KIND, [str(g) for g in range(1, 9)])) for i in range(5)}
    assert len(orders) > 1


def test_the_draw_refuses_bad_input():
    with pytest.raises(ValueError, match="seed"):
        draw_lots("  ", groups=3)
    with pytest.raises(ValueError, match="more head teachers"):
        draw_lots("x", groups=1, teachers=["T1", "T2"])
    with pytest.raises(ValueError, match="twice"):
        draw_lots("x", groups=3, teachers=["T1", "T1"])
