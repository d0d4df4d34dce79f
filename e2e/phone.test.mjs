// The phone-first interface (issue #18, docs/decisions.md): at 360 × 740 and
// 390 × 844, in English and Russian, light and dark — the bottom tab bar is
// visible without scrolling, no page scrolls sideways, every clickable element
// of Today, Habits, a habit page and Tasks is at least 44 × 44 px, and axe finds
// nothing serious. Then a journey on a phone: starter habit, two check-ins,
// undo from the toast, a logged value and a chart value read by focus.
import { test } from "node:test";
import assert from "node:assert/strict";
import AxeBuilder from "@axe-core/playwright";
import { launch, watchErrors } from "./browser.mjs";
import { startServer } from "./server.mjs";

const PHONES = [
  { width: 360, height: 740 },
  { width: 390, height: 844 },
];
const PASSWORD = "correct horse battery staple";

async function register(page, url, email) {
  await page.goto(`${url}/auth/register`);
  await page.fill("#email", email);
  await page.fill("#password", PASSWORD);
  await page.click("button[type=submit]:has-text('Create account')");
  await page.waitForURL(`${url}/`);
}

async function newHabit(page, url, name) {
  await page.goto(`${url}/habits/new`);
  await page.fill("#name", name);
  await page.click("main button:has-text('Save')");
  await page.waitForURL(/\/habits\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname;
}

/// The bottom bar's tabs that show, and those not wholly inside the first screen.
async function tabBar(page) {
  return page.evaluate(() => {
    const tabs = [...document.querySelectorAll(".tabbar nav a, .tabbar summary")].filter((el) => el.getClientRects().length > 0);
    const outside = tabs
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.top < 0 || box.left < 0 || box.bottom > window.innerHeight + 0.5 || box.right > window.innerWidth + 0.5)
      .map(({ el }) => el.textContent.trim());
    return { count: tabs.length, outside, fixed: getComputedStyle(document.querySelector(".tabbar")).position };
  });
}

/// Every visible clickable element smaller than 44 × 44 CSS px, described.
/// A chart's bars are focusable to read their values but do nothing when
/// tapped: they are read-outs, not controls (docs/decisions.md, #18).
async function smallTargets(page) {
  return page.evaluate(() => {
    const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])";
    return [...document.querySelectorAll(selector)]
      .filter((el) => !el.closest("svg.chart"))
      .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden")
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      // The skip link waits off-screen until it is focused.
      .filter(({ box }) => box.right > 0 && box.left < window.innerWidth)
      .filter(({ box }) => box.width < 44 - 0.01 || box.height < 44 - 0.01)
      .map(({ el, box }) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === "string" ? "." + el.className.split(" ").join(".") : ""} "${(el.getAttribute("aria-label") || el.textContent).trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
  });
}

async function seriousFindings(page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}) — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

