from enquiries.models.enquiries import (
    ConsultationRequest,
    Enquiry,
    EnquiryEmail,
    EnquiryNote,
    MedicalDocument,
    PersonDataRequest,
    TravelRequest,
)
from enquiries.models.pages import ConsultationRequestPage, TravelRequestPage

__all__ = [
    "ConsultationRequest",
    "ConsultationRequestPage",
    "Enquiry",
    "EnquiryEmail",
    "EnquiryNote",
    "MedicalDocument",
    "PersonDataRequest",
    "TravelRequest",
    "TravelRequestPage",
]
