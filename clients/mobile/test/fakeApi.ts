// A small stand-in for the CRM API, as a fetch function: contacts and companies with
// versions, the change feed (with tombstones and a retention horizon that answers 410),
// interactions created with Idempotency-Key replay, PATCH with If-Match, and sign-in.
type Json = Record<string, unknown>;

interface FeedEvent {
  seq: number;
  entity_type: string;
  entity_id: string;
  type: string;
  version: number;
  tombstone: boolean;
  data: Json | null;
}

export class FakeApi {
  /** The signed-in user's id. */
  static readonly ME = "00000000-0000-4000-8000-0000000000ee";
  contacts = new Map<string, Json>();
  companies = new Map<string, Json>();
  tasks = new Map<string, Json>();
  deals = new Map<string, Json>();
  interactions: Json[] = [];
  requestsById = new Map<string, Json>();
  static readonly PIPELINE = "00000000-0000-4000-8000-00000000p001";
  static readonly STAGES = { lead: "00000000-0000-4000-8000-00000000s001", won: "00000000-0000-4000-8000-00000000s002", lost: "00000000-0000-4000-8000-00000000s003" };
  pipelines = [
    {
      id: FakeApi.PIPELINE,
      name: "Sales",
      is_default: true,
      version: 1,
      stages: [
        { id: FakeApi.STAGES.lead, name: "Lead", position: 1, probability: 10, kind: "open", rotting_days: null },
        { id: FakeApi.STAGES.won, name: "Won", position: 2, probability: 100, kind: "won", rotting_days: null },
        { id: FakeApi.STAGES.lost, name: "Lost", position: 3, probability: 0, kind: "lost", rotting_days: null },
      ],
    },
  ];
  events: FeedEvent[] = [];
  seq = 0;
  /** Cursors at or before this sequence number answer 410 (events no longer kept). */
  horizon = 0;
  online = true;
  /** The next N writes reach the server, but their answers are lost (the network drops). */
  loseAnswers = 0;
  requests: Array<{ method: string; path: string; headers: Headers; body: unknown }> = [];
  idempotency = new Map<string, { status: number; body: Json }>();
  accessToken = "access-1";
  refreshToken = "refresh-1";
  /** Access tokens the server refuses (expired). */
  expired = new Set<string>();
  private counter = 0;

  id(prefix: string): string {
    this.counter += 1;
    return `00000000-0000-4000-8000-${prefix}${String(this.counter).padStart(12 - prefix.length, "0")}`;
  }

  private emit(entity: string, type: string, record: Json, tombstone = false, data: Json | null = record): void {
    this.seq += 1;
    this.events.push({
      seq: this.seq,
      entity_type: entity,
      entity_id: String(record.id),
      type: `${entity}.${type}`,
      version: Number(record.version),
      tombstone,
      data: data ? { ...data } : null,
    });
  }

  addContact(fields: { first_name: string; last_name: string } & Json): Json {
    const id = this.id("c");
    const contact: Json = {
      id,
      version: 1,
      emails: [],
      phones: [],
      title: null,
      city: null,
      country: null,
      company_id: null,
      ...fields,
      full_name: `${fields.first_name} ${fields.last_name}`,
    };
    this.contacts.set(id, contact);
    this.emit("contact", "created", contact);
    return contact;
  }

  updateContact(id: string, fields: Json): Json {
    const contact = this.contacts.get(id)!;
    Object.assign(contact, fields, { version: Number(contact.version) + 1 });
    contact.full_name = `${contact.first_name} ${contact.last_name}`;
    this.emit("contact", "updated", contact);
    return contact;
  }

  archiveContact(id: string): void {
    const contact = this.contacts.get(id)!;
    contact.version = Number(contact.version) + 1;
    this.contacts.delete(id);
    this.emit("contact", "archived", contact, true);
  }

  /** Reassigned to someone whose records the user does not read. */
  reassignAway(id: string): void {
    const contact = this.contacts.get(id)!;
    contact.version = Number(contact.version) + 1;
    this.contacts.delete(id);
    this.emit("contact", "out_of_scope", contact, true, null);
  }

  addCompany(name: string): Json {
    const id = this.id("b");
    const company: Json = { id, version: 1, name, domain: null, city: null, country: null, address: null };
    this.companies.set(id, company);
    this.emit("company", "created", company);
    return company;
  }

  addTask(fields: { title: string; contact_id?: string | null } & Json): Json {
    const id = this.id("t");
    const task: Json = { id, version: 1, status: "open", due_at: null, labels: [], contact_id: null, ...fields };
    this.tasks.set(id, task);
    this.emit("task", "created", task);
    return task;
  }

