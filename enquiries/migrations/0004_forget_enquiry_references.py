from django.db import migrations


def forget_enquiry_references(apps, schema_editor):
    """Drop what Wagtail's reference index recorded of enquiries before they were left out."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    enquiry = ContentType.objects.filter(app_label="enquiries", model="enquiry").first()
    if enquiry:
        ReferenceIndex.objects.filter(base_content_type=enquiry).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("enquiries", "0003_enquiry_status_index"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forget_enquiry_references, migrations.RunPython.noop)]
