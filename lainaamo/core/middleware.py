"""The signed-in user's stored language, and the cookie that carries a language choice."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


def set_language_cookie(response: HttpResponse, language: str) -> None:
    """Set the language cookie exactly as django.views.i18n.set_language does."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


class UserLanguageMiddleware:
    """Serve a signed-in user in their stored language when the browser carries no choice.

    The cookie (set at login and by the language switcher) wins when present, so a choice made
    in the switcher holds; without it, a user who signs in on a new device or whose cookie
    expired still sees the language they chose (Language Act: the person's chosen language
    counts), not the browser's. The API chooses its language itself, by Accept-Language.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = None
        chosen = settings.LANGUAGE_COOKIE_NAME in request.COOKIES
        if not chosen and not request.path_info.startswith("/api/"):
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated and user.language in self.languages:
                language = user.language
                translation.activate(language)
                request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if language and settings.LANGUAGE_COOKIE_NAME not in response.cookies:
            set_language_cookie(response, language)
        return response
