import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, test } from "vitest";

import AdminPage from "../src/pages/Admin";
import { STORAGE_KEY } from "../src/session";
import { acc, fakeApi, fakeToken, json, problem, renderScreen } from "./helpers";

const hook = (id: string, url: string, extra: Record<string, unknown> = {}) => ({
  id, url, event_types: ["contact.created", "deal.*"], active: true, disabled_reason: null, owner_id: "u-me",
  created_at: "2026-12-01T10:00:00Z", updated_at: "2026-12-01T10:00:00Z", version: 1, ...extra,
});
const delivery = (id: string, extra: Record<string, unknown> = {}) => ({
  id, webhook_id: "h1", message_id: `msg_${id}`, event_type: "contact.created", status: "succeeded", attempts: 1,
  created_at: "2026-12-07T09:00:00Z", last_attempt_at: "2026-12-07T09:00:01Z", last_status_code: 200, last_duration_ms: 142,
  last_response: "ok", last_error: null, next_attempt_at: null, ...extra,
});
const SECRET = "whsec_MfKQ9r8GKYqXXm4aVb3dEw2nZq7tLp0s";

function signIn(perms = ["contacts:read", "settings:manage"]) {
  const token = fakeToken(perms, { rank: 90, acc: acc("aaa") });
  localStorage.setItem(STORAGE_KEY, JSON.stringify({ accessToken: token, refreshToken: "r", expiresAt: Date.now() + 600_000 }));
}

const dateTime = (iso: string) => new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));

async function openHooks(routes: Parameters<typeof fakeApi>[0], lang: "en" | "de" = "en") {
  const api = fakeApi(routes);
  renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: api.fetch, lang });
  fireEvent.click(screen.getByRole("button", { name: "Webhooks" }));
  return api;
}

function useClipboard(writeText: (text: string) => Promise<void>) {
  Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
}

afterEach(() => {
  Reflect.deleteProperty(navigator, "clipboard");
});

