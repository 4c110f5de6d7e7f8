-- A writer's own comments (MyComments) from an index rather than a walk over every comment:
-- author is board.Comment.AuthorKey ("acct:LOGIN", "key:FINGERPRINT"; '' for a guest without a
-- key, who is never listed).
ALTER TABLE comments ADD COLUMN author text COLLATE "C" NOT NULL DEFAULT '';
UPDATE comments SET author = CASE
	WHEN coalesce(rec->>'Login', '') <> '' THEN 'acct:' || (rec->>'Login')
	WHEN coalesce(rec->>'Fingerprint', '') <> '' THEN 'key:' || (rec->>'Fingerprint')
	ELSE '' END;
CREATE INDEX comments_author ON comments (author, id) WHERE author <> '';
