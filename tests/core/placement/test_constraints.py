"""Impossible constraints are found before solving and named with the students and rows; broken ones are listed."""

from zhiliang.core.placement import IntakeStudent, PlacementOptions, check_feasibility, violation_message, violations


def pupils(count, **per_index):
    """`count` students S01…; per_index maps a field to {index: value}."""
    result = []
    for i in range(count):
        fields = {name: values[i] for name, values in per_index.items() if i in values}
        result.append(
            IntakeStudent(student_id=f"S{i + 1:02d}", name=f"学生{i + 1}", sex="MF"[i % 2], row=i + 2, **fields)
        )
    return result


def codes(found):
    return [v.code for v in found]


def test_a_feasible_intake_has_no_problem():
    students = pupils(10, sibling_group={0: "王", 1: "王"}, together_group={2: "甲", 3: "甲"}, fixed_class={4: 2})
    assert check_feasibility(students, PlacementOptions(classes=2, max_size=45)) == []


def test_too_many_students_for_the_maximum_names_the_classes_needed():
    (found,) = check_feasibility(pupils(91), PlacementOptions(classes=2, max_size=45))
    assert found.code == "placement.over_max_size"
    assert violation_message(found) == "91 名学生分成 2 个班，每班至少 46 人，超过了班额上限 45 人；至少需要分 3 个班。"


def test_fewer_students_than_classes():
    assert codes(check_feasibility(pupils(2), PlacementOptions(classes=3))) == ["placement.too_few_students"]


def test_a_sibling_group_larger_than_the_number_of_classes_names_every_row():
    students = pupils(6, sibling_group={0: "王家", 2: "王家", 4: "王家"})
    (found,) = check_feasibility(students, PlacementOptions(classes=2))
    assert violation_message(found) == (
        "同胞组“王家”有 3 名学生（学生1（S01，第 2 行）、学生3（S03，第 4 行）、学生5（S05，第 6 行）），"
        "同胞须分在不同班，但只有 2 个班。"
    )
    assert found.students == ("S01", "S03", "S05")
    assert "must be in different classes, but there are only 2 classes" in violation_message(found, "en")


def test_a_together_group_larger_than_a_class():
    students = pupils(8, together_group=dict.fromkeys(range(5), "甲"))
    (found,) = check_feasibility(students, PlacementOptions(classes=2))
    assert found.code == "placement.together_group_too_large"
    assert "同班组“甲”有 5 名学生" in violation_message(found) and "每班最多 4 人" in violation_message(found)


def test_together_and_apart_at_once():
    students = pupils(6, together_group={0: "甲", 1: "甲"}, sibling_group={0: "王", 1: "王"})
    (found,) = check_feasibility(students, PlacementOptions(classes=2))
    assert (
        violation_message(found)
        == "学生1（S01，第 2 行）、学生2（S02，第 3 行） 在同班组“甲”中，又须分在不同班（同胞组“王”）。"
    )


def test_a_together_group_pre_assigned_to_two_classes():
    students = pupils(6, together_group={0: "甲", 1: "甲"}, fixed_class={0: 1, 1: 2})
    (found,) = check_feasibility(students, PlacementOptions(classes=2))
    assert found.code == "placement.together_fixed_conflict"
    assert "学生1（S01，第 2 行） → 1 班、学生2（S02，第 3 行） → 2 班" in violation_message(found)


def test_pre_assignments_out_of_range_or_too_many():
    (found,) = check_feasibility(pupils(6, fixed_class={3: 4}), PlacementOptions(classes=3))
    assert violation_message(found) == "学生4（S04，第 5 行） 的指定班级 4 超出范围：只分 3 个班（1–3）。"
    (found,) = check_feasibility(pupils(6, fixed_class={0: 1, 1: 1, 2: 1, 3: 1}), PlacementOptions(classes=2))
    assert found.code == "placement.fixed_over_size" and "指定到 1 班的学生有 4 人" in violation_message(found)
    # 7 students in 2 classes: one class of 4 and one of 3; pre-assigning 4 to each is impossible.
    students = pupils(8, fixed_class={0: 1, 1: 1, 2: 2, 3: 2})
    assert check_feasibility(students[:7], PlacementOptions(classes=2)) == []
    students = pupils(7, fixed_class={0: 1, 1: 1, 2: 1, 3: 1, 4: 2, 5: 2, 6: 2})
    assert codes(check_feasibility(students, PlacementOptions(classes=2))) == []
    students = pupils(9, fixed_class={0: 1, 1: 1, 2: 1, 3: 2, 4: 2, 5: 2, 6: 3, 7: 3})
    assert codes(check_feasibility(students, PlacementOptions(classes=3))) == []


def test_pre_assigned_together_but_must_be_apart():
    students = pupils(6, sibling_group={0: "王", 1: "王"}, fixed_class={0: 2, 1: 2})
    (found,) = check_feasibility(students, PlacementOptions(classes=2))
    assert found.code == "placement.fixed_apart_conflict" and "都被指定到了 2 班" in violation_message(found)


def test_pairs_to_keep_apart_must_name_students_of_the_intake():
    found = check_feasibility(pupils(4), PlacementOptions(classes=2, apart_pairs=(("S01", "X9"), ("S02", "S02"))))
    assert codes(found) == ["placement.apart_unknown_student", "placement.apart_same_student"]
    (found,) = check_feasibility(pupils(4), PlacementOptions(classes=1, apart_pairs=(("S01", "S02"),)))
    assert found.code == "placement.apart_pair_one_class"


def test_violations_lists_every_broken_hard_constraint():
    students = pupils(8, sibling_group={0: "王", 1: "王"}, together_group={2: "甲", 3: "甲"}, fixed_class={4: 1})
    options = PlacementOptions(classes=2, max_size=5, apart_pairs=(("S06", "S07"),))
    good = {"S01": 1, "S02": 2, "S03": 2, "S04": 2, "S05": 1, "S06": 1, "S07": 2, "S08": 1}
    assert violations(students, options, good) == []
    bad = {"S01": 1, "S02": 1, "S03": 1, "S04": 2, "S05": 2, "S06": 1, "S07": 1, "S08": 1}
    found = {v.code: violation_message(v) for v in violations(students, options, bad)}
    assert set(found) == {
        "placement.violation.fixed_moved",
        "placement.violation.size_spread",
        "placement.violation.over_max",
        "placement.violation.siblings_together",
        "placement.violation.apart_together",
        "placement.violation.together_split",
    }
    assert found["placement.violation.size_spread"] == "各班人数相差 4 人（最多 6 人，最少 2 人），应不超过 1 人。"
    assert found["placement.violation.over_max"] == "1 班有 6 人，超过了班额上限 5 人。"
    assert found["placement.violation.fixed_moved"] == "学生5（S05，第 6 行） 被指定在 1 班，现在却在 2 班。"
    missing = violations(students, options, {k: v for k, v in good.items() if k != "S08"})
    assert "placement.violation.unassigned" in codes(missing)
