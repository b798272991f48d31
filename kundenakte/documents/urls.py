from django.urls import path

from kundenakte.documents.views import drafts, items, lists, payments, pdf, workflow

app_name = "documents"

urlpatterns = [
    path("<kind:kind>/", lists.document_list, name="list"),
    path("new/<kind:kind>/", drafts.document_create, name="create"),
    path("<int:pk>/", workflow.document_detail, name="detail"),
    path("<int:pk>/pdf/", pdf.document_pdf, name="pdf"),
    path("<int:pk>/edit/", drafts.document_edit, name="edit"),
    path("<int:pk>/delete/", drafts.document_delete, name="delete"),
    path("<int:pk>/items/", items.item_add, name="item_add"),
    path("items/<int:pk>/", items.item_update, name="item_update"),
    path("items/<int:pk>/remove/", items.item_remove, name="item_remove"),
    path("items/<int:pk>/move/", items.item_move, name="item_move"),
    path("<int:pk>/send/", workflow.quote_send, name="send"),
    path("<int:pk>/accept/", workflow.quote_accept, name="accept"),
    path("<int:pk>/reject/", workflow.quote_reject, name="reject"),
    path("<int:pk>/convert/", workflow.quote_convert, name="convert"),
    path("<int:pk>/issue/", workflow.document_issue, name="issue"),
    path("<int:pk>/cancel/", workflow.invoice_cancel, name="cancel"),
    path("<int:pk>/payments/", payments.payment_record, name="payment_record"),
    path("payments/<int:pk>/delete/", payments.payment_delete, name="payment_delete"),
]
