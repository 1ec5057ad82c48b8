"""The Enquiries area of the admin: listing, an enquiry's page, and the actions on it."""

import json

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from django.views import View

from wagtail.admin.ui.tables import Column
from wagtail.models import ModelLogEntry
from wagtail.snippets.views.snippets import (
    HistoryView,
    IndexView,
    InspectView,
    SnippetViewSet,
)

from enquiries.admin_forms import AssignForm, NoteForm, PersonDataForm, StatusForm
from enquiries.filters import EnquiryFilterSet
from enquiries.models import Enquiry
from enquiries.permissions import (
    CHANGE_ENQUIRIES,
    DELETE_ENQUIRIES,
    EXPORT_ENQUIRIES,
    VIEW_DOCUMENTS,
    forbidden,
    require_enquiry_permission,
)
from enquiries.services import (
    enquiry_add_note,
    enquiry_assign,
    enquiry_change_status,
    enquiry_listing_record_export,
    enquiry_record_view,
    person_data_erase,
    person_data_export,
)

TIMELINE_HIDDEN_ACTIONS = ["enquiries.viewed"]


class ChoiceColumn(Column):
    """A choice field's label, looked up by value.

    Django's get_FOO_display translates every label of the field to find one, on every row.
    """

    def __init__(self, name, choices, **kwargs):
        super().__init__(name, sort_key=name, **kwargs)
        self.labels = dict(choices)

    def get_value(self, instance):
        value = super().get_value(instance)
        return self.labels.get(value, value)


class TimeSinceReceivedColumn(Column):
    cell_template_name = "enquiries/admin/time_since_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["since"] = timesince(instance.received_at, timezone.now(), depth=1)
        context["overdue"] = instance.is_overdue
        return context


class EnquiryIndexView(IndexView):
    def user_can_export(self):
        return self.request.user.has_perm(EXPORT_ENQUIRIES)

    @cached_property
    def show_export_buttons(self):
        return self.user_can_export() and super().show_export_buttons

    def get_list_more_buttons(self, instance):
        # Enquiries can only be looked at here (EnquiryPermissionPolicy), and each row's
        # reference already links to one: a menu repeating that link would only be one more
        # control per row for keyboard and screen-reader users to pass.
        return []

    def get(self, request, *args, **kwargs):
        if self.is_export and not self.user_can_export():
            return forbidden(request)
        return super().get(request, *args, **kwargs)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        enquiry_listing_record_export(
            user=self.request.user, count=queryset.count(), export_format=spreadsheet_format
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)


class EnquiryInspectView(InspectView):
    template_name = "enquiries/admin/inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Enquiry.objects.select_related(
                "assignee", "consultation__treatment", "travel", "source_page", "earlier_enquiry"
            ),
            pk=self.pk,
        )

    def get(self, request, *args, **kwargs):
        enquiry_record_view(enquiry=self.object, user=request.user)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        enquiry = self.object
        user = self.request.user
        context.update(
            enquiry=enquiry,
            consultation=getattr(enquiry, "consultation", None),
            travel=getattr(enquiry, "travel", None),
            documents=enquiry.documents.all() if user.has_perm(VIEW_DOCUMENTS) else None,
            notes=enquiry.notes.select_related("author"),
            emails=enquiry.emails.all(),
            duplicates=enquiry.possible_duplicates(),
            timeline=ModelLogEntry.objects.for_instance(enquiry)
            .exclude(action__in=TIMELINE_HIDDEN_ACTIONS)
            .select_related("user")
            .order_by("timestamp", "pk"),
            can_change=user.has_perm(CHANGE_ENQUIRIES),
            status_form=StatusForm(initial={"status": enquiry.status, "outcome": enquiry.outcome}),
            assign_form=AssignForm(initial={"assignee": enquiry.assignee_id}),
            note_form=NoteForm(),
        )
        return context


class EnquiryHistoryView(HistoryView):
    # The full audit trail, views included, for anyone who may see the enquiry.
    any_permission_required = ["view"]


class EnquiryActionView(View):
    """Handles the forms on an enquiry's page, each through its service."""

    http_method_names = ["post"]
    inspect_url_name = None
    # action: (its form, or None; the service it calls; what to say when something changed)
    actions = {
        "assign-to-me": (None, enquiry_assign, _("Assigned to you.")),
        "assign": (AssignForm, enquiry_assign, _("Assignment changed.")),
        "status": (StatusForm, enquiry_change_status, _("Status changed.")),
        "note": (NoteForm, enquiry_add_note, _("Note added.")),
    }

    def post(self, request, pk, action):
        enquiry = get_object_or_404(Enquiry, pk=pk)
        if action not in self.actions:
            return HttpResponse(status=404)
        form_class, service, message = self.actions[action]
        form = form_class(request.POST) if form_class else None
        if form is not None and not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
        else:
            changes = form.cleaned_data if form else {"assignee": request.user}
            if service(enquiry=enquiry, user=request.user, **changes):
                messages.success(request, message)
        return redirect(self.inspect_url_name, enquiry.pk)


