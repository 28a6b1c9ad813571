// Sign in, create a contact, page through contacts, sign out.
import { contactsCreate, contactsList, CrmSession } from "@crm/sdk";

const session = new CrmSession({ baseUrl: process.env.CRM_URL ?? "http://127.0.0.1:8000" });
await session.signIn(process.env.CRM_EMAIL ?? "owner@example.com", process.env.CRM_PASSWORD ?? "");

const created = await contactsCreate({
  client: session.client,
  body: { first_name: "Maria", last_name: "Lopez", emails: [{ email: "maria@acme.example" }] },
});
if (created.error) throw new Error(`${created.error.title}: ${created.error.detail}`);
console.log(`created ${created.data.id}`);

let cursor: string | null | undefined;
do {
  const page = await contactsList({ client: session.client, query: { limit: 50, cursor } });
  if (page.error) throw new Error(`${page.error.title}: ${page.error.detail}`);
  for (const contact of page.data.items) {
    console.log(`${contact.id}  ${contact.first_name ?? ""} ${contact.last_name ?? ""}`);
  }
  cursor = page.data.next_cursor;
} while (cursor);

await session.signOut();
