from django.urls import path

from .views import catalogue, figures, lists, loans, requests, skills

app_name = "mentors"
urlpatterns = [
    path("", catalogue.catalogue, name="catalogue"),
    path("<id:pk>/", catalogue.mentor_detail, name="mentor_detail"),
    path("request/", requests.request_form, name="request"),
    path("request/preview/", requests.request_preview, name="request_preview"),
    path("loans/", lists.my_loans, name="my_loans"),
    # The loan page's name and address are in every mail the loan sends.
    path("loans/<id:pk>/", loans.loan_detail, name="loan_detail"),
    path("loans/<id:pk>/book/", loans.book, name="book"),
    path("loans/<id:pk>/accept/", loans.accept, name="accept"),
    path("loans/<id:pk>/decline/", loans.decline, name="decline"),
    path("loans/<id:pk>/cancel/", loans.cancel, name="cancel"),
    path("loans/<id:pk>/complete/", loans.complete, name="complete"),
    path("loans/<id:pk>/confirm/", loans.confirm, name="confirm"),
    path(
        "loans/<id:pk>/sessions/<id:session_pk>/reschedule/",
        loans.reschedule,
        name="reschedule",
    ),
    path("loans/<id:pk>/invitation.ics", loans.invitation, name="invitation"),
    path("inbox/", lists.inbox, name="inbox"),
    path("dashboard/", figures.dashboard, name="dashboard"),
    path("skills/", skills.skills, name="skills"),
    path("skills/<id:pk>/", skills.skill_edit, name="skill_edit"),
    path("units/<id:pk>/figures/", figures.unit_figures, name="unit_figures"),
]
