from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from zhiliang.demo.logins import demo_login_rows, logins_table


class Command(BaseCommand):
    help = "列出演示县的登录账号：用户名、角色、范围和演示密码。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--markdown", action="store_true", help="输出 Markdown 表格（用于 README）")

    def handle(self, *args: Any, **options: Any) -> None:
        # Role names are translated labels: print them in the product's language, whatever the thread had active.
        with translation.override(settings.LANGUAGE_CODE):
            rows = demo_login_rows()
            if not rows:
                raise CommandError("还没有演示账号：请先运行 `zhiliang demo-data`（或 python manage.py demo_data）。")
            self.stdout.write(logins_table(rows, markdown=options["markdown"]))
