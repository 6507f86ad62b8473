"""Request-wide rules: the signed-in user's stored language, the cookie that carries a language
choice, and the bounds of what a request may hold."""

import logging
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import DataError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

logger = logging.getLogger("django.request")


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


def refusal(request: HttpRequest, status: int, code: str, message: str) -> HttpResponse:
    """An answer that refuses the request: the API's JSON shape under /api/, a page elsewhere.

    The page stands alone (as 500.html does): it may be drawn before the user is known.
    """
    if request.path_info.startswith("/api/"):
        return JsonResponse({"code": code, "message": message}, status=status)
    return HttpResponse(loader.render_to_string("400.html", {"message": message}), status=status)


def too_large_message() -> str:
    size = Decimal(settings.DATA_UPLOAD_MAX_MEMORY_SIZE) / (1024 * 1024)
    return _("The request is too large. Send at most %(size)s MB at a time.") % {
        "size": formats.number_format(size.normalize(), use_l10n=True)
    }


def _texts(request: HttpRequest):
    """Every text of the request a view may look up: path, cookies, query and form fields."""
    yield request.path_info
    for name, value in request.COOKIES.items():
        yield name
        yield value
    sources = [request.GET]
    if request.method == "POST" and request.content_type in FORM_CONTENT_TYPES:
        sources.append(request.POST)
    for data in sources:
        for key, values in data.lists():
            yield key
            yield from values


FORM_CONTENT_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


class RequestBoundsMiddleware:
    """Refuse, before anything reads it, what no page or endpoint can take, on both the pages
    and the API: a body over DATA_UPLOAD_MAX_MEMORY_SIZE (413) and a NUL character in the
    address, the query, a cookie or a form (400; PostgreSQL cannot store it). A value that
    overflows or that the database refuses on its way there is bad input too: 400, not 500.

    After LocaleMiddleware, so that the answer is in the request's language.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            return refusal(request, 413, "too_large", too_large_message())
        try:
            holds_nul = any("\x00" in text for text in _texts(request))
        except RequestDataTooBig:
            return refusal(request, 413, "too_large", too_large_message())
        if holds_nul:
            message = _("The request contains a NUL character, which cannot be accepted.")
            return refusal(request, 400, "invalid", message)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, RequestDataTooBig):
            return refusal(request, 413, "too_large", too_large_message())
        if isinstance(exception, OVERFLOWS):
            logger.warning("Refused as out of range: %s", request.path, exc_info=exception)
            return refusal(request, 400, "invalid", str(OUT_OF_RANGE))
        return None


# Errors of a value out of range, in Python (a date past year 9999, an integer past 64 bits
# for SQLite) or in the database (NUL, a number too large for its column).
OVERFLOWS = (OverflowError, DataError)
OUT_OF_RANGE = gettext_lazy("A value in the request is out of range.")
