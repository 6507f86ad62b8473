from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from .models import ApiToken, Municipality, Partner, Person, Region, Role, Unit


class MunicipalityInline(TranslationTabularInline):
    model = Municipality
    extra = 0


@admin.register(Region)
class RegionAdmin(TranslationAdmin):
    search_fields = ["name_fi", "name_sv", "name_en"]
    inlines = [MunicipalityInline]


@admin.register(Municipality)
class MunicipalityAdmin(TranslationAdmin):
    list_display = ["name", "region", "finnish", "swedish"]
    list_filter = ["region", "finnish", "swedish"]
    search_fields = ["name_fi", "name_sv", "name_en"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "type", "sector"]
    list_filter = ["sector", "type", "municipality"]
    list_select_related = ["municipality"]
    search_fields = ["name"]


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "region"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_filter = ["type", "region"]
    search_fields = ["name"]


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0
    autocomplete_fields = ["region", "municipality", "unit"]


@admin.register(Person)
class PersonAdmin(UserAdmin):
    ordering = ["name"]
    list_display = ["name", "email", "language", "home_unit", "is_active", "is_staff"]
    list_filter = ["language", "is_active", "is_staff", "is_superuser"]
    list_select_related = ["home_unit"]
    search_fields = ["name", "email"]
    autocomplete_fields = ["home_unit", "partner"]
    inlines = [RoleInline]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["name", "language", "home_unit", "partner"]}),
        (
            _("Access"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "name", "language", "home_unit", "password1", "password2"],
            },
        )
    ]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["person", "created_at", "last_used_at"]
    list_select_related = ["person"]
    search_fields = ["person__name", "person__email"]
    readonly_fields = ["person", "key_hash", "created_at", "last_used_at"]

    def has_add_permission(self, request) -> bool:
        # A token's key is shown once, to its owner, through the API; never made here.
        return False
