// Makes the README screenshots from the demo-data user, light and dark:
//   HABITFLOW_BIN=…/habitflow node screenshots.mjs   (or: npm run screenshots)
// Writes docs/screenshots/{login,home,habits,habit,stats}-{light,dark}.png,
// the phone's Today at 390 × 844, phone-{light,dark}.png, and, after
// switching the interface to Russian, home-ru-light.png.
import { execFileSync } from "node:child_process";
import { launch } from "./browser.mjs";
import { startServer } from "./server.mjs";

const out = new URL("../docs/screenshots/", import.meta.url).pathname;
const password = "demo-habits-2026";

const server = await startServer({
  before: (folder, env) =>
    execFileSync(process.env.HABITFLOW_BIN, ["demo-data", "--email", "demo@example.com", "--years", "1"], { cwd: folder, env }),
});
const browser = await launch();
try {
  for (const scheme of ["light", "dark"]) {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1200, height: 860 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/auth/login`);
    await page.screenshot({ path: `${out}login-${scheme}.png` });
    await page.fill("#email", "demo@example.com");
    await page.fill("#password", password);
    await page.click("button[type=submit]:has-text('Sign in')");
    await page.waitForURL(`${server.url}/`);
    await page.screenshot({ path: `${out}home-${scheme}.png` });
    await page.goto(`${server.url}/habits?status=all`);
    await page.screenshot({ path: `${out}habits-${scheme}.png` });
    await page.click("a.list-title >> nth=0");
    await page.waitForURL(/\/habits\/[0-9a-f-]{36}$/);
    await page.screenshot({ path: `${out}habit-${scheme}.png`, fullPage: true });
    await page.goto(`${server.url}/stats?range=90d`);
    await page.screenshot({ path: `${out}stats-${scheme}.png`, fullPage: true });
    await context.close();
    const phone = await browser.newContext({ colorScheme: scheme, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const tab = await phone.newPage();
    await tab.goto(`${server.url}/auth/login`);
    await tab.fill("#email", "demo@example.com");
    await tab.fill("#password", password);
    await tab.click("button[type=submit]:has-text('Sign in')");
    await tab.waitForURL(`${server.url}/`);
    await tab.screenshot({ path: `${out}phone-${scheme}.png` });
    await phone.close();
  }
  // Last, as it changes the demo user's language.
  const context = await browser.newContext({ colorScheme: "light", viewport: { width: 1200, height: 860 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/auth/login`);
  await page.fill("#email", "demo@example.com");
  await page.fill("#password", password);
  await page.click("button[type=submit]:has-text('Sign in')");
  await page.waitForURL(`${server.url}/`);
  await page.click("summary");
  await page.click("button[name=language][value=ru]");
  await page.waitForSelector("html[lang=ru]");
  await page.click("summary");
  await page.screenshot({ path: `${out}home-ru-light.png` });
  await context.close();
  console.log(`screenshots written to ${out}`);
} finally {
  await browser.close();
  await server.stop();
}
