import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureItem, siteFixture, type SiteFixture } from '../helpers/site-fixture.js';
import { filesUnder } from '../helpers/fixtures.js';

describe('a full build that cannot write a page', () => {
  let fx: SiteFixture;
  beforeAll(async () => {
    fx = await siteFixture({ extraYaml: 'fetch:\n  items: 100\n' });
    // Pages enough for several batches in flight on the writing thread.
    for (let s = 0; s < fx.items.length; s++) fx.items[s]!.push(...Array.from({ length: 60 }, (_, k) => fixtureItem(s, 100 + k, fx.feeds.url)));
    expect((await fx.run()).code).toBe(0);
  }, 60_000);
  afterAll(() => fx?.close());

  it('stops with the file it could not write and how, and the next build, unblocked, writes the whole site', async () => {
    const whole = filesUnder(fx.out).length;
    expect(whole).toBeGreaterThan(1000);
    // A fresh folder where a file stands in the articles' folder's place.
    rmSync(fx.out, { recursive: true, force: true });
    mkdirSync(fx.out);
    writeFileSync(join(fx.out, 'categories'), 'not a folder');
    const failed = await fx.run(['build']);
    expect(failed.code).toBe(1);
    expect(failed.stderr.join('\n')).toMatch(new RegExp(`cannot write ${fx.out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/categories/[^ ]+: ENOTDIR`));
    rmSync(join(fx.out, 'categories'));
    const again = await fx.run(['build']);
    expect(again.code).toBe(0);
    expect(filesUnder(fx.out).length).toBe(whole);
    expect(readdirSync(join(fx.out, 'p')).filter((f) => f.endsWith('.html')).length).toBe(fx.items.flat().length);
  });
});
