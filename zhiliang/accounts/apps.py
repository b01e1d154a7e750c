from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "zhiliang.accounts"
    label = "accounts"
