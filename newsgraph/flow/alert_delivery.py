"""Telling the alerts: appended to a JSONL file, POSTed to a webhook.

A command that changes the store (``analyze``; ``fetch`` and ``watch``) notes the latest alert
before it runs; ``AlertDelivery.flush`` then sends the alerts raised since, and a long-running
command calls it after each pass. A webhook that fails is tried again a few times with a growing
pause; an alert it never takes is recorded in the store (``Store.alert_failures``), and the command
goes on: a delivery never loses the analysis.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from newsgraph.flow.alerts import Alert, alert_of, alerts_json
from newsgraph.store.db import Store

ATTEMPTS = 3  # tries per alert while the webhook answers now and then
BACKOFF = 0.5  # seconds before the second try; doubled before each next one
TIMEOUT = 10.0  # seconds for one POST
RETRY_STATUS = {408, 425, 429}  # client errors worth another try; other 4xx will not change


@dataclass
class DeliveryReport:
    """What one flush did: alerts sent, and (alert id, target, error) for each that did not go."""

    sent: int = 0
    failed: list[tuple[str, str, str]] = field(default_factory=list)


def append_jsonl(path: str | Path, records: list[dict]) -> None:
    """Append one JSON object per line (UTF-8), flushed as one write."""
    if not records:
        return
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))


def post_webhook(url: str, records: list[dict], attempts: int = ATTEMPTS, backoff: float = BACKOFF,
                 timeout: float = TIMEOUT, client: httpx.Client | None = None) -> list[tuple[str, str, int]]:
    """POST each record as JSON to ``url``; a 2xx answer takes it. Returns (alert id, error, tries)
    for each record the webhook did not take. Once one record has failed every try, the rest get a
    single try each, so that a webhook that is down does not hold the command for minutes."""
    failed: list[tuple[str, str, int]] = []
    own = client is None
    client = client or httpx.Client(timeout=timeout, follow_redirects=False)
    try:
        tries = attempts
        for record in records:
            error, n = "", 0
            for n in range(1, tries + 1):
                error = _post(client, url, record)
                if not error or error.startswith("HTTP 4") and int(error[5:8]) not in RETRY_STATUS:
                    break
                if n < tries:
                    time.sleep(backoff * 2 ** (n - 1))
            if error:
                failed.append((record["id"], error, n))
                tries = 1
    finally:
        if own:
            client.close()
    return failed


def _post(client: httpx.Client, url: str, record: dict) -> str:
    """'' when the webhook took the record, else why not ('HTTP 500 ...', 'ConnectError: ...')."""
    try:
        response = client.post(url, json=record, headers={"User-Agent": "newsgraph-alerts"})
    except httpx.HTTPError as exc:
        return f"{exc.__class__.__name__}: {exc}"
    if response.is_success:
        return ""
    return f"HTTP {response.status_code} {response.reason_phrase}".strip()


class AlertDelivery:
    """Sends the alerts a command raises to ``jsonl`` (a file, appended to) and ``webhook`` (a URL)."""

    def __init__(self, store: Store, jsonl: str | None = None, webhook: str | None = None,
                 attempts: int = ATTEMPTS, backoff: float = BACKOFF):
        self.store, self.jsonl, self.webhook = store, jsonl, webhook
        self.attempts, self.backoff = attempts, backoff
        self.mark = store.last_alert_seq()  # alerts up to here were raised before this command

    def flush(self) -> DeliveryReport:
        """Send the alerts raised since the last flush (or since this delivery began)."""
        report = DeliveryReport()
        rows = self.store.alert_rows(after_seq=self.mark)
        if not rows:
            return report
        self.mark = max(r["seq"] for r in rows)
        alerts: list[Alert] = [alert_of(r) for r in rows]
        records = alerts_json(self.store, alerts)
        if self.jsonl:
            try:
                append_jsonl(self.jsonl, records)
            except OSError as exc:
                error = f"{exc.__class__.__name__}: {exc}"
                for r in records:
                    self.store.add_alert_failure(r["id"], str(self.jsonl), 1, error)
                    report.failed.append((r["id"], str(self.jsonl), error))
        if self.webhook:
            for alert_id, error, tries in post_webhook(self.webhook, records, self.attempts, self.backoff):
                self.store.add_alert_failure(alert_id, self.webhook, tries, error)
                report.failed.append((alert_id, self.webhook, error))
        report.sent = len(records) - len({alert_id for alert_id, _, _ in report.failed})
        return report
