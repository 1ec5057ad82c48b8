from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.test import Client


class StaffClient(Client):
    """The test client, with force_login also passing two-step sign-in, as staff would."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        device, _created = TOTPDevice.objects.get_or_create(
            user=user, confirmed=True, defaults={"name": "Test authenticator"}
        )
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
