from django.utils.functional import SimpleLazyObject

from kundenakte.accounts.models import CompanySettings


def company(request):
    # Lazy, so pages that never show the company name cost no query.
    return {"company": SimpleLazyObject(CompanySettings.load)}
