"""Email over SMTP, for reminders: host, port, TLS (starttls, ssl or none), user, sender.

Plain text only, one message per call; any refusal or network failure becomes `MailError`,
so the caller records it and tries again on its next run.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage

from casework.service.ports import MailError

TLS_MODES = ("starttls", "ssl", "none")


@dataclass(frozen=True)
class SmtpMailer:
    host: str
    port: int
    sender: str
    tls: str = "starttls"
    user: str = ""
    password: str = ""
    timeout: float = 30.0

    def send(self, to: str, subject: str, body: str) -> None:
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self.sender, to, subject
        message.set_content(body)
        try:
            with self._connect() as smtp:
                if self.user:
                    smtp.login(self.user, self.password)
                smtp.send_message(message)
        except (OSError, smtplib.SMTPException) as exc:
            raise MailError(f"{self.host}:{self.port}: {exc}") from exc

    def _connect(self) -> smtplib.SMTP:
        if self.tls == "ssl":
            return smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout,
                                    context=ssl.create_default_context())
        smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        if self.tls == "starttls":
            smtp.starttls(context=ssl.create_default_context())
        return smtp
