import type { Database } from 'better-sqlite3';

const SCHEMA_V1 = `
CREATE TABLE sources (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, url TEXT NOT NULL,
  category TEXT NOT NULL, site TEXT NOT NULL, channel TEXT NOT NULL,
  etag TEXT, last_modified TEXT,
  last_attempt_at TEXT, last_success_at TEXT, next_attempt_at TEXT,
  last_error_code TEXT, last_error_status INTEGER, last_error_message TEXT, last_error_at TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0, items_seen INTEGER NOT NULL DEFAULT 0,
  fetches INTEGER NOT NULL DEFAULT 0, total_latency_ms INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE items (
  id TEXT PRIMARY KEY, source_id TEXT NOT NULL, canonical_link TEXT,
  title TEXT NOT NULL, link TEXT, published_at TEXT, date_text TEXT, author TEXT,
  html TEXT NOT NULL, excerpt TEXT NOT NULL, image TEXT, categories TEXT NOT NULL DEFAULT '[]',
  content_hash TEXT NOT NULL, first_seen_at TEXT NOT NULL, updated_at TEXT NOT NULL,
  origin TEXT NOT NULL DEFAULT 'feed'
);
CREATE INDEX items_canonical_link ON items(canonical_link);
CREATE INDEX items_source ON items(source_id);
CREATE TABLE item_sources (
  item_id TEXT NOT NULL, source_id TEXT NOT NULL, first_seen_at TEXT NOT NULL,
  PRIMARY KEY (item_id, source_id)
);
CREATE TABLE tombstones (id TEXT PRIMARY KEY, canonical_link TEXT, removed_at TEXT NOT NULL);
CREATE INDEX tombstones_canonical_link ON tombstones(canonical_link);
CREATE TABLE posts (item_id TEXT PRIMARY KEY, rel_path TEXT NOT NULL UNIQUE, content_hash TEXT NOT NULL);
CREATE TABLE abbrlinks (item_id TEXT PRIMARY KEY, abbrlink TEXT NOT NULL UNIQUE);
CREATE TABLE runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL, finished_at TEXT NOT NULL,
  sources INTEGER NOT NULL, failed INTEGER NOT NULL, created INTEGER NOT NULL, updated INTEGER NOT NULL
);
`;

/** Posts imported from the original system keep their front matter verbatim. */
const IMPORTED_FRONT_MATTER = 'ALTER TABLE items ADD COLUMN front_matter TEXT';

/** The fingerprint of the feed entry an item was made from: unchanged entries skip normalizing. */
const ENTRY_HASH = 'ALTER TABLE items ADD COLUMN entry_hash TEXT';

/**
 * The store in parts: items get a change number (`seq`, from a counter so it never repeats) and a
 * sort key with indexes for keyset pages; sources get a claim lease; the Hexo manifest becomes the
 * `hexo` output's files, and imported front matter the `hexo` output's notes.
 */
function storeInParts(db: Database): void {
  db.exec(`
    ALTER TABLE sources ADD COLUMN lease_owner TEXT;
    ALTER TABLE sources ADD COLUMN lease_until TEXT;
    ALTER TABLE items ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE items ADD COLUMN sort_at TEXT GENERATED ALWAYS AS (coalesce(published_at, first_seen_at)) VIRTUAL;
    UPDATE items SET seq = rowid;
    CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
    INSERT INTO counters (name, value) VALUES ('item_seq', (SELECT coalesce(max(seq), 0) FROM items));
    CREATE INDEX items_seq ON items(seq);
    CREATE INDEX items_sort ON items(sort_at DESC, id DESC);
    CREATE INDEX items_source_sort ON items(source_id, sort_at DESC, id DESC);
    CREATE INDEX sources_names ON sources(category, site, channel);
    CREATE TABLE output_files (
      output TEXT NOT NULL, item_id TEXT NOT NULL, rel_path TEXT NOT NULL, content_hash TEXT NOT NULL,
      PRIMARY KEY (output, item_id), UNIQUE (output, rel_path)
    );
    INSERT INTO output_files (output, item_id, rel_path, content_hash) SELECT 'hexo', item_id, rel_path, content_hash FROM posts;
    CREATE TABLE output_notes (output TEXT NOT NULL, item_id TEXT NOT NULL, note TEXT NOT NULL, PRIMARY KEY (output, item_id));
    INSERT INTO output_notes (output, item_id, note) SELECT 'hexo', id, front_matter FROM items WHERE front_matter IS NOT NULL;
    CREATE TABLE output_state (output TEXT PRIMARY KEY, synced_seq INTEGER NOT NULL);
    DROP TABLE posts;
    ALTER TABLE items DROP COLUMN front_matter;
  `);
}

