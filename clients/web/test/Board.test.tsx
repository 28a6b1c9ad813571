import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, test } from "vitest";

import { BoardPage, daysSince, dueState } from "../src/pages/Board";
import { acc, ALL_PERMS, fakeApi, json, problem, renderScreen, signedIn } from "./helpers";

const STAGES = [
  { id: "s-new", name: "New", kind: "open", position: 0, probability: 10, rotting_days: null },
  { id: "s-won", name: "Won", kind: "won", position: 1, probability: 100, rotting_days: null },
  { id: "s-lost", name: "Lost", kind: "lost", position: 2, probability: 0, rotting_days: null },
];
const PIPELINE = { id: "p-1", name: "Sales", is_default: true, stages: STAGES, version: 1 };
const DEAL = {
  id: "d-1", title: "Pilot for Acme", amount: 1_500_000, currency: "EUR", stage_id: "s-new", pipeline_id: "p-1",
  status: "open", owner_id: "u-me", contact_id: null, company_id: null, version: 1,
};

function board() {
  return {
    pipeline: PIPELINE,
    columns: [
      { stage: STAGES[0], count: 1, deals: [DEAL], totals: { EUR: 1_500_000, USD: 25_000 } },
      { stage: STAGES[1], count: 0, deals: [], totals: {} },
      { stage: STAGES[2], count: 0, deals: [], totals: {} },
    ],
  };
}

function boardAfterWon() {
  return {
    pipeline: PIPELINE,
    columns: [
      { stage: STAGES[0], count: 0, deals: [], totals: {} },
      { stage: STAGES[1], count: 1, deals: [{ ...DEAL, stage_id: "s-won" }], totals: { EUR: 1_500_000 } },
      { stage: STAGES[2], count: 0, deals: [], totals: {} },
    ],
  };
}

function api(move = () => json({ ...DEAL, stage_id: "s-lost" })) {
  return fakeApi({
    "GET /api/v1/pipelines": () => json({ items: [PIPELINE] }),
    "GET /api/v1/pipelines/p-1/board": () => json(board()),
    "POST /api/v1/deals/d-1/move": move,
  });
}

beforeEach(() => signedIn());

