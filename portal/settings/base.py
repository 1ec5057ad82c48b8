"""Settings shared by every environment. Safe on its own: DEBUG is off unless asked for."""

import os
from pathlib import Path

import dj_database_url

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    # Set but empty, as `VAR=` in a container's environment often leaves it, means not set.
    return os.environ.get(name) or default


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = env("DJANGO_SECRET_KEY")
DEBUG = env_bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# Reverse proxies in front of the site that add the visitor's address to X-Forwarded-For
# (portal/client_address.py). None in development; production.py assumes one.
TRUSTED_PROXY_COUNT = int(env("DJANGO_TRUSTED_PROXY_COUNT", "0"))


# ---------------------------------------------------------------------------
# Applications
# ---------------------------------------------------------------------------

DJANGO_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

WAGTAIL_APPS = [
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
]

THIRD_PARTY_APPS = [
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django_countries",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

PORTAL_APPS = [
    "content",
    "enquiries",
]

INSTALLED_APPS = PORTAL_APPS + WAGTAIL_APPS + THIRD_PARTY_APPS + DJANGO_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.middleware.StaffSessionTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "portal.two_factor.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "content.cache.AnonymousPageCacheMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

# The site's pages render with Jinja2 (templates/jinja2): the same markup in less time than
# Django's templates. The admin, its panels and the e-mails keep Django's.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "portal.jinja2.environment",
            "extensions": [
                "jinja2.ext.i18n",
                "wagtail.jinja2tags.core",
                "wagtail.admin.jinja2tags.userbar",
                "wagtail.images.jinja2tags.images",
                "content.jinja2tags.ContentExtension",
                "enquiries.jinja2tags.EnquiryFormsExtension",
            ],
            "context_processors": [
                "wagtail.contrib.settings.context_processors.settings",
                "content.context_processors.cache_version",
            ],
        },
    },
]


# ---------------------------------------------------------------------------
# Data: database, cache, files
# ---------------------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PROCESS_MEMORY = "django.core.cache.backends.locmem.LocMemCache"
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    DEFAULT_CACHE = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "portal",
    }
else:
    DEFAULT_CACHE = {"BACKEND": PROCESS_MEMORY}
CACHES = {
    "default": DEFAULT_CACHE,
    # Page fragments ({% cache %}) are keyed by the content version, and what a version's
    # fragment holds never changes: each process keeps its own, with no round trip to Redis.
    "template_fragments": {
        "BACKEND": PROCESS_MEMORY,
        "LOCATION": "template-fragments",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
    # Wagtail looks up image renditions here before the database. A key names the image, the
    # hash of its file, the filter and the focal point, so a new file or focal point never
    # finds an old rendition: each process keeps its own for a day, with no round trip to Redis.
    "renditions": {
        "BACKEND": "portal.caches.RenditionCache",
        "LOCATION": "renditions",
        "TIMEOUT": 60 * 60 * 24,
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    },
}

# Anonymous visitors' pages, kept until content changes (see content/cache.py).
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", str(60 * 60 * 24)))
# The health check answers for the process alone, whatever the shared cache is doing.
PAGE_CACHE_EXCLUDED_PATHS = ("/admin/", "/search/", "/documents/", "/django-admin/", "/healthz/")
# Browsers revalidate; a CDN may keep pages, purged by wagtail.contrib.frontend_cache on publish.
PAGE_CACHE_CONTROL = "public, max-age=0, s-maxage=600"

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]

MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# Patients' medical reports live here, outside MEDIA_ROOT, so no URL ever serves them directly.
PRIVATE_FILES_ROOT = Path(env("DJANGO_PRIVATE_FILES_ROOT", BASE_DIR / "private"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Complex page models can exceed Django's default field count in the page editor.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000


# ---------------------------------------------------------------------------
# Background tasks
# ---------------------------------------------------------------------------

# "immediate" runs tasks in the request (no worker needed, for `make run`); "database" queues them
# for `manage.py db_worker`, so a slow or failing mail server never holds up a patient.
TASKS_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}


def tasks_setting(default):
    name = env("DJANGO_TASKS_BACKEND", default)
    if name not in TASKS_BACKENDS:
        raise ImproperlyConfigured(
            f"DJANGO_TASKS_BACKEND must be one of {', '.join(TASKS_BACKENDS)}, not {name!r}."
        )
    return {"default": {"BACKEND": TASKS_BACKENDS[name]}}


TASKS = tasks_setting("database")


# ---------------------------------------------------------------------------
# Enquiries
# ---------------------------------------------------------------------------

# The reply time promised to patients and measured for staff.
ENQUIRY_RESPONSE_TARGET_HOURS = int(env("ENQUIRY_RESPONSE_TARGET_HOURS", "24"))
# Where new-enquiry notifications go (a link to the admin, never health details).
ENQUIRY_STAFF_EMAIL = env("ENQUIRY_STAFF_EMAIL", "coordinators@example.org")
# Submissions allowed from one address per hour before the form asks people to wait.
ENQUIRY_RATE_LIMIT_PER_HOUR = int(env("ENQUIRY_RATE_LIMIT_PER_HOUR", "5"))
# A form sent back faster than a person could fill it in is treated as spam.
ENQUIRY_MIN_FILL_SECONDS = int(env("ENQUIRY_MIN_FILL_SECONDS", "3"))
# How long enquiries are kept after the last activity on them, and spam after it arrived.
ENQUIRY_RETENTION_DAYS = int(env("ENQUIRY_RETENTION_DAYS", str(365 * 2)))
ENQUIRY_SPAM_RETENTION_DAYS = int(env("ENQUIRY_SPAM_RETENTION_DAYS", "30"))
ENQUIRY_MAX_FILES = 5
ENQUIRY_MAX_FILE_BYTES = 10 * 1024 * 1024
# Refuse bodies larger than every allowed file plus the form before reading them.
ENQUIRY_MAX_REQUEST_BYTES = ENQUIRY_MAX_FILES * ENQUIRY_MAX_FILE_BYTES + 1024 * 1024


# ---------------------------------------------------------------------------
# E-mail
# ---------------------------------------------------------------------------

EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", "Patient services <care@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL


# ---------------------------------------------------------------------------
# Authentication
# ---------------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"
AUTHENTICATION_BACKENDS = ["portal.auth.ThrottledModelBackend"]
OTP_TOTP_ISSUER = env("WAGTAIL_SITE_NAME", "CareBridge Medical Travel")
LOGIN_FAILURE_LIMIT = 5
LOGIN_LOCKOUT_SECONDS = 15 * 60
# Staff sessions end after 30 minutes without a request, and after 8 hours in any case.
SESSION_IDLE_SECONDS = 30 * 60
SESSION_MAX_SECONDS = 8 * 60 * 60
SESSION_COOKIE_AGE = SESSION_MAX_SECONDS


# ---------------------------------------------------------------------------
# Internationalisation: English only for now, ready for more languages.
# ---------------------------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True


# ---------------------------------------------------------------------------
# Wagtail
# ---------------------------------------------------------------------------

WAGTAIL_SITE_NAME = env("WAGTAIL_SITE_NAME", "CareBridge Medical Travel")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Wagtail's database search; on PostgreSQL with titles and bodies matched on their own indexes,
# in a named text search configuration: left to the database's default, the query's words would
# be parsed again for every page matched and ranked, not once per search.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "content.search_backend", "SEARCH_CONFIG": "english"}
    if "postgresql" in DATABASES["default"]["ENGINE"]
    else {"BACKEND": "wagtail.search.backends.database"}
}
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "jpeg", "webp": "webp"}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Responsive embeds use inline styles, which the Content Security Policy refuses; CSS sizes them.
WAGTAILEMBEDS_RESPONSIVE_HTML = False
# Approving a medical review records the reviewer and review dates before publishing.
WAGTAIL_FINISH_WORKFLOW_ACTION = "content.workflows.publish_with_review_record"
# How long a medical review holds before the article is due again.
CONTENT_REVIEW_INTERVAL_DAYS = int(env("CONTENT_REVIEW_INTERVAL_DAYS", "365"))
# The "due for review" report also lists articles due within this many days.
CONTENT_REVIEW_WARNING_DAYS = 30


# ---------------------------------------------------------------------------
# Security defaults that hold everywhere; production.py adds the HTTPS-only ones.
# ---------------------------------------------------------------------------

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No inline script or style on the public site; videos only from the two hosts editors use.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
    "frame-src https://www.youtube-nocookie.com https://www.youtube.com https://player.vimeo.com; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# Wagtail's admin uses inline scripts and styles, and shows previews in frames.
ADMIN_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; "
    "frame-src 'self' https:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'self'"
)


# ---------------------------------------------------------------------------
# Logging: to stderr, where the process manager collects it.
# ---------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "INFO")},
    # Task and page-action chatter belongs in the audit log, not the server log.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