/** Names an output gave things once (the site's paths for categories and articles), unique once folded. */
const OUTPUT_SLUGS = `CREATE TABLE output_slugs (
  output TEXT NOT NULL, scope TEXT NOT NULL, key TEXT NOT NULL, slug TEXT NOT NULL, folded TEXT NOT NULL,
  PRIMARY KEY (output, scope, key), UNIQUE (output, scope, folded)
)`;

/** Items carry their source's names, with an index per level: a list page is one index range. */
const NAMES_ON_ITEMS = `
ALTER TABLE items ADD COLUMN category TEXT NOT NULL DEFAULT '';
ALTER TABLE items ADD COLUMN site TEXT NOT NULL DEFAULT '';
ALTER TABLE items ADD COLUMN channel TEXT NOT NULL DEFAULT '';
UPDATE items SET category = s.category, site = s.site, channel = s.channel FROM sources s WHERE s.id = items.source_id;
CREATE INDEX items_category_sort ON items(category, sort_at DESC, id DESC);
CREATE INDEX items_site_sort ON items(category, site, sort_at DESC, id DESC);
CREATE INDEX items_channel_sort ON items(category, site, channel, sort_at DESC, id DESC);
`;

/** Bodies apart from the rows lists read: a list row no longer walks the overflow pages of its HTML. */
const BODIES_APART = `
CREATE TABLE item_bodies (item_id TEXT PRIMARY KEY, html TEXT NOT NULL) WITHOUT ROWID;
INSERT INTO item_bodies (item_id, html) SELECT id, html FROM items;
ALTER TABLE items DROP COLUMN html;
`;

/** One run (or build) at a time per store: the lock, with its owner and the end of its lease. */
const RUN_LOCK = `
CREATE TABLE run_lock (name TEXT PRIMARY KEY, owner TEXT NOT NULL, acquired_at TEXT NOT NULL, expires_at TEXT NOT NULL);
`;

/** Sources remember their place in the config: of two sources carrying one story, the earlier owns it. */
const SOURCE_POSITION = `
ALTER TABLE sources ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
`;

/** Request slots per host, leased: politeness holds across processes sharing the store. */
const HOST_SLOTS = `
CREATE TABLE host_slots (host TEXT NOT NULL, slot INTEGER NOT NULL, owner TEXT, until TEXT, PRIMARY KEY (host, slot));
`;

/**
 * Where an item is listed: under the names of every source that carried it, not only its owner's. The
 * carrying rows take their source's names and the item's sort key (kept by triggers when a source is
 * renamed or an item's date changes), with an index per level, so a list of everything a channel
 * carried is one index range like the owner's.
 */
const PLACEMENTS = `
ALTER TABLE item_sources ADD COLUMN category TEXT NOT NULL DEFAULT '';
ALTER TABLE item_sources ADD COLUMN site TEXT NOT NULL DEFAULT '';
ALTER TABLE item_sources ADD COLUMN channel TEXT NOT NULL DEFAULT '';
ALTER TABLE item_sources ADD COLUMN sort_at TEXT NOT NULL DEFAULT '';
UPDATE item_sources SET category = s.category, site = s.site, channel = s.channel FROM sources s WHERE s.id = item_sources.source_id;
UPDATE item_sources SET sort_at = i.sort_at FROM items i WHERE i.id = item_sources.item_id;
CREATE INDEX item_sources_category ON item_sources(category, sort_at DESC, item_id DESC);
CREATE INDEX item_sources_site ON item_sources(category, site, sort_at DESC, item_id DESC);
CREATE INDEX item_sources_channel ON item_sources(category, site, channel, sort_at DESC, item_id DESC);
CREATE INDEX item_sources_source ON item_sources(source_id);
CREATE TRIGGER item_sources_placed AFTER INSERT ON item_sources BEGIN
  UPDATE item_sources SET category = s.category, site = s.site, channel = s.channel, sort_at = coalesce((SELECT sort_at FROM items WHERE id = NEW.item_id), '')
    FROM sources s WHERE s.id = NEW.source_id AND item_sources.item_id = NEW.item_id AND item_sources.source_id = NEW.source_id;
END;
CREATE TRIGGER sources_renamed AFTER UPDATE OF category, site, channel ON sources
  WHEN OLD.category IS NOT NEW.category OR OLD.site IS NOT NEW.site OR OLD.channel IS NOT NEW.channel BEGIN
  UPDATE item_sources SET category = NEW.category, site = NEW.site, channel = NEW.channel WHERE source_id = NEW.id;
END;
CREATE TRIGGER items_redated AFTER UPDATE OF published_at ON items WHEN OLD.published_at IS NOT NEW.published_at BEGIN
  UPDATE item_sources SET sort_at = NEW.sort_at WHERE item_id = NEW.id;
END;
`;

