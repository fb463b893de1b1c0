"""Notifications go to the notification file unless a server is configured, and are configured from the environment."""
from pathlib import Path

import pytest

from servicekit.config import ServiceConfig
from servicekit.notifiers import (
    FileNotifier,
    HttpSmsNotifier,
    Notification,
    SmtpNotifier,
    notifier_from_config,
)
from servicekit.testing import read_notification_file


def test_file_notifier_appends_one_json_line_per_message(tmp_path):
    path = tmp_path / "notifications" / "auth.jsonl"
    notifier = FileNotifier(path)
    notifier.send(Notification("email", "ada@example.com", "Your code", "Code: 123456"))
    notifier.send(Notification("sms", "+15550100", "", "Code: 654321"))

    lines = read_notification_file(path)
    assert [(line["channel"], line["to"], line["subject"], line["body"]) for line in lines] == [
        ("email", "ada@example.com", "Your code", "Code: 123456"),
        ("sms", "+15550100", "", "Code: 654321"),
    ]
    assert all(line["sent_at"].endswith("+00:00") for line in lines)


def test_nothing_has_been_sent_while_the_notification_file_does_not_exist(tmp_path):
    assert read_notification_file(tmp_path / "none.jsonl") == []


def test_an_unknown_channel_is_refused():
    with pytest.raises(ValueError, match="pigeon"):
        Notification("pigeon", "ada@example.com", "Hi", "Hello")


def test_each_adapter_refuses_the_channel_it_does_not_carry():
    with pytest.raises(ValueError, match="sends email"):
        SmtpNotifier("smtp://127.0.0.1:1", "no-reply@example.com").send(Notification("sms", "+15550100", "", "x"))
    with pytest.raises(ValueError, match="sends sms"):
        HttpSmsNotifier("http://127.0.0.1:1/sms").send(Notification("email", "ada@example.com", "x", "x"))


def test_a_url_that_is_not_smtp_is_refused():
    with pytest.raises(ValueError, match="smtp"):
        SmtpNotifier("http://mail.example.com", "no-reply@example.com")


def test_without_server_urls_both_channels_write_to_the_services_notification_file(tmp_path):
    config = ServiceConfig.from_env("auth", {"MARKETPLACE_VAR_DIR": str(tmp_path)})
    notifier = notifier_from_config(config)
    notifier.send(Notification("email", "ada@example.com", "Reset your password", "Code: 111111"))
    notifier.send(Notification("sms", "+15550100", "", "Code: 222222"))

    assert config.notify_file == tmp_path / "notifications" / "auth.jsonl"
    assert [line["body"] for line in read_notification_file(config.notify_file)] == ["Code: 111111", "Code: 222222"]


def test_notification_settings_are_read_from_the_environment(tmp_path):
    config = ServiceConfig.from_env(
        "auth",
        {
            "MARKETPLACE_VAR_DIR": str(tmp_path),
            "NOTIFY_EMAIL_URL": "smtps://mailer:secret@mail.example.com:465",
            "NOTIFY_EMAIL_FROM": "Security <security@example.com>",
            "NOTIFY_SMS_URL": "https://sms.example.com/send",
            "NOTIFY_SMS_TOKEN": "t0ken",
            "NOTIFY_FILE": str(tmp_path / "codes.jsonl"),
        },
    )
    assert config.notify_email_url == "smtps://mailer:secret@mail.example.com:465"
    assert config.notify_email_from == "Security <security@example.com>"
    assert config.notify_sms_url == "https://sms.example.com/send"
    assert config.notify_sms_token == "t0ken"
    assert config.notify_file == tmp_path / "codes.jsonl"


def test_a_config_built_without_notification_settings_writes_under_its_var_dir():
    config = ServiceConfig(
        service="orders",
        database_url="sqlite://",
        broker_url="memory://",
        bus_namespace="t",
        var_dir=Path("/srv/var"),
        identity_public_key_file=Path("/keys/public.pem"),
        identity_private_key_file=Path("/keys/private.pem"),
    )
    assert config.notify_email_url is None and config.notify_sms_url is None
    assert config.notify_email_from == "Marketplace <no-reply@marketplace.local>"
    assert config.notify_file == Path("/srv/var/notifications/orders.jsonl")
