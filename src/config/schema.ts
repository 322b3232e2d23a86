import { resolve } from 'node:path';
import * as z from 'zod';
import { BIDI_CONTROLS, USER_AGENT, XML_FORBIDDEN } from '../shared/index.js';
import { parseDurationMs, parseSizeBytes } from './units.js';
import { ruleSchema } from './rules.js';

/** A positive quantity with a unit (`20s`, `10MB`), read by `parse` into the base unit. */
const withUnit = (parse: (v: number | string) => number | null, examples: string) =>
  z.union([z.number(), z.string()]).transform((v, ctx) => {
    const n = parse(v);
    if (n === null || n <= 0) ctx.addIssue({ code: 'custom', message: `expected ${examples}, got ${JSON.stringify(v)}` });
    return n ?? 0;
  });

const duration = withUnit(parseDurationMs, 'a duration such as 20s or 500ms');
const size = withUnit(parseSizeBytes, 'a size such as 10MB or 512KB');

/** `drop` / `keep` rules (issue 22): they hide items from every output, and what they hide comes back when they go. */
const RuleSchema = ruleSchema(withUnit(parseDurationMs, 'a duration such as 30d or 12h'));

/** No character a feed, a page or a file name must not carry (what XML forbids, bidi controls). */
const UNPRINTABLE = new RegExp(`${XML_FORBIDDEN.source}|${BIDI_CONTROLS.source}`);
const printable = z.string().refine((v) => !UNPRINTABLE.test(v), {
  error: 'holds a control character (what XML forbids, or a bidi control such as U+202E): remove it',
});

/** A name as written; YAML reads `site: 500` as a number, and it is still a name. */
const name = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(printable.pipe(z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters')));
const count = z.number().int().positive();

export const RSSHUB_KEY_MODES = ['code', 'key'] as const;
export const SITE_LANGUAGES = ['zh-CN', 'en'] as const;

const instanceUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://rsshub.app' }).transform((u) => u.replace(/\/+$/, ''));
/** Unset or blank means none. */
const accessKey = z.string().optional().transform((k) => (k && k.trim() !== '' ? k.trim() : undefined));
/** `code` sends md5(path + key), which cannot be replayed for other routes; `key` sends the key itself. */
const keyMode = z.enum(RSSHUB_KEY_MODES);

const RsshubSchema = z
  .object({
    instance: instanceUrl.optional(),
    /** Several instances, tried in order: a route goes to the first that is well; each has its own key. */
    instances: z.array(z.union([instanceUrl, z.object({ url: instanceUrl, key: accessKey, keyMode: keyMode.default('code') }).strict()])).min(1, 'list at least one instance').optional(),
    key: accessKey,
    keyMode: keyMode.default('code'),
  })
  .strict()
  .refine((r) => !(r.instance && r.instances), { message: 'give instance or instances, not both', path: ['instances'] })
  // A key written once for several instances would be sent to every one of them.
  .refine((r) => !(r.instances && r.key), { message: "with instances, give each its own key (- url: …, key: …): one key is not sent to every instance", path: ['key'] })
  .transform(({ instance, instances, key, keyMode: mode }) => {
    const list = instances
      ? instances.map((i) => (typeof i === 'string' ? { url: i, key: undefined, keyMode: mode } : i))
      : [{ url: instance ?? 'https://rsshub.app', key, keyMode: mode }];
    const first = list[0]!;
    return { instance: first.url, key: first.key, keyMode: first.keyMode, instances: list };
  });

/** What YAML calls `timeout` and `maxBytes` reaches the stages with its unit in the name. */
const FetchSchema = z
  .object({
    concurrency: count.default(8),
    perHost: count.default(2),
    timeout: duration.default(20_000),
    retries: z.number().int().min(0).max(10).default(2),
    maxBytes: size.default(10 * 2 ** 20), // after decompression
    maxRedirects: z.number().int().min(0).max(20).default(5),
    /** Follow redirects from public addresses into private / loopback ones (off: a feed must not reach this machine's network). */
    privateRedirects: z.boolean().default(false),
    /** Items kept per source per run (the feed's first N). */
    items: count.default(20),
    userAgent: z.string().min(1).default(USER_AGENT),
  })
  .strict()
  .transform(({ timeout, maxBytes, ...rest }) => ({ ...rest, timeoutMs: timeout, maxBodyBytes: maxBytes }));

const SourceSchema = z
  .object({
    route: z.string().regex(/^\/\S*$/, 'an RSSHub route starts with / (for example /aljazeera/news)').optional(),
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    file: z.string().min(1).optional(),
    id: z.string().regex(/^[\w./:-]+$/, 'letters, digits and . / : _ - only').optional(),
    category: name.optional(),
    site: name.optional(),
    channel: name.optional(),
    items: count.optional(),
    /** HTTP basic auth for a private feed; the password usually from the environment (`${FEED_PASSWORD}`). */
    auth: z.object({ user: z.string().min(1), password: z.string() }).strict().optional(),
    /** RSSHub's own parameters for a route (`limit`, `filter*`, `filterout*`, `mode: fulltext`, `opencc`, `brief`, …): sent as its query; the source stays the same source when they change. */
    /** The whole article for feeds that give a title or a summary: `true` (found by Readability) or a CSS selector for its body. */
    fullText: z.union([z.literal(true), z.string().trim().min(1, 'a CSS selector such as div#Main_Content_Val, or true')]).optional(),
    /** Rules for this source's items only (its scope is the source). */
    rules: z.array(RuleSchema).optional(),
    params: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/i, 'a parameter name such as limit or filterout_title'), z.union([z.string(), z.number(), z.boolean()])).optional(),
  })
  .strict()
  .refine((s) => [s.route, s.url, s.file].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of route, url or file',
  })
  .refine((s) => s.params === undefined || s.route !== undefined, { message: 'params are RSSHub parameters: they go with a route', path: ['params'] })
  .refine((s) => !s.params || !('key' in s.params || 'code' in s.params), { message: 'the access key goes in rsshub.key, never in params', path: ['params'] })
  .refine((s) => s.params?.brief === undefined || /^[1-9]\d{2,}$/.test(String(s.params.brief)), { message: 'brief is a number of characters, 100 or more (RSSHub refuses a smaller one)', path: ['params', 'brief'] });