/**
 * Retention by first sighting, never below what a feed lists: each source keeps the ids its latest
 * document listed; a tombstone keeps the first sighting of what it buried, for an item that returns.
 */
const LISTED = `
ALTER TABLE sources ADD COLUMN listed TEXT;
ALTER TABLE tombstones ADD COLUMN first_seen_at TEXT;
CREATE INDEX items_first_seen ON items(first_seen_at);
`;

/**
 * A canonical link names one story, as in PostgreSQL: where an edited link had given two stories one
 * canonical link, the later story lets go of it.
 */
const UNIQUE_CANONICAL = `
UPDATE items SET canonical_link = NULL WHERE canonical_link IS NOT NULL AND EXISTS (
  SELECT 1 FROM items o WHERE o.canonical_link = items.canonical_link AND (o.first_seen_at < items.first_seen_at OR (o.first_seen_at = items.first_seen_at AND o.id < items.id)));
DROP INDEX items_canonical_link;
CREATE UNIQUE INDEX items_canonical_link ON items(canonical_link) WHERE canonical_link IS NOT NULL;
`;

/**
 * RSSHub instances (issue 24): each one's health, shared by runs and workers (a breaker opens after
 * failures in a row, or at once on a refusal), and the instance that last served each route.
 */
const INSTANCES = `
ALTER TABLE sources ADD COLUMN served_by TEXT;
CREATE TABLE rsshub_instances (
  url TEXT PRIMARY KEY, failures INTEGER NOT NULL DEFAULT 0, open_until TEXT,
  last_error_code TEXT, last_error_status INTEGER, last_error_message TEXT, last_error_at TEXT, last_ok_at TEXT
);
`;

/** Due sources are found by an index, as in PostgreSQL (test/store/schema.test.ts found the difference). */
const SOURCES_DUE = 'CREATE INDEX sources_due ON sources(next_attempt_at)';

/**
 * Each output's state is its own (issue 21): a migrated post's front matter, which the site reads
 * too (its old abbrlink address), is the item's provenance, not Hexo's note; the abbrlinks Hexo gives
 * are the hexo output's slugs.
 */
const OUTPUT_STATE_APART = `
CREATE TABLE imported_posts (item_id TEXT NOT NULL PRIMARY KEY, front_matter TEXT NOT NULL);
INSERT INTO imported_posts (item_id, front_matter) SELECT n.item_id, n.note FROM output_notes n JOIN items i ON i.id = n.item_id WHERE n.output = 'hexo';
DELETE FROM output_notes WHERE output = 'hexo' AND item_id IN (SELECT item_id FROM imported_posts);
INSERT INTO output_slugs (output, scope, key, slug, folded) SELECT 'hexo', 'abbrlink', item_id, abbrlink, lower(abbrlink) FROM abbrlinks;
DROP TABLE abbrlinks;
`;

/** An output's own state (a fingerprint, the search index's tiers, its folder's token) by name, apart from its notes on items. */
const OUTPUT_VALUES = `
CREATE TABLE output_values (output TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (output, name));
INSERT INTO output_values (output, name, value) SELECT output, substr(item_id, 2), note FROM output_notes WHERE item_id LIKE '@%';
DELETE FROM output_notes WHERE item_id LIKE '@%';
`;

/** Rules hide items (issue 22): the rule that hides one, kept on it; the few hidden ones are found by a partial index. */
const HIDDEN = `
ALTER TABLE items ADD COLUMN hidden_by TEXT;
CREATE INDEX items_hidden ON items(hidden_by) WHERE hidden_by IS NOT NULL;
`;

