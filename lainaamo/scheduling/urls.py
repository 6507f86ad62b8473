from django.urls import path

from . import views

app_name = "scheduling"
urlpatterns = [
    # People subscribe to this address in Outlook: it must never change.
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