const RetentionSchema = z
  .object({ days: z.number().positive().optional(), perSource: z.number().int().positive().optional() })
  .strict();

/**
 * The one description of broadsheet.yml: validator, type and defaults. Paths in it are read from the
 * config file's folder `dir`, so the parsed value is the resolved config the stages get.
 */
export function configSchema(dir: string) {
  const path = (fallback: string) => z.string().min(1).default(fallback).transform((p) => resolve(dir, p));
  const HexoSchema = z
    .object({
      posts: path('hexo/source/_posts'),
      /** `{n}` is a number derived from the item id, `{id}` the id. */
      placeholder: z.string().default('https://picsum.photos/400/300?random={n}'),
      /** The title as the feed gave it, instead of the original system's `_` replacements. */
      keepTitle: z.boolean().default(false),
      /** Write a stable `abbrlink:` (hexo-abbrlink then has nothing to rewrite). */
      abbrlink: z.boolean().default(false),
    })
    .strict()
    .transform(({ posts, ...rest }) => ({ ...rest, postsDir: posts }));
  const SiteSchema = z
    .object({
      /** Where `broadsheet build` writes the site. */
      out: path('public'),
      title: name.default('Broadsheet'),
      /** Absolute base URL; a sub-path (`https://user.github.io/news/`) works. */
      url: z
        .url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL such as https://news.example.com/ or https://user.github.io/news/' })
        .default('http://localhost:4000/')
        .transform((u) => (u.endsWith('/') ? u : `${u}/`)),
      language: z.enum(SITE_LANGUAGES).default('zh-CN'),
      /** Items per list page. */
      perPage: z.number().int().min(5).max(500).default(30),
      /** Folder whose `templates/` and `assets/` override the built-in ones file by file. */
      theme: z.string().min(1).optional().transform((p) => (p === undefined ? undefined : resolve(dir, p))),
      /** IANA time zone for days (archives, day headers); default Asia/Shanghai for zh-CN, UTC for en. */
      timezone: z.string().min(1).optional(),
      /** One-line description for the home page's meta and the output feeds. */
      description: printable.optional(),
      /** A search box and page, with an index built from the store (turn off for a site without search). */
      search: z.boolean().default(true),
      /** The same story from several outlets shown once, with its other reports (issue 23); `false` lists every report. */
      stories: z.boolean().default(true),
      /** Publish nothing of where sources are fetched from: `sources.opml` gives the site's own feeds, the sources page and `status.json` no address and errors by their code alone. */
      private: z.boolean().default(false),
      /**
       * `copy`: the cards' pictures fetched by `run` (with the picture's page as Referer, which Weibo's and
       * WeChat's image hosts require), made small and served from the site's own `thumbs/`; `link`: the
       * original addresses, as the feed gave them.
       */
      images: z.enum(['link', 'copy']).default('link'),
      /** The most the site's thumbnails take (GitHub Pages sites stay under 1 GB); the newest items' come first. */
      imagesBudget: size.default(200 * 2 ** 20),
    })
    .strict()
    .transform((s) => ({ ...s, timezone: s.timezone ?? (s.language === 'zh-CN' ? 'Asia/Shanghai' : 'UTC') }));
  return z
    .object({
      rsshub: RsshubSchema.prefault({}),
      fetch: FetchSchema.prefault({}),
      sources: z.array(SourceSchema.transform((s) => ({ ...s, ...(s.file ? { file: resolve(dir, s.file) } : {}) }))).default([]),
      hexo: HexoSchema.prefault({}),
      store: z
        .object({
          /** The embedded SQLite file (the default store). */
          path: path('.broadsheet/broadsheet.db'),
          /** A PostgreSQL database instead (`postgres://user@host:5432/db`, or `\${DATABASE_URL}`): several workers, one store. */
          url: z.string().regex(/^postgres(ql)?:\/\/\S+$/, { error: 'must be a PostgreSQL URL such as postgres://user@host:5432/broadsheet' }).optional(),
        })
        .strict()
        .prefault({}),
      retention: RetentionSchema.prefault({}),
      /** Rules for every source's items (`in:` narrows one to a category, site, channel or route). */
      rules: z.array(RuleSchema).default([]),
      /** The website; without this section `run` writes no site (`broadsheet build` uses the defaults). */
      site: SiteSchema.optional(),
    })
    .strict();
}
