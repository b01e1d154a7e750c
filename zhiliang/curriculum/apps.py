from django.apps import AppConfig


class CurriculumConfig(AppConfig):
    name = "zhiliang.curriculum"
    label = "curriculum"
