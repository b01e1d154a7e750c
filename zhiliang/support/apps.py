from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "zhiliang.support"
    label = "support"
