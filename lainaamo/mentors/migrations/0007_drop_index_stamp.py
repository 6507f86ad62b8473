"""Matching reads through the ORM: the index stamp's triggers and its table go.

The triggers of 0003 (re-created on SQLite by 0006) are dropped first, on both databases,
because on SQLite a trigger whose body names a dropped table fails at its next write. Any of
them that a later rebuild of its table on SQLite already lost is skipped (IF EXISTS): 0003's own
drop_triggers.
"""

import importlib

from django.db import migrations

index_stamp = importlib.import_module("lainaamo.mentors.migrations.0003_index_stamp")


class Migration(migrations.Migration):
    dependencies = [
        ("mentors", "0006_skill_retired"),
    ]

    operations = [
        # Backwards, the table comes back first and then its row and triggers (0003's own).
        migrations.RunPython(
            index_stamp.drop_triggers, index_stamp.create_triggers, elidable=False
        ),
        migrations.DeleteModel(name="IndexStamp"),
    ]
