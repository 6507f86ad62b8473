"""Pages every visitor sees: the home page, the language switch, and the statements the law asks
for (accessibility, privacy)."""

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from .contributions import contributions


def home(request):
    """The front page: to a signed-in person, the cards each app declares (see contributions)."""
    cards = []
    if request.user.is_authenticated:
        cards = sorted(
            (card for declared in contributions("home") for card in declared(request)),
            key=lambda card: card.position,
        )
    return render(request, "core/home.html", {"cards": cards})


@require_POST
def set_language(request):
    """Switch the language of the pages, and remember it as the user's language for mail.

    A signed-in user is told that the choice holds for their mail and invitations too.
    """
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
        # Say so: the choice also changes the language of the person's mail and invitations.
        with translation.override(language):
            messages.info(
                request,
                _(
                    "Lainaamo now writes to you in %(language)s: pages, mail and calendar "
                    "invitations. You can change the language here at any time."
                )
                % {"language": translation.get_language_info(language)["name_local"]},
            )
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
