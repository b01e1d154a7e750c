"""`manage.py grant_role USER ROLE --county 清河县` gives a role from the command line (audited).

This is how the first bureau administrator is set up on a new installation (docs/deploy.md).
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhiliang.accounts.models import ASSIGNABLE_ROLES, User
from zhiliang.accounts.services import role_grant
from zhiliang.org.models import County, EducationGroup, School


class Command(BaseCommand):
    help = "Grant a role with its scope to an existing user."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("role", choices=[role.value for role in ASSIGNABLE_ROLES])
        parser.add_argument("--county", help="county name (bureau roles)")
        parser.add_argument("--group", help="education group name (group leader)")
        parser.add_argument("--school", help="school code (principal, academic director, grade leader)")
        parser.add_argument("--grade", type=int, help="grade 1–12 (grade leader)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = User.objects.get(username=options["username"])
            county = County.objects.get(name=options["county"]) if options["county"] else None
            group = EducationGroup.objects.get(name=options["group"]) if options["group"] else None
            school = School.objects.get(code=options["school"]) if options["school"] else None
        except (User.DoesNotExist, County.DoesNotExist, EducationGroup.DoesNotExist, School.DoesNotExist) as error:
            raise CommandError(str(error)) from error
        try:
            assignment = role_grant(
                actor=None,
                user=user,
                role=options["role"],
                county=county,
                group=group,
                school=school,
                grade=options["grade"],
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(str(assignment))
