"""manage.py demo_logins: the addresses and passwords to try the demo with."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from lainaamo.demo.loader import DEMO_LOGINS, SHARED_PASSWORD
from lainaamo.directory.models import Language, Person


class Command(BaseCommand):
    help = "Print the demo logins: a coordinator, a mentor and a borrowing staff member."

    def handle(self, *args, **options) -> None:
        roles = {
            "coordinator": _("Coordinator"),
            "mentor": _("Mentor"),
            "borrower": _("Staff member who borrows"),
        }
        languages = dict(Language.choices)
        loaded = Person.objects.filter(email__in=[login.email for login in DEMO_LOGINS]).count()
        self.stdout.write(_("Demo logins (e-mail / password):"))
        for login in DEMO_LOGINS:
            self.stdout.write(
                f"  {roles[login.role]:<26} {login.email:<32} {login.password:<26} "
                f"({languages[login.language]})"
            )
        self.stdout.write(
            _("Every other demo person: firstname.lastname@demo.lainaamo.fi / %(password)s")
            % {"password": SHARED_PASSWORD}
        )
        if loaded < len(DEMO_LOGINS):
            self.stdout.write(
                self.style.WARNING(_("The demo data is not loaded: run manage.py load_demo."))
            )
