import type { Db } from './db.js';
import { transaction } from './db.js';

/**
 * The same tables as the SQLite engine (times as ISO text, categories as JSON text), in PostgreSQL's
 * own SQL; text compares byte by byte (`COLLATE "C"`) as in SQLite, whatever the database's locale. Differences: change numbers come from a sequence; a story's canonical link is unique, so
 * two workers storing one story at once cannot both insert it (the second one's INSERT … ON CONFLICT
 * does nothing and it takes the story path).
 */
const SCHEMA = `
CREATE TABLE sources (
  id TEXT COLLATE "C" PRIMARY KEY, kind TEXT COLLATE "C" NOT NULL, url TEXT COLLATE "C" NOT NULL,
  category TEXT COLLATE "C" NOT NULL, site TEXT COLLATE "C" NOT NULL, channel TEXT COLLATE "C" NOT NULL, position INTEGER NOT NULL DEFAULT 0,
  etag TEXT COLLATE "C", last_modified TEXT COLLATE "C",
  last_attempt_at TEXT COLLATE "C", last_success_at TEXT COLLATE "C", next_attempt_at TEXT COLLATE "C",
  last_error_code TEXT COLLATE "C", last_error_status INTEGER, last_error_message TEXT COLLATE "C", last_error_at TEXT COLLATE "C",
  consecutive_failures INTEGER NOT NULL DEFAULT 0, items_seen INTEGER NOT NULL DEFAULT 0,
  fetches INTEGER NOT NULL DEFAULT 0, total_latency_ms BIGINT NOT NULL DEFAULT 0,
  lease_owner TEXT COLLATE "C", lease_until TEXT COLLATE "C"
);
CREATE INDEX sources_names ON sources(category, site, channel);
CREATE INDEX sources_due ON sources(next_attempt_at);
CREATE SEQUENCE item_seq;
CREATE TABLE items (
  id TEXT COLLATE "C" PRIMARY KEY, source_id TEXT COLLATE "C" NOT NULL, canonical_link TEXT COLLATE "C",
  title TEXT COLLATE "C" NOT NULL, link TEXT COLLATE "C", published_at TEXT COLLATE "C", date_text TEXT COLLATE "C", author TEXT COLLATE "C",
  excerpt TEXT COLLATE "C" NOT NULL, image TEXT COLLATE "C", categories TEXT COLLATE "C" NOT NULL DEFAULT '[]',
  content_hash TEXT COLLATE "C" NOT NULL, first_seen_at TEXT COLLATE "C" NOT NULL, updated_at TEXT COLLATE "C" NOT NULL,
  origin TEXT COLLATE "C" NOT NULL DEFAULT 'feed', entry_hash TEXT COLLATE "C", seq BIGINT NOT NULL,
  sort_at TEXT COLLATE "C" GENERATED ALWAYS AS (coalesce(published_at, first_seen_at)) STORED,
  category TEXT COLLATE "C" NOT NULL DEFAULT '', site TEXT COLLATE "C" NOT NULL DEFAULT '', channel TEXT COLLATE "C" NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX items_canonical_link ON items(canonical_link) WHERE canonical_link IS NOT NULL;
CREATE INDEX items_source ON items(source_id);
CREATE INDEX items_seq ON items(seq);
CREATE INDEX items_sort ON items(sort_at DESC, id DESC);
CREATE INDEX items_source_sort ON items(source_id, sort_at DESC, id DESC);
CREATE INDEX items_category_sort ON items(category, sort_at DESC, id DESC);
CREATE INDEX items_site_sort ON items(category, site, sort_at DESC, id DESC);
CREATE INDEX items_channel_sort ON items(category, site, channel, sort_at DESC, id DESC);
CREATE TABLE item_bodies (item_id TEXT COLLATE "C" PRIMARY KEY, html TEXT COLLATE "C" NOT NULL);
CREATE TABLE item_sources (item_id TEXT COLLATE "C" NOT NULL, source_id TEXT COLLATE "C" NOT NULL, first_seen_at TEXT COLLATE "C" NOT NULL, PRIMARY KEY (item_id, source_id));
CREATE TABLE tombstones (id TEXT COLLATE "C" PRIMARY KEY, canonical_link TEXT COLLATE "C", removed_at TEXT COLLATE "C" NOT NULL);
CREATE INDEX tombstones_canonical_link ON tombstones(canonical_link);
CREATE TABLE abbrlinks (item_id TEXT COLLATE "C" PRIMARY KEY, abbrlink TEXT COLLATE "C" NOT NULL UNIQUE);
CREATE TABLE runs (
  id BIGSERIAL PRIMARY KEY, started_at TEXT COLLATE "C" NOT NULL, finished_at TEXT COLLATE "C" NOT NULL,
  sources INTEGER NOT NULL, failed INTEGER NOT NULL, created INTEGER NOT NULL, updated INTEGER NOT NULL
);
CREATE TABLE output_files (
  output TEXT COLLATE "C" NOT NULL, item_id TEXT COLLATE "C" NOT NULL, rel_path TEXT COLLATE "C" NOT NULL, content_hash TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (output, item_id), UNIQUE (output, rel_path)
);
CREATE TABLE output_notes (output TEXT COLLATE "C" NOT NULL, item_id TEXT COLLATE "C" NOT NULL, note TEXT COLLATE "C" NOT NULL, PRIMARY KEY (output, item_id));
CREATE TABLE output_state (output TEXT COLLATE "C" PRIMARY KEY, synced_seq BIGINT NOT NULL);
CREATE TABLE output_slugs (
  output TEXT COLLATE "C" NOT NULL, scope TEXT COLLATE "C" NOT NULL, key TEXT COLLATE "C" NOT NULL, slug TEXT COLLATE "C" NOT NULL, folded TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (output, scope, key), UNIQUE (output, scope, folded)
);
CREATE TABLE run_lock (name TEXT COLLATE "C" PRIMARY KEY, owner TEXT COLLATE "C" NOT NULL, acquired_at TEXT COLLATE "C" NOT NULL, expires_at TEXT COLLATE "C" NOT NULL);
CREATE TABLE host_slots (host TEXT COLLATE "C" NOT NULL, slot INTEGER NOT NULL, owner TEXT COLLATE "C", until TEXT COLLATE "C", PRIMARY KEY (host, slot));
`;

