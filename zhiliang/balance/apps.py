from django.apps import AppConfig


class BalanceConfig(AppConfig):
    name = "zhiliang.balance"
    label = "balance"

    def ready(self) -> None:
        from zhiliang.balance.importer import IMPORTER
        from zhiliang.imports.registry import register

        register(IMPORTER)
