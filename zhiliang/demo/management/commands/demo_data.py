from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhiliang.demo import options, runner
from zhiliang.demo.build import DemoRefused


class Command(BaseCommand):
    help = "生成演示县（清河县）：学校、班级、学生、教师、任课、演示账号和两个学年的考试成绩。可重复运行。"

    def add_arguments(self, parser: CommandParser) -> None:
        options.add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            runner.run(options, self.stdout.write)
        except DemoRefused as error:
            raise CommandError(str(error)) from error
