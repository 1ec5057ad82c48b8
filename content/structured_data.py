"""schema.org data (JSON-LD) that tells search engines who wrote and reviewed a page."""

from django.utils import translation

from content.models.pages import HTML_TAG


def _person(person):
    data = {"@type": "Person", "name": person.name}
    if person.credentials:
        data["honorificSuffix"] = person.credentials
    if person.role:
        data["jobTitle"] = person.role
    return data


def breadcrumb_list(request, pages):
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": page.title,
                "item": page.get_full_url(request),
            }
            for position, page in enumerate(pages, start=1)
        ],
    }


def medical_web_page(request, article, authors):
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": article.title,
        "headline": article.title,
        "description": article.summary,
        "url": article.get_full_url(request),
        # The language the page is served in, as its <html lang>: routing finds pages in it.
        "inLanguage": translation.get_language(),
        "author": [_person(person) for person in authors],
    }
    if article.first_published_at:
        data["datePublished"] = article.first_published_at.date().isoformat()
    if article.last_published_at:
        data["dateModified"] = article.last_published_at.date().isoformat()
    if article.reviewer:
        data["reviewedBy"] = _person(article.reviewer)
    if article.last_reviewed:
        data["lastReviewed"] = article.last_reviewed.isoformat()
    return data


def faq_page(entries):
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": entry.question,
                # As strip_tags gives it, from the editor's well-formed HTML, in a thirtieth
                # of the time.
                "acceptedAnswer": {"@type": "Answer", "text": HTML_TAG.sub("", entry.answer)},
            }
            for entry in entries
        ],
    }
