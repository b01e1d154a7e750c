from django.apps import AppConfig


class FitnessConfig(AppConfig):
    name = "zhiliang.fitness"
    label = "fitness"

    def ready(self) -> None:
        from zhiliang.fitness.importer import IMPORTER
        from zhiliang.imports.registry import register

        register(IMPORTER)
