from django.conf import settings
from django.shortcuts import resolve_url
from django.utils.functional import SimpleLazyObject, lazy

from .contributions import contributions


def site(request) -> dict:
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        # The frame's sign-in and sign-out, from the settings: they are directory's pages.
        "LOGIN_URL": lazy(resolve_url, str)(settings.LOGIN_URL),
        "LOGOUT_URL": lazy(resolve_url, str)(settings.LOGOUT_URL),
    }


def _navigation(request) -> list[dict]:
    # The pages behind the navigation are for people signed in; a visitor sees none of them.
    if not request.user.is_authenticated:
        return []
    items = sorted(
        (item for declared in contributions("navigation") for item in declared(request)),
        key=lambda item: item.position,
    )
    match = request.resolver_match
    current = match.view_name if match else ""
    return [
        {
            "url": item.url,
            "label": item.label,
            "current": current == item.view_name or current in item.also,
        }
        for item in items
    ]


def navigation(request) -> dict:
    """The main navigation: the entries each app declares, worked out when a page shows it."""
    return {"navigation": SimpleLazyObject(lambda: _navigation(request))}
