"""The two request forms. Every rule a patient can break has a message saying how to fix it."""

import functools
import uuid

import phonenumbers
from django_countries import countries

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.forms.renderers import Jinja2
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator, normalize_choices
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from content.models import Topic
from enquiries.models import ConsultationRequest, Enquiry, TravelRequest
from enquiries.uploads import validate_report
from enquiries.widgets import LongSelect

NOT_SURE = "not_sure"
MAX_COMPANIONS = 10
FORM_STARTED_SALT = "enquiries.form-started"
# The request forms' widgets, some forty, render through Django's Jinja2 copies of its widget
# templates: the same markup as its own template engine gives, in less time.
WIDGET_RENDERER = Jinja2()


@functools.lru_cache(maxsize=len(settings.LANGUAGES))
def country_choices(language):
    with override(language):
        return normalize_choices([("", _("Choose a country")), *countries])


class CountryChoices(BaseChoiceIterator):
    """Every country, named in the visitor's language, after an empty first choice.

    Built once per language: given a function instead, Django would rebuild and check the whole
    list each time a country field is rendered or validated, several times per request.
    """

    def __iter__(self):
        return iter(country_choices(get_language()))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class HiddenContextForm(forms.Form):
    """Recorded without asking, and the signals that tell people from robots."""

    # Hidden fields are the browser's, not the patient's: odd values are set right, not refused,
    # as the patient could not correct them.
    submission_token = forms.CharField(widget=forms.HiddenInput, required=False)
    form_started = forms.CharField(widget=forms.HiddenInput, required=False)
    source_page = forms.CharField(widget=forms.HiddenInput, required=False)
    referrer = forms.CharField(widget=forms.HiddenInput, required=False)
    utm_source = forms.CharField(widget=forms.HiddenInput, required=False)
    utm_medium = forms.CharField(widget=forms.HiddenInput, required=False)
    utm_campaign = forms.CharField(widget=forms.HiddenInput, required=False)
    # Hidden from people; robots that fill in every field fill this one too.
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_submission_token(self):
        try:
            return uuid.UUID(self.cleaned_data["submission_token"])
        except ValueError:
            return uuid.uuid4()

    def clean_source_page(self):
        value = self.cleaned_data["source_page"]
        if value.isdigit() and len(value) <= 9 and Page.objects.filter(pk=int(value)).exists():
            return int(value)
        return None

    def clean_referrer(self):
        # Recorded only when it is a web address: it came from the browser, not the patient.
        referrer = self.cleaned_data["referrer"][:500]
        try:
            URLValidator(schemes=["http", "https"])(referrer)
        except ValidationError:
            return ""
        return referrer

    def clean_utm_source(self):
        return self.cleaned_data["utm_source"][:100]

    def clean_utm_medium(self):
        return self.cleaned_data["utm_medium"][:100]

    def clean_utm_campaign(self):
        return self.cleaned_data["utm_campaign"][:100]

    def seconds_to_fill(self):
        """How long the form was open, or None if the timestamp was tampered with."""
        try:
            started = signing.loads(
                self.cleaned_data.get("form_started", ""), salt=FORM_STARTED_SALT
            )
        except signing.BadSignature:
            return None
        return timezone.now().timestamp() - started

    def spam_reason(self):
        if self.cleaned_data.get("website"):
            return "honeypot"
        seconds = self.seconds_to_fill()
        if seconds is None:
            return "bad_timestamp"
        if seconds < settings.ENQUIRY_MIN_FILL_SECONDS:
            return "too_fast"
        return ""

    @staticmethod
    def started_now():
        return signing.dumps(timezone.now().timestamp(), salt=FORM_STARTED_SALT)


