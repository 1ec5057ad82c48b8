from django.conf import settings
from django.core.management.base import BaseCommand

from enquiries.services import enquiries_purge_expired


class Command(BaseCommand):
    help = (
        "Erase enquiries, with their files, whose last activity is older than "
        "ENQUIRY_RETENTION_DAYS, and spam older than ENQUIRY_SPAM_RETENTION_DAYS. Run daily."
    )

    def handle(self, *args, **options):
        count = enquiries_purge_expired()
        self.stdout.write(
            f"Erased {count} enquiries (retention {settings.ENQUIRY_RETENTION_DAYS} days, "
            f"spam {settings.ENQUIRY_SPAM_RETENTION_DAYS} days)."
        )
