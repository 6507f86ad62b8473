"""Who may see and act on mentors and loans."""

from django.db.models import Q

from lainaamo.directory.models import Person
from lainaamo.directory.permissions import coordinated_municipality_ids, managed_unit_ids

from .models import Loan, LoanQuerySet


def visible_loans(person: Person, queryset: LoanQuerySet | None = None) -> LoanQuerySet:
    """Loans the person borrowed, lends in, or coordinates; nothing for anyone else."""
    queryset = Loan.objects.all() if queryset is None else queryset
    if not person.is_authenticated:
        return queryset.none()
    visible = Q(borrower=person) | Q(mentor__person=person)
    municipalities = coordinated_municipality_ids(person)
    if municipalities:
        visible |= Q(municipality_id__in=municipalities)
    return queryset.filter(visible)


def can_see_loan(person: Person, loan: Loan) -> bool:
    """The rule of `visible_loans`, for one loan already read (with its mentor)."""
    return person.is_authenticated and (
        is_borrower(person, loan)
        or is_loan_mentor(person, loan)
        or can_coordinate_loan(person, loan)
    )


def is_borrower(person: Person, loan: Loan) -> bool:
    return loan.borrower_id == person.pk


def is_loan_mentor(person: Person, loan: Loan) -> bool:
    return loan.mentor_id is not None and loan.mentor.person_id == person.pk


def can_coordinate_loan(person: Person, loan: Loan) -> bool:
    return loan.municipality_id in coordinated_municipality_ids(person)


def can_book_session(person: Person, loan: Loan) -> bool:
    return is_borrower(person, loan) or can_coordinate_loan(person, loan)


def can_answer_loan(person: Person, loan: Loan) -> bool:
    """Accept or decline: the mentor who was asked."""
    return is_loan_mentor(person, loan)


def can_complete_loan(person: Person, loan: Loan) -> bool:
    return is_loan_mentor(person, loan)


def can_confirm_loan(person: Person, loan: Loan) -> bool:
    return is_borrower(person, loan)


def can_cancel_loan(person: Person, loan: Loan) -> bool:
    return (
        is_borrower(person, loan)
        or is_loan_mentor(person, loan)
        or can_coordinate_loan(person, loan)
    )


def can_edit_skills(person: Person) -> bool:
    return bool(coordinated_municipality_ids(person)) or person.is_superuser


def can_see_unit_figures(person: Person, unit_id: int) -> bool:
    return unit_id in managed_unit_ids(person)
