"""Medical review in the real Wagtail admin: submit, approve, request changes, report."""

import datetime

import pytest

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from content.models import ArticleAuthor, ArticlePage, ArticleRelatedLink
from content.services import medical_review_apply
from tests.factories import (
    ArticlePageFactory,
    ArticleReferenceFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

BODY = "<p>What to expect after treatment.</p>"


@pytest.fixture
def article(articles_index):
    medical_review_apply(page=articles_index)
    article = ArticlePageFactory(parent=articles_index, title="Life after CAR T", reviewer=None)
    ArticleReferenceFactory(page=article)
    article.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)


def _edit_form(client, page, **changes):
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    # The body's editor is drawn by JavaScript, so its fields are not in the HTML: post them.
    body = nested_form_data({"body": streamfield([("paragraph", rich_text(BODY))])})
    data.update(body)
    for key, value in changes.items():
        data[key] = value
    return data


def _post_edit(client, page, action, **changes):
    data = _edit_form(client, page, **changes)
    data[action] = "1"
    return client.post(f"/admin/pages/{page.pk}/edit/", data)


def _submit_for_review(client, editor, article, title="Life after CAR T, updated"):
    client.force_login(editor)
    _post_edit(client, article, "action-submit", title=title)
    return WorkflowState.objects.get(object_id=str(article.pk))


def _workflow_action(client, article, state, action):
    url = f"/admin/pages/workflow/action/{article.pk}/{action}/{state.current_task_state.pk}/"
    return client.post(url, {"comment": "Please cite the 2024 guideline."})


def test_editor_cannot_publish_directly(client, editor, article):
    client.force_login(editor)
    _post_edit(client, article, "action-publish", title="Published by an editor?")
    article.refresh_from_db()
    assert article.title == "Life after CAR T"
    assert article.get_latest_revision().as_object().title == "Published by an editor?"


def test_approval_publishes_and_records_the_review(client, editor, reviewer, article):
    reviewer.first_name, reviewer.last_name = "Amara", "Okafor"
    reviewer.save()
    state = _submit_for_review(client, editor, article)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    article.refresh_from_db()
    assert article.title == "Life after CAR T"  # not live until approved

    client.force_login(reviewer)
    assert "Life after CAR T, updated" in client.get("/admin/").content.decode()
    _workflow_action(client, article, state, "approve")

    article.refresh_from_db()
    today = timezone.localdate()
    assert article.title == "Life after CAR T, updated"
    assert article.reviewer.user == reviewer and article.reviewer.name == "Amara Okafor"
    assert article.last_reviewed == today
    assert article.next_review_due == today + datetime.timedelta(days=365)
    page = client.get(article.url).content.decode()
    assert "Medically reviewed by <strong>Amara Okafor</strong>" in page


def test_requesting_changes_returns_the_article_to_the_editor(client, editor, reviewer, article):
    state = _submit_for_review(client, editor, article)
    client.force_login(reviewer)
    _workflow_action(client, article, state, "reject")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    article.refresh_from_db()
    assert article.title == "Life after CAR T"


def test_publishing_without_a_reviewer_is_refused_with_a_clear_message(client, article):
    client.force_login(UserFactory(is_superuser=True))
    response = _post_edit(client, article, "action-publish", title="No reviewer yet")
    assert "needs a medical reviewer before it is published" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "Life after CAR T"


def test_submitting_without_references_is_refused(client, editor, article):
    client.force_login(editor)
    data = _edit_form(client, article)
    data["references-0-DELETE"] = "1"
    data["action-submit"] = "1"
    response = client.post(f"/admin/pages/{article.pk}/edit/", data)
    assert "Add at least one reference" in response.content.decode()
    assert not WorkflowState.objects.exists()


def test_drafts_may_be_saved_unfinished(client, editor, article):
    client.force_login(editor)
    data = _edit_form(client, article, title="Work in progress")
    data["references-0-DELETE"] = "1"
    response = client.post(f"/admin/pages/{article.pk}/edit/", data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.get_latest_revision().as_object().title == "Work in progress"


def test_report_lists_overdue_and_soon_due_articles_only(client, editor, articles_index):
    today = timezone.localdate()
    for title, days in [("Overdue", -3), ("Soon", 20), ("Later", 90)]:
        ArticlePageFactory(
            parent=articles_index,
            title=title,
            last_reviewed=today - datetime.timedelta(days=400),
            next_review_due=today + datetime.timedelta(days=days),
        )
    client.force_login(editor)
    response = client.get("/admin/reports/due-for-review/")
    assert [page.title for page in response.context["object_list"]] == ["Overdue", "Soon"]
    csv = client.get("/admin/reports/due-for-review/", {"export": "csv"}).getvalue().decode()
    assert "Overdue" in csv and "Later" not in csv
    assert "2</span> articles due for review" in client.get("/admin/").content.decode()


def test_scheduled_publishing_goes_live_with_publish_scheduled(articles_index):
    article = ArticlePageFactory(parent=articles_index, title="Scheduled", live=False)
    revision = article.save_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save()
    call_command("publish_scheduled", verbosity=0)
    article.refresh_from_db()
    assert article.live


def test_preview_shows_the_authors_sources_and_related_reading_being_edited(
    client, editor, article, articles_index
):
    saved, chosen = PersonFactory(name="Dr Saved Author"), PersonFactory(name="Dr Chosen Author")
    ArticleAuthor.objects.create(page=article, person=saved)
    saved_link, chosen_link = (
        ArticlePageFactory(parent=articles_index, title=title)
        for title in ("Saved related reading", "Chosen related reading")
    )
    ArticleRelatedLink.objects.create(page=article, article=saved_link, sort_order=0)
    client.force_login(editor)
    data = _edit_form(client, article)
    data.update({"authors-0-person": str(chosen.pk), "authors-0-DELETE": ""})
    data.update({"related_links-0-article": str(chosen_link.pk), "related_links-0-DELETE": ""})
    saved_source = article.references.get().title
    data["references-0-title"] = "A source being edited"
    preview = f"/admin/pages/{article.pk}/edit/preview/"
    assert client.post(preview, data).json()["is_valid"]
    shown = client.get(preview).content.decode()
    assert "Written by Dr Chosen Author" in shown
    assert "Dr Saved Author" not in shown
    assert "Chosen related reading" in shown
    assert "Saved related reading" not in shown
    assert "A source being edited" in shown
    assert saved_source not in shown
