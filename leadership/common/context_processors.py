from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language_info


def site(request: HttpRequest) -> dict[str, object]:
    """The site's address and, for the language switcher, this page in every language."""
    path = request.get_full_path()
    return {
        "SITE_URL": settings.SITE_URL,
        "language_links": [
            {
                "code": code,
                "name_local": get_language_info(code)["name_local"],
                "bidi": get_language_info(code)["bidi"],
                "url": translate_url(path, code),
            }
            for code, _name in settings.LANGUAGES
        ],
    }
