"""A skill can be retired: no longer offered for new requests or profiles."""

import importlib

from django.db import migrations, models

index_stamp = importlib.import_module("lainaamo.mentors.migrations.0003_index_stamp")


def restore_skill_triggers(apps, schema_editor):
    """SQLite rebuilds the skill table to add the column; its index triggers went with it."""
    if schema_editor.connection.vendor != "sqlite":
        return  # PostgreSQL adds the column in place, triggers and all
    for event in ("insert", "update", "delete"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS mentors_skill_index_{event};")
    for statement in index_stamp._sqlite(whole_tables=["mentors_skill"], columns={}):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("mentors", "0005_time_declined_event"),
    ]

    operations = [
        migrations.AddField(
            model_name="skill",
            name="retired",
            field=models.BooleanField(default=False, verbose_name="retired"),
        ),
        migrations.RunPython(restore_skill_triggers, migrations.RunPython.noop, elidable=False),
    ]
