from django.urls import path

from . import views

app_name = "mentors"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("<id:pk>/", views.mentor_detail, name="mentor_detail"),
    path("request/", views.request_form, name="request"),
    path("request/preview/", views.request_preview, name="request_preview"),
    path("loans/", views.my_loans, name="my_loans"),
    # The loan page's name and address are in every mail the loan sends.
    path("loans/<id:pk>/", views.loan_detail, name="loan_detail"),
    path("loans/<id:pk>/book/", views.book, name="book"),
    path("loans/<id:pk>/accept/", views.accept, name="accept"),
    path("loans/<id:pk>/decline/", views.decline, name="decline"),
    path("loans/<id:pk>/cancel/", views.cancel, name="cancel"),
    path("loans/<id:pk>/complete/", views.complete, name="complete"),
    path("loans/<id:pk>/confirm/", views.confirm, name="confirm"),
    path(
        "loans/<id:pk>/sessions/<id:session_pk>/reschedule/",
        views.reschedule,
        name="reschedule",
    ),
    path("loans/<id:pk>/invitation.ics", views.invitation, name="invitation"),
    path("inbox/", views.inbox, name="inbox"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("skills/", views.skills, name="skills"),
    path("skills/<id:pk>/", views.skill_edit, name="skill_edit"),
    path("units/<id:pk>/figures/", views.unit_figures, name="unit_figures"),
]
