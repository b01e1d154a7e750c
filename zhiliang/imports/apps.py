from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "zhiliang.imports"
    label = "imports"
