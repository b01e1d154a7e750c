from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "zhiliang.care"
    label = "care"