test("phones: tab bar, no sideways scrolling, 44 px targets and axe, in both languages and schemes", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const setup = await browser.newContext({ viewport: PHONES[1] });
    const page = await setup.newPage();
    await register(page, server.url, "phone@example.com");
    // A new account's Today offers starter habits; one tap makes a measurable one.
    await page.click("button:has-text('Drink water')");
    await page.waitForURL(/\/habits\/[0-9a-f-]{36}$/);
    const habitPage = new URL(page.url()).pathname;
    await newHabit(page, server.url, "Stretch before breakfast and after lunch every single day");
    // A logged value: the habit page then draws its values against the target.
    await page.goto(`${server.url}/`);
    await page.fill("input[aria-label='Today’s value for Drink water']", "5");
    await page.click("button[aria-label='Done today: Drink water']");
    await page.waitForFunction(() => document.querySelector("input[name=value]")?.value === "5");
    await page.goto(`${server.url}${habitPage}`);
    assert.equal(await page.locator(".chart .target-line").count(), 1, "the habit's values chart has its target line");
    await page.goto(`${server.url}/themes/new`);
    await page.fill("#name", "Health");
    await page.click("main button:has-text('Save')");
    await page.goto(`${server.url}/tasks/new`);
    await page.fill("#name", "Book a check-up");
    await page.fill("#due_on", "2026-01-15");
    await page.click("main button:has-text('Save')");
    await page.waitForURL(`${server.url}/tasks`);
    const session = await setup.storageState();
    await setup.close();

    const measured = ["/", "/habits?status=all", habitPage, "/tasks"];
    const others = ["/habits/new", `${habitPage}/edit`, "/tasks/new", "/themes", "/themes/new", "/stats", "/stats?range=1y", "/settings", "/settings/data"];
    const problems = [];
    for (const language of ["en", "ru"]) {
      for (const viewport of PHONES) {
        for (const scheme of ["light", "dark"]) {
          const context = await browser.newContext({ viewport, colorScheme: scheme, storageState: session });
          const phone = await context.newPage();
          const errors = watchErrors(phone);
          if (language === "ru") {
            await phone.goto(`${server.url}/settings`);
            if ((await phone.getAttribute("html", "lang")) !== "ru") {
              await phone.click(".tabbar summary");
              await phone.click("button[name=language][value=ru]");
              await phone.waitForSelector("html[lang=ru]");
            }
          }
          const where = `${language} ${viewport.width}×${viewport.height} ${scheme}`;
          for (const path of [...measured, ...others]) {
            await phone.goto(`${server.url}${path}`);
            assert.equal(await phone.getAttribute("html", "lang"), language);
            const bar = await tabBar(phone);
            if (bar.count !== 5) problems.push(`${where} ${path}: ${bar.count} tabs in the bottom bar`);
            if (bar.fixed !== "fixed") problems.push(`${where} ${path}: the tab bar is not fixed`);
            if (bar.outside.length) problems.push(`${where} ${path}: tabs off the first screen: ${bar.outside.join(", ")}`);
            const width = await phone.evaluate(() => document.documentElement.scrollWidth);
            if (width > viewport.width) problems.push(`${where} ${path}: ${width}px wide`);
            if (measured.includes(path)) {
              for (const small of await smallTargets(phone)) problems.push(`${where} ${path}: ${small}`);
            }
            for (const finding of await seriousFindings(phone)) problems.push(`${where} ${path}: ${finding}`);
          }
          // The account menu opens above the bar, and its entries are touch-sized too.
          await phone.goto(`${server.url}/`);
          await phone.click(".tabbar summary");
          const menu = await phone.evaluate(() =>
            [...document.querySelectorAll(".user-menu-panel a, .user-menu-panel button")]
              .filter((el) => el.getClientRects().length > 0)
              .map((el) => el.getBoundingClientRect())
              .filter((box) => box.height < 44 || box.top < 0 || box.bottom > window.innerHeight).length);
          if (menu) problems.push(`${where}: ${menu} account menu entries too small or off-screen`);
          assert.ok(await phone.isVisible(".user-menu-panel a[href='/themes']"), "Themes is in the account menu on a phone");
          assert.deepEqual(errors, [], `no console errors (${where})`);
          await context.close();
        }
      }
      if (language === "en") {
        // Switch the account to Russian for the next round.
        const context = await browser.newContext({ viewport: PHONES[0], storageState: session });
        const phone = await context.newPage();
        await phone.goto(`${server.url}/`);
        await phone.click(".tabbar summary");
        await phone.click("button[name=language][value=ru]");
        await phone.waitForSelector("html[lang=ru]");
        await context.close();
      }
    }
    assert.deepEqual(problems, [], "the phone layout holds everywhere");
  } finally {
    await browser.close();
    await server.stop();
  }
});

test("wide screens keep the top navigation", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await register(page, server.url, "wide@example.com");
    const bar = await tabBar(page);
    assert.equal(bar.count, 6, "five links and the account menu, Themes included");
    assert.notEqual(bar.fixed, "fixed");
    const top = await page.evaluate(() => document.querySelector(".tabbar nav").getBoundingClientRect().top);
    assert.ok(top < 80, `the navigation sits in the top bar (${top}px)`);
  } finally {
    await browser.close();
    await server.stop();
  }
});

