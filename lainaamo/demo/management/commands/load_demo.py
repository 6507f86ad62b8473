"""manage.py load_demo: the demo region, its mentors and their loans; harmless when run again."""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from lainaamo.demo.loader import load_demo
from lainaamo.mentors.models import LoanStatus


class Command(BaseCommand):
    help = "Load the demo data (a region modelled on Ostrobothnia); does nothing if it is loaded."

    def handle(self, *args, **options) -> None:
        started = time.monotonic()
        result = load_demo()
        if not result.created:
            self.stdout.write(_("The demo data is loaded already; nothing was changed."))
            return
        labels = dict(LoanStatus.choices)
        loans = ", ".join(
            f"{str(labels.get(status, status)).lower()} {count}"
            for status, count in sorted(result.loans.items())
        )
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Demo data loaded in %(seconds).1f s: %(people)s people, %(mentors)s "
                    "mentors, loans: %(loans)s."
                )
                % {
                    "seconds": time.monotonic() - started,
                    "people": result.people,
                    "mentors": result.mentors,
                    "loans": loans,
                }
            )
        )
