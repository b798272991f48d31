"""The document tabs of the customer file, mounted under /customers/<pk>/."""

from django.urls import path

from kundenakte.documents.views import customer_tabs

app_name = "customer_documents"

urlpatterns = [
    path("<int:pk>/quotes/", customer_tabs.customer_quotes, name="quotes"),
    path("<int:pk>/invoices/", customer_tabs.customer_invoices, name="invoices"),
    path("<int:pk>/delivery-notes/", customer_tabs.customer_delivery_notes, name="delivery_notes"),
]