  updateTask(id: string, fields: Json): Json {
    const task = this.tasks.get(id)!;
    Object.assign(task, fields, { version: Number(task.version) + 1 });
    this.emit("task", fields.status === "done" ? "completed" : "updated", task);
    return task;
  }

  addDeal(fields: { title: string; contact_id?: string | null } & Json): Json {
    const id = this.id("d");
    const deal: Json = {
      id,
      version: 1,
      status: "open",
      amount: 0,
      currency: "EUR",
      tags: [],
      contact_id: null,
      pipeline_id: FakeApi.PIPELINE,
      stage_id: FakeApi.STAGES.lead,
      owner_id: FakeApi.ME,
      lost_reason: null,
      ...fields,
    };
    this.deals.set(id, deal);
    this.emit("deal", "created", deal);
    return deal;
  }

  /** A deal put in a stage, as the API does it (a lost stage needs a reason: a 422 naming the field). */
  moveDeal(id: string, stageId: string, lostReason: string | null): Response {
    const deal = this.deals.get(id)!;
    const stage = this.pipelines[0].stages.find((candidate) => candidate.id === stageId);
    if (!stage) return this.problem(422, "Validation failed", "Invalid input: stage_id.");
    if (stage.kind === "lost" && !lostReason?.trim()) {
      return this.json(
        422,
        {
          type: "about:blank",
          title: "Validation failed",
          status: 422,
          detail: "Invalid input: lost_reason.",
          errors: [{ field: "lost_reason", message: "say why the deal was lost", code: "required" }],
        },
        "application/problem+json",
      );
    }
    Object.assign(deal, {
      stage_id: stageId,
      status: stage.kind,
      lost_reason: stage.kind === "lost" ? lostReason : null,
      version: Number(deal.version) + 1,
    });
    this.emit("deal", "stage_changed", deal);
    return this.json(200, deal);
  }

  addRequest(fields: { subject: string; contact_id: string } & Json): Json {
    const id = this.id("r");
    const request: Json = {
      id,
      version: 1,
      status: "new",
      allowed_statuses: ["open", "pending", "resolved", "closed"],
      priority: "normal",
      channel: "email",
      description: "",
      assignee_id: FakeApi.ME,
      due_by: null,
      overdue: false,
      ...fields,
    };
    this.requestsById.set(id, request);
    this.emit("request", "created", request);
    return request;
  }

  updateRequest(id: string, fields: Json): Json {
    const request = this.requestsById.get(id)!;
    Object.assign(request, fields, { version: Number(request.version) + 1 });
    this.emit("request", "updated", request);
    return request;
  }

  addInteraction(fields: { contact_id: string } & Json): Json {
    const interaction: Json = {
      id: this.id("i"),
      version: 1,
      channel: "call",
      status: "done",
      subject: "",
      body: "",
      outcome: null,
      scheduled_at: null,
      occurred_at: null,
      owner_id: FakeApi.ME,
      user_ids: [],
      ...fields,
    };
    interaction.at = interaction.occurred_at ?? interaction.scheduled_at ?? "2026-12-08T00:00:00Z";
    this.interactions.push(interaction);
    this.emit("interaction", "created", interaction);
    return interaction;
  }

  updateInteraction(id: string, fields: Json): Json {
    const interaction = this.interactions.find((candidate) => candidate.id === id)!;
    Object.assign(interaction, fields, { version: Number(interaction.version) + 1 });
    this.emit("interaction", "updated", interaction);
    return interaction;
  }

  private byId(records: Json[]): Map<string, Json> {
    return new Map(records.map((record) => [String(record.id), record]));
  }

  fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const text = request.method === "GET" ? "" : await request.text();
    const form = !(request.headers.get("Content-Type") ?? "").includes("json");
    const body = !text ? null : form ? Object.fromEntries(new URLSearchParams(text)) : (JSON.parse(text) as Json);
    this.requests.push({ method: request.method, path: url.pathname + url.search, headers: request.headers, body });
    if (!this.online) throw new TypeError("Network request failed");
    const response = this.route(request, url, body);
    if (request.method !== "GET" && this.loseAnswers > 0) {
      this.loseAnswers -= 1;
      throw new TypeError("Network request failed");
    }
    return response;
  };

  private json(status: number, body: unknown, type = "application/json"): Response {
    return new Response(JSON.stringify(body), { status, headers: { "Content-Type": type } });
  }

  private problem(status: number, title: string, detail: string): Response {
    return this.json(status, { type: "about:blank", title, status, detail }, "application/problem+json");
  }

  private page(records: Map<string, Json>, url: URL): Response {
    const all = [...records.values()].sort((a, b) => String(a.id).localeCompare(String(b.id)));
    const limit = Number(url.searchParams.get("limit") ?? 50);
    const start = Number(url.searchParams.get("cursor") ?? 0);
    const items = all.slice(start, start + limit);
    const next = start + limit < all.length ? String(start + limit) : null;
    return this.json(200, { items, next_cursor: next });
  }

  private route(request: Request, url: URL, body: Json | null): Response {
    const path = url.pathname;
    if (path === "/api/v1/auth/token") {
      return this.json(200, { access_token: this.accessToken, refresh_token: this.refreshToken, expires_in: 900, token_type: "bearer" });
    }
    if (path === "/api/v1/auth/refresh") {
      if (body?.refresh_token !== this.refreshToken) return this.problem(401, "Unauthorized", "Refresh token refused");
      this.accessToken = `${this.accessToken}+`;
      this.refreshToken = `${this.refreshToken}+`;
      return this.json(200, { access_token: this.accessToken, refresh_token: this.refreshToken, expires_in: 900, token_type: "bearer" });
    }
    if (path === "/api/v1/auth/logout") return new Response(null, { status: 204 });
    const bearer = request.headers.get("Authorization")?.replace(/^Bearer /, "");
    if (!bearer || bearer !== this.accessToken || this.expired.has(bearer)) {
      return this.problem(401, "Unauthorized", "Not authenticated");
    }
    if (path === "/api/v1/events") {
      const after = url.searchParams.get("after");
      if (after === "now") return this.json(200, { items: [], next_cursor: `c${this.seq}`, has_more: false });
      const from = after ? Number(after.slice(1)) : 0;
      if (from < this.horizon) return this.problem(410, "Gone", "The cursor is older than the events kept");
      const limit = Number(url.searchParams.get("limit") ?? 100);
      const items = this.events.filter((event) => event.seq > from).slice(0, limit);
      const last = items.length ? items[items.length - 1].seq : from;
      return this.json(200, {
        items: items.map((event) => ({
          cursor: `c${event.seq}`,
          type: event.type,
          entity_type: event.entity_type,
          entity_id: event.entity_id,
          version: event.version,
          occurred_at: "2026-12-08T00:00:00Z",
          actor_id: null,
          rule_id: null,
          tombstone: event.tombstone,
          data: event.data,
        })),
        next_cursor: `c${last}`,
        has_more: this.events.some((event) => event.seq > last),
      });
    }
    if (path === "/api/v1/contacts" && request.method === "GET") return this.page(this.contacts, url);
    if (path === "/api/v1/contacts" && request.method === "POST") {
      const key = request.headers.get("Idempotency-Key");
      const first = key ? this.idempotency.get(key) : undefined;
      if (first) return this.json(first.status, first.body);
      const contact = this.addContact(body as { first_name: string; last_name: string });
      if (key) this.idempotency.set(key, { status: 201, body: contact });
      return this.json(201, contact);
    }
    if (path === "/api/v1/companies" && request.method === "GET") return this.page(this.companies, url);
    if (path === "/api/v1/tasks" && request.method === "GET") return this.page(this.tasks, url);
    if (path === "/api/v1/deals" && request.method === "GET") return this.page(this.deals, url);
    if (path === "/api/v1/requests" && request.method === "GET") return this.page(this.requestsById, url);
    if (path === "/api/v1/interactions" && request.method === "GET") {
      const status = url.searchParams.get("status");
      return this.page(this.byId(this.interactions.filter((i) => !status || i.status === status)), url);
    }
    if (path === "/api/v1/pipelines") return this.json(200, { items: this.pipelines });
    if (path === "/api/v1/tasks" && request.method === "POST") {
      const key = request.headers.get("Idempotency-Key");
      const first = key ? this.idempotency.get(key) : undefined;
      if (first) return this.json(first.status, first.body);
      if (!String(body?.title ?? "").trim()) return this.problem(422, "Validation failed", "Invalid input: title.");
      if (body?.contact_id && !this.contacts.has(String(body.contact_id))) {
        return this.problem(422, "Validation failed", "Invalid input: contact_id.");
      }
      const task = this.addTask({ assignee_id: FakeApi.ME, ...(body as { title: string }) });
      if (key) this.idempotency.set(key, { status: 201, body: task });
      return this.json(201, task);
    }
    const timelinePath = /^\/api\/v1\/contacts\/([^/]+)\/timeline$/.exec(path);
    if (timelinePath) {
      const id = timelinePath[1];
      if (!this.contacts.has(id)) return this.problem(404, "Not found", "No such contact");
      const items = [
        ...this.interactions
          .filter((i) => i.contact_id === id)
          .map((i) => ({ id: i.id, type: "interaction", at: i.at ?? i.occurred_at, interaction: i, task: null, deal: null, request: null })),
        ...[...this.tasks.values()]
          .filter((task) => task.contact_id === id)
          .map((task) => ({ id: task.id, type: "task", at: task.due_at ?? "2026-12-01T00:00:00Z", task, interaction: null, deal: null, request: null })),
      ].sort((a, b) => String(b.at).localeCompare(String(a.at)));
      return this.json(200, { items, next_cursor: null });
    }
    const movePath = /^\/api\/v1\/deals\/([^/]+)\/move$/.exec(path);
    if (movePath && request.method === "POST") {
      const deal = this.deals.get(movePath[1]);
      if (!deal) return this.problem(404, "Not found", "No such deal");
      const ifMatch = request.headers.get("if-match");
      if (ifMatch && Number(ifMatch.replace(/"/g, "")) !== deal.version) {
        return this.problem(412, "Precondition failed", "The deal was changed meanwhile");
      }
      return this.moveDeal(String(deal.id), String(body?.stage_id), (body?.lost_reason as string | null) ?? null);
    }
    const dealPath = /^\/api\/v1\/deals\/([^/]+)$/.exec(path);
    if (dealPath && request.method === "GET") {
      const deal = this.deals.get(dealPath[1]);
      return deal ? this.json(200, deal) : this.problem(404, "Not found", "No such deal");
    }
    const requestPath = /^\/api\/v1\/requests\/([^/]+)$/.exec(path);
    if (requestPath) {
      const found = this.requestsById.get(requestPath[1]);
      if (!found) return this.problem(404, "Not found", "No such request");
      if (request.method === "GET") return this.json(200, found);
      if (request.method === "PATCH") {
        const ifMatch = request.headers.get("if-match");
        if (ifMatch && Number(ifMatch.replace(/"/g, "")) !== found.version) {
          return this.problem(412, "Precondition failed", "The request was changed meanwhile");
        }
        if (body?.status && !(found.allowed_statuses as string[]).includes(String(body.status))) {
          return this.problem(409, "Conflict", `A ${String(found.status)} request cannot become ${String(body.status)}.`);
        }
        return this.json(200, this.updateRequest(String(found.id), body ?? {}));
      }
    }
    if (path === "/api/v1/auth/me") return this.json(200, { id: FakeApi.ME, email: "sales@demo.example", full_name: "Sales Person" });
    if (path === "/api/v1/interaction-outcomes") {
      return this.json(200, { items: [{ key: "interested", label: "Interested", active: true, position: 1 }] });
    }
    const contactPath = /^\/api\/v1\/contacts\/([^/]+)$/.exec(path);
    if (contactPath) {
      const contact = this.contacts.get(contactPath[1]);
      if (!contact) return this.problem(404, "Not found", "No such contact");
      if (request.method === "GET") return this.json(200, contact);
      if (request.method === "PATCH") {
        const ifMatch = request.headers.get("if-match");
        if (ifMatch && Number(ifMatch.replace(/"/g, "")) !== contact.version) {
          return this.problem(412, "Precondition failed", "The contact was changed meanwhile");
        }
        return this.json(200, this.updateContact(contact.id as string, body ?? {}));
      }
    }
    const taskPath = /^\/api\/v1\/tasks\/([^/]+)$/.exec(path);
    if (taskPath) {
      const task = this.tasks.get(taskPath[1]);
      if (!task) return this.problem(404, "Not found", "No such task");
      if (request.method === "GET") return this.json(200, task);
      if (request.method === "PATCH") {
        const ifMatch = request.headers.get("if-match");
        if (ifMatch && Number(ifMatch.replace(/"/g, "")) !== task.version) {
          return this.problem(412, "Precondition failed", "The task was changed meanwhile");
        }
        return this.json(200, this.updateTask(String(task.id), body ?? {}));
      }
    }
    if (path === "/api/v1/interactions" && request.method === "POST") {
      const key = request.headers.get("Idempotency-Key");
      if (key && this.idempotency.has(key)) {
        const first = this.idempotency.get(key)!;
        return this.json(first.status, first.body);
      }
      if (!body?.contact_id || !this.contacts.has(String(body.contact_id))) {
        return this.problem(422, "Validation failed", "Invalid input: contact_id.");
      }
      const interaction = this.addInteraction(body as { contact_id: string });
      if (key) this.idempotency.set(key, { status: 201, body: interaction });
      return this.json(201, interaction);
    }
    return this.problem(404, "Not found", `No route ${request.method} ${path}`);
  }
}
