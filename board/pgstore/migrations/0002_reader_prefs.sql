-- A reader's remembered choices (Vietnamese input method, ...), by reader key.
CREATE TABLE reader_prefs (
	reader text COLLATE "C" PRIMARY KEY,
	rec    jsonb NOT NULL
);
