// verifyWebhook accepts exactly what the CRM signs (the Standard Webhooks scheme): the
// specification's own example, a delivery signed here as the server does, and nothing
// changed, re-signed with another secret, too old, or missing a header.
import assert from "node:assert/strict";
import { createHmac, randomBytes } from "node:crypto";
import { describe, test } from "node:test";

import { verifyWebhook, WebhookVerificationError } from "../src/index.js";

// The specification's example (the server's signing library gives the same signature).
const EXAMPLE = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  body: '{"test": 2432232314}',
  headers: {
    "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
    "webhook-timestamp": "1614265330",
    "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
  },
};

function newSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

function signed(secret: string, body: string, at: number, id = "msg_1"): Record<string, string> {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const signature = createHmac("sha256", key).update(`${id}.${at}.${body}`).digest("base64");
  return { "webhook-id": id, "webhook-timestamp": String(at), "webhook-signature": `v1,${signature}` };
}

const EVENT = { type: "contact.created", data: { first_name: "Zoë" } };

describe("verifyWebhook", () => {
  test("the specification's example verifies at its time", async () => {
    const event = await verifyWebhook(EXAMPLE.body, EXAMPLE.headers, EXAMPLE.secret, { now: 1614265330 });
    assert.deepEqual(event, { test: 2432232314 });
  });

  test("a delivery signed now verifies from text, bytes or Headers, and gives the event", async () => {
    const secret = newSecret();
    const body = JSON.stringify(EVENT);
    const headers = signed(secret, body, Math.floor(Date.now() / 1000));
    assert.deepEqual(await verifyWebhook(body, headers, secret), EVENT);
    assert.deepEqual(await verifyWebhook(new TextEncoder().encode(body), new Headers(headers), secret), EVENT);
  });

  for (const spoil of ["another secret", "body changed", "too old", "no signature"]) {
    test(`refuses: ${spoil}`, async () => {
      let secret = newSecret();
      let body = JSON.stringify(EVENT);
      const now = Math.floor(Date.now() / 1000);
      let headers = signed(secret, body, now);
      if (spoil === "another secret") secret = newSecret();
      if (spoil === "body changed") body = body.replace("contact.created", "contact.archived");
      if (spoil === "too old") headers = signed(secret, body, now - 6 * 60);
      if (spoil === "no signature") delete headers["webhook-signature"];
      await assert.rejects(verifyWebhook(body, headers, secret), WebhookVerificationError);
    });
  }
});

describe("examples/webhook_receiver", () => {
  test("logs a verified delivery once, refuses one signed with another secret", async () => {
    const { webhookReceiver } = await import("../examples/webhook_receiver.js");
    const secret = newSecret();
    const got: unknown[] = [];
    const server = webhookReceiver(secret, ({ event }) => got.push(event));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    assert.ok(address && typeof address === "object");
    const url = `http://127.0.0.1:${address.port}/`;
    try {
      const body = JSON.stringify(EVENT);
      const headers = signed(secret, body, Math.floor(Date.now() / 1000), "msg_once");
      assert.equal((await fetch(url, { method: "POST", body, headers })).status, 204);
      assert.equal((await fetch(url, { method: "POST", body, headers })).status, 204);
      const forged = signed(newSecret(), body, Math.floor(Date.now() / 1000), "msg_forged");
      assert.equal((await fetch(url, { method: "POST", body, headers: forged })).status, 400);
      assert.deepEqual(got, [EVENT]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