describe("webhooks in the administration", () => {
  test("the tab shows with settings:manage only; the list shows url, event types, on or off with the reason, and creation", async () => {
    signIn();
    await openHooks({
      "GET /api/v1/webhooks": () =>
        json({
          items: [
            hook("h1", "https://erp.example.com/hooks"),
            hook("h2", "https://old.example.com/in", {
              event_types: ["*"], active: false, disabled_reason: "Disabled: delivery msg_1 failed 9 times over the retry schedule (last: HTTP 500).",
            }),
          ],
          next_cursor: null,
        }),
    });
    expect(screen.queryByRole("button", { name: "API keys" })).toBeNull();
    const table = await screen.findByRole("table", { name: "Webhooks" });
    expect(within(table).getAllByRole("columnheader").map((c) => c.textContent)).toEqual(["URL", "Event types", "Status", "Created", "Actions"]);
    const erp = within(table).getByRole("rowheader", { name: "https://erp.example.com/hooks" }).closest("tr")!;
    expect(within(erp).getAllByRole("cell").map((c) => c.textContent)).toEqual([
      "contact.created, deal.*", "Active", dateTime("2026-12-01T10:00:00Z"), "Deliveries Edit Delete",
    ]);
    const old = within(table).getByRole("rowheader", { name: "https://old.example.com/in" }).closest("tr")!;
    expect(within(old).getAllByRole("cell")[1]).toHaveTextContent("Switched off" + "Disabled: delivery msg_1 failed 9 times");
  });

  test("a new webhook's secret shows once, with a copy button, and is gone after closing", async () => {
    signIn();
    let items: unknown[] = [];
    const writes: string[] = [];
    useClipboard(async (text) => void writes.push(text));
    const api = await openHooks({
      "GET /api/v1/webhooks": () => json({ items, next_cursor: null }),
      "POST /api/v1/webhooks": () => {
        items = [hook("new1", "https://erp.example.com/hooks")];
        return json({ ...hook("new1", "https://erp.example.com/hooks"), secret: SECRET }, 201);
      },
    });
    expect(await screen.findByText("No webhooks yet.")).toBeInTheDocument();
    const form = screen.getByRole("form", { name: "Create a webhook" });
    const types = within(form).getByLabelText("Event types");
    expect(types).toHaveValue("*");
    expect(types).toHaveAccessibleDescription(/Entities: contact, company, deal, interaction, task, request\. Actions: created, updated/);
    fireEvent.change(within(form).getByLabelText("URL"), { target: { value: " https://erp.example.com/hooks " } });
    fireEvent.change(types, { target: { value: "contact.created\n deal.*\n\n" } });
    fireEvent.click(within(form).getByRole("button", { name: "Create" }));

    const box = await screen.findByRole("region", { name: "Signing secret for https://erp.example.com/hooks" });
    expect(api.calls.find((c) => c.method === "POST")!.body).toEqual({
      url: "https://erp.example.com/hooks", event_types: ["contact.created", "deal.*"], active: true,
    });
    const secret = within(box).getByLabelText("Signing secret");
    expect(secret).toHaveValue(SECRET);
    expect(secret).toHaveAttribute("readonly");
    expect(secret).toHaveAccessibleDescription(/it will not be shown again/);
    expect(box).toHaveFocus();
    fireEvent.click(within(box).getByRole("button", { name: "Copy" }));
    await waitFor(() => expect(writes).toEqual([SECRET]));
    expect(await within(box).findByRole("status")).toHaveTextContent("Copied.");
    // The list shows the new webhook, never its secret; the form is empty again.
    const table = await screen.findByRole("table", { name: "Webhooks" });
    expect(within(table).getByRole("rowheader", { name: "https://erp.example.com/hooks" })).toBeInTheDocument();
    expect(within(table).queryByText(SECRET)).toBeNull();
    expect(within(form).getByLabelText("URL")).toHaveValue("");

    fireEvent.click(within(box).getByRole("button", { name: "I have copied it: close" }));
    expect(screen.queryByRole("region", { name: /Signing secret/ })).toBeNull();
    expect(document.body.innerHTML).not.toContain(SECRET);
  });

  test("a refused url shows at the url field, translated by its code, and no secret box", async () => {
    signIn();
    const api = await openHooks(
      {
        "GET /api/v1/webhooks": () => json({ items: [], next_cursor: null }),
        "POST /api/v1/webhooks": () =>
          problem(422, "The request is not valid: url", [
            { field: "url", message: "127.0.0.1 is or resolves to 127.0.0.1, an internal address", code: "not_allowed", params: {} },
          ]),
      },
      "de",
    );
    const form = screen.getByRole("form", { name: "Webhook anlegen" });
    fireEvent.change(within(form).getByLabelText("URL"), { target: { value: "https://127.0.0.1/hook" } });
    fireEvent.click(within(form).getByRole("button", { name: "Anlegen" }));
    const url = within(form).getByLabelText("URL");
    await waitFor(() => expect(url).toHaveAttribute("aria-invalid", "true"));
    expect(url).toHaveAccessibleDescription(/Diesen Wert dürfen Sie nicht setzen\./);
    expect(document.body.textContent).not.toContain("internal address");
    expect(within(form).getByLabelText("Ereignistypen")).not.toHaveAttribute("aria-invalid");
    expect(screen.getByRole("alert")).toHaveTextContent("Bitte korrigieren Sie die markierten Felder.");
    expect(screen.queryByRole("region", { name: /Signaturgeheimnis/ })).toBeNull();
    expect(api.calls.filter((c) => c.method === "POST")).toHaveLength(1);
  });

  test("an edit sends only what changed with If-Match; a wrong pattern shows at the event types", async () => {
    signIn();
    let answer: () => Response = () => json({});
    const api = await openHooks({
      "GET /api/v1/webhooks": () => json({ items: [hook("h1", "https://erp.example.com/hooks", { version: 4, active: false, disabled_reason: "Disabled: x." })], next_cursor: null }),
      "PATCH /api/v1/webhooks/h1": () => answer(),
    });
    fireEvent.click(await screen.findByRole("button", { name: "Edit https://erp.example.com/hooks" }));
    const editor = screen.getByRole("region", { name: "Edit https://erp.example.com/hooks" });
    expect(within(editor).getByLabelText("Event types")).toHaveValue("contact.created\ndeal.*");
    const active = within(editor).getByLabelText("Active (sends events)");
    expect(active).not.toBeChecked();
    expect(within(editor).getByText(/Switched on again, it sends the events from then on/)).toBeInTheDocument();

    answer = () =>
      problem(422, "The request is not valid", [{ field: "event_types.1", message: "no event type 'deal.sold'", code: "invalid_choice", params: {} }]);
    fireEvent.change(within(editor).getByLabelText("Event types"), { target: { value: "contact.created\ndeal.sold" } });
    fireEvent.click(active);
    fireEvent.click(within(editor).getByRole("button", { name: "Save" }));
    const types = within(editor).getByLabelText("Event types");
    await waitFor(() => expect(types).toHaveAttribute("aria-invalid", "true"));
    expect(types).toHaveAccessibleDescription(/Choose one of the offered values\./);
    const patch = api.calls.find((c) => c.method === "PATCH")!;
    expect(patch.headers.get("If-Match")).toBe('"4"');
    expect(patch.body).toEqual({ event_types: ["contact.created", "deal.sold"], active: true });

    answer = () => problem(412, "The record changed since you read it.");
    fireEvent.click(within(editor).getByRole("button", { name: "Save" }));
    expect(await within(editor).findByText(/Someone else changed this record/)).toBeInTheDocument();
  });

  test("deleting asks first; cancelling sends nothing; confirming deletes with If-Match", async () => {
    signIn();
    let gone = false;
    const api = await openHooks({
      "GET /api/v1/webhooks": () => json({ items: gone ? [] : [hook("h1", "https://erp.example.com/hooks", { version: 2 })], next_cursor: null }),
      "DELETE /api/v1/webhooks/h1": () => {
        gone = true;
        return new Response(null, { status: 204 });
      },
    });
    fireEvent.click(await screen.findByRole("button", { name: "Delete https://erp.example.com/hooks" }));
    let dialog = screen.getByRole("dialog", { name: "Delete the webhook" });
    expect(dialog).toHaveTextContent("Delete the webhook to https://erp.example.com/hooks? It sends nothing more, and its delivery log is deleted with it. This cannot be undone.");
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(api.calls.some((c) => c.method === "DELETE")).toBe(false);

    fireEvent.click(screen.getByRole("button", { name: "Delete https://erp.example.com/hooks" }));
    dialog = screen.getByRole("dialog", { name: "Delete the webhook" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Delete" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    const removal = api.calls.find((c) => c.method === "DELETE")!;
    expect(removal.path).toBe("/api/v1/webhooks/h1");
    expect(removal.headers.get("If-Match")).toBe('"2"');
    expect(await screen.findByText("No webhooks yet.")).toBeInTheDocument();
  });

  test("the deliveries view lists the log; one delivery and everything since a time are sent again", async () => {
    signIn();
    let redelivered = false;
    const api = await openHooks({
      "GET /api/v1/webhooks": () => json({ items: [hook("h1", "https://erp.example.com/hooks")], next_cursor: null }),
      "GET /api/v1/webhooks/h1/deliveries": () =>
        json({
          items: [
            delivery("d2", {
              event_type: "deal.won", status: redelivered ? "pending" : "failed", attempts: redelivered ? 0 : 9, created_at: "2026-12-07T08:00:00Z",
              last_status_code: null, last_duration_ms: 5000, last_response: null, last_error: "timed out after 5 s",
              next_attempt_at: redelivered ? "2026-12-07T10:00:00Z" : null,
            }),
            delivery("d1", { status: "pending", attempts: 2, last_status_code: 500, last_response: "Internal error", next_attempt_at: "2026-12-07T09:30:00Z" }),
          ],
          next_cursor: null,
        }),
      "POST /api/v1/webhooks/h1/deliveries/d2/redeliver": () => {
        redelivered = true;
        return json(delivery("d2", { event_type: "deal.won", status: "pending", attempts: 0 }), 202);
      },
      "POST /api/v1/webhooks/h1/redeliver": () => json({ deliveries: 3 }, 202),
    });
    fireEvent.click(await screen.findByRole("button", { name: "Deliveries to https://erp.example.com/hooks" }));
    const view = screen.getByRole("region", { name: "Deliveries to https://erp.example.com/hooks" });
    const table = await within(view).findByRole("table", { name: "Deliveries" });
    expect(within(table).getAllByRole("columnheader").map((c) => c.textContent)).toEqual([
      "Time", "Event type", "Status", "HTTP status", "Duration", "Response", "Attempts", "Next attempt", "Actions",
    ]);
    const failed = within(table).getByRole("rowheader", { name: dateTime("2026-12-07T08:00:00Z") }).closest("tr")!;
    expect(within(failed).getAllByRole("cell").map((c) => c.textContent)).toEqual([
      "deal.won", "Failed", "—", "5,000 ms", "timed out after 5 s", "9", "—", "Redeliver",
    ]);
    const pending = within(table).getByRole("rowheader", { name: dateTime("2026-12-07T09:00:00Z") }).closest("tr")!;
    expect(within(pending).getAllByRole("cell").map((c) => c.textContent)).toEqual([
      "contact.created", "Pending", "500", "142 ms", "Internal error", "2", dateTime("2026-12-07T09:30:00Z"), "Redeliver",
    ]);

    fireEvent.click(within(failed).getByRole("button", { name: `Redeliver deal.won of ${dateTime("2026-12-07T08:00:00Z")}` }));
    expect(await within(view).findByText("deal.won will be sent again.")).toBeInTheDocument();
    expect(api.calls.filter((c) => c.method === "POST").map((c) => c.path)).toEqual(["/api/v1/webhooks/h1/deliveries/d2/redeliver"]);
    await waitFor(() => expect(within(failed).getAllByRole("cell")[1]).toHaveTextContent("Pending"));
    expect(within(failed).getAllByRole("cell")[6]).toHaveTextContent(dateTime("2026-12-07T10:00:00Z"));

    const since = within(view).getByRole("form", { name: "Redeliver everything since…" });
    expect(within(since).getByRole("button", { name: "Redeliver" })).toBeDisabled();
    fireEvent.change(within(since).getByLabelText("Since"), { target: { value: "2026-12-07T07:30" } });
    fireEvent.click(within(since).getByRole("button", { name: "Redeliver" }));
    expect(await within(view).findByText("3 deliveries will be sent again.")).toBeInTheDocument();
    const all = api.calls.find((c) => c.path === "/api/v1/webhooks/h1/redeliver")!;
    expect(all.body).toEqual({ since: new Date("2026-12-07T07:30").toISOString() });

    fireEvent.click(within(view).getByRole("button", { name: "Close the deliveries" }));
    expect(screen.queryByRole("region", { name: "Deliveries to https://erp.example.com/hooks" })).toBeNull();
  });

  test("a time in the future for redelivery shows at the since field, translated", async () => {
    signIn();
    await openHooks(
      {
        "GET /api/v1/webhooks": () => json({ items: [hook("h1", "https://erp.example.com/hooks")], next_cursor: null }),
        "GET /api/v1/webhooks/h1/deliveries": () => json({ items: [], next_cursor: null }),
        "POST /api/v1/webhooks/h1/redeliver": () =>
          problem(422, "The request is not valid: since", [{ field: "since", message: "is in the future", code: "out_of_range", params: {} }]),
      },
      "de",
    );
    fireEvent.click(await screen.findByRole("button", { name: "Zustellungen an https://erp.example.com/hooks" }));
    const view = screen.getByRole("region", { name: "Zustellungen an https://erp.example.com/hooks" });
    expect(await within(view).findByText("Noch nichts zugestellt.")).toBeInTheDocument();
    fireEvent.change(within(view).getByLabelText("Seit"), { target: { value: "2099-01-01T00:00" } });
    fireEvent.click(within(view).getByRole("button", { name: "Erneut senden" }));
    const field = within(view).getByLabelText("Seit");
    await waitFor(() => expect(field).toHaveAttribute("aria-invalid", "true"));
    expect(field).toHaveAccessibleDescription(/Dieser Wert liegt außerhalb des zulässigen Bereichs/);
  });
});
