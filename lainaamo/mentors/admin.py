from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin

from .matching_cache import mentors_changed
from .models import (
    Cohort,
    Decline,
    Loan,
    LoanSession,
    LoanWindow,
    MentorProfile,
    MentorSkill,
    Skill,
)


class MatchingDataAdmin(TranslationAdmin):
    """What matching ranks by and shows: rankings kept in the cache are read anew once a change
    made here commits."""

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        mentors_changed()

    def delete_model(self, request, obj) -> None:
        super().delete_model(request, obj)
        mentors_changed()

    def delete_queryset(self, request, queryset) -> None:
        super().delete_queryset(request, queryset)
        mentors_changed()


@admin.register(Skill)
class SkillAdmin(MatchingDataAdmin):
    list_display = ["name", "slug", "position"]
    search_fields = ["slug", "name_fi", "name_sv", "name_en"]


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "language", "started", "trainer"]
    list_filter = ["language", "municipality"]


class MentorSkillInline(admin.TabularInline):
    model = MentorSkill
    extra = 0


@admin.register(MentorProfile)
class MentorProfileAdmin(MatchingDataAdmin):
    list_display = ["person", "monthly_hours", "paused", "cohort"]
    list_filter = ["paused", "on_site", "remote", "cohort"]
    list_select_related = ["person", "cohort"]
    search_fields = ["person__name", "person__email"]
    autocomplete_fields = ["person"]
    filter_horizontal = ["municipalities"]
    readonly_fields = ["resource"]
    inlines = [MentorSkillInline]


class LoanWindowInline(admin.TabularInline):
    model = LoanWindow
    extra = 0


class LoanSessionInline(admin.TabularInline):
    model = LoanSession
    extra = 0
    readonly_fields = ["booking"]
    can_delete = False


class DeclineInline(admin.TabularInline):
    model = Decline
    extra = 0
    readonly_fields = ["mentor", "reason", "created_at"]
    can_delete = False


@admin.register(Loan)
class LoanAdmin(admin.ModelAdmin):
    """Read-only: a loan changes state only through the loan services."""

    list_display = ["pk", "borrower", "mentor", "status", "municipality", "created_at"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_filter = ["status", "municipality", "mode", "language"]
    list_select_related = ["borrower", "mentor__person", "municipality"]
    search_fields = ["need", "borrower__name", "mentor__person__name"]
    date_hierarchy = "created_at"
    inlines = [LoanWindowInline, LoanSessionInline, DeclineInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
