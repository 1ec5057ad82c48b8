"""The three staff roles. Coordinators see enquiries; editors and reviewers never do."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COORDINATOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("enquiries", "view_enquiry"),
    ("enquiries", "change_enquiry"),
    ("enquiries", "delete_enquiry"),
    ("enquiries", "export_enquiry"),
    ("enquiries", "view_medicaldocument"),
]
CONTENT_SNIPPET_PERMISSIONS = [
    ("content", f"{action}_{model}")
    for model in ("topic", "person", "faqentry")
    for action in ("add", "change", "delete", "view")
]
EDITOR_PERMISSIONS = [("wagtailadmin", "access_admin"), *CONTENT_SNIPPET_PERMISSIONS]
REVIEWER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    *[("content", f"{action}_faqentry") for action in ("change", "view")],
    *[("content", f"view_{model}") for model in ("topic", "person")],
]
# Page permissions on the whole tree: editors write, reviewers also sign off (publish).
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
REVIEWER_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


def _permissions(apps, pairs):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in pairs
    ]


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; these groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Page = apps.get_model("wagtailcore", "Page")
    Permission = apps.get_model("auth", "Permission")
    root = Page.objects.filter(depth=1).first()

    roles = [
        ("Enquiry coordinators", COORDINATOR_PERMISSIONS, []),
        ("Editors", EDITOR_PERMISSIONS, EDITOR_PAGE_PERMISSIONS),
        ("Medical reviewers", REVIEWER_PERMISSIONS, REVIEWER_PAGE_PERMISSIONS),
    ]
    for name, permissions, page_permissions in roles:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps, permissions))
        for codename in page_permissions:
            if root:
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=root,
                    permission=Permission.objects.get(
                        content_type__app_label="wagtailcore", codename=codename
                    ),
                )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Enquiry coordinators", "Medical reviewers"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("enquiries", "0001_initial"),
        ("content", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
