from wagtail.admin.ui.components import Component

from content.services import articles_due_for_review


class ReviewDuePanel(Component):
    name = "review_due"
    order = 60
    template_name = "content/admin/review_due_panel.html"

    def get_context_data(self, parent_context=None):
        return {"count": articles_due_for_review().count()}
