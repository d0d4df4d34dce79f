// Journeys around safety and comfort: a broken CSRF token gets the friendly
// 403 page, the back button shows no private page after signing out, and the
// light/dark choice survives a reload.
import { test } from "node:test";
import assert from "node:assert/strict";
import { launch, watchErrors } from "./browser.mjs";
import { startServer } from "./server.mjs";

async function register(page, url, email) {
  await page.goto(`${url}/auth/register`);
  await page.fill("#email", email);
  await page.fill("#password", "correct horse battery staple");
  await page.click("button[type=submit]:has-text('Create account')");
  await page.waitForURL(`${url}/`);
}

test("a broken CSRF token yields the friendly 403 page and changes nothing", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await register(page, server.url, "csrf@example.com");
    await page.goto(`${server.url}/themes/new`);
    await page.fill("#name", "Sneaky");
    await page.evaluate(() => { document.querySelector("main form input[name=csrf_token]").value = "broken"; });
    const [response] = await Promise.all([page.waitForNavigation(), page.click("button:has-text('Save')")]);
    assert.equal(response.status(), 403);
    assert.ok(await page.isVisible("text=refused to protect your account"));
    await page.goto(`${server.url}/themes`);
    assert.equal(await page.locator("text=Sneaky").count(), 0, "no theme was created");
  } finally {
    await browser.close();
    await server.stop();
  }
});

test("after signing out, the back button shows no private page", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await register(page, server.url, "back@example.com");
    await page.goto(`${server.url}/settings`);
    assert.ok(await page.isVisible("text=back@example.com"));
    await page.click("summary");
    await page.click("button:has-text('Sign out')");
    await page.waitForURL(`${server.url}/`);
    await page.goBack();
    await page.waitForLoadState();
    assert.match(page.url(), /\/auth\/login\?next=%2Fsettings$/, "the private page is fetched again, not shown from cache");
    assert.equal(await page.locator("text=back@example.com").count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});

test("the light/dark choice survives a reload", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const page = await browser.newPage({ colorScheme: "light" });
    await page.goto(`${server.url}/auth/login`);
    assert.equal(await page.getAttribute("html", "data-theme"), null);
    await page.click("[data-theme-toggle]");
    assert.equal(await page.getAttribute("html", "data-theme"), "dark");
    await page.reload();
    assert.equal(await page.getAttribute("html", "data-theme"), "dark", "applied by the head script before paint");
  } finally {
    await browser.close();
    await server.stop();
  }
});
