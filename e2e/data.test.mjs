// Your data without JavaScript (docs/data.md): import a Loop Habit Tracker
// backup in two form posts (see the plan, then confirm), download the export,
// and delete the account.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { launch } from "./browser.mjs";
import { startServer } from "./server.mjs";

const loopBackup = fileURLToPath(new URL("../crates/server/tests/data/loop/loop-v12.db", import.meta.url));

test("import, export and account deletion work with JavaScript disabled", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/auth/register`);
    await page.fill("#email", "mover@example.com");
    await page.fill("#password", "correct horse battery staple");
    await page.click("button[type=submit]:has-text('Create account')");
    await page.waitForURL(`${server.url}/`);

    await page.goto(`${server.url}/settings/data`);
    await page.setInputFiles("#file", loopBackup);
    await page.click("button:has-text('Check the file')");
    await page.waitForSelector("text=What the import will add");
    assert.ok(await page.isVisible("text=A Loop Habit Tracker full backup"));
    assert.ok(await page.isVisible("text=Check-ins: 164"));
    await page.click("button:has-text('Import')");
    await page.waitForURL(`${server.url}/habits`);
    await page.goto(`${server.url}/habits?status=all`);
    assert.ok(await page.isVisible("text=Wake up early"));
    assert.ok(await page.isVisible("text=Vegan (2)"), "a name already taken gets a number");

    await page.goto(`${server.url}/settings/data`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("a:has-text('Download as HabitFlow JSON')")]);
    assert.match(download.suggestedFilename(), /^habitflow-export-\d{4}-\d{2}-\d{2}\.json$/);
    const path = await download.path();
    const document = JSON.parse(await (await import("node:fs/promises")).readFile(path, "utf8"));
    assert.equal(document.habits.length, 9);

    await page.goto(`${server.url}/settings/delete`);
    assert.ok(await page.isVisible("text=Nothing is kept."));
    await page.fill("#password", "not my password");
    await page.click("button:has-text('Delete my account and all my data')");
    assert.ok(await page.isVisible(".field-error"));
    await page.fill("#password", "correct horse battery staple");
    await page.click("button:has-text('Delete my account and all my data')");
    await page.waitForURL(`${server.url}/`);
    assert.ok(await page.isVisible("text=Your account and all its data were deleted"));
    await page.goto(`${server.url}/auth/login`);
    await page.fill("#email", "mover@example.com");
    await page.fill("#password", "correct horse battery staple");
    await page.click("button[type=submit]");
    assert.equal(new URL(page.url()).pathname, "/auth/login", "the account is gone");
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
});
