"""The one declared place where an app adds its parts to pages that a lower app owns.

Dependencies point one way (core <- directory <- scheduling <- mentors <- demo), yet the
navigation and the home page (core), the profile page (directory) and the calendar feed
(scheduling) show what higher apps offer. Each app therefore declares, in its AppConfig, a
dict `contributions` from the name of a place to the dotted path of what it adds there:

    class MentorsConfig(AppConfig):
        contributions = {
            "navigation": "lainaamo.mentors.contributions.navigation",
            ...
        }

The app that owns a place asks `contributions(place)` and uses what comes back in the order of
INSTALLED_APPS; it also says what shape a contribution there has:

- "navigation": `f(request) -> list[NavItem]`, the entries of the main navigation (core);
- "home": `f(request) -> list[Card]`, the cards of the signed-in home page (core);
- "profile": `f(request, person, posted) -> list[ProfilePart]` (lainaamo.directory.profile);
- "calendar_feed": a `FeedSource` (lainaamo.scheduling.feed).
"""

import functools
from dataclasses import dataclass

from django.apps import apps
from django.utils.module_loading import import_string

PLACES = frozenset({"navigation", "home", "profile", "calendar_feed"})


@functools.cache
def contributions(place: str) -> tuple:
    """What the installed apps declare for `place`, in the order of INSTALLED_APPS."""
    if place not in PLACES:
        raise LookupError(f"No such place for contributions: {place!r}")
    return tuple(
        import_string(config.contributions[place])
        for config in apps.get_app_configs()
        if place in getattr(config, "contributions", {})
    )


@dataclass(frozen=True)
class NavItem:
    """An entry of the main navigation, and the pages (view names) that belong under it."""

    url: str
    label: str
    view_name: str
    position: int
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class Card:
    """A card of the home page: a page a signed-in person may go to, and what it is for."""

    url: str
    title: str
    text: str
    position: int
