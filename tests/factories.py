"""Test data. Each factory builds a valid object with no arguments."""

import datetime

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

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
