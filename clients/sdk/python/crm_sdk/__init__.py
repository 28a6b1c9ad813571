"""A client library for accessing CRM API"""

# `verify_webhook` is written by hand in openapi/sdk-python-templates (the rest of the
# package is generated): the CRM signs its webhooks by the Standard Webhooks
# specification (https://www.standardwebhooks.com), with the standard library only.
import base64
import hashlib
import hmac
import json
import time
from collections.abc import Mapping
from typing import Any

from .client import AuthenticatedClient, Client

# How far a delivery's timestamp may lie from now: older ones are refused as replays.
WEBHOOK_TOLERANCE_SECONDS = 5 * 60


class WebhookVerificationError(Exception):
    """A delivery that is not the CRM's, was changed on the way, or is too old."""


def verify_webhook(
    body: bytes | str,
    headers: Mapping[str, str],
    secret: str,
    *,
    tolerance_seconds: int = WEBHOOK_TOLERANCE_SECONDS,
    now: float | None = None,
) -> Any:
    """The delivery's event (the JSON body, parsed) when `headers` carry a valid
    signature of `body` made with `secret` (the `whsec_...` shown when the webhook was
    created) and a timestamp within `tolerance_seconds`; raises WebhookVerificationError
    otherwise. Pass the body exactly as received, before any JSON parsing."""
    lowered = {key.lower(): value for key, value in headers.items()}
    message_id = lowered.get("webhook-id")
    timestamp = lowered.get("webhook-timestamp")
    signatures = lowered.get("webhook-signature")
    if not message_id or not timestamp or not signatures:
        raise WebhookVerificationError("webhook-id, webhook-timestamp or webhook-signature missing")
    try:
        sent_at = int(timestamp)
    except ValueError:
        raise WebhookVerificationError("webhook-timestamp is not a number") from None
    if abs((time.time() if now is None else now) - sent_at) > tolerance_seconds:
        raise WebhookVerificationError("webhook-timestamp is too far from now")
    try:
        key = base64.b64decode(secret.removeprefix("whsec_"), validate=True)
    except ValueError:
        raise WebhookVerificationError("the secret is not a whsec_ secret") from None
    text = body.decode() if isinstance(body, bytes) else body
    signed = f"{message_id}.{sent_at}.{text}".encode()
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    for signature in signatures.split():
        version, _, value = signature.partition(",")
        if version == "v1" and hmac.compare_digest(value, expected):
            return json.loads(text)
    raise WebhookVerificationError("no signature matches")


__all__ = (
    "WEBHOOK_TOLERANCE_SECONDS",
    "AuthenticatedClient",
    "Client",
    "WebhookVerificationError",
    "verify_webhook",
)
