from django.apps import AppConfig


class GrowthConfig(AppConfig):
    name = "zhiliang.growth"
    label = "growth"
