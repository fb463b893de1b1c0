"""The SMTP and SMS adapters deliver to real servers on loopback."""
import smtplib

import pytest

from servicekit.notifiers import DeliveryRefused, HttpSmsNotifier, Notification, SmtpNotifier
from servicekit.testing import SmsInbox, SmtpMailbox


def test_smtp_notifier_delivers_a_plain_text_mail_with_subject_sender_and_recipient(smtp_mailbox):
    notifier = SmtpNotifier(smtp_mailbox.url, "Marketplace <no-reply@marketplace.local>")
    notifier.send(Notification("email", "grace@example.com", "Your sign-in code", "Your code is 482913."))

    message = smtp_mailbox.wait_for_message("grace@example.com", contains="482913")
    assert message["Subject"] == "Your sign-in code"
    assert message["To"] == "grace@example.com"
    assert message["From"] == "Marketplace <no-reply@marketplace.local>"
    assert message.get_content_type() == "text/plain"
    assert message.get_content().strip() == "Your code is 482913."
    assert message["Message-ID"].endswith("@marketplace.local>")
    assert message["Date"]


def test_smtp_notifier_logs_in_with_the_credentials_of_its_url():
    with SmtpMailbox(login=("mailer", "s3cret")) as mailbox:
        SmtpNotifier(mailbox.url, "no-reply@example.com").send(
            Notification("email", "alan@example.com", "Password changed", "Your password was changed.")
        )
        assert mailbox.wait_for_message("alan@example.com")["Subject"] == "Password changed"


def test_smtp_mailbox_that_requires_a_login_refuses_mail_without_one():
    with SmtpMailbox(login=("mailer", "s3cret")) as mailbox:
        url = mailbox.url.replace("mailer:s3cret@", "")
        with pytest.raises(smtplib.SMTPDataError, match="Authentication required"):
            SmtpNotifier(url, "no-reply@example.com").send(Notification("email", "alan@example.com", "x", "y"))
        assert mailbox.messages == []


@pytest.fixture
def sms_provider():
    with SmsInbox(token="provider-token") as inbox:
        yield inbox


def test_sms_notifier_posts_the_text_with_the_bearer_token(sms_provider):
    notifier = HttpSmsNotifier(sms_provider.url, token="provider-token")
    notifier.send(Notification("sms", "+15550111", "ignored subject", "Your code is 730104."))

    assert sms_provider.wait_for_message("+15550111", contains="730104") == {
        "to": "+15550111",
        "text": "Your code is 730104.",
    }


def test_sms_notifier_raises_when_the_provider_refuses_the_message(sms_provider):
    notifier = HttpSmsNotifier(sms_provider.url, token="not-the-token")
    with pytest.raises(DeliveryRefused, match="401"):
        notifier.send(Notification("sms", "+15550112", "", "Your code is 111000."))
    assert sms_provider.messages_to("+15550112") == []


def test_sms_inbox_fixture_takes_messages_sent_without_a_token(sms_inbox):
    HttpSmsNotifier(sms_inbox.url).send(Notification("sms", "+15550113", "", "Your code is 424242."))
    assert sms_inbox.wait_for_message("+15550113")["text"] == "Your code is 424242."
