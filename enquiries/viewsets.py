from django.utils.translation import gettext_lazy as _

from wagtail.admin.viewsets.model import ModelViewSet

from enquiries.models import Enquiry


class EnquiryViewSet(ModelViewSet):
    model = Enquiry
    name = "enquiries"
    url_prefix = "enquiries"
    icon = "mail"
    menu_label = _("Enquiries")
    menu_order = 150
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = ["reference", "received_at", "kind", "full_name", "status", "assignee"]
    list_filter = ["status", "kind"]
    search_fields = ["reference", "full_name", "email", "phone"]
    form_fields = ["status", "outcome", "assignee"]
    inspect_view_fields = [
        "reference",
        "kind",
        "status",
        "received_at",
        "full_name",
        "email",
        "phone",
        "phone_on_whatsapp",
        "earlier_enquiry",
        "privacy_notice_version",
        "marketing_opt_in",
        "source_page",
        "referrer",
        "utm_source",
        "utm_medium",
        "utm_campaign",
    ]