class PersonDataView(View):
    """Export or erase everything held about one person, found by e-mail address."""

    template_name = "enquiries/admin/person_data.html"
    index_url_name = None

    def get(self, request):
        return self.render(request, PersonDataForm())

    def render(self, request, form):
        return TemplateResponse(
            request,
            self.template_name,
            {"form": form, "index_url": reverse(self.index_url_name)},
        )

    def post(self, request):
        form = PersonDataForm(request.POST)
        if not form.is_valid():
            return self.render(request, form)
        email = form.cleaned_data["email"]
        if "erase" in request.POST:
            if not request.user.has_perm(DELETE_ENQUIRIES):
                return forbidden(request)
            if not form.cleaned_data["confirm_erasure"]:
                form.add_error("confirm_erasure", _("Tick the box to confirm the erasure."))
                return self.render(request, form)
            count = person_data_erase(email=email, user=request.user)
            messages.success(request, _("Erased %(count)s enquiries.") % {"count": count})
            return HttpResponseRedirect(request.path)
        if not request.user.has_perm(EXPORT_ENQUIRIES):
            return forbidden(request)
        data = person_data_export(email=email, user=request.user)
        response = HttpResponse(
            json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
        )
        response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
        response["Cache-Control"] = "no-store, private"
        return response


class EnquiryViewSet(SnippetViewSet):
    model = Enquiry
    icon = "mail"
    menu_label = _("Enquiries")
    menu_order = 150
    add_to_admin_menu = True
    base_url_path = "enquiries"
    admin_url_namespace = "enquiries"
    index_view_class = EnquiryIndexView
    inspect_view_class = EnquiryInspectView
    history_view_class = EnquiryHistoryView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = EnquiryFilterSet
    search_fields = ["reference", "full_name", "email", "phone"]
    search_backend_name = None
    list_per_page = 50
    ordering = ["-received_at"]
    list_display = [
        "reference",
        Column("received_at", label=_("Received"), sort_key="received_at"),
        ChoiceColumn("kind", Enquiry.Kind.choices, label=_("Kind")),
        Column("full_name", label=_("Name"), sort_key="full_name"),
        Column("country", label=_("Country"), accessor="consultation.country_of_residence.name"),
        Column("treatment", label=_("Treatment"), accessor="consultation.treatment"),
        ChoiceColumn("status", Enquiry.Status.choices, label=_("Status")),
        Column("assignee", label=_("Assignee"), sort_key="assignee__first_name"),
        TimeSinceReceivedColumn("waiting", label=_("Waiting")),
        Column("source_page", label=_("Source")),
    ]
    list_export = [
        "reference",
        "received_at",
        "get_kind_display",
        "get_status_display",
        "get_outcome_display",
        "assignee",
        "full_name",
        "email",
        "phone",
        "consultation.country_of_residence.name",
        "consultation.treatment",
        "first_response_at",
        "source_page",
    ]
    export_headings = {
        "get_kind_display": _("Kind"),
        "get_status_display": _("Status"),
        "get_outcome_display": _("Outcome"),
        "consultation.country_of_residence.name": _("Country"),
        "consultation.treatment": _("Treatment"),
    }
    export_filename = "enquiries"

    def get_queryset(self, request):
        return Enquiry.objects.select_related("assignee", "consultation__treatment", "source_page")

    @property
    def action_view(self):
        return EnquiryActionView.as_view(inspect_url_name=self.get_url_name("inspect"))

    @property
    def person_data_view(self):
        return PersonDataView.as_view(index_url_name=self.get_url_name("list"))

    def get_urlpatterns(self):
        patterns = [
            *super().get_urlpatterns(),
            path(
                "<int:pk>/action/<slug:action>/",
                require_enquiry_permission(CHANGE_ENQUIRIES)(self.action_view),
                name="action",
            ),
            path("person-data/", self.person_data_view, name="person_data"),
        ]
        # Every enquiry URL checks access itself: the menu hiding is not the protection.
        for pattern in patterns:
            pattern.callback = require_enquiry_permission()(pattern.callback)
        return patterns
