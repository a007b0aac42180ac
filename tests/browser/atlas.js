// atlas.js: the atlas page in headless Chromium, driven by playwright-core:
// it loads without a console error, draws every partnership, filters, and a
// click on a place lists its partners; an authority's page maps its partners
// with the same script. Prints TAP; screenshots go to $SHOTS.
const { ok, run } = require("./tap");

const url = process.argv[2];
const shots = process.env.SHOTS || ".";

run(async (browser) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [], requests = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(url + "/atlas", { waitUntil: "networkidle" });
  const count = await page.textContent("#atlas-count");
  ok(/^\d[\d,]* partnerships between \d[\d,]* places/.test(count), "the atlas says how many partnerships it draws: " + count.split(":")[0]);
  ok(errors.length === 0, "no error in the console " + JSON.stringify(errors));
  ok(requests.every((u) => u.startsWith(url) || u.startsWith("data:")), "every request goes to eala itself");
  const size = await page.evaluate(() => { const c = document.getElementById("atlas-map"); return [c.width, c.height]; });
  ok(size[0] > 600 && size[1] > 300, "the map is drawn on a canvas of " + size.join("x"));
  await page.screenshot({ path: shots + "/atlas.png" });

  await page.fill("input[name=country]", "ML");
  await page.click("button:has-text('Show')");
  await page.waitForFunction(() => /^2 partnerships/.test(document.getElementById("atlas-count").textContent));
  ok(true, "filtering by country redraws the map with that country's partnerships");

  // click where the page drew Koulikoro: the panel lists its partners
  const box = await page.locator("#atlas-map").boundingBox();
  const points = await page.evaluate(() => window.ealaAtlasPoints().filter(Boolean));
  ok(points.length === 4, "the four places of those two partnerships are drawn");
  const target = points.find((p) => p[2] === 2) || points[0];
  await page.mouse.click(box.x + target[0], box.y + target[1]);
  const listed = await page.locator("#atlas-panel li").count();
  ok(listed > 0, "a click on a place lists its partners (" + listed + ")");
  const link = await page.getAttribute("#atlas-panel h2 a", "href");
  ok(/^\/authorities\/\d+$/.test(link || ""), "and links to the place's page");
  await page.screenshot({ path: shots + "/atlas-selected.png" });

  // an authority's page maps its partners with the same script, from /api/v1/atlas?authority=ID
  await page.goto(url + "/authorities/1", { waitUntil: "networkidle" });
  await page.waitForFunction(() => /^2 partnerships between 3 places/.test(document.getElementById("atlas-count").textContent));
  ok(true, "Quetigny's page maps its 2 partnerships between 3 places");
  ok(requests.some((u) => u.endsWith("/api/v1/atlas?authority=1")), "from /api/v1/atlas?authority=1");
  const drawn = await page.evaluate(() => {
    const c = document.getElementById("partners-map"), g = c.getContext("2d"), ratio = c.width / c.clientWidth;
    return window.ealaAtlasPoints().filter(Boolean).map(([x, y, id]) => {
      const inside = x > 0 && y > 0 && x < c.clientWidth && y < c.clientHeight;
      const px = g.getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data;
      return { id, inside, dot: px[0] === 0x12 && px[1] === 0x3c && px[2] === 0x5a, width: c.clientWidth };
    });
  });
  ok(drawn.length === 3 && drawn.every((d) => d.inside), "Quetigny and its two partners are inside the map: ids " + drawn.map((d) => d.id));
  ok(drawn.filter((d) => d.id !== 1).every((d) => d.dot), "each partner is drawn as a dot where the script says");
  ok(drawn.length && drawn[0].width < size[0], "on a smaller canvas than the atlas (" + (drawn[0] || {}).width + " px wide)");
  const legend = await page.locator("#atlas-count .key").allTextContents();
  ok(legend.join() === "Decentralised cooperation,Town twinning", "the legend names its kinds: " + legend.join(", "));
  await page.screenshot({ path: shots + "/authority-map.png", fullPage: true });
  const mapBox = await page.locator("#partners-map").boundingBox();
  const koulikoro = (await page.evaluate(() => window.ealaAtlasPoints())).find((p) => p && p[2] === 2);
  await page.mouse.click(mapBox.x + koulikoro[0], mapBox.y + koulikoro[1]);
  ok((await page.textContent("#atlas-panel")).includes("Quetigny"), "a click on Koulikoro lists Quetigny as its partner");
  await page.screenshot({ path: shots + "/authority-map-selected.png", fullPage: true });
  await page.goto(url + "/authorities/2", { waitUntil: "networkidle" });
  ok(await page.isVisible("#partners-map"), "Koulikoro's page maps its partner too");
  ok(errors.length === 0, "no error in the console on the authorities' pages " + JSON.stringify(errors));
});