class ContactFields(forms.Form):
    full_name = forms.CharField(
        label=_("Patient's full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Enter the patient's full name.")},
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("We send the reference and our reply here."),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter an e-mail address."),
            "invalid": _("Enter an e-mail address in the right format, like name@example.com."),
        },
    )
    phone = forms.CharField(
        label=_("Phone number, with country code"),
        help_text=_("For example +44 20 7946 0321."),
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        error_messages={"required": _("Enter a phone number, with the country code.")},
    )
    phone_on_whatsapp = forms.BooleanField(label=_("This number is on WhatsApp"), required=False)

    def clean_phone(self):
        value = self.cleaned_data["phone"]
        if not value:
            return ""
        region = self.data.get(self.add_prefix("country_of_residence")) or None
        try:
            number = phonenumbers.parse(value, region if not value.startswith("+") else None)
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            raise ValidationError(
                _("Enter a phone number we can call, starting with the country code, like +44.")
            )
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class ConsultationFields(forms.Form):
    submitted_by = forms.ChoiceField(
        label=_("Who is filling in this form?"),
        choices=Enquiry.Relationship.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say who is filling in this form.")},
    )
    country_of_residence = forms.ChoiceField(
        label=_("Country where the patient lives"),
        choices=CountryChoices(),
        widget=LongSelect(attrs={"autocomplete": "country"}),
        error_messages={"required": _("Choose the country where the patient lives.")},
    )
    nationality = forms.ChoiceField(
        label=_("Patient's nationality"),
        help_text=_("It decides which visa the patient needs."),
        choices=CountryChoices(),
        widget=LongSelect,
        error_messages={"required": _("Choose the patient's nationality.")},
    )
    age_or_birth_year = forms.IntegerField(
        label=_("Patient's age or year of birth"),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Enter the patient's age or year of birth."),
            "invalid": _("Enter the age or year of birth as a number, like 54 or 1971."),
        },
    )
    condition = forms.CharField(
        label=_("Condition or diagnosis"),
        help_text=_("In your own words. For example: lymphoma that came back after CAR T."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Tell us the condition or diagnosis.")},
    )
    treatment = forms.ChoiceField(
        label=_("Treatment you are interested in"),
        error_messages={"required": _("Choose a treatment, or 'Not sure'.")},
    )
    preferred_contact_method = forms.ChoiceField(
        label=_("How should we contact you?"),
        choices=ConsultationRequest.ContactMethod.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    preferred_contact_time = forms.CharField(
        label=_("Best time to contact you"),
        help_text=_("With your time zone, for example 'weekday mornings, Lagos time'."),
        max_length=100,
        required=False,
    )
    preferred_language = forms.CharField(
        label=_("Preferred language"), max_length=60, required=False
    )
    preferred_destination = forms.CharField(
        label=_("Preferred country, hospital or doctor"), max_length=200, required=False
    )
    urgency = forms.ChoiceField(
        label=_("How soon is treatment needed?"),
        choices=[("", _("Not sure")), *ConsultationRequest.Urgency.choices],
        required=False,
    )
    previous_treatments = forms.CharField(
        label=_("Treatments so far"),
        help_text=_("For example: CAR T infusion in March 2026, then two courses of chemotherapy."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reports = MultipleFileField(
        label=_("Medical reports"),
        help_text=_("Up to 5 files, PDF, JPEG or PNG, 10 MB each at most."),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        topics = [(str(topic.pk), topic.name) for topic in Topic.objects.all()]
        self.fields["treatment"].choices = [("", _("Choose")), *topics, (NOT_SURE, _("Not sure"))]

    def clean_age_or_birth_year(self):
        value = self.cleaned_data["age_or_birth_year"]
        this_year = timezone.localdate().year
        if 0 <= value <= 120 or this_year - 120 <= value <= this_year:
            return value
        raise ValidationError(_("Enter an age from 0 to 120, or a year of birth like 1971."))

    def clean_treatment(self):
        value = self.cleaned_data["treatment"]
        return None if value == NOT_SURE else Topic.objects.get(pk=value)

    def clean_reports(self):
        files = self.cleaned_data["reports"]
        if len(files) > settings.ENQUIRY_MAX_FILES:
            raise ValidationError(
                _("Attach at most %(max)s files. You can send more after we reply.")
                % {"max": settings.ENQUIRY_MAX_FILES}
            )
        errors = []
        for upload in files:
            try:
                upload.detected_type = validate_report(upload)
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return files


class TravelFields(forms.Form):
    """Travel needs: required only when travel help is asked for, extras only for its services."""

    services = forms.MultipleChoiceField(
        label=_("Which services do you need?"),
        help_text=_("Tick all that apply."),
        choices=TravelRequest.Service.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    departure_city = forms.CharField(
        label=_("Travelling from: city"), max_length=100, required=False
    )
    departure_country = forms.ChoiceField(
        label=_("Travelling from: country"),
        choices=CountryChoices(),
        widget=LongSelect,
        required=False,
    )
    destination_city = forms.CharField(label=_("Destination city"), max_length=100, required=False)
    destination_undecided = forms.BooleanField(label=_("Not decided yet"), required=False)
    departure_date = forms.DateField(
        label=_("Approximate departure date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter the date as day, month and year.")},
    )
    return_date = forms.DateField(
        label=_("Approximate return date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter the date as day, month and year.")},
    )
    dates_flexible = forms.BooleanField(label=_("Our dates are flexible"), required=False)
    companions = forms.IntegerField(
        label=_("Number of companions"),
        help_text=_("Some medical attendant visas allow two companions at most."),
        min_value=0,
        max_value=MAX_COMPANIONS,
        initial=0,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "min_value": _("Enter a number of companions from 0 to 10."),
            "max_value": _("Enter a number of companions from 0 to 10."),
            "invalid": _("Enter a number of companions from 0 to 10."),
        },
    )
    mobility = forms.ChoiceField(
        label=_("Mobility needs during travel"),
        choices=TravelRequest.Mobility.choices,
        widget=forms.RadioSelect,
        initial=TravelRequest.Mobility.NONE,
        required=False,
    )
    current_hospital = forms.CharField(
        label=_("Air ambulance: hospital the patient is in now"), max_length=200, required=False
    )
    clinical_summary = forms.CharField(
        label=_("Air ambulance: short clinical summary"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    air_ambulance_urgency = forms.CharField(
        label=_("Air ambulance: how urgent is the transfer?"), max_length=100, required=False
    )
    treating_doctor_contact = forms.CharField(
        label=_("Air ambulance: treating doctor's name and phone or e-mail"),
        max_length=200,
        required=False,
    )
    nights = forms.IntegerField(
        label=_("Accommodation: number of nights"), min_value=1, max_value=365, required=False
    )
    accommodation_budget = forms.CharField(
        label=_("Accommodation: budget per night"), max_length=100, required=False
    )
    accessibility_needs = forms.CharField(
        label=_("Accommodation: accessibility needs"), max_length=300, required=False
    )
    medical_clearance_needed = forms.BooleanField(
        label=_("Flights: the patient may need medical clearance to fly"), required=False
    )

    SERVICE_QUESTIONS = {
        TravelRequest.Service.AIR_AMBULANCE: {
            "current_hospital": _("Enter the hospital the patient is in now."),
            "clinical_summary": _("Give a short clinical summary for the air ambulance team."),
            "air_ambulance_urgency": _("Say how urgent the transfer is."),
            "treating_doctor_contact": _("Enter the treating doctor's name and contact."),
        },
        TravelRequest.Service.ACCOMMODATION: {
            "nights": _("Enter how many nights you need accommodation for."),
        },
    }
    SERVICE_ONLY_FIELDS = {
        TravelRequest.Service.AIR_AMBULANCE: [
            "current_hospital",
            "clinical_summary",
            "air_ambulance_urgency",
            "treating_doctor_contact",
        ],
        TravelRequest.Service.ACCOMMODATION: [
            "nights",
            "accommodation_budget",
            "accessibility_needs",
        ],
        TravelRequest.Service.FLIGHTS: ["medical_clearance_needed"],
    }

    TRAVEL_REQUIRED = {
        "services": _("Tick at least one service you need."),
        "departure_city": _("Enter the city you will travel from."),
        "departure_country": _("Choose the country you will travel from."),
    }

    def travel_requested(self):
        return bool(self.cleaned_data.get("services"))

    def _require(self, cleaned, name, message):
        if cleaned.get(name) in (None, "", []) and name not in self.errors:
            self.add_error(name, message)

    def clean(self):
        cleaned = super().clean()
        if self.travel_requested():
            self._clean_travel(cleaned)
        return cleaned

    def _clean_travel(self, cleaned):
        today = timezone.localdate()
        services = cleaned.get("services", [])
        for name, message in self.TRAVEL_REQUIRED.items():
            self._require(cleaned, name, message)
        if not cleaned.get("destination_undecided"):
            self._require(
                cleaned,
                "destination_city",
                _("Enter the destination city, or tick 'Not decided yet'."),
            )
        departure, back = cleaned.get("departure_date"), cleaned.get("return_date")
        if not cleaned.get("dates_flexible"):
            self._require(
                cleaned,
                "departure_date",
                _("Enter an approximate departure date, or tick 'Our dates are flexible'."),
            )
        if departure and departure < today:
            self.add_error("departure_date", _("The departure date must be today or later."))
        if back and back < today:
            self.add_error("return_date", _("The return date must be today or later."))
        elif back and departure and back <= departure:
            self.add_error("return_date", _("The return date must be after the departure date."))
        if cleaned.get("companions") is None and "companions" not in self.errors:
            cleaned["companions"] = 0
        cleaned["mobility"] = cleaned.get("mobility") or TravelRequest.Mobility.NONE
        for service, questions in self.SERVICE_QUESTIONS.items():
            if service in services:
                for field, message in questions.items():
                    self._require(cleaned, field, message)
        # Answers for services not ticked are dropped rather than stored.
        for service, fields in self.SERVICE_ONLY_FIELDS.items():
            if service not in services:
                for field in fields:
                    cleaned[field] = self.fields[field].to_python(None)


TRAVEL_SECTION = [
    "services",
    "departure_city",
    "departure_country",
    "destination_city",
    "destination_undecided",
    "departure_date",
    "return_date",
    "dates_flexible",
    "companions",
    "mobility",
    "medical_clearance_needed",
    "current_hospital",
    "clinical_summary",
    "air_ambulance_urgency",
    "treating_doctor_contact",
    "nights",
    "accommodation_budget",
    "accessibility_needs",
]


class ConsentFields(forms.Form):
    health_data_consent = forms.BooleanField(
        label=_(
            "I agree that the care team may use the health information in this form to answer "
            "my request, as described in the privacy notice."
        ),
        error_messages={
            "required": _(
                "Tick the box to agree to us using the health details, or we cannot help."
            )
        },
    )
    marketing_opt_in = forms.BooleanField(
        label=_("Send me occasional news about treatments and services (optional)."),
        required=False,
    )


class ConsultationRequestForm(
    HiddenContextForm, ContactFields, ConsultationFields, TravelFields, ConsentFields
):
    default_renderer = WIDGET_RENDERER
    kind = "consultation"
    sections = [
        (
            _("About the patient"),
            "",
            [
                "submitted_by",
                "full_name",
                "age_or_birth_year",
                "country_of_residence",
                "nationality",
            ],
        ),
        (
            _("How to reach you"),
            "",
            [
                "email",
                "phone",
                "phone_on_whatsapp",
                "preferred_contact_method",
                "preferred_contact_time",
                "preferred_language",
            ],
        ),
        (
            _("The condition and the treatment"),
            "",
            [
                "condition",
                "treatment",
                "previous_treatments",
                "preferred_destination",
                "urgency",
                "reports",
            ],
        ),
        (
            _("Help with travel (optional)"),
            _(
                "Tick the services you need and answer the questions for them. Leave this part "
                "empty if you only want medical advice for now."
            ),
            TRAVEL_SECTION,
        ),
        (_("Your consent"), "", ["health_data_consent", "marketing_opt_in"]),
    ]


class TravelRequestForm(HiddenContextForm, ContactFields, TravelFields, ConsentFields):
    default_renderer = WIDGET_RENDERER
    kind = "travel"

    earlier_reference = forms.CharField(
        label=_("Reference of your earlier request (if you have one)"),
        help_text=_("For example EQ-7K4M-2Q9P. With it, you can leave your contact details out."),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "spellcheck": "false"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Contact details may come from the earlier request instead.
        for name in ("full_name", "email", "phone"):
            self.fields[name].required = False
        for name, message in self.TRAVEL_REQUIRED.items():
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = message

    def clean_earlier_reference(self):
        value = self.cleaned_data["earlier_reference"].strip().upper()
        if not value:
            return None
        enquiry = (
            Enquiry.objects.exclude(status=Enquiry.Status.SPAM).filter(reference=value).first()
        )
        if enquiry is None:
            raise ValidationError(
                _(
                    "We cannot find that reference. Check it, or leave it empty and give your "
                    "contact details."
                )
            )
        return enquiry

    sections = [
        (
            _("Who the request is for"),
            _("Give the reference of your earlier request, or your contact details."),
            ["earlier_reference", "full_name", "email", "phone", "phone_on_whatsapp"],
        ),
        (_("The travel you need"), "", TRAVEL_SECTION),
        (_("Your consent"), "", ["health_data_consent", "marketing_opt_in"]),
    ]

    def travel_requested(self):
        return True

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("earlier_reference") and "earlier_reference" not in self.errors:
            for name, message in [
                ("full_name", _("Enter the patient's full name, or your earlier reference.")),
                ("email", _("Enter an e-mail address, or your earlier reference.")),
                ("phone", _("Enter a phone number, or your earlier reference.")),
            ]:
                self._require(cleaned, name, message)
        return cleaned


FORMS_BY_KIND = {form.kind: form for form in (ConsultationRequestForm, TravelRequestForm)}