/** Full text (issue 22): the article page a body was read from, with its validators, so a re-check asks "changed since?". */
const ARTICLE_PAGES = `
ALTER TABLE item_bodies ADD COLUMN page_url TEXT;
ALTER TABLE item_bodies ADD COLUMN page_etag TEXT;
ALTER TABLE item_bodies ADD COLUMN page_modified TEXT;
`;

/** Stories across outlets (issue 23): the story an item reports, and the recent headlines' shingles to find it by. */
const STORIES = `
ALTER TABLE items ADD COLUMN story_id TEXT;
CREATE INDEX items_story ON items(story_id, sort_at);
CREATE TABLE story_keys (key TEXT NOT NULL, item_id TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (key, item_id)) WITHOUT ROWID;
CREATE INDEX story_keys_item ON story_keys(item_id);
`;

/** A removal's change number (issue 26): outputs find the files of items removed since they last looked without reading every file. */
const REMOVAL_SEQ = `
ALTER TABLE tombstones ADD COLUMN seq INTEGER;
CREATE INDEX tombstones_seq ON tombstones(seq);
`;

/**
 * Bodies in a rowid table. A WITHOUT ROWID table is a B-tree that keeps whole rows (a kilobyte of each
 * body and its overflow chain) in its interior pages too, so looking up one 4.6 KB body by id read ~13
 * pages; a rowid table's interior pages hold only keys, and the same lookup reads ~3 (a store's first
 * Hexo pass reads every body in change order, not in id order). The old table's pages are zeroed as
 * they are freed: the store is saved gzipped (the workflow's data branch), and freed pages keep their
 * bytes otherwise (34.4 MB gzipped before, 49.7 MB after without this, 34.6 MB with it, at 20,000 items).
 */
const BODIES_BY_ROWID = `
PRAGMA secure_delete = ON;
CREATE TABLE item_bodies_by_rowid (item_id TEXT PRIMARY KEY, html TEXT NOT NULL, page_url TEXT, page_etag TEXT, page_modified TEXT);
INSERT INTO item_bodies_by_rowid (item_id, html, page_url, page_etag, page_modified) SELECT item_id, html, page_url, page_etag, page_modified FROM item_bodies;
DROP TABLE item_bodies;
ALTER TABLE item_bodies_by_rowid RENAME TO item_bodies;
PRAGMA secure_delete = OFF;
`;

/** Append-only: the version is the list's length; each step runs in its own transaction. */
const MIGRATIONS: ReadonlyArray<(db: Database) => void> = [
  (db) => db.exec(SCHEMA_V1),
  (db) => db.exec(IMPORTED_FRONT_MATTER),
  (db) => db.exec(ENTRY_HASH),
  storeInParts,
  (db) => db.exec(OUTPUT_SLUGS),
  (db) => db.exec(NAMES_ON_ITEMS),
  (db) => db.exec(BODIES_APART),
  (db) => db.exec(RUN_LOCK),
  (db) => db.exec(SOURCE_POSITION),
  (db) => db.exec(HOST_SLOTS),
  (db) => db.exec(PLACEMENTS),
  (db) => db.exec(LISTED),
  (db) => db.exec(UNIQUE_CANONICAL),
  (db) => db.exec(INSTANCES),
  (db) => db.exec(SOURCES_DUE),
  (db) => db.exec(OUTPUT_STATE_APART),
  (db) => db.exec(OUTPUT_VALUES),
  (db) => db.exec(HIDDEN),
  (db) => db.exec(ARTICLE_PAGES),
  (db) => db.exec(STORIES),
  (db) => db.exec(REMOVAL_SEQ),
  (db) => db.exec(BODIES_BY_ROWID),
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Up to `to` (all by default; tests stop earlier to make the stores of older releases). Each step
 * reads the version again inside its own IMMEDIATE transaction: two processes opening a new store at
 * once take turns, and the second finds the steps done instead of making the tables twice.
 */
export function migrate(db: Database, to: number = MIGRATIONS.length): void {
  const step = db.transaction((): boolean => {
    const v = db.pragma('user_version', { simple: true }) as number;
    if (v >= to) return false;
    MIGRATIONS[v]!(db);
    db.pragma(`user_version = ${v + 1}`);
    return true;
  });
  while (step.immediate());
}
