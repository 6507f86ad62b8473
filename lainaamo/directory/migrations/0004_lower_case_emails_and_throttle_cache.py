"""E-mail addresses are stored in lower case, as logins look them up; the table of the
throttles' shared cache (CACHES["throttle"])."""

from django.core.management import call_command
from django.db import migrations, models
from django.db.models.functions import Lower


def lower_case_emails(apps, schema_editor):
    """Logins look addresses up in lower case. An address whose lower-case form another
    account already has is left as it is (an administrator must merge the two)."""
    Person = apps.get_model("directory", "Person")
    taken = set(Person.objects.values_list("email", flat=True))
    mixed = Person.objects.annotate(lower=Lower("email")).exclude(email=models.F("lower"))
    for person in mixed.only("pk", "email"):
        lower = person.email.lower()
        if lower not in taken:
            Person.objects.filter(pk=person.pk).update(email=lower)
            taken.add(lower)


def create_cache_table(apps, schema_editor):
    # Django's own command; it creates the table of every DatabaseCache in CACHES that is
    # missing, so `migrate` is all a deployment needs.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0003_place_names_in_each_language"),
    ]

    operations = [
        migrations.RunPython(lower_case_emails, migrations.RunPython.noop),
        migrations.RunPython(create_cache_table, migrations.RunPython.noop),
    ]
