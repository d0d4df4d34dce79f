// A newcomer on the SQLite default: register, set the time zone, create a
// theme, a task and each kind of habit, complete, skip and undo on the habit
// page and on the home page with figures changing in place, look through the
// statistics periods, sign out and back in to the page they were on — all
// without JS errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { launch, watchErrors } from "./browser.mjs";
import { startServer } from "./server.mjs";

const shots = new URL("./screenshots/", import.meta.url).pathname;
mkdirSync(shots, { recursive: true });

test("a newcomer builds habits and sees streaks change", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors = watchErrors(page);

    await page.goto(`${server.url}/`);
    assert.ok(await page.isVisible("h1:has-text('Build the habits you want')"), "visitors see the welcome page");
    await page.goto(`${server.url}/habits`);
    assert.match(page.url(), /\/auth\/login\?next=%2Fhabits$/, "private pages send visitors to sign in");
    await page.screenshot({ path: `${shots}login.png` });
    await page.click("main >> text=Create an account");
    await page.fill("#email", "newcomer@example.com");
    await page.fill("#password", "correct horse battery staple");
    await page.screenshot({ path: `${shots}register.png` });
    await page.click("button[type=submit]:has-text('Create account')");
    await page.waitForURL(`${server.url}/habits`);

    await page.goto(`${server.url}/settings`);
    await page.selectOption("#time_zone", "Asia/Tokyo");
    await page.click("main button:has-text('Save')");
    await page.waitForURL(`${server.url}/settings`);
    assert.ok(await page.isVisible("text=Your settings were saved."));
    assert.equal(await page.inputValue("#time_zone"), "Asia/Tokyo");

    await page.goto(`${server.url}/themes/new`);
    await page.fill("#name", "Health");
    await page.click("button:has-text('Save')");
    await page.waitForURL(`${server.url}/themes`);
    assert.ok(await page.isVisible("text=Health"));

    await page.goto(`${server.url}/tasks/new`);
    await page.fill("#name", "Book a check-up");
    await page.selectOption("#priority", "high");
    await page.selectOption("#theme_id", { label: "Health" });
    await page.click("button:has-text('Save')");
    await page.waitForURL(`${server.url}/tasks`);
    await page.click("button[aria-label='Complete Book a check-up']");
    // Done tasks leave the active list in place, without a page load.
    await page.waitForSelector("text=Book a check-up", { state: "detached" });
    await page.goto(`${server.url}/tasks?status=all`);
    await page.waitForSelector("li.is-done");
    await page.screenshot({ path: `${shots}tasks.png` });

    const habits = [
      { name: "Drink water", type: "daily" },
      { name: "Gym", type: "weekly_days", fill: async () => {
        for (const day of ["mon", "wed", "fri"]) await page.check(`input[name=days][value=${day}]`);
      } },
      { name: "Pay rent", type: "monthly_day", fill: () => page.fill("#monthly_day", "31") },
      { name: "Renew insurance", type: "yearly_date", fill: async () => {
        await page.fill("#yearly_month", "2");
        await page.fill("#yearly_day", "29");
      } },
      { name: "Run", type: "interval_cycle", fill: async () => {
        await page.fill("#active_days", "1");
        await page.fill("#break_days", "1");
      } },
    ];
    for (const habit of habits) {
      await page.goto(`${server.url}/habits/new`);
      await page.fill("#name", habit.name);
      await page.check(`input[name=schedule_type][value=${habit.type}]`);
      if (habit.fill) await habit.fill();
      await page.click("button:has-text('Save')");
      await page.waitForURL(/\/habits\/[0-9a-f-]{36}$/);
      assert.ok(await page.isVisible(`h1:has-text("${habit.name}")`), habit.name);
    }

    await page.goto(`${server.url}/habits?status=all`);
    const daily = page.locator("li", { hasText: "Drink water" });
    await daily.locator("a.list-title").click();
    await page.waitForURL(/\/habits\/[0-9a-f-]{36}$/);
    assert.equal((await page.textContent("[data-current-streak]")).trim(), "0");
    await page.click("td.today button[value=done]");
    await page.waitForFunction(() => document.querySelector("[data-current-streak]").textContent.trim() === "1");
    await page.screenshot({ path: `${shots}habit.png`, fullPage: true });
    await page.click("td.today button:has-text('undo')");
    await page.waitForFunction(() => document.querySelector("[data-current-streak]").textContent.trim() === "0");
    await page.click("td.today button[value=skipped]");
    await page.waitForSelector("td.today.skipped");
    assert.equal((await page.textContent("[data-current-streak]")).trim(), "0", "a skip does not extend the streak");
    await page.click("td.today button:has-text('undo')");
    await page.waitForSelector("td.today button[value=done]");

    await page.goto(`${server.url}/`);
    const dueBefore = Number((await page.textContent("[data-done-today]")).trim());
    const doneCount = (expected) => page.waitForFunction(
      (n) => Number(document.querySelector("[data-done-today]").textContent.trim()) === n, expected);
    await page.click("button[aria-label='Done today: Drink water']");
    await doneCount(dueBefore + 1);
    await page.click("button[aria-label='Undo today: Drink water']");
    await doneCount(dueBefore);
    await page.click("button[aria-label='Skip today: Drink water']");
    await page.waitForSelector("button[aria-label='Undo the skip today: Drink water']");
    await doneCount(dueBefore);
    await page.click("button[aria-label='Undo the skip today: Drink water']");
    await page.click("button[aria-label='Done today: Drink water']");
    await doneCount(dueBefore + 1);
    await page.screenshot({ path: `${shots}home.png`, fullPage: true });

    await page.goto(`${server.url}/stats`);
    for (const [code, label] of [["30d", "30 days"], ["90d", "90 days"], ["1y", "1 year"], ["all", "All time"], ["7d", "7 days"]]) {
      await page.click(`nav.segmented a:has-text('${label}')`);
      await page.waitForURL(`${server.url}/stats?range=${code}`);
      assert.equal(await page.getAttribute(`nav.segmented a[href='/stats?range=${code}']`, "aria-current"), "true");
      assert.ok(await page.isVisible("svg.chart"), `the ${code} statistics draw their charts`);
    }
    await page.screenshot({ path: `${shots}stats.png`, fullPage: true });

    await page.goto(`${server.url}/habits?status=all`);
    await page.screenshot({ path: `${shots}habits.png`, fullPage: true });
    assert.equal(await page.locator("ul.list > li").count(), 5);

    await page.goto(`${server.url}/stats?range=90d`);
    await page.click("summary");
    await page.click("button:has-text('Sign out')");
    await page.waitForURL(`${server.url}/`);
    await page.goto(`${server.url}/stats?range=90d`);
    await page.waitForURL(/\/auth\/login\?next=/);
    await page.fill("#email", "newcomer@example.com");
    await page.fill("#password", "correct horse battery staple");
    await page.click("main button[type=submit]:has-text('Sign in')");
    await page.waitForURL(`${server.url}/stats?range=90d`);
    assert.ok(await page.isVisible("h1:has-text('Statistics')"), "signing in again returns to the page asked for");

    assert.deepEqual(errors, [], "no errors in the browser console");
  } finally {
    await browser.close();
    await server.stop();
  }
});
