from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "zhiliang.org"
    label = "org"
