from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "zhiliang.web"
    label = "web"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from zhiliang.web.login_audit import record_login, record_login_failed

        user_logged_in.connect(record_login, dispatch_uid="zhiliang.web.record_login")
        user_login_failed.connect(record_login_failed, dispatch_uid="zhiliang.web.record_login_failed")
