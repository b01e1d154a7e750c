from django.apps import AppConfig


class RostersConfig(AppConfig):
    name = "zhiliang.rosters"
    label = "rosters"

    def ready(self) -> None:
        from zhiliang.rosters.importers import register_all

        register_all()
