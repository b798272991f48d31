from django.utils.functional import SimpleLazyObject

from kundenakte.accounts.modules import module_enabled
from kundenakte.customers.file import url
from kundenakte.documents import kinds


def document_nav(request) -> dict:
    """The main navigation's document lists: every kind with a list of its own whose module is
    switched on (documents.kinds). Lazy, so pages without the navigation cost nothing."""
    return {"document_lists": SimpleLazyObject(lambda: _lists(request))}


def _lists(request) -> list[dict]:
    return [
        {"slug": kind.slug, "label": kind.plural, "url": url("documents:list", kind.slug)}
        for kind in kinds.listed_kinds()
        if module_enabled(request, kind.module)
    ]
