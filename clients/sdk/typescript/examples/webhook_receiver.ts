// A receiver for the CRM's webhooks: verifies each delivery's signature with the SDK and
// logs the event; anything not signed with the webhook's secret gets 400, and nothing of
// it is believed. Run it (after `npm run build`):
//   WEBHOOK_SECRET=whsec_... PORT=8080 node dist-test/examples/webhook_receiver.js
// The CRM repeats a delivery that got no 2xx with the same webhook-id: drop repeats.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { fileURLToPath } from "node:url";

import { verifyWebhook, WebhookVerificationError } from "@crm/sdk";

export interface Delivery {
  id: string;
  event: unknown;
}

function bodyOf(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

/** A server that answers 204 to each verified delivery and hands it to `onDelivery`. */
export function webhookReceiver(secret: string, onDelivery: (delivery: Delivery) => void): Server {
  const seen = new Set<string>();
  return createServer(async (request, response) => {
    if (request.method !== "POST") {
      response.writeHead(405).end();
      return;
    }
    const body = await bodyOf(request);
    try {
      const headers = request.headers as Record<string, string | string[] | undefined>;
      const event = await verifyWebhook(body, headers, secret);
      const id = String(request.headers["webhook-id"]);
      if (!seen.has(id)) {
        seen.add(id);
        onDelivery({ id, event });
      }
      response.writeHead(204).end();
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      response.writeHead(400, { "content-type": "text/plain" }).end(error.message);
    }
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const secret = process.env.WEBHOOK_SECRET;
  if (!secret) throw new Error("Set WEBHOOK_SECRET to the webhook's whsec_... secret.");
  const port = Number(process.env.PORT ?? 8080);
  webhookReceiver(secret, ({ id, event }) => console.log(id, JSON.stringify(event))).listen(port, () =>
    console.log(`listening on :${port}`),
  );
}
