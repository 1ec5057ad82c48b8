def publish_with_review_record(workflow_state, user=None):
    """Wagtail's finishing action for workflows, recording the review on articles.

    The approving reviewer becomes the article's reviewer, with today's review date and the
    next one a review interval away, in a revision that is then published.
    """
    # Wagtail imports this function while its own models load: import ours when called.
    from content.models import ArticlePage
    from content.services import article_record_review

    revision = workflow_state.content_object.get_latest_revision()
    page = revision.as_object()
    if isinstance(page, ArticlePage) and user is not None:
        article_record_review(article=page, reviewer_user=user)
        revision = page.save_revision(user=user, log_action=False)
    revision.publish(user=user)
