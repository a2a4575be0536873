#!/usr/bin/python3
"""An SMTP server for bouncewatch's notifier tests (Debian's python3-aiosmtpd).

Listens on one loopback address and port and stores every accepted message in
DIR/<n>.eml (the raw bytes as received) with DIR/<n>.json beside it (envelope sender,
recipients, the authenticated user or null, whether the session used TLS, the HELO/EHLO
name). Started again on the same directory, it numbers on from the highest <n> there.

    smtp_sink.py --port 2525 --dir DIR [--tls none|starttls|implicit --cert C --key K]
                 [--user NAME --password-file FILE] [--ready-file FILE]

--tls starttls refuses MAIL before STARTTLS; --tls implicit speaks TLS from the first
byte. With --user, MAIL needs AUTH (PLAIN or LOGIN) with that name and password; with
--tls starttls AUTH is offered only after STARTTLS. The ready file is written once the server accepts
connections. Stops on SIGTERM or SIGINT.
"""

import argparse
import json
import os
import signal
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Store:
    """Writes each accepted message to the directory, numbered in arrival order."""

    def __init__(self, directory):
        self.directory = directory
        # A sink started again on the same directory numbers on after what is there.
        numbers = [int(name[:-4]) for name in os.listdir(directory)
                   if name.endswith(".eml") and name[:-4].isdigit()]
        self.count = max(numbers, default=0)
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            stem = os.path.join(self.directory, str(self.count))
        meta = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "user": authenticated_user(session),
            "helo": session.host_name,
            "tls": session.ssl is not None
            or server.transport.get_extra_info("ssl_object") is not None,
        }
        with open(stem + ".tmp", "wb") as out:
            out.write(envelope.original_content)
        with open(stem + ".json", "w") as out:
            json.dump(meta, out)
        os.rename(stem + ".tmp", stem + ".eml")
        return "250 2.0.0 Ok: stored as " + str(self.count)


def authenticated_user(session):
    if not session.authenticated:
        return None
    login = getattr(session.auth_data, "login", None)
    return login.decode() if isinstance(login, bytes) else login


class Authenticator:
    def __init__(self, user, password):
        self.user = user
        self.password = password

    def __call__(self, server, session, envelope, mechanism, auth_data):
        login = auth_data.login.decode() if isinstance(auth_data.login, bytes) else auth_data.login
        secret = auth_data.password
        if isinstance(secret, bytes):
            secret = secret.decode()
        if login == self.user and secret == self.password:
            return AuthResult(success=True, auth_data=auth_data)
        return AuthResult(success=False, handled=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--tls", choices=["none", "starttls", "implicit"], default="none")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--user")
    parser.add_argument("--password-file")
    parser.add_argument("--ready-file")
    args = parser.parse_args()

    os.makedirs(args.dir, exist_ok=True)
    context = None
    if args.tls != "none":
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)

    options = {"server_hostname": "sink.bouncewatch.test"}
    if args.user:
        with open(args.password_file) as source:
            password = source.readline().rstrip("\r\n")
        options["authenticator"] = Authenticator(args.user, password)
        options["auth_required"] = True
        # aiosmtpd only knows STARTTLS as "TLS": with implicit TLS it would never offer AUTH.
        options["auth_require_tls"] = args.tls == "starttls"
    if args.tls == "starttls":
        options["tls_context"] = context
        options["require_starttls"] = True
    elif args.tls == "implicit":
        options["ssl_context"] = context

    return serve(
        Controller(Store(args.dir), hostname=args.host, port=args.port, **options),
        args.ready_file)


def serve(controller, ready_file):
    """Starts `controller`, writes our pid to `ready_file` (atomically) once it listens, and
    serves until SIGTERM or SIGINT; returns the exit status."""
    controller.start()
    if ready_file:
        with open(ready_file + ".tmp", "w") as out:
            out.write(str(os.getpid()))
        os.rename(ready_file + ".tmp", ready_file)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    # A test runner may start us from a thread that blocks these.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    stop.wait()
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
