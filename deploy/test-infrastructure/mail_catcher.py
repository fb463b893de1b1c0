"""A mail catcher standing in for mailpit: keeps every mail it is sent over SMTP on port 1025 and lists
them on port 8025 in the shape of the part of mailpit's HTTP API the tests read:
GET /api/v1/messages (summaries, newest first) and GET /api/v1/message/<ID> (one with its text).
"""
import json
import threading
import uuid
from datetime import datetime, timezone
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller

SMTP_PORT, HTTP_PORT = 1025, 8025


class Mailbox:
    def __init__(self):
        self._lock = threading.Lock()
        self._messages: list[dict] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        mail = message_from_bytes(envelope.content, policy=policy.default)
        body = mail.get_body(preferencelist=("plain",))
        text = body.get_content() if body is not None else ""
        message = {
            "ID": uuid.uuid4().hex,
            "From": {"Name": "", "Address": envelope.mail_from},
            "To": [{"Name": "", "Address": address} for address in envelope.rcpt_tos],
            "Subject": str(mail["Subject"] or ""),
            "Created": datetime.now(timezone.utc).isoformat(),
            "Snippet": text[:250],
            "Text": text,
        }
        with self._lock:
            self._messages.insert(0, message)
        return "250 Message accepted for delivery"

    def summaries(self) -> list[dict]:
        with self._lock:
            return [{key: value for key, value in message.items() if key != "Text"} for message in self._messages]

    def message(self, message_id: str) -> dict | None:
        with self._lock:
            return next((message for message in self._messages if message["ID"] == message_id), None)


def api(mailbox: Mailbox) -> type[BaseHTTPRequestHandler]:
    class Api(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path == "/api/v1/messages":
                summaries = mailbox.summaries()
                self.answer(200, {"total": len(summaries), "count": len(summaries), "start": 0, "messages": summaries})
            elif path.startswith("/api/v1/message/") and (message := mailbox.message(path.rsplit("/", 1)[1])):
                self.answer(200, message)
            else:
                self.answer(404, {"error": f"no {path} here"})

        def answer(self, status: int, document: dict) -> None:
            body = json.dumps(document).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Api


if __name__ == "__main__":
    mailbox = Mailbox()
    smtp = Controller(mailbox, hostname="0.0.0.0", port=SMTP_PORT)
    smtp.start()
    print(f"SMTP on {SMTP_PORT}, mail listed on http://0.0.0.0:{HTTP_PORT}/api/v1/messages", flush=True)
    ThreadingHTTPServer(("0.0.0.0", HTTP_PORT), api(mailbox)).serve_forever()
