"""Test data. Each factory builds a valid object with no arguments."""

import datetime
import uuid

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from content.models import (
    ArticleIndexPage,
    ArticlePage,
    ArticleReference,
    FAQEntry,
    FAQPage,
    HomePage,
    Person,
    StandardPage,
    Topic,
)
from enquiries.models import (
    ConsultationRequest,
    ConsultationRequestPage,
    Enquiry,
    TravelRequestPage,
)


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Faker("name")
    credentials = "MD, FRCP"
    role = "Consultant haematologist"


class FAQEntryFactory(DjangoModelFactory):
    class Meta:
        model = FAQEntry

    question = factory.Sequence(lambda n: f"Question number {n}?")
    answer = factory.Sequence(lambda n: f"<p>Answer number {n}.</p>")


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Home"
    slug = "start"  # Wagtail's placeholder page already holds "home"
    introduction = "We help patients reach specialist treatment."


class ArticleIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticleIndexPage

    title = "Articles"
    slug = "articles"


def paragraph(text="<p>Some plain-language text.</p>"):
    return {"type": "paragraph", "value": text}


class ArticlePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"Article {n}")
    summary = "What the reader will learn."
    body = factory.LazyFunction(lambda: [paragraph()])
    reviewer = factory.SubFactory(PersonFactory)
    last_reviewed = factory.LazyFunction(timezone.localdate)
    next_review_due = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=365)
    )


class ArticleReferenceFactory(DjangoModelFactory):
    class Meta:
        model = ArticleReference

    title = factory.Sequence(lambda n: f"Study {n}")
    publisher = "New England Journal of Medicine"
    year = 2021
    doi = "10.1056/NEJMoa2024850"


class FAQPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = FAQPage

    title = "Frequently asked questions"
    body = factory.LazyFunction(list)


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Page {n}")


class ConsultationRequestPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ConsultationRequestPage

    title = "Request a consultation"
    slug = "request-a-consultation"
    privacy_note = "<p>Only coordinators see your data.</p>"
    thank_you_text = "<p>Thank you.</p>"


class TravelRequestPageFactory(ConsultationRequestPageFactory):
    class Meta:
        model = TravelRequestPage

    title = "Travel assistance"
    slug = "travel-assistance"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    is_staff = False

    @factory.post_generation
    def permissions(self, create, codenames, **kwargs):
        """UserFactory(permissions=["wagtailadmin.access_admin", "enquiries.view_enquiry"])"""
        for dotted in codenames or []:
            app_label, codename = dotted.split(".")
            self.user_permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


class EnquiryFactory(DjangoModelFactory):
    """A consultation request as the form would have stored it."""

    class Meta:
        model = Enquiry
        skip_postgeneration_save = True

    submission_token = factory.LazyFunction(uuid.uuid4)
    kind = Enquiry.Kind.CONSULTATION
    full_name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"patient{n}@example.com")
    phone = factory.Sequence(lambda n: f"+4420794{n:05d}")
    health_data_consent = True
    privacy_notice_version = "page 1 rev 1 (2026-11-01)"
    consultation = factory.RelatedFactory(
        "tests.factories.ConsultationRequestFactory", factory_related_name="enquiry"
    )


class ConsultationRequestFactory(DjangoModelFactory):
    class Meta:
        model = ConsultationRequest

    enquiry = factory.SubFactory(EnquiryFactory, consultation=None)
    submitted_by = Enquiry.Relationship.PATIENT
    country_of_residence = "NG"
    nationality = "NG"
    age_or_birth_year = 54
    condition = "Lymphoma that came back after CAR T"
