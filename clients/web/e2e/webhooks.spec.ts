// The administration's webhooks through a live API and its worker: a receiver on this
// machine (allowed by the API's CRM_WEBHOOK_ALLOWED_HOSTS, see api.ts) gets a signed
// delivery of a new contact, which the deliveries view lists and sends again.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

import { axeViolations, expect, screenshot, signIn, test } from "./fixtures";

interface Received {
  headers: IncomingHttpHeaders;
  body: { type?: string; data?: { last_name?: string } };
}

test("a webhook's secret shows once; a new contact is delivered signed, listed in its deliveries, sent again; then it is deleted", async ({ page, api }) => {
  const received: Received[] = [];
  const receiver = createServer((request, response) => {
    let text = "";
    request.on("data", (chunk: Buffer) => (text += chunk.toString()));
    request.on("end", () => {
      received.push({ headers: request.headers, body: JSON.parse(text || "{}") });
      response.writeHead(200, { "Content-Type": "text/plain" }).end("thanks");
    });
  });
  await new Promise<void>((ok) => receiver.listen(0, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  try {
    await signIn(page);
    await page.getByRole("link", { name: "Administration" }).click();
    await page.getByRole("button", { name: "Webhooks", exact: true }).click();

    // A refused URL shows at its field.
    const form = page.getByRole("form", { name: "Create a webhook" });
    await form.getByLabel("URL").fill("https://localhost/hooks");
    await form.getByRole("button", { name: "Create" }).click();
    await expect(form.getByLabel("URL")).toHaveAttribute("aria-invalid", "true");
    await expect(form.getByText("You may not set this value.")).toBeVisible();

    await form.getByLabel("URL").fill(url);
    await form.getByLabel("Event types").fill("contact.*");
    await form.getByRole("button", { name: "Create" }).click();
    const box = page.getByRole("region", { name: `Signing secret for ${url}` });
    await expect(box).toBeVisible();
    const secret = await box.getByLabel("Signing secret").inputValue();
    expect(secret).toMatch(/^whsec_/);
    const row = page.getByRole("row", { name: new RegExp(url) });
    await expect(row.getByRole("cell", { name: "Active" })).toBeVisible();
    await expect(row.getByRole("cell", { name: "contact.*" })).toBeVisible();
    expect(await axeViolations(page), "webhooks with the secret").toEqual([]);
    await screenshot(page, "08-admin-webhook");
    await box.getByRole("button", { name: "I have copied it: close" }).click();
    await expect(box).toHaveCount(0);
    await expect(page.getByText(secret)).toHaveCount(0);

    // A change after the webhook's creation reaches the receiver, signed.
    const tag = Date.now().toString(36);
    await api.post("/contacts", { first_name: "Hanna", last_name: `Hook${tag}` });
    await expect.poll(() => received.filter((r) => r.body.data?.last_name === `Hook${tag}`).length, { timeout: 20_000 }).toBe(1);
    const first = received.find((r) => r.body.data?.last_name === `Hook${tag}`)!;
    expect(first.body.type).toBe("contact.created");
    expect(first.headers["webhook-signature"]).toMatch(/^v1,/);

    await row.getByRole("button", { name: `Deliveries to ${url}` }).click();
    const view = page.getByRole("region", { name: `Deliveries to ${url}` });
    const delivered = view.getByRole("row", { name: /contact\.created/ });
    await expect(delivered.getByRole("cell", { name: "Delivered" })).toBeVisible();
    await expect(delivered.getByRole("cell", { name: "200", exact: true })).toBeVisible();
    await expect(delivered.getByRole("cell", { name: "thanks" })).toBeVisible();
    expect(await axeViolations(page), "deliveries").toEqual([]);
    await screenshot(page, "08-admin-webhook-deliveries");

    // Sent again with the same webhook-id.
    await delivered.getByRole("button", { name: /^Redeliver contact\.created/ }).click();
    await expect(view.getByText("contact.created will be sent again.")).toBeVisible();
    await expect.poll(() => received.filter((r) => r.body.data?.last_name === `Hook${tag}`).length, { timeout: 20_000 }).toBe(2);
    const again = received.filter((r) => r.body.data?.last_name === `Hook${tag}`);
    expect(again[1]!.headers["webhook-id"]).toBe(again[0]!.headers["webhook-id"]);

    // Everything since an hour ago.
    const since = new Date(Date.now() - 3_600_000);
    const pad = (n: number) => String(n).padStart(2, "0");
    const local = `${since.getFullYear()}-${pad(since.getMonth() + 1)}-${pad(since.getDate())}T${pad(since.getHours())}:${pad(since.getMinutes())}`;
    await view.getByLabel("Since", { exact: true }).fill(local);
    await view.getByRole("button", { name: "Redeliver", exact: true }).click();
    await expect(view.getByText(/^\d+ deliver(y|ies) will be sent again\.$/)).toBeVisible();
    await expect.poll(() => received.filter((r) => r.body.data?.last_name === `Hook${tag}`).length, { timeout: 20_000 }).toBe(3);

    // Switched off, then deleted after a confirmation.
    await row.getByRole("button", { name: `Edit ${url}` }).click();
    const editor = page.getByRole("region", { name: `Edit ${url}` });
    await editor.getByLabel("Active (sends events)").uncheck();
    await editor.getByRole("button", { name: "Save" }).click();
    await expect(editor).toHaveCount(0);
    await expect(row.getByRole("cell", { name: "Switched off" })).toBeVisible();
    await row.getByRole("button", { name: `Delete ${url}` }).click();
    const confirm = page.getByRole("dialog", { name: "Delete the webhook" });
    await expect(confirm).toContainText("This cannot be undone.");
    await confirm.getByRole("button", { name: "Delete" }).click();
    await expect(confirm).toHaveCount(0);
    await expect(row).toHaveCount(0);
    expect((await api.get<{ items: unknown[] }>("/webhooks")).items).toHaveLength(0);
  } finally {
    await new Promise((ok) => receiver.close(ok));
  }
});
