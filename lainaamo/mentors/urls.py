from django.urls import path

from . import views

app_name = "mentors"
urlpatterns = [
    path("loans/<int:pk>/", views.loan_detail, name="loan_detail"),
]
