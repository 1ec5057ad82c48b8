"""An enquiry and what it holds: contact details, the consultation and travel parts, reports."""

import datetime
import secrets
import uuid

from django_countries.fields import CountryField

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Crockford's base32 without the letters people confuse (I, L, O, U).
REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_reference():
    """EQ-XXXX-XXXX: 40 random bits, easy to read out over the phone."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"EQ-{chars[:4]}-{chars[4:]}"


def private_storage():
    # Outside MEDIA_ROOT and without a base URL: files are only ever served by a checked view.
    return FileSystemStorage(location=settings.PRIVATE_FILES_ROOT, base_url=None)


def report_upload_to(instance, filename):
    return f"reports/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{instance.extension}"


class Enquiry(models.Model):
    class Kind(models.TextChoices):
        CONSULTATION = "consultation", _("Consultation")
        TRAVEL = "travel", _("Travel assistance")
        BOTH = "both", _("Consultation and travel")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONTACTED = "contacted", _("Contacted")
        AWAITING_DOCUMENTS = "awaiting_documents", _("Awaiting documents")
        WITH_HOSPITALS = "with_hospitals", _("With hospitals")
        QUOTE_SENT = "quote_sent", _("Quote sent")
        CLOSED = "closed", _("Closed")
        SPAM = "spam", _("Spam")

    class Outcome(models.TextChoices):
        WENT_AHEAD = "went_ahead", _("Went ahead")
        DID_NOT_GO_AHEAD = "did_not_go_ahead", _("Did not go ahead")
        NO_RESPONSE = "no_response", _("No response")

    class Relationship(models.TextChoices):
        PATIENT = "patient", _("I am the patient")
        FAMILY = "family", _("A family member")
        OTHER = "other", _("Someone else (friend, doctor, colleague)")

    reference = models.CharField(max_length=12, unique=True, default=new_reference, editable=False)
    # Sent back with the form, so a double click or a resent POST finds the first enquiry.
    submission_token = models.UUIDField(unique=True, editable=False)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    spam_reason = models.CharField(max_length=40, blank=True)
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    first_response_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the enquiry first left New.")
    )
    # Retention counts from here: the last time staff or the patient did anything with it.
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_enquiries",
    )

    # Who to reply to
    full_name = models.CharField(_("patient's full name"), max_length=150)
    email = models.EmailField(_("e-mail"), max_length=254, db_index=True)
    phone = models.CharField(_("phone"), max_length=20, db_index=True, help_text=_("E.164"))
    phone_on_whatsapp = models.BooleanField(_("phone is on WhatsApp"), default=False)
    earlier_enquiry = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
        help_text=_("The earlier request a travel request refers to."),
    )

    # Consent, as given
    health_data_consent = models.BooleanField(default=False)
    privacy_notice_version = models.CharField(max_length=80)
    marketing_opt_in = models.BooleanField(default=False)

    # Where the patient came from, recorded without asking
    source_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    referrer = models.URLField(max_length=500, blank=True)
    utm_source = models.CharField(max_length=100, blank=True)
    utm_medium = models.CharField(max_length=100, blank=True)
    utm_campaign = models.CharField(max_length=100, blank=True)
    ip_hash = models.CharField(max_length=64, blank=True, help_text=_("Salted; not reversible."))

    # Out of Wagtail's reference index: a page's usage, which editors see, would list the
    # enquiries made from it, and every save of an enquiry would queue a task to index it.
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-received_at"]
        verbose_name_plural = _("enquiries")
        permissions = [("export_enquiry", _("Can export enquiries"))]
        # The coordinators' queues: enquiries of a status, newest first.
        indexes = [models.Index(fields=["status", "-received_at"], name="enquiry_status_received")]

    def __str__(self):
        return self.reference

    @property
    def response_due_at(self):
        return self.received_at + datetime.timedelta(hours=settings.ENQUIRY_RESPONSE_TARGET_HOURS)

    @property
    def is_overdue(self):
        """Still unanswered past the response-time target."""
        return self.status == self.Status.NEW and timezone.now() > self.response_due_at

    @property
    def missed_response_target(self):
        answered = self.first_response_at
        return answered > self.response_due_at if answered else self.is_overdue

    @property
    def first_response_time(self):
        return self.first_response_at - self.received_at if self.first_response_at else None

    def possible_duplicates(self):
        """Other enquiries with the same e-mail or phone in the 30 days before this one."""
        window = (self.received_at - datetime.timedelta(days=30), self.received_at)
        return (
            Enquiry.objects.filter(models.Q(email__iexact=self.email) | models.Q(phone=self.phone))
            .filter(received_at__range=window)
            .exclude(pk=self.pk)
            .exclude(status=self.Status.SPAM)
        )


class EnquiryNote(models.Model):
    """An internal note by a coordinator. Never shown to the patient."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(max_length=4000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Note on {self.enquiry}"


class PersonDataRequest(models.Model):
    """A record that one person's data was exported or erased, without the data itself."""

    class Action(models.TextChoices):
        EXPORT = "export", _("Export")
        ERASURE = "erasure", _("Erasure")

    action = models.CharField(max_length=10, choices=Action.choices)
    email_hash = models.CharField(max_length=64, help_text=_("Keyed hash of the e-mail address."))
    enquiry_count = models.PositiveIntegerField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.get_action_display()} of {self.enquiry_count} enquiries"


