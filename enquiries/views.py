import logging
import uuid

from django.conf import settings
from django.http import FileResponse, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from enquiries.forms import FORMS_BY_KIND
from enquiries.models import MedicalDocument
from enquiries.permissions import VIEW_DOCUMENTS, require_enquiry_permission
from enquiries.services import (
    document_record_download,
    enquiry_rate_limited,
    enquiry_submit,
    keyed_hash,
)
from enquiries.uploads import sha256_of
from portal.client_address import client_address

logger = logging.getLogger(__name__)

SESSION_KEY = "enquiries:thank-you:{page_pk}"
TRACKING_PARAMETERS = ["utm_source", "utm_medium", "utm_campaign"]


def _initial(request, form_class):
    initial = {
        "submission_token": uuid.uuid4(),
        "form_started": form_class.started_now(),
        "source_page": request.GET.get("source", "")[:12],
        "referrer": request.META.get("HTTP_REFERER", "")[:500],
    }
    initial.update({name: request.GET.get(name, "")[:100] for name in TRACKING_PARAMETERS})
    return initial


def _render(request, page, form, status=200, problem=""):
    response = TemplateResponse(
        request,
        page.get_template(request),
        {**page.get_context(request), "form": form, "problem": problem},
        status=status,
    )
    add_never_cache_headers(response)
    return response


def enquiry_form(request, page):
    form_class = FORMS_BY_KIND[page.request_kind]
    if request.method != "POST":
        return _render(request, page, form_class(initial=_initial(request, form_class)))

    if int(request.META.get("CONTENT_LENGTH") or 0) > settings.ENQUIRY_MAX_REQUEST_BYTES:
        # Refused before Django reads the body; the form comes back empty, so say so.
        limit = settings.ENQUIRY_MAX_FILE_BYTES // (1024 * 1024)
        problem = _(
            "Your files were too large to send: attach at most %(count)s files of %(limit)s MB "
            "each. Please fill in the form again."
        ) % {"count": settings.ENQUIRY_MAX_FILES, "limit": limit}
        form = form_class(initial=_initial(request, form_class))
        return _render(request, page, form, status=413, problem=problem)

    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        return _render(request, page, form, status=400)

    ip_hash = keyed_hash(client_address(request))
    if enquiry_rate_limited(ip_hash=ip_hash):
        problem = _(
            "We have received several requests from your connection in the last hour. Please "
            "try again later, or write to us: your answers are still here."
        )
        return _render(request, page, form, status=429, problem=problem)

    enquiry = enquiry_submit(
        kind=form.kind,
        data=form.cleaned_data,
        reports=form.cleaned_data.get("reports", []),
        travel_requested=form.travel_requested(),
        spam_reason=form.spam_reason(),
        ip_hash=ip_hash,
        privacy_notice_version=page.privacy_notice_version,
    )
    request.session[SESSION_KEY.format(page_pk=page.pk)] = enquiry.reference
    return HttpResponseRedirect(page.url + page.reverse_subpage("thank_you"))


def enquiry_thank_you(request, page):
    reference = request.session.get(SESSION_KEY.format(page_pk=page.pk))
    if not reference:
        return HttpResponseRedirect(page.url)
    response = TemplateResponse(
        request,
        "pages/enquiry_thank_you.html",
        {
            **page.get_context(request),
            "reference": reference,
            "response_hours": settings.ENQUIRY_RESPONSE_TARGET_HOURS,
        },
    )
    add_never_cache_headers(response)
    return response


@require_enquiry_permission(VIEW_DOCUMENTS)
def document_download(request, pk):
    document = get_object_or_404(MedicalDocument, pk=pk)
    with document.file.open("rb") as stored:
        intact = sha256_of(stored) == document.sha256
    if not intact:
        logger.error("Medical document %s failed its checksum; not served.", document.pk)
        return HttpResponse(
            _("This file has changed since it was uploaded, so it is not served."), status=409
        )
    document_record_download(document=document, user=request.user)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    add_never_cache_headers(response)
    response["Cache-Control"] = "no-store, private"
    return response
