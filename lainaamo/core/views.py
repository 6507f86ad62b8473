"""Pages every visitor sees: the home page, the language switch, and the statements the law asks
for (accessibility, privacy)."""

import datetime as dt

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import check_for_language
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language


def home(request):
    return render(request, "core/home.html")


@require_POST
def set_language(request):
    """Switch the language of the pages, and remember it as the user's language for mail."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    known = {code for code, _name in settings.LANGUAGES}
    if (
        request.user.is_authenticated
        and language in known
        and check_for_language(language)
        and request.user.language != language
    ):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response


def accessibility(request):
    return render(
        request,
        "core/accessibility.html",
        {
            "supervisor_name": settings.ACCESSIBILITY_SUPERVISOR_NAME,
            "supervisor_url": settings.ACCESSIBILITY_SUPERVISOR_URL,
            "feedback_email": settings.ACCESSIBILITY_FEEDBACK_EMAIL,
            "assessed_on": dt.date.fromisoformat(settings.ACCESSIBILITY_ASSESSED_ON),
            "provider": settings.SERVICE_PROVIDER_NAME,
        },
    )


def privacy(request):
    return render(
        request,
        "core/privacy.html",
        {
            "provider": settings.SERVICE_PROVIDER_NAME,
            "contact_email": settings.PRIVACY_CONTACT_EMAIL,
        },
    )
