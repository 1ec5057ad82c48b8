from django.core.management.base import BaseCommand

from content.demo import load_demo_content


class Command(BaseCommand):
    help = "Create the demo site: pages, articles, FAQs and settings. Safe to run again."

    def handle(self, *args, **options):
        home = load_demo_content()
        self.stdout.write(self.style.SUCCESS(f"Demo content ready under '{home.title}'."))
