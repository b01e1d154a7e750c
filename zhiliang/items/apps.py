from django.apps import AppConfig


class ItemsConfig(AppConfig):
    name = "zhiliang.items"
    label = "items"

    def ready(self) -> None:
        from zhiliang.imports.registry import register
        from zhiliang.items.importer import IMPORTER

        register(IMPORTER)
