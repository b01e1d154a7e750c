"""`manage.py demo_data`, `manage.py demo_logins` and `zhiliang demo-data`."""

import pytest
from django.core.management import CommandError, call_command

from zhiliang.cli import main
from zhiliang.demo.logins import DEMO_PASSWORD, USERNAMES
from zhiliang.org.models import County

pytestmark = pytest.mark.django_db


def test_demo_data_refuses_a_production_configuration_unless_forced():
    # The test settings are production settings (ZHILIANG_DEBUG off).
    with pytest.raises(CommandError, match="--force"):
        call_command("demo_data", "--scale", "0.05", "--no-exams")
    assert not County.objects.exists()


def test_demo_data_and_demo_logins(capsys):
    call_command("demo_data", "--scale", "0.05", "--no-exams", "--force")
    out = capsys.readouterr().out
    assert "生成演示县 清河县" in out and "学生" in out
    call_command("demo_data", "--scale", "0.05", "--no-exams", "--force")
    assert "已存在" in capsys.readouterr().out
    assert County.objects.filter(name="清河县").count() == 1

    call_command("demo_logins")
    table = capsys.readouterr().out
    for username in USERNAMES:
        assert username in table
    assert DEMO_PASSWORD in table
    assert "教导主任" in table and "清河县第一初级中学 九年级" in table and "班主任" in table
    call_command("demo_logins", "--markdown")
    markdown = capsys.readouterr().out
    assert markdown.startswith("| 用户名") and "`head_teacher`" in markdown


def test_demo_logins_says_what_to_do_before_the_demo_exists():
    with pytest.raises(CommandError, match="demo-data"):
        call_command("demo_logins")


def test_the_console_script(capsys):
    assert main(["demo-data", "--scale", "0.05", "--no-exams"]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["demo-data", "--scale", "0.05", "--no-exams", "--force"]) == 0
    assert "本学年在籍学生" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_info:
        main(["demo-data", "--scale", "lots"])
    assert exit_info.value.code == 2
    assert "规模" in capsys.readouterr().err
