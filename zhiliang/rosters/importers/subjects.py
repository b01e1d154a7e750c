"""Finding a subject named in a roster: by its name, its aliases in the database (`SubjectAlias`), or the
built-in aliases of `zhiliang.core.subject_catalogue` (道法 → 道德与法治) when the database has none."""

from zhiliang.core.subject_catalogue import DEFAULT_SUBJECTS
from zhiliang.curriculum.models import Subject, SubjectAlias
from zhiliang.rosters.importers.base import key


class Subjects:
    def __init__(self) -> None:
        subjects = list(Subject.objects.all())
        self.names = [subject.name for subject in subjects]
        by_name = {key(subject.name): subject for subject in subjects}
        self.by_key: dict[str, Subject] = {}
        for canonical, aliases in DEFAULT_SUBJECTS.items():
            subject = by_name.get(key(canonical))
            if subject is not None:
                for alias in aliases:
                    self.by_key[key(alias)] = subject
        for alias in SubjectAlias.objects.select_related("subject"):
            self.by_key[key(alias.alias)] = alias.subject
        self.by_key.update(by_name)

    def find(self, name: object) -> Subject | None:
        return self.by_key.get(key(name))
