// The main flow with the keyboard only: Tab to reach things, Enter or Space to use them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { launch } from "./browser.mjs";
import { startServer } from "./server.mjs";

/// Presses Tab until the focused element matches `selector`.
async function tabTo(page, selector) {
  for (let presses = 0; presses < 60; presses++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement && document.activeElement.matches(s), selector)) return;
  }
  throw new Error(`could not reach ${selector} with Tab`);
}

test("register, create a habit and complete it with the keyboard only", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await tabTo(page, "main a[href='/auth/register']");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${server.url}/auth/register`);
    await tabTo(page, "#email");
    await page.keyboard.type("keys@example.com");
    await tabTo(page, "#password");
    await page.keyboard.type("correct horse battery staple");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${server.url}/`);
    await tabTo(page, "nav a[href='/habits']");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/habits$/);
    await tabTo(page, "a[href='/habits/new']");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/habits\/new$/);
    await tabTo(page, "#name");
    await page.keyboard.type("Floss");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/habits\/[0-9a-f-]{36}$/);
    await page.goto(`${server.url}/`);
    await tabTo(page, "button[aria-label='Done today: Floss']");
    await page.keyboard.press("Space");
    await page.waitForFunction(() => document.querySelector("[data-done-today]").textContent.trim() === "1");
    const focusRing = await page.evaluate(() => {
      document.querySelector("nav a").focus();
      return getComputedStyle(document.activeElement).outlineStyle;
    });
    assert.notEqual(focusRing, "none", "focused links show an outline");
  } finally {
    await browser.close();
    await server.stop();
  }
});