test("a phone journey: check in, undo from the toast, log a value, read a chart by focus", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await register(page, server.url, "journey@example.com");
    assert.ok(await page.isVisible("a[href='/settings/data']"), "the empty Today links to the import");
    await page.tap("button:has-text('Drink water')");
    await page.waitForURL(/\/habits\/[0-9a-f-]{36}$/);
    assert.ok(await page.isVisible("text=Habit “Drink water” created."));
    assert.ok(await page.isVisible("a:has-text('Edit')"), "a starter habit is edited like any other");
    await newHabit(page, server.url, "Stretch");
    await newHabit(page, server.url, "Journal");

    await page.tap(".tabbar a[href='/']");
    await page.waitForURL(`${server.url}/`);
    const row = (name) => page.locator("main li.list-item", { hasText: name });
    const toast = page.locator("[data-toast]");

    await page.tap("button[aria-label='Done today: Stretch']");
    await toast.getByText("Done: Stretch").waitFor();
    await row("Stretch").locator("button[aria-label='Undo today: Stretch']").waitFor();
    await page.tap("button[aria-label='Done today: Journal']");
    await toast.getByText("Done: Journal").waitFor();
    await row("Journal").locator("button[aria-label='Undo today: Journal']").waitFor();
    assert.equal((await page.textContent("[data-done-today]")).trim(), "2");

    await toast.locator("button:has-text('Undo')").tap();
    await toast.getByText("Undone: Journal").waitFor();
    await row("Journal").locator("button[aria-label='Done today: Journal']").waitFor();
    await page.waitForFunction(() => document.querySelector("[data-done-today]").textContent.trim() === "1");
    assert.ok(await row("Stretch").locator("button[aria-label='Undo today: Stretch']").isVisible(), "the other check-in stays");

    const value = row("Drink water").locator("input[name=value]");
    await value.fill("3");
    await row("Drink water").locator("button.check").tap();
    await toast.getByText("Done: Drink water").waitFor();
    await page.waitForFunction(() => document.querySelector("main li.list-item input[name=value]")?.value === "3");
    assert.equal(await row("Drink water").locator("input[name=value]").inputValue(), "3", "3 of 8 glasses: logged, still due");

    await page.tap(".tabbar a[href='/stats']");
    await page.waitForURL(`${server.url}/stats`);
    const today = page.locator("svg[aria-labelledby=checkins-title] .point").last();
    const label = today.locator(".point-value");
    assert.equal(await label.isVisible(), false, "values show on focus, not all at once");
    await today.focus();
    await label.waitFor({ state: "visible" });
    const read = (await label.textContent()).trim();
    assert.match(read, /: 2 done, 0 skipped$/, `the focused bar says its value (${read})`);
    assert.equal(read, await today.getAttribute("aria-label"), "what shows is what a screen reader hears");
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});

test("without JavaScript a phone picks a calendar day and checks it in from the day panel", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await register(page, server.url, "nojs-phone@example.com");
    await page.click("button:has-text('Walk')");
    await page.waitForURL(/\/habits\/[0-9a-f-]{36}$/);
    assert.equal(await page.isVisible("td.today .day-actions"), false, "the cell's small buttons give way to the day panel");
    await page.click("#day-panel button[value=done]");
    await page.waitForURL(/\/habits\/[0-9a-f-]{36}/);
    assert.match(await page.textContent("#day-panel h3"), /done/);
    await page.click("#day-panel button:has-text('undo')");
    await page.waitForURL(/\/habits\/[0-9a-f-]{36}/);
    assert.ok(await page.isVisible("#day-panel button[value=done]"), "undone");
    assert.equal(await page.isVisible("[data-toast]"), false, "no toast without JavaScript");
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
});

test("the theme form offers the palette, and a free hex code only behind Custom", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await register(page, server.url, "palette@example.com");
    await page.goto(`${server.url}/themes/new`);
    assert.equal(await page.locator(".palette input[type=radio]").count(), 14, "pick for me, 12 colours, custom");
    assert.equal(await page.isVisible("#custom_color"), false);
    await page.fill("#name", "Garden");
    await page.click("label[for=color-2]");
    await page.click("main button:has-text('Save')");
    await page.waitForURL(`${server.url}/themes`);
    assert.equal(await page.getAttribute("li:has-text('Garden') .swatch circle", "fill"), "#10B981");
    await page.goto(`${server.url}/themes/new`);
    await page.fill("#name", "Own");
    await page.click("label[for=color-custom]");
    assert.equal(await page.isVisible("#custom_color"), true);
    await page.fill("#custom_color", "#123abc");
    await page.click("main button:has-text('Save')");
    await page.waitForURL(`${server.url}/themes`);
    assert.equal(await page.getAttribute("li:has-text('Own') .swatch circle", "fill"), "#123ABC");
  } finally {
    await browser.close();
    await server.stop();
  }
});
