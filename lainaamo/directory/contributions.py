"""What directory adds to the navigation and the home page (declared in apps.py; see
core.contributions): one's own profile, last."""

from django.urls import reverse
from django.utils.translation import gettext as _

from lainaamo.core.contributions import Card, NavItem

# After the entries of every other app.
PROFILE_POSITION = 1000


def navigation(request) -> list[NavItem]:
    return [
        NavItem(
            reverse("directory:profile"), _("My profile"), "directory:profile", PROFILE_POSITION
        )
    ]


def home(request) -> list[Card]:
    return [
        Card(
            reverse("directory:profile"),
            _("My profile"),
            _("Your name, language and unit; as a mentor, your skills and hours."),
            PROFILE_POSITION,
        )
    ]
