from django.apps import AppConfig


class DevelopmentConfig(AppConfig):
    name = "zhiliang.development"
    label = "development"
