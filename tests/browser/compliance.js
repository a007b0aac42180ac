// compliance.js: the money and law page as an officer uses it, in headless
// Chromium: from an action's page, pick a call and check the application;
// follow a finding's link to its record; from an authority's page, open its
// checks, in French. Prints TAP; screenshots go to $SHOTS.
const { ok, run } = require("./tap");

const url = process.argv[2];
const action = process.argv[3];
const authority = process.argv[4];
const shots = process.env.SHOTS || ".";

run(async (browser) => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url + "/actions/" + action);
  await page.selectOption("select[name=call]", "afd_ficol");
  await Promise.all([page.waitForNavigation(), page.click("form.filters button")]);
  ok(page.url().includes("/analysis/compliance?action=" + action + "&call=afd_ficol"),
     "the action's form opens the call check: " + page.url());
  const headings = await page.$$eval("section.rule h2", (hs) => hs.map((h) => h.textContent));
  ok(headings.includes("A signed convention with the foreign authority") && headings.includes("AFD facility (FICOL): the amount"),
     "grouped by requirement and by rule: " + headings.length + " groups");
  const statuses = await page.$$eval("li.finding .status", (s) => s.map((x) => x.textContent));
  ok(statuses.length >= 11 && statuses.every((s) => ["ready", "missing", "breach"].includes(s)),
     "each finding has its status: " + statuses.join(", "));
  await page.screenshot({ path: shots + "/compliance-call.png", fullPage: true });
  await Promise.all([page.waitForNavigation(), page.click("section.rule li.finding a[href^='/partnerships/']")]);
  ok(/\/partnerships\/\d+$/.test(page.url()), "a finding links to its record: " + page.url());
  await page.goto(url + "/authorities/" + authority + "?lang=fr");
  await Promise.all([page.waitForNavigation(), page.click("a[href^='/analysis/compliance?authority=']")]);
  const title = await page.textContent("h1");
  ok(title === "Argent et droit", "the authority's page links to its checks, in French: " + title);
  const text = await page.textContent("main");
  ok(text.includes("Source juridique") && text.includes("CGCT"), "each rule cites its legal source");
  await page.screenshot({ path: shots + "/compliance-fr.png", fullPage: true });
  ok(errors.length === 0, "no script error " + JSON.stringify(errors));
});
