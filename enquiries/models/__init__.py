from enquiries.models.enquiries import (
    ConsultationRequest,
    Enquiry,
    EnquiryEmail,
    MedicalDocument,
    TravelRequest,
)
from enquiries.models.pages import ConsultationRequestPage, TravelRequestPage

__all__ = [
    "ConsultationRequest",
    "ConsultationRequestPage",
    "Enquiry",
    "EnquiryEmail",
    "MedicalDocument",
    "TravelRequest",
    "TravelRequestPage",
]
