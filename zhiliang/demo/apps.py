from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "zhiliang.demo"
    label = "demo"
