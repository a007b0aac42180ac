// network.js: the network pages in headless Chromium: on /analysis/network
// Chart.js draws the degree distribution (log scales) from the page's
// figures; on /practices/ID the adoptions per year and their running total;
// the chain form finds a chain; no script error. Prints TAP; screenshots go to $SHOTS.
const { ok, run } = require("./tap");

const url = process.argv[2];
const practice = process.argv[3];
const shots = process.env.SHOTS || ".";

function painted(page, id) {
  return page.evaluate((id) => {
    const c = document.getElementById(id);
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let red = 0, blue = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i] > 150 && d[i + 1] < 90 && d[i + 2] < 90) red++;
      if (d[i] < 80 && d[i + 1] > 90 && d[i + 2] > 150) blue++;
    }
    return { red, blue };
  }, id);
}

run(async (browser) => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url + "/analysis/network");
  await page.waitForFunction(() => window.ealaNetworkChart);
  const chart = await page.evaluate(() => ({
    x: window.ealaNetworkChart.options.scales.x.type,
    y: window.ealaNetworkChart.options.scales.y.type,
    points: window.ealaNetworkChart.data.datasets[0].data.length,
    first: window.ealaNetworkChart.data.datasets[0].data[0],
  }));
  ok(chart.x === "logarithmic" && chart.y === "logarithmic", "both axes are on a log scale");
  ok(chart.points > 10 && chart.first.x === 1 && chart.first.y > 1000,
     "a point per number of partners, thousands of authorities with one: " + JSON.stringify(chart.first));
  const p = await painted(page, "network-chart");
  ok(p.blue > 100, "the points are drawn (" + p.blue + " blue pixels)");
  await page.screenshot({ path: shots + "/network.png", fullPage: true });
  // the chain form
  const ids = await page.evaluate(() => [...document.querySelectorAll("table.network tbody th a")]
    .slice(0, 2).map((a) => a.getAttribute("href").split("/").pop()));
  await page.fill("#chain-form input[name=from]", ids[0]);
  await page.fill("#chain-form input[name=to]", ids[1]);
  await Promise.all([page.waitForNavigation(), page.click("#chain-form button")]);
  const steps = await page.locator("ol.chain li").count();
  ok(steps >= 2, "the chain form shows a chain between the two authorities with most partners (" + steps + " steps)");
  await page.goto(url + "/practices/" + practice);
  await page.waitForFunction(() => window.ealaPracticeChart);
  const pc = await page.evaluate(() => window.ealaPracticeChart.data.datasets.map((d) => d.data[d.data.length - 1]));
  ok(JSON.stringify(pc) === "[2,4]", "the practice's last year: 2 adoptions, 4 adopters in all: " + JSON.stringify(pc));
  const q = await painted(page, "practice-chart");
  ok(q.red > 50 && q.blue > 50, "the bars and the line are drawn (" + q.red + " red, " + q.blue + " blue pixels)");
  await page.screenshot({ path: shots + "/practice.png", fullPage: true });
  ok(errors.length === 0, "no script error " + JSON.stringify(errors));
});
