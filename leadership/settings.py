"""Settings of the leadership registry: one module, driven by the environment.

The quick start and production differ only in environment variables (see README.md, "Configuration").
Defaults are safe for a laptop: SQLite in ./var, tasks run eagerly, emails to the console.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

TESTING = "pytest" in sys.modules

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-debug-mode"  # noqa: S105 - only ever used with DEBUG on

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])
SITE_ID = 1

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.mediawiki",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "simple_history",
    "axes",
    "csp",
    "post_office",
    "django_celery_beat",
    "django_prometheus",
    "leadership.common",
    "leadership",
    "roles",
    "nominations",
    "training",
    "leadership.overview",
]
# The migration linter is a development dependency: its app (the lintmigrations command) is added only where
# it is installed, so that production without the dev dependencies still loads.
if importlib.util.find_spec("django_migration_linter"):
    INSTALLED_APPS.append("django_migration_linter")
# `make migrations-lint` (on PostgreSQL): our apps' migrations, with every warning an error (CREATE INDEX
# without CONCURRENTLY, DROP INDEX, irreversible data migrations...). No migration of ours is ignored: each
# existing one passes. Third-party migrations come with pinned upgrades, are reviewed then (their latest names
# are pinned in tests/test_migrations.py), and some cannot even be rendered by sqlmigrate on an empty database.
MIGRATION_LINTER_OPTIONS = {
    "include_apps": ["common", "leadership", "roles", "nominations", "training", "overview"],
    "warnings_as_errors": [],  # an empty list: all of them
    "no_cache": True,  # its cache keeps results across changes of these options
    "quiet": ["ignore"],  # not a line for each third-party migration left out
}

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",  # first: times the whole stack
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses HTML and JSON for clients that accept gzip: after WhiteNoise (static files come
    # precompressed and never reach it), before everything that writes the body. Django pads its output
    # against BREACH, and CSRF tokens stay masked per response. A proxy may compress instead (README).
    "django.middleware.gzip.GZipMiddleware",
    "leadership.common.middleware.RequestLogMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "leadership.common.api.ApiLanguageMiddleware",  # ?lang= on API paths, after LocaleMiddleware
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Counts by view and status; before axes, so that it sees axes's lockout responses too.
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    "axes.middleware.AxesMiddleware",  # last, per django-axes
]

ROOT_URLCONF = "leadership.urls"
WSGI_APPLICATION = "leadership.wsgi.application"

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
                "leadership.common.context_processors.site",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions and a busy timeout let the web process and the worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if IS_POSTGRES:
    # PostgreSQL's JIT compiles any query it estimates as costly, which takes a second or more: far longer
    # than our pages' queries run (measured on the overview's organisation page at benchmark scale).
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://leadership")}

# --- Authentication ---------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first, so that a locked-out user never reaches the others
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "roles:me"
LOGOUT_REDIRECT_URL = "home"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_ADAPTER = "roles.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "roles.adapters.SocialAccountAdapter"
ACCOUNT_FORMS = {  # allauth's forms with Codex's widget classes
    "login": "roles.adapters.LoginForm",
    "signup": "roles.adapters.SignupForm",
    "add_email": "roles.adapters.AddEmailForm",
    "change_password": "roles.adapters.ChangePasswordForm",
    "set_password": "roles.adapters.SetPasswordForm",
    "reset_password": "roles.adapters.ResetPasswordForm",
    "reset_password_from_key": "roles.adapters.ResetPasswordKeyForm",
}
SOCIALACCOUNT_FORMS = {"signup": "roles.adapters.SocialSignupForm"}
# A Wikimedia login whose confirmed address belongs to an account signs in to (and connects) that account.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"  # Meta-Wiki only hands over confirmed addresses
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
# django-axes locks one username+IP after AXES_FAILURE_LIMIT failures; allauth's per-address limit stays
# above it (so the lockout page, not a form error, answers) and stops attacks spread over many IPs.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,20/15m/key"}

WIKIMEDIA_OAUTH_REST_API = env.str(
    "WIKIMEDIA_OAUTH_REST_API", default="https://meta.wikimedia.org/w/rest.php"
)
WIKIMEDIA_USER_AGENT = env.str(
    "WIKIMEDIA_USER_AGENT",
    default=f"LeadershipRegistry/0.1 ({SITE_URL}; leadership-registry@wikimedia.invalid) django-allauth",
)
SOCIALACCOUNT_PROVIDERS = {
    "mediawiki": {
        "REST_API": WIKIMEDIA_OAUTH_REST_API,
        "USER_AGENT": WIKIMEDIA_USER_AGENT,
        "USERPAGE_TEMPLATE": "https://meta.wikimedia.org/wiki/User:{username}",
        "APPS": [
            {
                "client_id": env.str("WIKIMEDIA_OAUTH_CLIENT_ID", default=""),
                "secret": env.str("WIKIMEDIA_OAUTH_CLIENT_SECRET", default=""),
            }
        ]
        if env.str("WIKIMEDIA_OAUTH_CLIENT_ID", default="")
        else [],
    }
}

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "login"
AXES_USERNAME_CALLABLE = "roles.adapters.axes_username"  # allauth passes email=, the admin username=
AXES_LOCKOUT_TEMPLATE = "403_lockout.html"
AXES_HTTP_RESPONSE_CODE = 403  # the lockout page is a 403 page
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
AXES_ENABLE_ACCESS_FAILURE_LOG = False

# --- Languages --------------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("pt-br", _("Brazilian Portuguese")),
    ("id", _("Indonesian")),
    ("ar", _("Arabic")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
# English first, then whichever language has a value.
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": MODELTRANSLATION_LANGUAGES}

# --- Static files -----------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and not TESTING
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
MEDIA_ROOT = VAR_DIR / "media"

# --- Email: every message is a row of django-post-office's outbox, sent by a task -------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
REAL_EMAIL_BACKEND = EMAIL_CONFIG["EMAIL_BACKEND"]
EMAIL_BACKEND = "post_office.EmailBackend"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Leadership registry <noreply@leadership.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
POST_OFFICE = {
    "BACKENDS": {"default": REAL_EMAIL_BACKEND},
    "DEFAULT_PRIORITY": "medium",  # queued: written now, sent by the task
    "CELERY_ENABLED": False,  # our own task sends, so a broker outage never breaks a request
    "THREADS_PER_PROCESS": 1,
    "LOCK_FILE_NAME": str(VAR_DIR / "post_office"),
    "MAX_RETRIES": 5,
    "MESSAGE_ID_ENABLED": True,
}
EMAIL_UNSUBSCRIBE_SALT = "leadership.unsubscribe"

# --- Celery -----------------------------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {
    # A request that queues an email asks the broker once, briefly; when it is down the periodic task sends.
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
    "socket_connect_timeout": 2,  # redis
    "socket_timeout": 5,  # redis
}
if CELERY_BROKER_URL.startswith("filesystem://"):
    BROKER_FOLDER = Path(env.str("CELERY_BROKER_FOLDER", default=str(VAR_DIR / "broker")))
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_FOLDER),
        "data_folder_out": str(BROKER_FOLDER),
        "processed_folder": str(BROKER_FOLDER / "processed"),
        "store_processed": False,
        # Broadcast messages (worker control): kombu's default is "control" in the working directory.
        "control_folder": str(BROKER_FOLDER / "control"),
    }
CELERY_TIMEZONE = "UTC"
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    "send-pending-emails": {"task": "common.send_pending_emails", "schedule": 60.0},
    "purge-sent-emails": {"task": "common.purge_old_emails", "schedule": 24 * 3600.0},
    "roles-clear-expired-sessions": {"task": "roles.clear_expired_sessions", "schedule": 24 * 3600.0},
    "nominations-expire-and-erase": {"task": "nominations.expire_and_erase", "schedule": 3600.0},
    # Every 15 minutes: a session starting within 24 hours is reminded of once, whatever the delay.
    "training-send-session-reminders": {"task": "training.send_session_reminders", "schedule": 900.0},
    "training-send-feedback-requests": {"task": "training.send_feedback_requests", "schedule": 900.0},
    # The overview's figures are materialised every 15 minutes; organizers get a digest on Monday mornings.
    "overview-refresh": {"task": "overview.refresh", "schedule": 900.0},
    "overview-send-weekly-digests": {"task": "overview.send_weekly_digests", "schedule": 3600.0},
}
EMAIL_RETENTION_DAYS = env.int("EMAIL_RETENTION_DAYS", default=90)
# The nomination form's rate limits (django-ratelimit): per address, and per signed-in account. The benchmark
# raises them (its requests all come from one address); their bookkeeping still runs.
NOMINATION_RATE_PER_ADDRESS = env.str("NOMINATION_RATE_PER_ADDRESS", default="20/h")
NOMINATION_RATE_PER_ACCOUNT = env.str("NOMINATION_RATE_PER_ACCOUNT", default="30/d")
# The overview: burnout risk means holding more than this many current roles or expected hours per week;
# diversity figures leave out any group of fewer people than OVERVIEW_MIN_GROUP.
OVERVIEW_BURNOUT_MAX_ROLES = env.int("OVERVIEW_BURNOUT_MAX_ROLES", default=3)
OVERVIEW_BURNOUT_MAX_HOURS = env.int("OVERVIEW_BURNOUT_MAX_HOURS", default=20)
OVERVIEW_MIN_GROUP = env.int("OVERVIEW_MIN_GROUP", default=5)
# The movement's and regions' overview pages are rendered once per refresh of their figures and kept this long.
OVERVIEW_PAGE_CACHE_SECONDS = env.int("OVERVIEW_PAGE_CACHE_SECONDS", default=300)

# --- REST API ---------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["leadership.common.permissions.RulesPermission"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
        "rest_framework.filters.SearchFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "leadership.common.api.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "leadership.common.api.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="600/minute"),
        "user": env.str("API_THROTTLE_USER", default="3000/minute"),
        "organization_proposal": env.str("API_THROTTLE_PROPOSALS", default="20/hour"),
        "nomination_submit": "60/hour",  # nominations through the API, per account (the web form has its own)
    },
    "DEFAULT_VERSIONING_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Leadership role and skill registry API",
    "DESCRIPTION": "Roles, competencies, organisations, nominations and trainings of the Wikimedia movement.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Request bodies are documented as JSON; form data stays accepted (the browsable API sends it).
    "PARSER_WHITELIST": ["rest_framework.parsers.JSONParser"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "leadership.common.api.add_language_parameters",
        "leadership.common.api.add_error_responses",
        "leadership.common.api.allow_blank_values",
        "leadership.common.api.optional_translations",
        "leadership.common.api.add_links",  # after the error responses: links sit on the 201 answers
    ],
    "ENUM_NAME_OVERRIDES": {
        "RegionCodeEnum": "roles.enums.RegionCode",
        "OrganizationKindEnum": "roles.enums.OrganizationKind",
        "OrganizationStatusEnum": "roles.enums.OrganizationStatus",
        "RoleKindEnum": "roles.enums.RoleKind",
        "SelectionEnum": "roles.enums.Selection",
        "ImportanceEnum": "roles.enums.Importance",
        "LevelEnum": "roles.enums.Level",
        "NominationKindEnum": "nominations.enums.NominationKind",
        "NominationStateEnum": "nominations.enums.NominationState",
        "QuestionKindEnum": "nominations.enums.QuestionKind",
    },
}

# --- Security ---------------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No script reads the CSRF cookie (forms carry the token, htmx only sends GETs, the API docs' script has the
# token written into it), so it is kept out of scripts' reach like the session cookie.
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_REDIRECT_EXEMPT = [r"^healthz/"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF, "https://meta.wikimedia.org"],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- Logging: one JSON line per request, no personal data ------------------------------------------
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "leadership.common.logging.JsonFormatter"}},
    "filters": {"request_id": {"()": "leadership.common.logging.RequestIdFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["request_id"]}
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "leadership.requests": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        "leadership": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        "post_office": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "celery": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
    },
}

# --- Monitoring: Prometheus metrics, error reports, outbox alert (see README, "Monitoring") -----------
# /metrics answers only the scraper: its bearer token and/or an address in METRICS_ALLOWED_IPS (addresses
# or networks); with neither set it is a 404. PROMETHEUS_MULTIPROC_DIR (read by prometheus_client from the
# environment) makes every process of a host count into one folder, which a scrape adds up.
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
METRICS_ALLOWED_IPS = env.list("METRICS_ALLOWED_IPS", default=[])
if env.str("PROMETHEUS_MULTIPROC_DIR", default=""):
    Path(env.str("PROMETHEUS_MULTIPROC_DIR")).mkdir(parents=True, exist_ok=True)
# /healthz/ready reports "outbox": "backlog" above this many emails waiting to be sent (it stays 200).
OUTBOX_BACKLOG_WARN = env.int("OUTBOX_BACKLOG_WARN", default=1000)
SENTRY_DSN = env.str("SENTRY_DSN", default="")
SENTRY_ENVIRONMENT = env.str("SENTRY_ENVIRONMENT", default="development" if DEBUG else "production")
SENTRY_RELEASE = env.str("SENTRY_RELEASE", default="")
SENTRY_TRACES_SAMPLE_RATE = env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0)
if SENTRY_DSN:
    from leadership.common.sentry import sentry_init

    sentry_init(
        dsn=SENTRY_DSN,
        environment=SENTRY_ENVIRONMENT,
        release=SENTRY_RELEASE,
        traces_sample_rate=SENTRY_TRACES_SAMPLE_RATE,
    )

# --- Registry-specific settings ---------------------------------------------------------------------
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="demo-leadership-2026")
FORM_RENDERER = "leadership.common.forms.CodexRenderer"

# --- Backups: `manage.py backup` and `restore` (see README, "Backups") ---------------------------------
BACKUP_DIR = Path(env.str("BACKUP_DIR", default=str(VAR_DIR / "backups")))
# The journal of erasures replayed after a restore: outside the database, in production on the backup volume.
ERASURE_LOG = Path(env.str("ERASURE_LOG", default=str(BACKUP_DIR / "erasures.jsonl")))
