-- Search walks published threads newest first when every query word is common: an index in
-- that order, and (thread, word) probes of each thread's words.
CREATE INDEX threads_published ON threads (published_ns DESC, id DESC) WHERE status = 1 AND NOT deleted;
DROP INDEX search_words_thread;
CREATE INDEX search_words_thread ON search_words (thread_id, word);
