from django.apps import AppConfig


class PlacementConfig(AppConfig):
    name = "zhiliang.placement"
    label = "placement"
