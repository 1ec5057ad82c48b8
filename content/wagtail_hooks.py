from wagtail.snippets.models import register_snippet

from content.viewsets import ContentLibraryViewSetGroup

register_snippet(ContentLibraryViewSetGroup)
