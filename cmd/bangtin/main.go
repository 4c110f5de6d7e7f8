// Command bangtin is the SSH bulletin board: `bangtin` (or `bangtin serve`) serves the board on
// :2222 from the data directory ./data; `bangtin check` checks a stopped board's database,
// `bangtin restore` puts a backup in its place, `bangtin version` prints the version. Every flag
// of serve also reads an environment variable (BANGTIN_LISTEN, BANGTIN_DATA, ...); a flag given on
// the command line wins.
package main

import (
	"fmt"
	"os"
	"runtime/debug"
	_ "time/tzdata" // the board's time zone must not depend on the host's zoneinfo
)

// version is set at build time: go build -ldflags "-X main.version=1.0.0".
var version = ""

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// Version is the program's version: the one set at build time, else the module's or the VCS
// revision recorded by the go tool.
func Version() string {
	if version != "" {
		return version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, dirty := "", false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "dev"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "-dirty"
	}
	return fmt.Sprintf("dev-%s", rev)
}
