from django.db import migrations


class Migration(migrations.Migration):
    """Pages are found by their URL path in one query (HomePage.route); Wagtail leaves it unindexed."""

    dependencies = [
        ("content", "0003_medical_review_workflow"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS content_page_url_path ON wagtailcore_page (url_path)",
            reverse_sql="DROP INDEX IF EXISTS content_page_url_path",
        )
    ]
