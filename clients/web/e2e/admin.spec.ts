// Journeys through the administration screens of issue 13 against the live API: board
// cards with who the deal is with and what is next; a second pipeline created, shown on
// the board, renamed and deleted; an automation rule made from the API's vocabulary,
// switched off and deleted; team membership and the workflow settings. Each scanned with axe.
import { OWNER_EMAIL } from "./api";
import { axeViolations, expect, signIn, test } from "./fixtures";

test("board cards name the company or contact and the next activity with its due state", async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "Deals board" }).click();
  const firstColumn = page.getByRole("region").filter({ has: page.locator(".deal-card") }).first();
  await expect(firstColumn.locator(".deal-card").first()).toBeVisible();
  // The demo deals are linked to companies or contacts; the count says "deal"/"deals".
  await expect(page.locator(".deal-party a").first()).toBeVisible();
  await expect(page.locator(".deal-next").first()).toBeVisible();
  await expect(page.locator(".board-column-head .muted").first()).toHaveText(/^\d+ deals? · /);
  await page.waitForLoadState("networkidle");
  expect(await axeViolations(page), "board").toEqual([]);
});

test("a second pipeline is created, switched to on the board, renamed and deleted", async ({ page }) => {
  await signIn(page, OWNER_EMAIL);
  await page.getByRole("link", { name: "Administration" }).click();
  await page.getByRole("button", { name: "Pipelines", exact: true }).click();
  const form = page.getByRole("form", { name: "New pipeline" });
  await form.getByLabel("Pipeline name").fill("E2E Renewals");
  await form.getByLabel("Stage 1: name").fill("Due");
  await form.getByLabel("Stage 2: name").fill("Renewed");
  await form.getByLabel("Stage 3: name").fill("Churned");
  await form.getByRole("button", { name: "Add another stage" }).click();
  await form.getByLabel("Stage 2: name").fill("Offer sent");
  await page.waitForLoadState("networkidle");
  expect(await axeViolations(page), "pipelines admin").toEqual([]);
  await form.getByRole("button", { name: "Create the pipeline" }).click();
  await form.getByRole("link", { name: "Open its board" }).click();
  await expect(page.getByLabel("Pipeline")).toHaveValue(/.+/);
  await expect(page.getByRole("region", { name: "Offer sent" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Churned" })).toBeVisible();
  // The stage order as created: the new open stage before Renewed and Churned.
  await expect(page.locator(".board-column h2")).toHaveText(["Due", "Offer sent", "Renewed", "Churned"]);

  await page.getByRole("link", { name: "Administration" }).click();
  await page.getByRole("button", { name: "Pipelines", exact: true }).click();
  const section = page.getByRole("region", { name: "Pipeline: E2E Renewals" });
  await section.getByRole("button", { name: "Rename: E2E Renewals" }).click();
  await section.getByLabel("Pipeline name").fill("E2E Renewals 2027");
  await section.getByRole("button", { name: "Save" }).click();
  const renamed = page.getByRole("region", { name: "Pipeline: E2E Renewals 2027" });
  await expect(renamed).toBeVisible();
  await renamed.getByRole("button", { name: "Delete: E2E Renewals 2027" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete the pipeline “E2E Renewals 2027”?" });
  expect(await axeViolations(page), "delete pipeline dialog").toEqual([]);
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(renamed).toHaveCount(0);
  // The default one is refused, in words.
  await page.getByRole("button", { name: "Delete: Sales" }).click();
  const refused = page.getByRole("dialog", { name: "Delete the pipeline “Sales”?" });
  await refused.getByRole("button", { name: "Delete" }).click();
  await expect(refused.getByRole("alert")).toContainText("cannot be deleted");
});

test("an automation rule is made from the API's vocabulary, switched off, its runs shown, and deleted", async ({ page, api }) => {
  await signIn(page, OWNER_EMAIL);
  await page.getByRole("link", { name: "Administration" }).click();
  await page.getByRole("button", { name: "Automation rules" }).click();
  await page.getByRole("button", { name: "New rule" }).click();
  const form = page.getByRole("form", { name: "New rule" });
  await form.getByLabel("Rule name").fill("E2E hot callers");
  await form.getByLabel("Trigger").selectOption("interaction_completed");
  await form.getByRole("button", { name: "Add a condition" }).click();
  await form.getByLabel("Condition 1: field").selectOption("outcome");
  await form.getByLabel("Condition 1: test").selectOption("in");
  const values = form.getByRole("group", { name: "Condition 1: value" });
  await values.getByRole("checkbox").first().check();
  await form.getByLabel("Action 1", { exact: true }).selectOption("create_task");
  await form.getByLabel("Action 1: due after (days)").fill("2");
  await page.waitForLoadState("networkidle");
  expect(await axeViolations(page), "rule editor").toEqual([]);
  // No title: the API names the field.
  await form.getByRole("button", { name: "Create the rule" }).click();
  await expect(form.getByLabel("Action 1: task title")).toHaveAttribute("aria-invalid", "true");
  await form.getByLabel("Action 1: task title").fill("Call back");
  await form.getByRole("button", { name: "Create the rule" }).click();
  await expect(form).toHaveCount(0);
  const rules = await api.get<{ items: Array<{ name: string; enabled: boolean; conditions: Array<{ op: string }> }> }>("/automation-rules");
  const made = rules.items.find((r) => r.name === "E2E hot callers")!;
  expect(made.conditions[0]!.op).toBe("in");

  await page.getByRole("button", { name: "Disable: E2E hot callers" }).click();
  await expect(page.getByRole("button", { name: "Enable: E2E hot callers" })).toBeVisible();
  await page.getByRole("button", { name: "Recent runs: E2E hot callers" }).click();
  await expect(page.getByText("This rule has not run yet.")).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(await axeViolations(page), "automation rules").toEqual([]);
  await page.getByRole("button", { name: "Delete: E2E hot callers" }).click();
  await page.getByRole("dialog", { name: "Delete the rule “E2E hot callers”?" }).getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("rowheader", { name: "E2E hot callers" })).toHaveCount(0);
});

test("teams with their members, and the workflow settings, pass axe", async ({ page }) => {
  await signIn(page, OWNER_EMAIL);
  await page.getByRole("link", { name: "Administration" }).click();
  await page.getByRole("button", { name: "Teams" }).click();
  await expect(page.getByRole("region", { name: /^Members of / }).first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(await axeViolations(page), "teams").toEqual([]);
  await page.getByRole("button", { name: "Workflow settings" }).click();
  await expect(page.getByRole("form", { name: "Interaction outcomes" }).getByLabel("Outcome 1: name")).not.toHaveValue("");
  await expect(page.getByRole("form", { name: "Request response times" }).getByLabel("Urgent: minutes")).not.toHaveValue("");
  await page.waitForLoadState("networkidle");
  expect(await axeViolations(page), "workflow settings").toEqual([]);
});
