from django.contrib import admin

from .models import Absence, Booking, Resource, WeeklyAvailability


class WeeklyAvailabilityInline(admin.TabularInline):
    model = WeeklyAvailability
    extra = 0


class AbsenceInline(admin.TabularInline):
    model = Absence
    extra = 0


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    inlines = [WeeklyAvailabilityInline, AbsenceInline]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    """Read-only: bookings change only through the booking services, which guard overlaps."""

    list_display = ["resource", "start", "end", "status", "owner"]
    list_filter = ["status", "resource__kind"]
    list_select_related = ["resource"]
    date_hierarchy = "start"
    search_fields = ["resource__name", "owner"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
