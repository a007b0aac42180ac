// report.js: the annual report's page (/authorities/ID/report) in headless
// Chromium: Chart.js draws the money by source and by country from the page's
// figures, d3-geo the map of the partners, under the pages' Content Security
// Policy, with no script error. Prints TAP; screenshots go to $SHOTS.
// usage: node tests/browser/report.js URL AUTHORITY_ID
const { ok, run } = require("./tap");

const url = process.argv[2];
const id = process.argv[3];
const shots = process.env.SHOTS || ".";

// pixels of a canvas near a colour
function count(page, canvasSelector, rgb) {
  return page.evaluate(([sel, [r, g, b]]) => {
    const c = document.querySelector(sel);
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4)
      if (Math.abs(d[i] - r) + Math.abs(d[i + 1] - g) + Math.abs(d[i + 2] - b) < 12) n++;
    return n;
  }, [canvasSelector, rgb]);
}

run(async (browser) => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await page.goto(url + "/authorities/" + id + "/report?year=2023");
  await page.waitForFunction(() => window.ealaReportDrawn);
  const planned = await count(page, "#money-source", [0x9f, 0xb8, 0xcc]);
  const spent = await count(page, "#money-country", [0x12, 0x3c, 0x5a]);
  ok(planned > 500 && spent > 500, "the money charts are drawn (" + planned + ", " + spent + " pixels)");
  const land = await count(page, "#report-map", [0xd9, 0xd4, 0xc7]);
  const home = await count(page, "#report-map", [0xc0, 0x39, 0x2b]);
  ok(land > 5000 && home > 20, "the map shows the countries and the authority (" + land + ", " + home + " pixels)");
  await page.screenshot({ path: shots + "/report.png", fullPage: true });
  await page.goto(url + "/authorities/" + id + "/report?year=2023&lang=fr");
  await page.waitForFunction(() => window.ealaReportDrawn);
  const ticks = await page.evaluate(() => document.querySelector("h1").textContent);
  ok(ticks.includes("action internationale en 2023"), "in French: " + ticks);
  await page.screenshot({ path: shots + "/report-fr.png", fullPage: true });
  ok(errors.length === 0, "no script error, no blocked resource " + JSON.stringify(errors));
});
