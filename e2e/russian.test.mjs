// Russian in the browser: the switch in the user menu turns the interface
// Russian on the page the user is on, dates follow, and the choice is kept
// across sign-out and sign-in.
import { test } from "node:test";
import assert from "node:assert/strict";
import { launch, watchErrors } from "./browser.mjs";
import { startServer } from "./server.mjs";

test("the language switch turns the interface Russian and it stays so", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const context = await browser.newContext({ locale: "en-GB" });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/auth/register`);
    await page.fill("#email", "olga@example.com");
    await page.fill("#password", "correct horse battery staple");
    await page.click("button[type=submit]:has-text('Create account')");
    await page.waitForURL(`${server.url}/`);
    assert.equal(await page.getAttribute("html", "lang"), "en");

    await page.goto(`${server.url}/habits/new`);
    await page.fill("#name", "Зарядка");
    await page.click("button:has-text('Save')");
    await page.waitForURL(/\/habits\/[0-9a-f-]{36}$/);
    const habit = new URL(page.url()).pathname;
    await page.click("summary");
    await page.click("button[name=language][value=ru]");
    await page.waitForURL(`${server.url}${habit}`);
    assert.equal(await page.getAttribute("html", "lang"), "ru");
    assert.ok(await page.isVisible("th:has-text('Пн')"), "the calendar's weekdays are Russian");
    assert.ok(await page.isVisible("text=текущая серия"));
    await page.click("td.today button[value=done]");
    await page.waitForFunction(() => document.querySelector("[data-current-streak]").textContent.trim() === "1");

    await page.goto(`${server.url}/`);
    assert.ok(await page.isVisible("text=Привычки на сегодня"));
    await page.click("summary");
    await page.click("button:has-text('Выйти')");
    await page.waitForURL(`${server.url}/`);
    assert.equal(await page.getAttribute("html", "lang"), "ru", "the choice outlives the session on this browser");
    await page.goto(`${server.url}/auth/login?next=%2Fstats`);
    await page.fill("#email", "olga@example.com");
    await page.fill("#password", "correct horse battery staple");
    await page.click("main button[type=submit]");
    await page.waitForURL(`${server.url}/stats`);
    assert.ok(await page.isVisible("h1:has-text('Статистика')"));
    assert.deepEqual(errors, [], "no console errors");
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
});
