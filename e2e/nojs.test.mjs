// The core journey with JavaScript disabled (plain forms), and every main
// page at 360 px wide without horizontal scrolling, in English and in Russian.
import { test } from "node:test";
import assert from "node:assert/strict";
import { launch } from "./browser.mjs";
import { startServer } from "./server.mjs";

test("the core journey works with JavaScript disabled", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/auth/register`);
    await page.fill("#email", "nojs@example.com");
    await page.fill("#password", "correct horse battery staple");
    await page.click("button[type=submit]:has-text('Create account')");
    await page.waitForURL(`${server.url}/`);
    await page.goto(`${server.url}/habits/new`);
    await page.fill("#name", "Stretch");
    assert.equal(await page.isVisible("#monthly_day"), false, "only the chosen schedule's settings show, without JS");
    await page.check("input[name=schedule_type][value=monthly_day]");
    assert.equal(await page.isVisible("#monthly_day"), true);
    await page.check("input[name=schedule_type][value=daily]");
    await page.click("button:has-text('Save')");
    await page.waitForURL(/\/habits\/[0-9a-f-]{36}$/);
    await page.goto(`${server.url}/`);
    await page.click("button[aria-label='Done today: Stretch']");
    await page.waitForURL(`${server.url}/`);
    assert.equal((await page.textContent("[data-done-today]")).trim(), "1");
    await page.click("button[aria-label='Undo today: Stretch']");
    await page.waitForURL(`${server.url}/`);
    assert.equal((await page.textContent("[data-done-today]")).trim(), "0");
    await page.goto(`${server.url}/tasks/new`);
    await page.fill("#name", "Water the plants");
    await page.click("button:has-text('Save')");
    await page.waitForURL(`${server.url}/tasks`);
    await page.click("button[aria-label='Complete Water the plants']");
    await page.waitForURL(/\/tasks/);
    assert.equal(await page.locator("text=Water the plants").count(), 0, "the done task left the active list");
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
});

test("pages fit a 360 px wide screen", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${server.url}/auth/register`);
    await page.fill("#email", "narrow@example.com");
    await page.fill("#password", "correct horse battery staple");
    await page.click("button[type=submit]:has-text('Create account')");
    await page.waitForURL(`${server.url}/`);
    await page.goto(`${server.url}/habits/new`);
    await page.fill("#name", "Read");
    await page.click("button:has-text('Save')");
    await page.waitForURL(/\/habits\/[0-9a-f-]{36}$/);
    const habit = new URL(page.url()).pathname;
    const overflowing = [];
    // Russian words run longer; both languages must fit.
    for (const language of ["en", "ru"]) {
      if (language === "ru") {
        await page.click("summary");
        await page.click("button[name=language][value=ru]");
        await page.waitForSelector("html[lang=ru]");
      }
      for (const path of ["/", "/tasks", "/habits?status=all", "/habits/new", habit, "/themes", "/stats", "/settings", "/settings/sessions", "/settings/tokens"]) {
        await page.goto(`${server.url}${path}`);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 360) overflowing.push(`${language} ${path}: ${width}px`);
      }
    }
    assert.deepEqual(overflowing, [], "no horizontal scrolling at 360 px");
  } finally {
    await browser.close();
    await server.stop();
  }
});