describe("board", () => {
  test("shows each stage with its totals per currency, in the user's language", async () => {
    const fake = api();
    renderScreen(<BoardPage />, { route: "/board", path: "/board", fetch: fake.fetch, lang: "de" });
    const column = await screen.findByRole("region", { name: "New" });
    expect(within(column).getByTestId("stage-totals")).toHaveTextContent("15.000,00 € · 250,00 $");
    expect(within(column).getByText("Pilot for Acme")).toBeInTheDocument();
  });

  test("the Move to list only chooses: the deal moves on Move, and the focus returns to its card", async () => {
    let moved = false;
    const fake = fakeApi({
      "GET /api/v1/pipelines": () => json({ items: [PIPELINE] }),
      "GET /api/v1/pipelines/p-1/board": () => json(moved ? boardAfterWon() : board()),
      "POST /api/v1/deals/d-1/move": () => {
        moved = true;
        return json({ ...DEAL, stage_id: "s-won" });
      },
    });
    renderScreen(<BoardPage />, { route: "/board", path: "/board", fetch: fake.fetch });
    const select = await screen.findByLabelText("Move “Pilot for Acme” to");
    select.focus();
    // What ArrowDown does to a closed select in Chromium: the value changes.
    fireEvent.change(select, { target: { value: "s-won" } });
    fireEvent.change(select, { target: { value: "s-lost" } });
    fireEvent.change(select, { target: { value: "s-won" } });
    expect(fake.calls.some((c) => c.method === "POST")).toBe(false);
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(select).toHaveFocus();
    fireEvent.click(screen.getByRole("button", { name: "Move “Pilot for Acme”" }));
    await waitFor(() => expect(fake.calls.some((c) => c.method === "POST")).toBe(true));
    expect(fake.calls.find((c) => c.method === "POST")!.body).toEqual({ stage_id: "s-won", lost_reason: null });
    expect(screen.queryByRole("dialog")).toBeNull();
    const won = screen.getByRole("region", { name: "Won" });
    await waitFor(() => expect(within(won).getByLabelText("Move “Pilot for Acme” to")).toHaveFocus());
    expect(within(won).getByLabelText("Move “Pilot for Acme” to")).toHaveValue("s-won");
  });

  test("Enter on the list moves to the chosen stage; Move without a choice does nothing", async () => {
    const fake = api(() => json({ ...DEAL, stage_id: "s-won" }));
    renderScreen(<BoardPage />, { route: "/board", path: "/board", fetch: fake.fetch });
    const select = await screen.findByLabelText("Move “Pilot for Acme” to");
    const button = screen.getByRole("button", { name: "Move “Pilot for Acme”" });
    expect(button).toHaveAttribute("aria-disabled", "true");
    fireEvent.click(button);
    fireEvent.keyDown(select, { key: "Enter" });
    expect(fake.calls.some((c) => c.method === "POST")).toBe(false);
    fireEvent.change(select, { target: { value: "s-won" } });
    expect(button).toHaveAttribute("aria-disabled", "false");
    fireEvent.keyDown(select, { key: "Enter" });
    await waitFor(() => expect(fake.calls.some((c) => c.method === "POST")).toBe(true));
    expect(fake.calls.find((c) => c.method === "POST")!.body).toEqual({ stage_id: "s-won", lost_reason: null });
  });

  test("moving to a lost stage asks why first, and sends the reason", async () => {
    const fake = api();
    renderScreen(<BoardPage />, { route: "/board", path: "/board", fetch: fake.fetch });
    fireEvent.change(await screen.findByLabelText("Move “Pilot for Acme” to"), { target: { value: "s-lost" } });
    fireEvent.click(screen.getByRole("button", { name: "Move “Pilot for Acme”" }));
    const dialog = await screen.findByRole("dialog", { name: "Why was “Pilot for Acme” lost?" });
    expect(fake.calls.some((c) => c.method === "POST")).toBe(false);
    const reason = within(dialog).getByLabelText("Lost reason");
    expect(reason).toHaveFocus();
    fireEvent.change(reason, { target: { value: "Budget frozen" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Move to Lost" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(fake.calls.find((c) => c.method === "POST")!.body).toEqual({ stage_id: "s-lost", lost_reason: "Budget frozen" });
  });

  test("dropping a dragged deal on a column moves it there", async () => {
    const fake = api(() => json({ ...DEAL, stage_id: "s-won" }));
    renderScreen(<BoardPage />, { route: "/board", path: "/board", fetch: fake.fetch });
    const card = (await screen.findByText("Pilot for Acme")).closest("li")!;
    const data = new Map<string, string>();
    const dataTransfer = {
      setData: (k: string, v: string) => data.set(k, v),
      getData: (k: string) => data.get(k) ?? "",
      effectAllowed: "",
      dropEffect: "",
    };
    fireEvent.dragStart(card, { dataTransfer });
    const won = screen.getByRole("region", { name: "Won" });
    fireEvent.dragOver(won, { dataTransfer });
    fireEvent.drop(won, { dataTransfer });
    await waitFor(() => expect(fake.calls.some((c) => c.method === "POST")).toBe(true));
    expect(fake.calls.find((c) => c.method === "POST")!.body).toEqual({ stage_id: "s-won", lost_reason: null });
  });

  test("a new deal is created in the pipeline, its amount in minor units of its currency", async () => {
    const fake = fakeApi({
      "GET /api/v1/pipelines": () => json({ items: [PIPELINE] }),
      "GET /api/v1/pipelines/p-1/board": () => json(board()),
      "POST /api/v1/deals": () => json({ ...DEAL, id: "d-2" }, 201),
    });
    renderScreen(<BoardPage />, { route: "/board", path: "/board", fetch: fake.fetch });
    fireEvent.click(await screen.findByRole("button", { name: "New deal" }));
    const dialog = screen.getByRole("dialog", { name: "New deal" });
    fireEvent.change(within(dialog).getByLabelText("Deal title"), { target: { value: "Kyoto order" } });
    fireEvent.change(within(dialog).getByLabelText("Amount"), { target: { value: "1500" } });
    fireEvent.change(within(dialog).getByLabelText("Currency"), { target: { value: "jpy" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Create the deal" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(fake.calls.find((c) => c.method === "POST")!.body).toEqual({
      title: "Kyoto order", pipeline_id: "p-1", stage_id: "s-new", currency: "JPY", amount: 1500, expected_close: null,
    });
  });

  function newDealApi() {
    return fakeApi({
      "GET /api/v1/pipelines": () => json({ items: [PIPELINE] }),
      "GET /api/v1/pipelines/p-1/board": () => json(board()),
      "POST /api/v1/deals": () => json({ ...DEAL, id: "d-2" }, 201),
    });
  }

  async function typeNewDeal(amount: string, labels = { open: "New deal", title: "Deal title", amount: "Amount", save: "Create the deal" }) {
    fireEvent.click(await screen.findByRole("button", { name: labels.open }));
    const dialog = screen.getByRole("dialog", { name: labels.open });
    fireEvent.change(within(dialog).getByLabelText(labels.title), { target: { value: "Grouped" } });
    fireEvent.change(within(dialog).getByLabelText(labels.amount), { target: { value: amount } });
    fireEvent.click(within(dialog).getByRole("button", { name: labels.save }));
    return dialog;
  }

  test("a grouped English amount is read as typed, not as zero", async () => {
    const fake = newDealApi();
    renderScreen(<BoardPage />, { route: "/board", path: "/board", fetch: fake.fetch });
    await typeNewDeal("12,345.67");
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(fake.calls.find((c) => c.method === "POST")!.body).toMatchObject({ amount: 1_234_567, currency: "EUR" });
  });

  test("in the German interface 1.500 is fifteen hundred, and 12.345,67 reads as such", async () => {
    const labels = { open: "Neue Verkaufschance", title: "Titel der Verkaufschance", amount: "Betrag", save: "Verkaufschance anlegen" };
    const fake = newDealApi();
    const { unmount } = renderScreen(<BoardPage />, { route: "/board", path: "/board", fetch: fake.fetch, lang: "de" });
    await typeNewDeal("1.500", labels);
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(fake.calls.find((c) => c.method === "POST")!.body).toMatchObject({ amount: 150_000 });
    unmount();
    const again = newDealApi();
    renderScreen(<BoardPage />, { route: "/board", path: "/board", fetch: again.fetch, lang: "de" });
    await typeNewDeal("12.345,67", labels);
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(again.calls.find((c) => c.method === "POST")!.body).toMatchObject({ amount: 1_234_567 });
  });

  test("an amount that cannot be read is refused at the field, and nothing is sent", async () => {
    const fake = newDealApi();
    renderScreen(<BoardPage />, { route: "/board", path: "/board", fetch: fake.fetch });
    const dialog = await typeNewDeal("12 euros");
    const amount = within(dialog).getByLabelText("Amount");
    expect(amount).toHaveAttribute("aria-invalid", "true");
    expect(amount).toHaveAccessibleDescription("This is not an amount. Type it like 12,345.67.");
    expect(amount).toHaveFocus();
    fireEvent.change(amount, { target: { value: "1,5" } });
    expect(amount).not.toHaveAttribute("aria-invalid");
    fireEvent.click(within(dialog).getByRole("button", { name: "Create the deal" }));
    expect(amount).toHaveAttribute("aria-invalid", "true");
    fireEvent.change(amount, { target: { value: "-3" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Create the deal" }));
    expect(amount).toHaveAccessibleDescription("The amount cannot be negative.");
    fireEvent.change(amount, { target: { value: "1.555" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Create the deal" }));
    expect(amount).toHaveAccessibleDescription("Too many decimal places for EUR (at most 2).");
    expect(fake.calls.some((c) => c.method === "POST")).toBe(false);
  });

  test("a new deal can be linked to a contact and a company found by typing", async () => {
    const fake = fakeApi({
      "GET /api/v1/pipelines": () => json({ items: [PIPELINE] }),
      "GET /api/v1/pipelines/p-1/board": () => json(board()),
      "GET /api/v1/contacts": (call) =>
        json({ items: call.search.get("q") === "Ann" ? [{ id: "c-1", full_name: "Anna Test", emails: [] }] : [], next_cursor: null }),
      "GET /api/v1/companies": (call) =>
        json({ items: call.search.get("q") === "Acm" ? [{ id: "co-1", name: "Acme GmbH", city: null, country: "DE" }] : [], next_cursor: null }),
      "POST /api/v1/deals": () => json({ ...DEAL, id: "d-2" }, 201),
    });
    renderScreen(<BoardPage />, { route: "/board", path: "/board", fetch: fake.fetch });
    fireEvent.click(await screen.findByRole("button", { name: "New deal" }));
    const dialog = screen.getByRole("dialog", { name: "New deal" });
    fireEvent.change(within(dialog).getByLabelText("Deal title"), { target: { value: "Linked" } });
    const contactBox = within(dialog).getByRole("combobox", { name: "Contact" });
    fireEvent.change(contactBox, { target: { value: "Ann" } });
    await within(dialog).findByRole("option", { name: /Anna Test/ });
    fireEvent.keyDown(contactBox, { key: "Enter" });
    expect(screen.getByRole("dialog", { name: "New deal" })).toBeInTheDocument();
    const companyBox = within(dialog).getByRole("combobox", { name: "Company" });
    fireEvent.change(companyBox, { target: { value: "Acm" } });
    fireEvent.mouseDown(await within(dialog).findByRole("option", { name: /Acme GmbH/ }));
    fireEvent.click(within(dialog).getByRole("button", { name: "Create the deal" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(fake.calls.find((c) => c.method === "POST")!.body).toMatchObject({ title: "Linked", contact_id: "c-1", company_id: "co-1" });
  });

  test("a refused move is explained", async () => {
    const fake = api(() => problem(409, "A won deal cannot move back."));
    renderScreen(<BoardPage />, { route: "/board", path: "/board", fetch: fake.fetch });
    fireEvent.change(await screen.findByLabelText("Move “Pilot for Acme” to"), { target: { value: "s-won" } });
    fireEvent.click(screen.getByRole("button", { name: "Move “Pilot for Acme”" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("A won deal cannot move back.");
  });
});

/** A window whose media queries answer as a phone's (or a desktop's) would. */
function matchMediaAs(matches: (query: string) => boolean) {
  const original = window.matchMedia;
  window.matchMedia = ((query: string) => ({
    matches: matches(query),
    media: query,
    onchange: null,
    addEventListener: () => {},
    removeEventListener: () => {},
    addListener: () => {},
    removeListener: () => {},
    dispatchEvent: () => false,
  })) as unknown as typeof window.matchMedia;
  return () => {
    window.matchMedia = original;
  };
}

describe("board on touch screens and for the reader of a card", () => {
  test("on a touch screen the cards are not draggable and the hint tells the tap way", async () => {
    const restore = matchMediaAs((q) => q.includes("pointer: coarse"));
    try {
      renderScreen(<BoardPage />, { route: "/board", path: "/board", fetch: api().fetch });
      const column = await screen.findByRole("region", { name: "New" });
      const card = within(column).getByText("Pilot for Acme").closest("li")!;
      expect(card).toHaveAttribute("draggable", "false");
      expect(screen.getByText("To move a deal, choose a stage in its “Move to” list and tap Move.")).toBeInTheDocument();
      expect(screen.queryByText(/Drag a deal/)).toBeNull();
      expect(within(card).getByRole("button", { name: "Move “Pilot for Acme”" })).toBeInTheDocument();
    } finally {
      restore();
    }
  });

  test("with a mouse the cards drag and the hint says so", async () => {
    const restore = matchMediaAs(() => false);
    try {
      renderScreen(<BoardPage />, { route: "/board", path: "/board", fetch: api().fetch });
      const column = await screen.findByRole("region", { name: "New" });
      expect(within(column).getByText("Pilot for Acme").closest("li")).toHaveAttribute("draggable", "true");
      expect(screen.getByText(/^Drag a deal to another stage/)).toBeInTheDocument();
    } finally {
      restore();
    }
  });

  test("a card shows its close date, its days in the stage and its owner", async () => {
    const entered = new Date(Date.now() - 3 * 86_400_000 - 60_000).toISOString();
    const fake = fakeApi({
      "GET /api/v1/pipelines": () => json({ items: [PIPELINE] }),
      "GET /api/v1/users": () => json({ items: [{ id: "u-2", full_name: "Dana Seller" }], next_cursor: null }),
      "GET /api/v1/pipelines/p-1/board": () => {
        const b = board();
        b.columns[0]!.deals = [
          { ...DEAL, expected_close: "2026-03-15", stage_entered_at: entered } as typeof DEAL,
          { ...DEAL, id: "d-2", title: "Renewal", owner_id: "u-2", stage_entered_at: entered } as typeof DEAL,
        ];
        return json(b);
      },
    });
    renderScreen(<BoardPage />, { route: "/board", path: "/board", fetch: fake.fetch });
    const column = await screen.findByRole("region", { name: "New" });
    const mine = within(column).getByText("Pilot for Acme").closest("li")!;
    expect(within(mine).getByText("Closes Mar 15, 2026")).toBeInTheDocument();
    expect(within(mine).getByText("3 days in stage")).toBeInTheDocument();
    expect(within(mine).getByText("Owner: Me")).toBeInTheDocument();
    const theirs = within(column).getByText("Renewal").closest("li")!;
    expect(await within(theirs).findByText("Owner: Dana Seller")).toBeInTheDocument();
    expect(within(theirs).queryByText(/^Closes/)).toBeNull();
  });

  test("days since: whole days, never negative, 0 when unknown", () => {
    const now = Date.parse("2026-12-07T12:00:00Z");
    expect(daysSince("2026-12-07T01:00:00Z", now)).toBe(0);
    expect(daysSince("2026-12-05T11:59:00Z", now)).toBe(2);
    expect(daysSince("2026-12-08T00:00:00Z", now)).toBe(0);
    expect(daysSince(null, now)).toBe(0);
    expect(daysSince("garbage", now)).toBe(0);
  });

  test("at own, only one's own deals move: a colleague's card has no Move and does not drag", async () => {
    signedIn(ALL_PERMS, undefined, { acc: acc("aoo"), team: "t-1" });
    const fake = fakeApi({
      "GET /api/v1/pipelines": () => json({ items: [PIPELINE] }),
      "GET /api/v1/pipelines/p-1/board": () => {
        const b = board();
        b.columns[0]!.deals = [DEAL, { ...DEAL, id: "d-2", title: "Renewal", owner_id: "u-2", team_id: "t-1" } as typeof DEAL];
        return json(b);
      },
    });
    renderScreen(<BoardPage />, { route: "/board", path: "/board", fetch: fake.fetch });
    const column = await screen.findByRole("region", { name: "New" });
    const mine = within(column).getByText("Pilot for Acme").closest("li")!;
    expect(within(mine).getByRole("combobox", { name: "Move “Pilot for Acme” to" })).toBeInTheDocument();
    expect(mine).toHaveAttribute("draggable", "true");
    const theirs = within(column).getByText("Renewal").closest("li")!;
    expect(within(theirs).queryByRole("combobox")).toBeNull();
    expect(within(theirs).queryByRole("button", { name: "Move “Renewal”" })).toBeNull();
    expect(theirs).toHaveAttribute("draggable", "false");
    // A new deal is one's own: still offered.
    expect(screen.getByRole("button", { name: "New deal" })).toBeInTheDocument();
  });

  function cardsBoard(deals: object[], count = deals.length) {
    const b = board() as { columns: Array<{ count: number; deals: object[] }> };
    b.columns[0]!.deals = deals;
    b.columns[0]!.count = count;
    return b;
  }

  test("a card names its company (else its contact) and its next activity with its due state", async () => {
    const soon = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const fake = fakeApi({
      "GET /api/v1/pipelines": () => json({ items: [PIPELINE] }),
      "GET /api/v1/pipelines/p-1/board": () =>
        json(
          cardsBoard([
            {
              ...DEAL, company_id: "c-1", company_name: "Acme GmbH", contact_id: "k-1", contact_name: "Ada Byron",
              next_activity: { kind: "task", id: "t-1", title: "Send the offer", due: "2026-01-01T09:00:00Z", overdue: true, channel: null },
            },
            {
              ...DEAL, id: "d-2", title: "Renewal", contact_id: "k-2", contact_name: "Bo Chen",
              next_activity: { kind: "interaction", id: "i-1", title: "", due: soon, overdue: false, channel: "call" },
            },
            { ...DEAL, id: "d-3", title: "Cold lead", next_activity: null },
          ]),
        ),
    });
    renderScreen(<BoardPage />, { route: "/board", path: "/board", fetch: fake.fetch });
    const column = await screen.findByRole("region", { name: "New" });
    const first = within(column).getByText("Pilot for Acme").closest("li")!;
    expect(within(first).getByRole("link", { name: "Acme GmbH" })).toHaveAttribute("href", "/companies/c-1");
    expect(within(first).queryByText("Ada Byron")).toBeNull();
    expect(within(first).getByText("Overdue")).toBeInTheDocument();
    expect(within(first).getByText("Next: Send the offer")).toBeInTheDocument();
    const second = within(column).getByText("Renewal").closest("li")!;
    expect(within(second).getByRole("link", { name: "Bo Chen" })).toHaveAttribute("href", "/contacts/k-2");
    expect(within(second).getByText("Upcoming")).toBeInTheDocument();
    // An interaction without a subject is named by its channel, translated.
    expect(within(second).getByText("Next: Call")).toBeInTheDocument();
    const third = within(column).getByText("Cold lead").closest("li")!;
    expect(within(third).getByText("Nothing planned")).toBeInTheDocument();
  });

  test("due state: overdue as the API says, otherwise today or later by the local day", () => {
    const now = new Date(2026, 11, 7, 10, 0).getTime();
    expect(dueState({ due: new Date(2026, 11, 7, 9, 0).toISOString(), overdue: true }, now)).toBe("overdue");
    expect(dueState({ due: new Date(2026, 11, 7, 23, 30).toISOString(), overdue: false }, now)).toBe("today");
    expect(dueState({ due: new Date(2026, 11, 8, 0, 0).toISOString(), overdue: false }, now)).toBe("later");
  });

  test.each([
    ["en", 1, "1 deal"],
    ["en", 2, "2 deals"],
    ["de", 1, "1 Verkaufschance"],
    ["fr", 2, "2 affaires"],
    ["ru", 1, "1 сделка"],
    ["ru", 3, "3 сделки"],
    ["ru", 5, "5 сделок"],
    ["zh", 2, "2 个商机"],
  ] as const)("the count uses the plural forms of %s: %i", async (lang, count, text) => {
    const fake = fakeApi({
      "GET /api/v1/pipelines": () => json({ items: [PIPELINE] }),
      "GET /api/v1/pipelines/p-1/board": () => json(cardsBoard([DEAL], count)),
    });
    renderScreen(<BoardPage />, { route: "/board", path: "/board", fetch: fake.fetch, lang });
    const column = await screen.findByRole("region", { name: "New" });
    expect(within(column).getByText(new RegExp(`^${text} ·`))).toBeInTheDocument();
  });
});
