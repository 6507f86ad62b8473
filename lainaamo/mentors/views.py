from django.http import HttpResponse


def loan_detail(request, pk):
    return HttpResponse(str(pk))
