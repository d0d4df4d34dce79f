// The richer habits in a browser (issue #13): create each new kind through
// the form while its preview follows the fields, log values on the home page,
// see a period's progress, pause a week on the habit page and see the streak
// survive it; and the form's Preview button without JavaScript.
import { test } from "node:test";
import assert from "node:assert/strict";
import { launch, watchErrors } from "./browser.mjs";
import { startServer } from "./server.mjs";

// The browser and so the account live in UTC: "today" is the UTC date.
const ZONE = "UTC";

function day(offset) {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
}

async function register(page, url, email) {
  await page.goto(`${url}/auth/register`);
  await page.fill("#email", email);
  await page.fill("#password", "correct horse battery staple");
  await page.click("button[type=submit]:has-text('Create account')");
  await page.waitForURL(`${url}/`);
}

/// A JSON call from the signed-in page, with its CSRF token.
function api(page, method, path, body) {
  return page.evaluate(async ({ method, path, body }) => {
    const token = document.querySelector('meta[name="csrf-token"]').content;
    const response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": token },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }, { method, path, body });
}

async function newHabit(page, url, name, fill) {
  await page.goto(`${url}/habits/new`);
  await page.fill("#name", name);
  await fill();
  await page.click("button:has-text('Save')");
  await page.waitForURL(/\/habits\/[0-9a-f-]{36}$/);
  assert.ok(await page.isVisible(`h1:has-text("${name}")`), name);
}

test("each new kind from the form, values on the home page, a paused week keeps the streak", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const page = await browser.newPage({ timezoneId: ZONE, viewport: { width: 1200, height: 900 } });
    const errors = watchErrors(page);
    await register(page, server.url, "richer@example.com");

    // The form shows only the chosen type's fields, and its preview follows them.
    await page.goto(`${server.url}/habits/new`);
    assert.equal(await page.isVisible("#monthly_week"), false, "another type's fields are hidden");
    await page.waitForSelector("[data-schedule-preview] >> text=Every day");
    await page.check("input[name=schedule_type][value=monthly_weekday]");
    assert.ok(await page.isVisible("#monthly_week"));
    assert.ok(await page.isVisible("#monthly_every_months"), "every_months is editable");
    await page.selectOption("#monthly_week", "-1");
    await page.selectOption("#monthly_weekday", "fri");
    await page.fill("#monthly_every_months", "2");
    await page.waitForSelector("[data-schedule-preview] >> text=The last Friday of every 2nd month");
    assert.equal(await page.locator("[data-schedule-preview] li").count(), 5, "the next five dates");
    const first = await page.textContent("[data-schedule-preview] li");
    assert.match(first, /^Friday, /);
    await page.fill("#name", "Review the month");
    await page.click("button:has-text('Save')");
    await page.waitForURL(/\/habits\/[0-9a-f-]{36}$/);
    assert.ok(await page.isVisible("text=The last Friday of every 2nd month"));

    await newHabit(page, server.url, "Water", async () => {
      await page.check("input[name=kind][value=measurable]");
      await page.fill("#unit", "glasses");
      await page.fill("#target", "8");
      await page.selectOption("#target_type", "at_least");
    });
    await newHabit(page, server.url, "Coffee", async () => {
      await page.check("input[name=kind][value=measurable]");
      await page.fill("#unit", "cups");
      await page.fill("#target", "2");
      await page.selectOption("#target_type", "at_most");
    });
    await newHabit(page, server.url, "Swim", async () => {
      await page.check("input[name=schedule_type][value=times_per_period]");
      await page.fill("#times", "3");
      await page.selectOption("#period", "week");
      assert.equal(await page.isVisible("#period_days"), false, "days per period only for 'a number of days'");
      await page.waitForSelector("[data-schedule-preview] >> text=3 times a week");
    });

    // Values and a period's progress on the home page, in place.
    await page.goto(`${server.url}/`);
    // An in-place action: the post, then the page's content fetched again.
    const inPlace = (locator) => Promise.all([
      page.waitForResponse((r) => r.url() === `${server.url}/` && r.request().method() === "GET"),
      locator.click(),
    ]);
    const row = (name) => page.locator("main li", { hasText: name });
    await row("Water").locator("input[name=value]").fill("5");
    await inPlace(row("Water").locator("button.check"));
    assert.equal(await row("Water").locator("input[name=value]").inputValue(), "5", "5 of 8 glasses: still due");
    await row("Water").locator("input[name=value]").fill("8");
    await inPlace(row("Water").locator("button.check"));
    await page.waitForSelector("li.is-done:has-text('Water')");
    await row("Coffee").locator("input[name=value]").fill("1");
    await inPlace(row("Coffee").locator("button.check"));
    await page.waitForSelector("li.is-done:has-text('Coffee')");
    await page.click("button[aria-label='Done today: Swim']");
    await page.waitForSelector("li:has-text('Swim') >> text=1 of 3 this week");
    await page.goto(`${server.url}/habits?status=all`);
    assert.ok(await page.isVisible("li:has-text('Swim') >> text=1 of 3 this week"));

    // A streak from the history, a week without check-ins, then a pause.
    const created = await api(page, "POST", "/habits", { name: "Read", starts_on: day(-20) });
    assert.equal(created.status, 201);
    const read = created.body.id;
    for (let offset = -20; offset <= -8; offset++) {
      const answer = await api(page, "POST", `/habits/${read}/checkins`, { kind: "done", date: day(offset) });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
    }
    await page.goto(`${server.url}/habits/${read}`);
    assert.equal((await page.textContent("[data-current-streak]")).trim(), "0", "a week without check-ins broke it");
    await page.fill("#pause_from", day(-7));
    await page.fill("#pause_to", day(-1));
    await page.click("button:has-text('Pause')");
    await page.waitForURL(`${server.url}/habits/${read}`);
    assert.equal((await page.textContent("[data-current-streak]")).trim(), "13", "the paused week is neutral");
    assert.ok(await page.isVisible(".stat-unit:has-text('days')"));
    await page.goto(`${server.url}/habits?status=all`);
    assert.ok(await page.isVisible("li:has-text('Read') >> text=streak 13 days"));

    assert.deepEqual(errors, []);

    // A pause that ends before it starts: the page again (422), the dates kept.
    await page.goto(`${server.url}/habits/${read}`);
    await page.fill("#pause_from", day(5));
    await page.fill("#pause_to", day(2));
    await page.click("button:has-text('Pause')");
    await page.waitForSelector(".pauses-card .field-error");
    assert.equal(await page.inputValue("#pause_from"), day(5));
  } finally {
    await browser.close();
    await server.stop();
  }
});

test("without JavaScript the Preview button shows the rule and keeps the fields", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, timezoneId: ZONE });
    const page = await context.newPage();
    await register(page, server.url, "nojs-preview@example.com");
    await page.goto(`${server.url}/habits/new`);
    await page.fill("#name", "Pay the rent");
    await page.check("input[name=schedule_type][value=monthly_day]");
    await page.fill("#monthly_day", "31");
    await page.fill("#monthly_every_months", "3");
    await page.fill("#starts_on", "2026-11-01");
    await page.click("button:has-text('Preview')");
    await page.waitForSelector("text=Day 31 of every 3rd month");
    assert.ok(await page.isVisible("text=Sunday, 28 February 2027"), "February's last day");
    assert.equal(await page.inputValue("#name"), "Pay the rent");
    assert.equal(await page.inputValue("#monthly_every_months"), "3");
    await page.goto(`${server.url}/habits?status=all`);
    assert.equal(await page.locator("text=Pay the rent").count(), 0, "nothing was saved");
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
});
