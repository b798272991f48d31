"""The document tabs of the customer file, mounted under /customers/<pk>/: one per kind with a
list of its own (documents.kinds), at its slug (/customers/<pk>/delivery-notes/)."""

from django.urls import path

from kundenakte.documents.views import customer_tabs

app_name = "customer_documents"

urlpatterns = [
    path("<int:pk>/<kind:kind>/", customer_tabs.customer_documents, name="tab"),
]