class ConsultationRequest(models.Model):
    class ContactMethod(models.TextChoices):
        EMAIL = "email", _("E-mail")
        PHONE = "phone", _("Phone call")
        WHATSAPP = "whatsapp", _("WhatsApp")

    class Urgency(models.TextChoices):
        ROUTINE = "routine", _("In the next few months")
        SOON = "soon", _("In the next few weeks")
        URGENT = "urgent", _("As soon as possible")

    enquiry = models.OneToOneField(Enquiry, on_delete=models.CASCADE, related_name="consultation")
    submitted_by = models.CharField(max_length=10, choices=Enquiry.Relationship.choices)
    country_of_residence = CountryField()
    nationality = CountryField()
    age_or_birth_year = models.PositiveSmallIntegerField()
    condition = models.TextField(max_length=2000)
    treatment = models.ForeignKey(
        "content.Topic",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty when the patient is not sure."),
    )
    preferred_contact_method = models.CharField(
        max_length=10, choices=ContactMethod.choices, blank=True
    )
    preferred_contact_time = models.CharField(max_length=100, blank=True)
    preferred_language = models.CharField(max_length=60, blank=True)
    preferred_destination = models.CharField(max_length=200, blank=True)
    urgency = models.CharField(max_length=10, choices=Urgency.choices, blank=True)
    previous_treatments = models.TextField(max_length=2000, blank=True)

    def __str__(self):
        return f"Consultation for {self.enquiry}"


class TravelRequest(models.Model):
    class Service(models.TextChoices):
        VISA_LETTER = "visa_letter", _("Medical visa invitation letter")
        FLIGHTS = "flights", _("Flights")
        ACCOMMODATION = "accommodation", _("Accommodation")
        AIRPORT_PICKUP = "airport_pickup", _("Airport pickup")
        INTERPRETER = "interpreter", _("Interpreter")
        AIR_AMBULANCE = "air_ambulance", _("Air ambulance")
        LEISURE = "leisure", _("Leisure travel for companions")

    class Mobility(models.TextChoices):
        NONE = "none", _("No special needs")
        WHEELCHAIR = "wheelchair", _("Wheelchair")
        STRETCHER = "stretcher", _("Stretcher")
        OXYGEN = "oxygen", _("Oxygen")

    enquiry = models.OneToOneField(Enquiry, on_delete=models.CASCADE, related_name="travel")
    services = models.JSONField(default=list)
    departure_city = models.CharField(max_length=100)
    departure_country = CountryField()
    destination_city = models.CharField(max_length=100, blank=True)
    departure_date = models.DateField(null=True, blank=True)
    return_date = models.DateField(null=True, blank=True)
    dates_flexible = models.BooleanField(default=False)
    companions = models.PositiveSmallIntegerField(default=0)
    mobility = models.CharField(max_length=12, choices=Mobility.choices, default=Mobility.NONE)
    # Air ambulance
    current_hospital = models.CharField(max_length=200, blank=True)
    clinical_summary = models.TextField(max_length=2000, blank=True)
    air_ambulance_urgency = models.CharField(max_length=100, blank=True)
    treating_doctor_contact = models.CharField(max_length=200, blank=True)
    # Accommodation
    nights = models.PositiveSmallIntegerField(null=True, blank=True)
    accommodation_budget = models.CharField(max_length=100, blank=True)
    accessibility_needs = models.CharField(max_length=300, blank=True)
    # Flights
    medical_clearance_needed = models.BooleanField(default=False)

    def __str__(self):
        return f"Travel for {self.enquiry}"

    def service_labels(self):
        return [self.Service(code).label for code in self.services]


class MedicalDocument(models.Model):
    class FileType(models.TextChoices):
        PDF = "application/pdf", "PDF"
        JPEG = "image/jpeg", "JPEG"
        PNG = "image/png", "PNG"

    EXTENSIONS = {FileType.PDF: ".pdf", FileType.JPEG: ".jpg", FileType.PNG: ".png"}

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(storage=private_storage, upload_to=report_upload_to, max_length=200)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=20, choices=FileType.choices)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name

    @property
    def extension(self):
        return self.EXTENSIONS[self.content_type]


class EnquiryEmail(models.Model):
    """One e-mail an enquiry causes, kept until it is sent so that none is lost."""

    class Purpose(models.TextChoices):
        ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement to the patient")
        STAFF_NOTIFICATION = "staff_notification", _("Notification to coordinators")
        ASSIGNMENT = "assignment", _("Assignment to a coordinator")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Gave up")

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="emails")
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    # For assignment e-mails: the colleague's address at the time.
    recipient = models.EmailField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The exception's class name only: messages from mail servers can echo addresses.
    last_error = models.CharField(max_length=100, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enquiry", "purpose"],
                condition=~models.Q(purpose="assignment"),
                name="one_email_per_purpose",
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.get_purpose_display()} for {self.enquiry}"
