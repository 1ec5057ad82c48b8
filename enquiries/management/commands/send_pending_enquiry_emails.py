from django.core.management.base import BaseCommand

from enquiries.services import enquiry_emails_requeue_due


class Command(BaseCommand):
    help = (
        "Queue every enquiry e-mail still waiting to be sent whose next attempt is due. "
        "Run every few minutes, so an outage of the mail server or the worker loses nothing."
    )

    def handle(self, *args, **options):
        count = enquiry_emails_requeue_due()
        self.stdout.write(f"Queued {count} e-mail(s).")
