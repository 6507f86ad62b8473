from django.urls import path

from . import views

app_name = "mentors"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("<int:pk>/", views.mentor_detail, name="mentor_detail"),
    path("request/", views.request_form, name="request"),
    path("request/preview/", views.request_preview, name="request_preview"),
    path("loans/", views.my_loans, name="my_loans"),
    # The loan page's name and address are in every mail the loan sends.
    path("loans/<int:pk>/", views.loan_detail, name="loan_detail"),
    path("loans/<int:pk>/book/", views.book, name="book"),
    path("loans/<int:pk>/accept/", views.accept, name="accept"),
    path("loans/<int:pk>/decline/", views.decline, name="decline"),
    path("loans/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("loans/<int:pk>/complete/", views.complete, name="complete"),
    path("loans/<int:pk>/confirm/", views.confirm, name="confirm"),
    path(
        "loans/<int:pk>/sessions/<int:session_pk>/reschedule/",
        views.reschedule,
        name="reschedule",
    ),
    path("loans/<int:pk>/invitation.ics", views.invitation, name="invitation"),
    path("inbox/", views.inbox, name="inbox"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("skills/", views.skills, name="skills"),
    path("skills/<int:pk>/", views.skill_edit, name="skill_edit"),
    path("units/<int:pk>/figures/", views.unit_figures, name="unit_figures"),
]
