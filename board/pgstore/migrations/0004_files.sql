-- Files attached to threads (pictures, documents): the record whole as JSON beside the columns
-- the thread's list and the size total need; the bytes apart, so lists never read them.
CREATE SEQUENCE files_id;
CREATE TABLE files (
	id        bigint PRIMARY KEY,
	thread_id bigint NOT NULL,
	ord       integer NOT NULL,
	size      bigint NOT NULL,
	rec       jsonb NOT NULL
);
CREATE INDEX files_thread ON files (thread_id, ord, id);
CREATE TABLE file_data (
	id   bigint PRIMARY KEY,
	data bytea NOT NULL
);
