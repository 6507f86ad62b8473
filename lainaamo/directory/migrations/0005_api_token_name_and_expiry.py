"""API tokens get a name and an expiry.

Tokens issued before this migration had no expiry: theirs is counted from the migration, so
that no integration stops working on the day of the upgrade.
"""

import datetime as dt

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def give_tokens_an_expiry(apps, schema_editor):
    ApiToken = apps.get_model("directory", "ApiToken")
    expires_at = timezone.now() + dt.timedelta(days=settings.API_TOKEN_LIFETIME_DAYS)
    ApiToken.objects.filter(expires_at__isnull=True).update(expires_at=expires_at)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0004_lower_case_emails_and_throttle_cache"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="name",
            field=models.CharField(blank=True, default="", max_length=100, verbose_name="name"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="expires"),
        ),
        migrations.RunPython(give_tokens_an_expiry, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(verbose_name="expires"),
        ),
    ]
