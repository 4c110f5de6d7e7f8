package main

import (
	"github.com/spf13/pflag"

	"bangtin/board"
	"bangtin/board/sshd"
)

// fileOptions are the limits of files attached to threads.
type fileOptions struct {
	MaxFileSize    int64
	MaxFilesTotal  int64
	MaxThreadFiles int
	Types          []string
	ArtCache       int64 // bytes of pictures' terminal art the sessions share (sshd.Config.ArtCache)
}

func addFileFlags(fs *pflag.FlagSet, o *fileOptions) {
	fs.Int64Var(&o.MaxFileSize, "max-file-size", board.DefaultMaxFileSize, "bytes a file attached to a thread may have")
	fs.Int64Var(&o.MaxFilesTotal, "max-files-total", board.DefaultMaxFilesTotal, "bytes all attached files may have together")
	fs.IntVar(&o.MaxThreadFiles, "max-thread-files", board.DefaultMaxThreadFiles, "files a thread may have")
	fs.StringSliceVar(&o.Types, "file-types", nil,
		`content types allowed beyond the pictures and documents built in, as sniffed from the bytes (e.g. "application/zip"); comma-separated`)
	fs.Int64Var(&o.ArtCache, "art-cache", sshd.DefaultArtCache,
		"bytes of memory for the pictures drawn in the terminal, shared by all sessions (least recently used go first)")
}
