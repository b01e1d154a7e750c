from django.apps import AppConfig


class TeachingConfig(AppConfig):
    name = "zhiliang.teaching"
    label = "teaching"
