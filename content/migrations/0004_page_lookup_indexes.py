from django.db import migrations

# Pages are found by their URL path in one query (HomePage.route); Wagtail leaves it unindexed.
URL_PATH_INDEX = "CREATE INDEX IF NOT EXISTS content_page_url_path ON wagtailcore_page (url_path)"
# Wagtail's search index names pages by their id as text; without this, PostgreSQL joins search
# results to their pages by comparing every page.
ID_AS_TEXT_INDEX = (
    "CREATE INDEX IF NOT EXISTS content_page_id_as_text "
    "ON wagtailcore_page (((id)::varchar(50)))"
)


def create_indexes(apps, schema_editor):
    schema_editor.execute(URL_PATH_INDEX)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ID_AS_TEXT_INDEX)


def drop_indexes(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS content_page_url_path")
    schema_editor.execute("DROP INDEX IF EXISTS content_page_id_as_text")


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0003_medical_review_workflow"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
