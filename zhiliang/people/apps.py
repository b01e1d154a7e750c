from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "zhiliang.people"
    label = "people"
