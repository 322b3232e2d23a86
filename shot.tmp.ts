import { launchChromium } from './test/helpers/browser.js';
import { serveSite } from './test/helpers/static-server.js';
const root = process.argv[2]!; const outDir = process.argv[3]!; const pages = process.argv.slice(4);
const srv = await serveSite(root, '/');
const b = await launchChromium();
for (const [w, h, name] of [[1280, 800, 'desktop'], [360, 740, 'mobile']] as const) for (const scheme of ['light', 'dark'] as const) {
  const ctx = await b.newContext({ viewport: { width: w, height: h }, colorScheme: scheme, deviceScaleFactor: 1 });
  const p = await ctx.newPage();
  p.on('console', (m) => { if (m.type() === 'error') console.log('console error', m.text()); });
  for (const path of pages) {
    await p.goto(srv.url + path, { waitUntil: 'load' });
    await p.waitForTimeout(150);
    await p.screenshot({ path: `${outDir}/${path.replace(/\W+/g, '_') || 'home'}-${name}-${scheme}.png` });
  }
  await ctx.close();
}
await b.close(); await srv.close();