/** Where an item is listed: under every carrying source's names (see the SQLite migration of the same name). */
const PLACEMENTS = `
ALTER TABLE item_sources ADD COLUMN category TEXT COLLATE "C" NOT NULL DEFAULT '', ADD COLUMN site TEXT COLLATE "C" NOT NULL DEFAULT '',
  ADD COLUMN channel TEXT COLLATE "C" NOT NULL DEFAULT '', ADD COLUMN sort_at TEXT COLLATE "C" NOT NULL DEFAULT '';
UPDATE item_sources c SET category = s.category, site = s.site, channel = s.channel FROM sources s WHERE s.id = c.source_id;
UPDATE item_sources c SET sort_at = i.sort_at FROM items i WHERE i.id = c.item_id;
CREATE INDEX item_sources_category ON item_sources(category, sort_at DESC, item_id DESC);
CREATE INDEX item_sources_site ON item_sources(category, site, sort_at DESC, item_id DESC);
CREATE INDEX item_sources_channel ON item_sources(category, site, channel, sort_at DESC, item_id DESC);
CREATE INDEX item_sources_source ON item_sources(source_id);
CREATE FUNCTION item_sources_placed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT s.category, s.site, s.channel INTO NEW.category, NEW.site, NEW.channel FROM sources s WHERE s.id = NEW.source_id;
  NEW.sort_at := coalesce((SELECT i.sort_at FROM items i WHERE i.id = NEW.item_id), '');
  RETURN NEW;
END $$;
CREATE TRIGGER item_sources_placed BEFORE INSERT ON item_sources FOR EACH ROW EXECUTE FUNCTION item_sources_placed();
CREATE FUNCTION sources_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE item_sources SET category = NEW.category, site = NEW.site, channel = NEW.channel WHERE source_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER sources_renamed AFTER UPDATE OF category, site, channel ON sources FOR EACH ROW
  WHEN (OLD.category IS DISTINCT FROM NEW.category OR OLD.site IS DISTINCT FROM NEW.site OR OLD.channel IS DISTINCT FROM NEW.channel) EXECUTE FUNCTION sources_renamed();
CREATE FUNCTION items_redated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE item_sources SET sort_at = NEW.sort_at WHERE item_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER items_redated AFTER UPDATE OF published_at ON items FOR EACH ROW
  WHEN (OLD.published_at IS DISTINCT FROM NEW.published_at) EXECUTE FUNCTION items_redated();
`;

/** Retention by first sighting, never below what a feed lists (see the SQLite migration of the same name). */
const LISTED = `
ALTER TABLE sources ADD COLUMN listed TEXT COLLATE "C";
ALTER TABLE tombstones ADD COLUMN first_seen_at TEXT COLLATE "C";
CREATE INDEX items_first_seen ON items(first_seen_at);
`;

