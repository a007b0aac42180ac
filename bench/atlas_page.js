// atlas_page.js: the atlas page in headless Chromium: time until it is
// interactive (the map drawn and its count shown) and bytes transferred,
// over several fresh browser contexts (no cache). Prints one JSON line a run.
const { chromium } = require("playwright-core");
const url = process.argv[2], runs = parseInt(process.argv[3] || "5", 10);
(async () => {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--disable-quic"] });
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    let bytes = 0;
    cdp.on("Network.loadingFinished", (e) => { bytes += e.encodedDataLength; });
    const t0 = Date.now();
    await page.goto(url + "/atlas");
    await page.waitForFunction(() => /partnerships between/.test(document.getElementById("atlas-count").textContent),
                               null, { timeout: 20000 });
    const interactive = Date.now() - t0;
    await page.waitForLoadState("networkidle");
    console.log(JSON.stringify({ interactive_ms: interactive, bytes }));
    await context.close();
  }
  await browser.close();
})();
