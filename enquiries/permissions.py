from functools import wraps

from django.shortcuts import render

from wagtail.permission_policies import ModelPermissionPolicy

VIEW_ENQUIRIES = "enquiries.view_enquiry"
CHANGE_ENQUIRIES = "enquiries.change_enquiry"
EXPORT_ENQUIRIES = "enquiries.export_enquiry"
DELETE_ENQUIRIES = "enquiries.delete_enquiry"
VIEW_DOCUMENTS = "enquiries.view_medicaldocument"


class EnquiryPermissionPolicy(ModelPermissionPolicy):
    """In the generic admin views, enquiries can only be looked at.

    Enquiries come from patients, so nobody adds or copies one; changes go through the
    follow-up actions, which keep the timeline; erasure goes through the data-protection
    tools, which also remove the files.
    """

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)


def forbidden(request):
    return render(request, "enquiries/admin/forbidden.html", status=403)


def require_enquiry_permission(permission=VIEW_ENQUIRIES):
    """Answer 403 to signed-in staff without the permission.

    Wagtail's admin would turn a refusal into a redirect to the dashboard; a plain 403 tells
    the browser, the logs and the tests that the page is off limits.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if user.is_authenticated and not user.has_perm(permission):
                return forbidden(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
