from django.apps import AppConfig


class ExamsConfig(AppConfig):
    name = "zhiliang.exams"
    label = "exams"

    def ready(self) -> None:
        from zhiliang.exams.importer import IMPORTER
        from zhiliang.imports.registry import register

        register(IMPORTER)
