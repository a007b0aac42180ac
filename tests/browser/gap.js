// gap.js: the gap page (/analysis/gap) in headless Chromium: Chart.js draws
// the shares of expected and observed impacts from the page's figures, in the
// page's language, with no script error. Prints TAP; screenshots go to $SHOTS.
const { ok, run } = require("./tap");

const url = process.argv[2];
const shots = process.env.SHOTS || ".";

run(async (browser) => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url + "/analysis/gap");
  await page.waitForFunction(() => window.ealaGapChart);
  const chart = await page.evaluate(() => ({
    labels: window.ealaGapChart.data.labels,
    sets: window.ealaGapChart.data.datasets.map((d) => [d.label, d.data.map((v) => Math.round(v))]),
  }));
  ok(chart.labels.length === 4 && chart.labels[0] === "Economic returns",
     "the chart has a bar per category: " + chart.labels.join(", "));
  ok(JSON.stringify(chart.sets[0][1]) === "[56,22,11,11]" && JSON.stringify(chart.sets[1][1]) === "[9,64,9,18]",
     "expected and observed shares, as the table: " + JSON.stringify(chart.sets.map((s) => s[1])));
  // the canvas is drawn: some of its pixels have the bars' colours
  const painted = await page.evaluate(() => {
    const c = document.getElementById("gap-chart");
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let red = 0, blue = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i] > 180 && d[i + 1] < 80 && d[i + 2] < 80) red++;
      if (d[i] < 60 && d[i + 1] > 100 && d[i + 2] > 160) blue++;
    }
    return { red, blue };
  });
  ok(painted.red > 500 && painted.blue > 500, "the bars are drawn (" + painted.red + " red, " + painted.blue + " blue pixels)");
  await page.screenshot({ path: shots + "/gap.png", fullPage: true });
  await page.goto(url + "/analysis/gap?lang=fr");
  await page.waitForFunction(() => window.ealaGapChart);
  const legend = await page.evaluate(() => window.ealaGapChart.data.datasets.map((d) => d.label));
  ok(legend[0] === "part des impacts attendus", "in French, the chart speaks French: " + legend.join(", "));
  await page.screenshot({ path: shots + "/gap-fr.png", fullPage: true });
  ok(errors.length === 0, "no script error " + JSON.stringify(errors));
});
