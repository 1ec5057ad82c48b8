"""E-mails about an enquiry: queued, sent by the worker, retried when the mail server fails."""

import asyncio
import datetime
import io
import os
import subprocess
import sys
import threading
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from django_tasks_db.models import DBTaskResult

from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from enquiries.models import Enquiry, EnquiryEmail
from enquiries.services import enquiry_emails_requeue_due, retry_delay
from tests.enquiries.helpers import consultation_data
from tests.servers import PROJECT_DIR, free_port

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A real SMTP connection to a port where nothing listens: the server is down.
MAIL_SERVER_DOWN = {
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "127.0.0.1",
    "EMAIL_PORT": 9,
    "EMAIL_TIMEOUT": 2,
}


@pytest.fixture
def submit(client, consultation_page, django_capture_on_commit_callbacks):
    def post(**overrides):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(consultation_page.url, consultation_data(**overrides))
        assert response.status_code == 302
        return Enquiry.objects.get(submission_token=response.wsgi_request.POST["submission_token"])

    return post


def _run_worker():
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


# The worker checks its connection between tasks, which would end a test's wrapping
# transaction on PostgreSQL: these tests commit for real, as the worker needs anyway.
worker_test = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@worker_test
@override_settings(TASKS=DATABASE_QUEUE)
def test_emails_wait_in_the_queue_until_the_worker_sends_them(submit):
    enquiry = submit()
    assert mail.outbox == []
    assert enquiry.emails.filter(status=EnquiryEmail.Status.PENDING).count() == 2

    _run_worker()

    assert sorted(m.to[0] for m in mail.outbox) == ["amina@example.com", "coordinators@example.org"]
    assert enquiry.emails.filter(status=EnquiryEmail.Status.SENT).count() == 2


@worker_test
@override_settings(TASKS=DATABASE_QUEUE, **MAIL_SERVER_DOWN)
def test_mail_server_down_keeps_the_enquiry_and_retries_the_email(submit):
    enquiry = submit()
    _run_worker()

    assert Enquiry.objects.filter(pk=enquiry.pk).exists()
    emails = list(enquiry.emails.all())
    assert all(e.status == EnquiryEmail.Status.PENDING and e.attempts == 1 for e in emails)
    assert all(e.next_attempt_at > timezone.now() for e in emails)
    assert {e.last_error for e in emails} <= {"ConnectionRefusedError", "OSError", "TimeoutError"}

    # The mail server is back, and the retry is due.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        enquiry.emails.update(next_attempt_at=timezone.now())
        assert enquiry_emails_requeue_due() == 2
        _run_worker()
        _run_worker()

    assert len(mail.outbox) == 2
    assert enquiry.emails.filter(status=EnquiryEmail.Status.SENT, attempts=2).count() == 2


def test_retries_back_off_up_to_an_hour():
    delays = [retry_delay(attempt) for attempt in (1, 2, 3, 10)]
    assert delays == [
        datetime.timedelta(minutes=1),
        datetime.timedelta(minutes=2),
        datetime.timedelta(minutes=4),
        datetime.timedelta(hours=1),
    ]


@worker_test
@override_settings(TASKS=DATABASE_QUEUE)
def test_sweep_requeues_due_emails_whose_queued_task_was_lost(submit):
    enquiry = submit()
    DBTaskResult.objects.all().delete()  # the queue lost its tasks, say with a crashed worker
    later = enquiry.emails.get(purpose=EnquiryEmail.Purpose.STAFF_NOTIFICATION)
    later.next_attempt_at = timezone.now() + datetime.timedelta(hours=1)
    later.save()

    output = io.StringIO()
    call_command("send_pending_enquiry_emails", stdout=output)
    _run_worker()

    assert output.getvalue().strip() == "Queued 1 e-mail(s)."
    assert [m.to for m in mail.outbox] == [["amina@example.com"]]


class Inbox:
    """A real SMTP server on loopback (aiosmtpd), which can be down and come back."""

    def __init__(self):
        self.messages = []
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        message = message_from_bytes(envelope.content)
        self.messages.append((tuple(envelope.rcpt_tos), message["Subject"]))
        return "250 Message accepted for delivery"


@pytest.fixture
def inbox():
    inbox = Inbox()
    yield inbox
    if inbox.controller.loop.is_running():
        inbox.controller.stop()


@worker_test
def test_every_email_arrives_exactly_once_after_the_mail_server_returns(submit, inbox):
    smtp = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": inbox.port,
        "EMAIL_TIMEOUT": 2,
    }
    with override_settings(TASKS=DATABASE_QUEUE, **smtp):
        enquiries = [submit(email=f"patient{n}@example.com") for n in range(5)]  # server down
        _run_worker()
        assert EnquiryEmail.objects.filter(status=EnquiryEmail.Status.PENDING).count() == 10
        assert inbox.messages == []

        inbox.controller.start()  # the mail server is back
        EnquiryEmail.objects.update(next_attempt_at=timezone.now())
        for _ in range(2):  # the sweep and the worker run again and again: no duplicates
            call_command("send_pending_enquiry_emails", stdout=io.StringIO())
            _run_worker()

    assert Enquiry.objects.count() == 5
    assert len(inbox.messages) == len(set(inbox.messages)) == 10
    for enquiry in enquiries:
        assert ((enquiry.email,), f"We have received your request {enquiry.reference}") in (
            inbox.messages
        )


class SlowInbox(Inbox):
    """Answers RCPT slowly, so a worker can be stopped while it is talking to the server."""

    def __init__(self):
        super().__init__()
        self.talking = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, options):  # noqa: N802
        if not self.talking.is_set():  # only the first conversation, the one that is cut off
            self.talking.set()
            await asyncio.sleep(3)
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="a worker process needs a database it can share: PostgreSQL, as in CI",
)
@worker_test
def test_a_worker_killed_while_sending_loses_no_email(submit, settings):
    inbox = SlowInbox()
    inbox.controller.start()
    worker = None
    smtp = {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": inbox.port}  # fmt: skip
    try:
        with override_settings(TASKS=DATABASE_QUEUE, **smtp):
            enquiry = submit()
            database = settings.DATABASES["default"]
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
                "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:"
                f"{database['PORT'] or 5432}/{database['NAME']}",
                "DJANGO_TASKS_BACKEND": "database",
                "DJANGO_EMAIL_BACKEND": smtp["EMAIL_BACKEND"],
                "DJANGO_EMAIL_HOST": "127.0.0.1",
                "DJANGO_EMAIL_PORT": str(inbox.port),
            }
            worker = subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--no-reload"],
                cwd=PROJECT_DIR,
                env=env,
            )
            assert inbox.talking.wait(timeout=30), "the worker never reached the mail server"
            worker.kill()  # mid-conversation, before the server accepted anything
            worker.wait(timeout=10)

            assert enquiry.emails.filter(status=EnquiryEmail.Status.PENDING).count() >= 1
            call_command("send_pending_enquiry_emails", stdout=io.StringIO())
            _run_worker()
    finally:
        inbox.controller.stop()
        if worker is not None and worker.poll() is None:
            worker.kill()
    assert sorted(to for to, _ in inbox.messages) == [
        ("amina@example.com",),
        ("coordinators@example.org",),
    ]
    assert enquiry.emails.filter(status=EnquiryEmail.Status.SENT).count() == 2
