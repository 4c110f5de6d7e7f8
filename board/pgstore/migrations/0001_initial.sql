-- bangtin schema v1 on PostgreSQL. Every record is kept whole as JSON (rec, the encoding
-- boltstore stores) beside the columns that lists, indexes and counters need, so that fields
-- added to the board's types round-trip without a migration. Times in columns are Unix
-- nanoseconds (bigint), as boltstore orders them.

CREATE TABLE settings (
	id  int PRIMARY KEY CHECK (id = 1),
	rec jsonb NOT NULL
);

-- Counters kept in step with the rows: "pub", "all", "pub/<cat>", "all/<cat>", "any/<cat>",
-- "pending", "visits". Changed only by atomic "n = n + delta" updates.
CREATE TABLE counters (
	name text COLLATE "C" PRIMARY KEY,
	n    bigint NOT NULL DEFAULT 0
);

CREATE SEQUENCE categories_id;
CREATE TABLE categories (
	id  bigint PRIMARY KEY,
	ord int NOT NULL,
	rec jsonb NOT NULL
);

CREATE SEQUENCE threads_id;
-- pin is 0 for pinned threads, 1 otherwise; inv_at is minus the time published (else created)
-- and inv_id minus the id, so that ascending (pin, inv_at, inv_id) is the lists' order.
CREATE TABLE threads (
	id           bigint PRIMARY KEY,
	category_id  bigint NOT NULL,
	status       smallint NOT NULL,
	deleted      boolean NOT NULL,
	pin          smallint NOT NULL,
	inv_at       bigint NOT NULL,
	inv_id       bigint NOT NULL,
	published_ns bigint NOT NULL,
	views        bigint NOT NULL DEFAULT 0,
	rec          jsonb NOT NULL,
	body         text NOT NULL
);
CREATE INDEX threads_pub ON threads (pin, inv_at, inv_id) WHERE status = 1 AND NOT deleted;
CREATE INDEX threads_all ON threads (pin, inv_at, inv_id) WHERE NOT deleted;
CREATE INDEX threads_cat_pub ON threads (category_id, pin, inv_at, inv_id) WHERE status = 1 AND NOT deleted;
CREATE INDEX threads_cat_all ON threads (category_id, pin, inv_at, inv_id) WHERE NOT deleted;

-- Search: the folded words (board/text.Words) of every published thread.
CREATE TABLE search_words (
	word         text COLLATE "C" NOT NULL,
	thread_id    bigint NOT NULL,
	published_ns bigint NOT NULL,
	PRIMARY KEY (word, thread_id)
);
CREATE INDEX search_words_thread ON search_words (thread_id);

CREATE TABLE revisions (
	thread_id bigint NOT NULL,
	rev       int NOT NULL,
	rec       jsonb NOT NULL,
	PRIMARY KEY (thread_id, rev)
);

CREATE SEQUENCE comments_id;
-- status: 0 pending, 1 approved, 2 rejected, 3 deleted.
CREATE TABLE comments (
	id        bigint PRIMARY KEY,
	thread_id bigint NOT NULL,
	status    smallint NOT NULL,
	rec       jsonb NOT NULL
);
CREATE INDEX comments_approved ON comments (thread_id, id) WHERE status = 1;
CREATE INDEX comments_pending ON comments (id) WHERE status = 0;

CREATE TABLE names (
	fingerprint text COLLATE "C" PRIMARY KEY,
	name        text NOT NULL
);

CREATE SEQUENCE bans_id;
CREATE TABLE bans (
	id  bigint PRIMARY KEY,
	rec jsonb NOT NULL
);

CREATE SEQUENCE audit_id;
CREATE TABLE audit (
	id  bigint PRIMARY KEY,
	rec jsonb NOT NULL
);

CREATE TABLE accounts (
	login text COLLATE "C" PRIMARY KEY,
	rec   jsonb NOT NULL
);
CREATE TABLE account_keys (
	fingerprint text COLLATE "C" PRIMARY KEY,
	login       text COLLATE "C" NOT NULL
);
CREATE INDEX account_keys_login ON account_keys (login);

CREATE TABLE reads (
	reader    text COLLATE "C" NOT NULL,
	thread_id bigint NOT NULL,
	at_ns     bigint NOT NULL,
	PRIMARY KEY (reader, thread_id)
);

CREATE TABLE marks (
	reader text COLLATE "C" PRIMARY KEY,
	rec    jsonb NOT NULL
);

-- Visitors per local day ("YYYYMMDD"); seen holds each day's visitor keys, so a visitor counts
-- once a day whichever node saw it.
CREATE TABLE days (
	day    text COLLATE "C" PRIMARY KEY,
	visits bigint NOT NULL DEFAULT 0,
	uniq   bigint NOT NULL DEFAULT 0
);
CREATE TABLE seen (
	day text COLLATE "C" NOT NULL,
	key text COLLATE "C" NOT NULL,
	PRIMARY KEY (day, key)
);

-- Presence: one row per live node, refreshed every few seconds.
CREATE TABLE nodes (
	id        text COLLATE "C" PRIMARY KEY,
	sessions  int NOT NULL,
	heartbeat timestamptz NOT NULL
);

-- Guest comment limit shared by every node: one row per recorded event.
CREATE TABLE limit_events (
	key text COLLATE "C" NOT NULL,
	at  bigint NOT NULL
);
CREATE INDEX limit_events_key ON limit_events (key, at);

INSERT INTO categories (id, ord, rec) VALUES (1, 0, '{"ID":1,"Name":"Tin tức","Slug":"tin-tuc","Order":0}');
SELECT setval('categories_id', 1);
INSERT INTO settings (id, rec) VALUES (1, '{"Moderation":0,"Captcha":true,"WordList":null}');
