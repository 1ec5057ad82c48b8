from django.urls import path

from wagtail import hooks

from enquiries.views import document_download
from enquiries.viewsets import EnquiryViewSet


@hooks.register("register_admin_viewset")
def register_enquiry_viewset():
    return EnquiryViewSet()


@hooks.register("register_admin_urls")
def register_document_download_url():
    return [
        path(
            "enquiry-documents/<int:pk>/",
            document_download,
            name="enquiries_document_download",
        )
    ]
