// Accessibility: axe finds no serious or critical violation on any page,
// signed out and signed in, in the light and the dark theme, in English and
// in Russian.
import { test } from "node:test";
import assert from "node:assert/strict";
import AxeBuilder from "@axe-core/playwright";
import { launch, watchErrors } from "./browser.mjs";
import { startServer } from "./server.mjs";

async function violations(page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${page.url()}: ${v.id} (${v.impact}) — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

test("every page passes axe in light and dark", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const found = [];
    for (const scheme of ["light", "dark"]) {
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1200, height: 900 } });
      const page = await context.newPage();
      const errors = watchErrors(page);
      for (const path of ["/", "/auth/login", "/auth/register"]) {
        await page.goto(`${server.url}${path}`);
        found.push(...(await violations(page)));
      }
      await page.goto(`${server.url}/auth/register`);
      await page.fill("#email", `axe-${scheme}@example.com`);
      await page.fill("#password", "correct horse battery staple");
      await page.click("button[type=submit]:has-text('Create account')");
      await page.waitForURL(`${server.url}/`);
      await page.goto(`${server.url}/themes/new`);
      await page.fill("#name", "Health");
      await page.click("button:has-text('Save')");
      await page.goto(`${server.url}/tasks/new`);
      await page.fill("#name", "Book a check-up");
      await page.click("button:has-text('Save')");
      await page.goto(`${server.url}/habits/new`);
      await page.fill("#name", "Drink water");
      await page.click("button:has-text('Save')");
      await page.waitForURL(/\/habits\/[0-9a-f-]{36}$/);
      const habitPage = new URL(page.url()).pathname;
      const paths = [
        "/", "/tasks", "/tasks/new", "/habits?status=all", "/habits/new", habitPage, `${habitPage}/edit`,
        "/themes", "/themes/new", "/stats", "/stats?range=1y", "/settings", "/settings/password", "/settings/sessions", "/settings/tokens", "/api/docs",
      ];
      for (const language of ["en", "ru"]) {
        if (language === "ru") {
          await page.click("summary");
          await page.click("button[name=language][value=ru]");
          await page.waitForSelector("html[lang=ru]");
        }
        for (const path of paths) {
          await page.goto(`${server.url}${path}`);
          found.push(...(await violations(page)));
        }
      }
      assert.deepEqual(errors, [], `no console errors (${scheme})`);
      await context.close();
    }
    assert.deepEqual(found, [], "no serious or critical accessibility violations");
  } finally {
    await browser.close();
    await server.stop();
  }
});
