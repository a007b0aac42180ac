// diagnostic.js: the territorial diagnostic's page (/analysis/diagnostic) in
// headless Chromium: d3-geo draws the world with the countries of the local
// actors' links shaded and the partnership countries circled, in the page's
// language, with no script error. Prints TAP; screenshots go to $SHOTS.
// Arguments: the server's URL and the authority's number.
const { ok, run } = require("./tap");

const url = process.argv[2], authority = process.argv[3];
const shots = process.env.SHOTS || ".";

run(async (browser) => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url + "/analysis/diagnostic?authority=" + authority);
  await page.waitForFunction(() => window.ealaDiagnosticMap);
  const map = await page.evaluate(() => window.ealaDiagnosticMap);
  ok(JSON.stringify(map.shaded) === '["DE","ML","SN"]', "the countries of the links are shaded: " + map.shaded.join(", "));
  ok(map.circled === 2, "the two partnership countries are circled (" + map.circled + ")");
  // the canvas is drawn: teal for the shaded countries, red for the rings
  const painted = await page.evaluate(() => {
    const c = document.getElementById("diagnostic-map");
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let teal = 0, red = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i] < 120 && d[i + 1] > 80 && d[i + 2] > 90 && d[i + 1] - d[i] > 40) teal++;
      if (d[i] > 150 && d[i + 1] < 90 && d[i + 2] < 80) red++;
    }
    return { teal, red };
  });
  ok(painted.teal > 300 && painted.red > 30, "the shading and the rings are drawn (" + painted.teal + " teal, " + painted.red + " red pixels)");
  await page.screenshot({ path: shots + "/diagnostic.png", fullPage: true });
  await page.goto(url + "/analysis/diagnostic?authority=" + authority + "&lang=fr");
  await page.waitForFunction(() => window.ealaDiagnosticMap);
  const caption = await page.textContent("figcaption");
  ok(caption.startsWith("Plus foncé"), "in French: " + caption);
  await page.screenshot({ path: shots + "/diagnostic-fr.png", fullPage: true });
  ok(errors.length === 0, "no script error" + (errors.length ? ": " + errors.join("; ") : ""));
});
