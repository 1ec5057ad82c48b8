from django_tasks import task

from enquiries.services import enquiry_email_send


@task()
def send_enquiry_email(email_id: int) -> bool:
    return enquiry_email_send(email_id=email_id)
