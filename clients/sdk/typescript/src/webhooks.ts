// Verifying the CRM's webhook deliveries, written by hand beside the generated SDK. The CRM
// signs them by the Standard Webhooks specification (https://www.standardwebhooks.com):
// HMAC-SHA256 over `${webhook-id}.${webhook-timestamp}.${body}` with the webhook's secret
// (`whsec_` and base64), sent as `v1,<base64>` in `webhook-signature`. Web Crypto only, so
// it runs in Node 20+, Deno, Bun, workers and browsers alike.

/** How far a delivery's timestamp may lie from now: older ones are refused as replays. */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

/** A delivery that is not the CRM's, was changed on the way, or is too old. */
export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookVerificationError";
  }
}

export interface VerifyOptions {
  toleranceSeconds?: number;
  /** Seconds since the epoch; the clock's by default. */
  now?: number;
}

type Headers_ = Headers | Record<string, string | string[] | undefined>;

function header(headers: Headers_, name: string): string | undefined {
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value.join(" ") : value;
  }
  return undefined;
}

function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function bytesToBase64(bytes: ArrayBuffer): string {
  let binary = "";
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Compares two strings in time that does not depend on where they differ. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let differ = 0;
  for (let i = 0; i < a.length; i++) differ |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return differ === 0;
}

/**
 * The delivery's event (the JSON body, parsed) when `headers` carry a valid signature of
 * `body` made with `secret` (the `whsec_...` shown when the webhook was created) and a
 * timestamp within the tolerance; throws WebhookVerificationError otherwise. Pass the body
 * exactly as received, before any JSON parsing.
 */
export async function verifyWebhook(
  body: string | Uint8Array,
  headers: Headers_,
  secret: string,
  options: VerifyOptions = {},
): Promise<unknown> {
  const id = header(headers, "webhook-id");
  const timestamp = header(headers, "webhook-timestamp");
  const signatures = header(headers, "webhook-signature");
  if (!id || !timestamp || !signatures) {
    throw new WebhookVerificationError("webhook-id, webhook-timestamp or webhook-signature missing");
  }
  const sentAt = Number(timestamp);
  if (!Number.isInteger(sentAt)) throw new WebhookVerificationError("webhook-timestamp is not a number");
  const now = options.now ?? Date.now() / 1000;
  if (Math.abs(now - sentAt) > (options.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS)) {
    throw new WebhookVerificationError("webhook-timestamp is too far from now");
  }
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey(
      "raw",
      base64ToBytes(secret.replace(/^whsec_/, "")),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
  } catch {
    throw new WebhookVerificationError("the secret is not a whsec_ secret");
  }
  const text = typeof body === "string" ? body : new TextDecoder().decode(body);
  const expected = bytesToBase64(
    await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${id}.${sentAt}.${text}`)),
  );
  for (const signature of signatures.split(" ")) {
    const [version, value] = signature.split(",", 2);
    if (version === "v1" && value !== undefined && sameText(value, expected)) return JSON.parse(text);
  }
  throw new WebhookVerificationError("no signature matches");
}
