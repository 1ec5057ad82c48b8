"""Operations that change enquiries. Views, admin views, tasks and commands call these."""

from enquiries.services.emails import (
    enquiry_email_queue,
    enquiry_email_send,
    enquiry_emails_requeue_due,
    retry_delay,
)
from enquiries.services.followup import (
    document_record_download,
    enquiry_add_note,
    enquiry_assign,
    enquiry_change_status,
    enquiry_listing_record_export,
    enquiry_record_view,
)
from enquiries.services.intake import enquiry_rate_limited, enquiry_submit, keyed_hash
from enquiries.services.privacy import (
    enquiries_purge_expired,
    person_data_erase,
    person_data_export,
)

__all__ = [
    "document_record_download",
    "enquiries_purge_expired",
    "enquiry_add_note",
    "enquiry_assign",
    "enquiry_change_status",
    "enquiry_email_queue",
    "enquiry_email_send",
    "enquiry_emails_requeue_due",
    "enquiry_listing_record_export",
    "enquiry_rate_limited",
    "enquiry_record_view",
    "enquiry_submit",
    "keyed_hash",
    "person_data_erase",
    "person_data_export",
    "retry_delay",
]
