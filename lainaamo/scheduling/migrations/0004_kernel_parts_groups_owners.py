"""The kernel for every app: a resource's parts, bookings made together, and a real owner.

A booking's owner was a string "app.model:pk"; it becomes a reference (content type and key).
Each existing booking forms a group of its own.
"""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def owners_to_references(apps, schema_editor):
    Booking = apps.get_model("scheduling", "Booking")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Booking.objects.update(group=models.F("uid"))
    owners = Booking.objects.exclude(owner="").values_list("owner", flat=True).distinct()
    for owner in owners:
        label, _, key = owner.partition(":")
        app_label, _, model = label.partition(".")
        kind = ContentType.objects.filter(app_label=app_label, model=model).first()
        if kind is None or not key.isdigit():
            continue  # not a reference to anything that exists
        Booking.objects.filter(owner=owner).update(owner_type=kind, owner_id=int(key))


def references_to_owners(apps, schema_editor):
    Booking = apps.get_model("scheduling", "Booking")
    for booking in Booking.objects.exclude(owner_type=None).select_related("owner_type"):
        kind = booking.owner_type
        booking.owner = f"{kind.app_label}.{kind.model}:{booking.owner_id}"
        booking.save(update_fields=["owner"])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("scheduling", "0003_booking_resource_start"),
    ]

    operations = [
        migrations.AddField(
            model_name="booking",
            name="group",
            field=models.UUIDField(db_index=True, null=True, editable=False),
        ),
        migrations.AddField(
            model_name="booking",
            name="owner_id",
            field=models.PositiveBigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="booking",
            name="owner_type",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.RunPython(owners_to_references, references_to_owners),
        migrations.RemoveField(model_name="booking", name="owner"),
        migrations.AlterField(
            model_name="booking",
            name="group",
            field=models.UUIDField(db_index=True, default=uuid.uuid4, editable=False),
        ),
        migrations.AddField(
            model_name="resource",
            name="parent",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="children",
                to="scheduling.resource",
                verbose_name="part of",
            ),
        ),
        migrations.AddIndex(
            model_name="booking",
            index=models.Index(
                fields=["owner_type", "owner_id"], name="scheduling__owner_t_df52d8_idx"
            ),
        ),
    ]
