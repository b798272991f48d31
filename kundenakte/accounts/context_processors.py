from django.utils.functional import SimpleLazyObject

from kundenakte.accounts.modules import company_settings


def company(request):
    # Lazy, so pages that never show the company name or a module switch cost no query.
    return {"company": SimpleLazyObject(lambda: company_settings(request))}
