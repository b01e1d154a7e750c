from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "zhiliang.audit"
    label = "audit"
