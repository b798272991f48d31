from django.utils.functional import SimpleLazyObject

from kundenakte.customers.file import new_entries


def new_menu(request):
    """The global "Neu" entries; a customer file replaces them with preassigned ones."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"new_menu": []}
    return {"new_menu": SimpleLazyObject(lambda: new_entries(request))}
