"""Two-step sign-in for everyone who can see enquiries; editors are not asked."""

import base64
import re
import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.test import Client

pytestmark = pytest.mark.django_db


def code_for(secret_base32, offset=0):
    totp = TOTP(base64.b32decode(secret_base32), step=30, t0=0, digits=6)
    totp.time = time.time() + offset
    return f"{totp.token():06d}"


def test_coordinator_must_set_up_two_step_sign_in_before_seeing_enquiries(coordinator):
    client = Client()
    client.force_login(coordinator)
    response = client.get("/admin/enquiries/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/two-factor/setup/?next=/admin/enquiries/")

    setup = client.get(response["Location"]).content.decode()
    secret = re.search(r"data-two-factor-secret>([A-Z2-7=]+)<", setup).group(1)
    assert "<svg" in setup  # the QR code, drawn on the server

    wrong = client.post(response["Location"], {"token": "000000"})
    assert "That code is not right" in wrong.content.decode()
    time.sleep(1.1)  # each wrong code makes the next attempt wait: 1 s, then 2 s, 4 s…

    right = client.post(response["Location"], {"token": code_for(secret)})
    assert right["Location"] == "/admin/enquiries/"
    assert client.get("/admin/enquiries/").status_code == 200
    assert TOTPDevice.objects.get(user=coordinator).confirmed


def test_next_sign_in_asks_for_a_code(coordinator):
    device = TOTPDevice.objects.create(user=coordinator, name="Phone", confirmed=True)
    secret = base64.b32encode(device.bin_key).decode()
    client = Client()
    client.force_login(coordinator)
    response = client.get("/admin/enquiries/")
    assert response["Location"].startswith("/admin/two-factor/verify/")
    assert client.post(response["Location"], {"token": "123456"}).status_code == 200
    time.sleep(1.1)
    done = client.post(response["Location"], {"token": code_for(secret)})
    assert done["Location"] == "/admin/enquiries/"
    assert client.get("/admin/enquiries/").status_code == 200


def test_documents_and_exports_need_the_second_step_too(coordinator):
    client = Client()
    client.force_login(coordinator)
    for url in ["/admin/enquiries/?export=csv", "/admin/enquiry-documents/1/", "/admin/"]:
        assert client.get(url)["Location"].startswith("/admin/two-factor/")


def test_the_two_step_pages_get_the_admin_icons_not_a_second_copy_of_themselves(coordinator):
    # The pages fetch the icon sprite and insert the reply: a redirect back to the pairing page
    # used to show that page twice over, with a second form that posted an empty code.
    client = Client()
    client.force_login(coordinator)
    setup = client.get("/admin/two-factor/setup/").content.decode()
    sprite_url = re.search(r'data-icon-url="([^"]+)"', setup).group(1).replace("&amp;", "&")
    sprite = client.get(sprite_url)
    assert sprite.status_code == 200
    assert b'<symbol id="icon-' in sprite.content


def test_editors_who_cannot_see_enquiries_are_not_asked(editor):
    client = Client()
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
