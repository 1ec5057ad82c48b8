"""Local development: debug on, a throwaway key, e-mails printed, tasks run in the request."""

from .base import *  # noqa: F403
from .base import env, env_bool, tasks_setting

DEBUG = env_bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("DJANGO_SECRET_KEY", "django-insecure-development-only-key")
EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
TASKS = tasks_setting("immediate")
