from django.utils.translation import gettext_lazy as _

from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from content.models import FAQEntry, Person, Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    list_display = ["name", "credentials", "role"]
    search_fields = ["name", "credentials", "role"]


class FAQEntryViewSet(SnippetViewSet):
    model = FAQEntry
    icon = "help"
    list_display = ["question"]
    search_fields = ["question"]


class ContentLibraryViewSetGroup(SnippetViewSetGroup):
    items = (TopicViewSet, PersonViewSet, FAQEntryViewSet)
    menu_label = _("Library")
    menu_icon = "folder-open-inverse"
    menu_order = 250