/** RSSHub instances' health and the instance that last served each route (see the SQLite migration of the same name). */
const INSTANCES = `
ALTER TABLE sources ADD COLUMN served_by TEXT COLLATE "C";
CREATE TABLE rsshub_instances (
  url TEXT COLLATE "C" PRIMARY KEY, failures INTEGER NOT NULL DEFAULT 0, open_until TEXT COLLATE "C",
  last_error_code TEXT COLLATE "C", last_error_status INTEGER, last_error_message TEXT COLLATE "C", last_error_at TEXT COLLATE "C", last_ok_at TEXT COLLATE "C"
);
`;

/** Imported front matter on the item, Hexo's abbrlinks among its slugs (see the SQLite migration of the same name). */
const OUTPUT_STATE_APART = `
CREATE TABLE imported_posts (item_id TEXT COLLATE "C" PRIMARY KEY, front_matter TEXT COLLATE "C" NOT NULL);
INSERT INTO imported_posts (item_id, front_matter) SELECT n.item_id, n.note FROM output_notes n JOIN items i ON i.id = n.item_id WHERE n.output = 'hexo';
DELETE FROM output_notes WHERE output = 'hexo' AND item_id IN (SELECT item_id FROM imported_posts);
INSERT INTO output_slugs (output, scope, key, slug, folded) SELECT 'hexo', 'abbrlink', item_id, abbrlink, lower(abbrlink) FROM abbrlinks;
DROP TABLE abbrlinks;
`;

/** An output's own state by name (see the SQLite migration of the same name). */
const OUTPUT_VALUES = `
CREATE TABLE output_values (output TEXT COLLATE "C" NOT NULL, name TEXT COLLATE "C" NOT NULL, value TEXT COLLATE "C" NOT NULL, PRIMARY KEY (output, name));
INSERT INTO output_values (output, name, value) SELECT output, substr(item_id, 2), note FROM output_notes WHERE item_id LIKE '@%';
DELETE FROM output_notes WHERE item_id LIKE '@%';
`;

/** The rule that hides an item (see the SQLite migration of the same name). */
const HIDDEN = `
ALTER TABLE items ADD COLUMN hidden_by TEXT COLLATE "C";
CREATE INDEX items_hidden ON items(hidden_by) WHERE hidden_by IS NOT NULL;
`;

/** The article page a body was read from (see the SQLite migration of the same name). */
const ARTICLE_PAGES = `
ALTER TABLE item_bodies ADD COLUMN page_url TEXT COLLATE "C", ADD COLUMN page_etag TEXT COLLATE "C", ADD COLUMN page_modified TEXT COLLATE "C";
`;

/** Stories across outlets (see the SQLite migration of the same name). */
const STORIES = `
ALTER TABLE items ADD COLUMN story_id TEXT COLLATE "C";
CREATE INDEX items_story ON items(story_id, sort_at);
CREATE TABLE story_keys (key TEXT COLLATE "C" NOT NULL, item_id TEXT COLLATE "C" NOT NULL, at TEXT COLLATE "C" NOT NULL, PRIMARY KEY (key, item_id));
CREATE INDEX story_keys_item ON story_keys(item_id);
`;

/** A removal's change number (see the SQLite migration of the same name). */
const REMOVAL_SEQ = `
ALTER TABLE tombstones ADD COLUMN seq BIGINT;
CREATE INDEX tombstones_seq ON tombstones(seq);
`;

/** Append-only, numbered like SQLite's: the version is the list's length. */
const MIGRATIONS: readonly string[] = [SCHEMA, PLACEMENTS, LISTED, INSTANCES, OUTPUT_STATE_APART, OUTPUT_VALUES, HIDDEN, ARTICLE_PAGES, STORIES, REMOVAL_SEQ];

export const PG_SCHEMA_VERSION = MIGRATIONS.length;

/** Up to date, each step in its own transaction; an advisory lock keeps two processes from migrating at once. */
export async function migrate(db: Db): Promise<void> {
  await transaction(db, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock(7301000)');
    await c.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const { rows } = await c.query('SELECT version FROM schema_version');
    let v = (rows[0] as { version: number } | undefined)?.version ?? 0;
    if (rows.length === 0) await c.query('INSERT INTO schema_version (version) VALUES (0)');
    if (v > MIGRATIONS.length) throw new Error(`the database was written by a newer Broadsheet (schema ${v}, this one knows ${MIGRATIONS.length})`);
    for (; v < MIGRATIONS.length; v++) await c.query(MIGRATIONS[v]!);
    await c.query('UPDATE schema_version SET version = $1', [v]);
  });
}
