// flows.js: what an officer does in the browser, in headless Chromium driven by
// playwright-core: log in, create a partnership through the form and find it on
// the map, switch to French and back, upload a bad CSV and read its errors,
// narrow a search by its facets without JavaScript. Prints TAP; screenshots go to $SHOTS.
const { ok, run } = require("./tap");
const fs = require("fs");

const url = process.argv[2];
const shots = process.env.SHOTS || ".";

run(async (browser) => {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));

  await page.goto(url + "/partnerships/new");
  ok(page.url().includes("/login"), "a form needs a session: the login page comes first");
  await page.fill("#login", "admin");
  await page.fill("#password", "admin-password");
  await page.click("button:has-text('Log in')");
  await page.waitForURL("**/partnerships/new");
  ok(true, "logging in leads back to the form");

  await page.fill("#f-members", "1, 4");
  await page.selectOption("#f-kind", "decentralised_cooperation");
  await page.selectOption("#f-status", "active");
  await page.fill("#f-start_date", "2024-05-01");
  await page.click("button:has-text('Save')");
  await page.waitForURL(/\/partnerships\/\d+$/);
  const title = await page.textContent("h1");
  ok(title === "Quetigny – Bamako", "the partnership is saved and named after its members: " + title);
  await page.screenshot({ path: shots + "/partnership-saved.png" });

  await page.goto(url + "/atlas");
  await page.selectOption("select[name=kind]", "decentralised_cooperation");
  await page.click("button:has-text('Show')");
  await page.waitForFunction(() => /^2 partnerships/.test(document.getElementById("atlas-count").textContent));
  const points = await page.evaluate(() => window.ealaAtlasPoints().filter(Boolean));
  const bamako = points.find((p) => p[2] === 4);
  ok(!!bamako, "the new partnership is on the map");
  const box = await page.locator("#atlas-map").boundingBox();
  await page.mouse.click(box.x + bamako[0], box.y + bamako[1]);
  const panel = await page.textContent("#atlas-panel");
  ok(panel.includes("Quetigny"), "a click on Bamako lists Quetigny among its partners");
  await page.screenshot({ path: shots + "/atlas-new-partnership.png" });

  // the same map in French: the switch in the header, then the script's own words
  await page.click("nav.langs a[lang=fr]");
  await page.waitForSelector("html[lang=fr]");
  ok((await page.textContent("h1")) === "Atlas des partenariats", "the language switch shows the atlas in French");
  await page.waitForFunction(() => / partenariats entre /.test(document.getElementById("atlas-count").textContent));
  const legend = await page.locator("#atlas-count .key").allTextContents();
  ok(legend.includes("Coopération décentralisée"), "the map's legend names the kinds in French: " + legend.join(", "));
  await page.screenshot({ path: shots + "/atlas-fr.png" });
  await page.goto(url + "/partnerships/new");
  ok((await page.textContent("h1")) === "Nouveau partenariat", "the choice follows to the next page: " + (await page.textContent("h1")));
  await page.click("nav.langs a[lang=en]");
  await page.waitForSelector("html[lang=en]");

  fs.writeFileSync(shots + "/bad.csv", "name;pays;niveau\nTurin;Italie;municipality\nLausanne;CH;city\n");
  await page.goto(url + "/import");
  await page.setInputFiles("#file", shots + "/bad.csv");
  await page.click("button:has-text('Import')");
  await page.waitForSelector("ul.problems li");
  const problems = await page.locator("ul.problems li").allTextContents();
  ok(problems.length === 2, "a bad CSV shows every problem (" + problems.length + ")");
  ok(problems[0].startsWith("line 2: country"), "each with its line and field: " + problems[0]);
  await page.screenshot({ path: shots + "/import-errors.png" });
  // the search narrowed by its facets, in a browser without JavaScript: plain links
  const plain = await browser.newPage({ viewport: { width: 1200, height: 900 }, javaScriptEnabled: false });
  await plain.goto(url + "/search?q=quetigny");
  const partnerships = () => plain.locator("h2:text-is('Partnerships') + ul > li").allTextContents();
  const kinds = await plain.locator(".facet:has(h2:text-is('Partnerships by kind')) li").allTextContents();
  ok(kinds.join("|") === "Decentralised cooperation 2|Town twinning 1",
     "the search counts its partnerships by kind: " + kinds.join(", "));
  ok((await partnerships()).length === 3, "and lists the three");
  await plain.click(".facet a:text-is('Town twinning')");
  ok(/[?&]q=quetigny&kind=twinning$/.test(plain.url()), "a kind's link narrows the search: " + plain.url().replace(url, ""));
  const narrowed = await partnerships();
  ok(narrowed.length === 1 && narrowed[0].startsWith("Quetigny – Bous"), "to the twinning: " + narrowed.join(", "));
  await plain.screenshot({ path: shots + "/search-facets.png", fullPage: true });
  await plain.click(".facet li.active a.remove");
  ok((await partnerships()).length === 3 && !plain.url().includes("kind="), "and its remove link widens it again");
  await plain.close();
  ok(errors.length === 0, "no script error on the way " + JSON.stringify(errors));
});
