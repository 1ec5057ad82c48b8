import datetime

import django_filters
from django_countries import countries

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from enquiries.models import Enquiry
from enquiries.widgets import LongSelect


def _coordinators(request):
    # A semi-join on the assignee index: joining every enquiry, then DISTINCT, reads them all.
    assigned = Enquiry.objects.filter(assignee=OuterRef("pk"))
    return get_user_model().objects.filter(Exists(assigned))


class EnquiryFilterSet(WagtailFilterSet):
    # A column of the enquiry itself: no join, no duplicate rows, so no DISTINCT over them all.
    status = django_filters.MultipleChoiceFilter(choices=Enquiry.Status.choices, distinct=False)
    kind = django_filters.ChoiceFilter(choices=Enquiry.Kind.choices)
    assignee = django_filters.ModelChoiceFilter(
        queryset=_coordinators, null_label=_("Unassigned"), label=_("Assignee")
    )
    received_at = django_filters.DateFromToRangeFilter(
        label=_("Received"), widget=DateRangePickerWidget
    )
    country = django_filters.ChoiceFilter(
        field_name="consultation__country_of_residence",
        choices=list(countries),
        label=_("Country of residence"),
        widget=LongSelect,
    )
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Overdue"))
    has_documents = django_filters.BooleanFilter(
        field_name="documents", lookup_expr="isnull", exclude=True, distinct=True,
        label=_("Has documents"),
    )  # fmt: skip
    mine = django_filters.BooleanFilter(method="filter_mine", label=_("Assigned to me"))

    class Meta:
        model = Enquiry
        fields = ["status", "kind", "assignee", "received_at", "country", "overdue"]

    def filter_overdue(self, queryset, name, value):
        deadline = timezone.now() - datetime.timedelta(hours=settings.ENQUIRY_RESPONSE_TARGET_HOURS)
        overdue = {"status": Enquiry.Status.NEW, "received_at__lt": deadline}
        return queryset.filter(**overdue) if value else queryset.exclude(**overdue)

    def filter_mine(self, queryset, name, value):
        user = self.request.user
        return queryset.filter(assignee=user) if value else queryset.exclude(assignee=user)
