// calls.js: the partner calls' page (/partner_calls) and a call's page in
// headless Chromium: d3-geo draws the world with the countries sought
// shaded and the calling authority dotted, in the page's language, with no
// script error; the call's candidates are listed with their parts. Prints
// TAP; screenshots go to $SHOTS. Argument: the server's URL.
const { ok, run } = require("./tap");

const url = process.argv[2];
const shots = process.env.SHOTS || ".";

run(async (browser) => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url + "/partner_calls");
  await page.waitForFunction(() => window.ealaCallsMap);
  const map = await page.evaluate(() => window.ealaCallsMap);
  ok(JSON.stringify(map.shaded) === '["MG","SN","VN"]', "the countries sought are shaded: " + map.shaded.join(", "));
  ok(map.dots === 2, "the calling authority is dotted for each of its two open calls (" + map.dots + ")");
  // the canvas is drawn: amber for the countries sought, dark blue for the dot
  const painted = await page.evaluate(() => {
    const c = document.getElementById("calls-map");
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let amber = 0, blue = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i] > 180 && d[i + 1] > 90 && d[i + 1] < 225 && d[i + 2] < 170 && d[i] - d[i + 2] > 60) amber++;
      if (d[i] < 60 && d[i + 1] > 60 && d[i + 1] < 100 && d[i + 2] > 100) blue++;
    }
    return { amber, blue };
  });
  ok(painted.amber > 100 && painted.blue > 10, "the shading and the dot are drawn (" + painted.amber + " amber, " + painted.blue + " blue pixels)");
  await page.screenshot({ path: shots + "/calls.png", fullPage: true });
  await page.click("text=Partners for water and health");
  await page.waitForSelector("table.match");
  const first = await page.textContent("table.match tbody tr:first-child th");
  ok(first.includes("Ndar <Toute-Petite>"), "clicking the call shows its best candidate: " + first);
  const cells = await page.$$eval("table.match tbody tr:first-child td", (tds) => tds.map((t) => t.textContent));
  ok(JSON.stringify(cells) === '["1","Senegal","67.1","15.0","11.2","7.5","15.0","15.0","3.3"]', "with the parts of its score: " + cells.join(" "));
  await page.screenshot({ path: shots + "/call.png", fullPage: true });
  await page.goto(url + "/partner_calls?lang=fr");
  await page.waitForFunction(() => window.ealaCallsMap);
  const caption = await page.textContent("figcaption");
  ok(caption.startsWith("En couleur"), "in French: " + caption);
  await page.screenshot({ path: shots + "/calls-fr.png", fullPage: true });
  ok(errors.length === 0, "no script error" + (errors.length ? ": " + errors.join("; ") : ""));
});
