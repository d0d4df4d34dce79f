// API tokens and the calendar feed in a real browser: the new token is shown
// once with a working copy button, the page passes axe, and the token alone
// (no cookie) reads the API; the feed URL serves iCalendar.
import { test } from "node:test";
import assert from "node:assert/strict";
import AxeBuilder from "@axe-core/playwright";
import { launch, watchErrors } from "./browser.mjs";
import { startServer } from "./server.mjs";

test("a token is made, copied and used; the calendar address serves a feed", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/auth/register`);
    await page.fill("#email", "tokens@example.com");
    await page.fill("#password", "correct horse battery staple");
    await page.click("button[type=submit]:has-text('Create account')");
    await page.waitForURL(`${server.url}/`);

    await page.goto(`${server.url}/settings/tokens`);
    assert.match(await page.textContent("main"), /Changing your password does not end it/);
    await page.fill("#token_name", "Shortcut");
    await page.selectOption("#token_scope", "read");
    await page.click("button:has-text('Create token')");
    const token = await page.inputValue("#new-token");
    assert.match(token, /^hf_[A-Za-z0-9_-]{43}$/);
    const copy = page.locator("button[data-copy=new-token]");
    await copy.click();
    await page.waitForFunction(() => document.querySelector("button[data-copy=new-token]").textContent === "Copied");
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), token);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    assert.deepEqual(serious.map((v) => v.id), [], "no serious accessibility violations");

    const habits = await fetch(`${server.url}/habits`, { headers: { Authorization: `Bearer ${token}`, Accept: "application/json" } });
    assert.equal(habits.status, 200);
    const refused = await fetch(`${server.url}/themes`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "x" }),
    });
    assert.equal(refused.status, 403, "a read token cannot write");

    await page.click("button:has-text('Make a new calendar address')");
    const feed = await page.inputValue("#feed-url");
    const ics = await fetch(feed);
    assert.equal(ics.status, 200);
    assert.match(await ics.text(), /^BEGIN:VCALENDAR\r\n/);
    assert.deepEqual(errors, [], "no console errors");
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
});
