"""Settings for the test suite: the production settings with fast hashing and explicit test values."""

import os

os.environ.setdefault("ZHILIANG_SECRET_KEY", "test-secret-key-not-for-production-" + "x" * 20)
os.environ.setdefault("ZHILIANG_FIELD_KEY", "dGVzdC1maWVsZC1rZXktZm9yLXRlc3RzLW9ubHktMzI=")
os.environ.setdefault("ZHILIANG_HTTPS", "0")
os.environ.setdefault("ZHILIANG_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

from zhiliang.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
