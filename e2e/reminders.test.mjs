// Reminders and the installable app (#20): the manifest is valid and linked
// from every page, the service worker registers on localhost and caches no
// page with user data, the offline page shows when the server is stopped,
// and the reminders settings pass axe in English and Russian.
import { test } from "node:test";
import assert from "node:assert/strict";
import AxeBuilder from "@axe-core/playwright";
import { launch, watchErrors } from "./browser.mjs";
import { startServer } from "./server.mjs";

async function signUp(page, url, email) {
  await page.goto(`${url}/auth/register`);
  await page.fill("#email", email);
  await page.fill("#password", "correct horse battery staple");
  await page.click("button[type=submit]");
  await page.waitForURL(`${url}/`);
}

/// Width and height from a PNG's IHDR chunk.
function pngSize(bytes) {
  const view = new DataView(bytes);
  return [view.getUint32(16), view.getUint32(20)];
}

test("the manifest is valid, linked from every page, and its icons exist", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const page = await browser.newPage();
    for (const path of ["/auth/login", "/auth/register", "/offline"]) {
      await page.goto(`${server.url}${path}`);
      assert.equal(await page.getAttribute('link[rel="manifest"]', "href"), "/manifest.webmanifest", path);
    }
    await signUp(page, server.url, "manifest@example.com");
    for (const path of ["/", "/habits", "/settings/reminders"]) {
      await page.goto(`${server.url}${path}`);
      assert.equal(await page.getAttribute('link[rel="manifest"]', "href"), "/manifest.webmanifest", path);
    }
    const response = await fetch(`${server.url}/manifest.webmanifest`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type"), /^application\/manifest\+json/);
    const manifest = await response.json();
    assert.equal(manifest.name, "HabitFlow");
    assert.equal(manifest.start_url, "/", "opens to Today");
    assert.equal(manifest.scope, "/");
    assert.equal(manifest.display, "standalone");
    assert.match(manifest.theme_color, /^#[0-9A-F]{6}$/i);
    const sizes = [];
    for (const icon of manifest.icons) {
      const file = await fetch(new URL(icon.src, server.url));
      assert.equal(file.status, 200, icon.src);
      assert.equal(file.headers.get("content-type"), icon.type, icon.src);
      if (icon.type === "image/png") {
        const [width, height] = pngSize(await file.arrayBuffer());
        assert.equal(`${width}x${height}`, icon.sizes, icon.src);
        sizes.push(icon.sizes);
      }
    }
    assert.deepEqual(sizes.sort(), ["192x192", "512x512"], "the sizes installs need");
  } finally {
    await browser.close();
    await server.stop();
  }
});

test("the service worker registers on localhost and the offline page shows when the server is stopped", async () => {
  const server = await startServer();
  const browser = await launch();
  let stopped = false;
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signUp(page, server.url, "offline@example.com");
    await page.goto(`${server.url}/habits/new`);
    await page.fill("#name", "Private habit name");
    await page.click("button:has-text('Save')");
    await page.waitForURL(/\/habits\/[0-9a-f-]{36}$/);
    const registered = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      return { scope: registration.scope, state: registration.active && registration.active.state };
    });
    assert.equal(registered.scope, `${server.url}/`);
    assert.equal(registered.state, "activated");
    await page.reload();
    assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), "the page is controlled");
    const cached = await page.evaluate(async () => {
      const urls = [];
      for (const key of await caches.keys()) {
        const cache = await caches.open(key);
        for (const request of await cache.keys()) urls.push(new URL(request.url).pathname);
      }
      return urls;
    });
    assert.ok(cached.includes("/offline"), `${cached}`);
    for (const path of cached) {
      assert.ok(path === "/offline" || path.startsWith("/static/"), `cached a page: ${path}`);
    }
    await server.stop();
    stopped = true;
    await page.goto(`${server.url}/habits`);
    assert.equal(await page.textContent("h1"), "You are offline");
    assert.ok(!(await page.content()).includes("Private habit name"), "no user data offline");
    assert.deepEqual(errors.filter((e) => !e.includes("ERR_CONNECTION_REFUSED")), []);
    await context.close();
  } finally {
    await browser.close();
    if (!stopped) await server.stop();
  }
});

test("the reminders settings pass axe in English and Russian and ask for nothing on load", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    let asked = 0;
    await page.exposeFunction("countPermissionRequest", () => {
      asked += 1;
    });
    await page.addInitScript(() => {
      if (window.Notification) {
        const original = Notification.requestPermission.bind(Notification);
        Notification.requestPermission = (...args) => {
          window.countPermissionRequest();
          return original(...args);
        };
      }
    });
    await signUp(page, server.url, "axe-reminders@example.com");
    const found = [];
    for (const language of ["en", "ru"]) {
      if (language === "ru") {
        await page.click("summary");
        await page.click("button[name=language][value=ru]");
        await page.waitForSelector("html[lang=ru]");
      }
      await page.goto(`${server.url}/settings/reminders`);
      await page.waitForSelector("#push-status");
      const results = await new AxeBuilder({ page }).analyze();
      found.push(
        ...results.violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => `${language}: ${v.id} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      );
    }
    assert.deepEqual(found, []);
    assert.equal(asked, 0, "no permission prompt until the user turns push on");
    await page.goto(`${server.url}/settings/reminders`);
    await page.fill("#ntfy_url", "https://ntfy.sh/axe-topic");
    await page.click("form[action='/settings/reminders'] button[type=submit]");
    await page.waitForURL(`${server.url}/settings/reminders`);
    assert.equal(await page.inputValue("#ntfy_url"), "https://ntfy.sh/axe-topic");
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
});
