"""The parts of the profile page. Directory draws the person's own details; higher apps add
their parts (the calendar feed, the mentor's offer and hours) as the contribution "profile":
a function `(request, person, posted) -> list[ProfilePart]` (see lainaamo.core.contributions).
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from lainaamo.core.middleware import set_language_cookie
from lainaamo.core.timeutil import now

from .forms import PersonForm
from .models import ApiToken, Person


class ProfilePart:
    """A part of the profile page, drawn by `template_name` with the part as `part`.

    Each of its forms posts a `section` among `sections`; `posted` is the section of this
    request's POST, if any, and `bound(section)` the data a form of that section is bound to.
    """

    template_name = ""
    sections: tuple[str, ...] = ()
    success_message = _("Your changes are saved.")

    def __init__(self, request: HttpRequest, person: Person, posted: str) -> None:
        self.request = request
        self.person = person
        self.posted = posted

    def bound(self, section: str):
        return self.request.POST if self.posted == section else None

    def save(self) -> bool:
        """Save the posted section; False when its forms show errors instead."""
        raise NotImplementedError

    def after_save(self, response: HttpResponse) -> None:
        """Adjust the redirect that follows a save (a cookie, say)."""


class PersonPart(ProfilePart):
    """Name, language and home unit."""

    template_name = "directory/_profile_person.html"
    sections = ("person",)

    def __init__(self, request, person, posted) -> None:
        super().__init__(request, person, posted)
        self.form = PersonForm(self.bound("person"), instance=person, prefix="person")

    def save(self) -> bool:
        if not self.form.is_valid():
            return False
        self.form.save()
        return True

    def after_save(self, response: HttpResponse) -> None:
        # The pages follow the language just chosen, this message included.
        translation.activate(self.person.language)
        set_language_cookie(response, self.person.language)


class ApiTokensPart(ProfilePart):
    """The person's API tokens, each with a button that revokes it (a view of its own)."""

    template_name = "directory/_profile_api_tokens.html"

    def __init__(self, request, person, posted) -> None:
        super().__init__(request, person, posted)
        self.api_tokens = ApiToken.objects.filter(person=person).usable(now())
        self.lifetime_days = settings.API_TOKEN_LIFETIME_DAYS
