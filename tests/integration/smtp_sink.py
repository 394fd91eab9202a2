"""A local SMTP server for the reminder tests (tests/integration/common/smtp.rs starts it).

Every message received is written to DIR as NNNNN.eml (the raw RFC 5322 text) with NNNNN.json
beside it (the envelope: MAIL FROM and RCPT TO). The .json is written first and the .eml is
renamed into place last, so a reader that sees the .eml sees a whole message and its envelope.
With --delay SECONDS it waits that long before accepting each message (a slow mail server, so a
test can stop the app while a message is being sent). Prints "READY <port>" once listening; runs
until its standard input closes or it is terminated.
"""

import argparse
import asyncio
import json
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory, delay):
        self.directory = directory
        self.delay = delay
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        with self.lock:
            self.count += 1
            n = self.count
        base = os.path.join(self.directory, f"{n:05d}")
        with open(base + ".json", "w", encoding="utf-8") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}, f)
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8")
        with open(base + ".tmp", "wb") as f:
            f.write(content)
        os.replace(base + ".tmp", base + ".eml")
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--delay", type=float, default=0.0)
    args = parser.parse_args()
    controller = Controller(Sink(args.dir, args.delay), hostname="127.0.0.1", port=args.port)
    controller.start()
    print(f"READY {args.port}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
