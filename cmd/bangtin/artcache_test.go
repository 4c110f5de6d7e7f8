package main

import (
	"testing"

	"github.com/spf13/pflag"

	"bangtin/board/sshd"
)

// TestArtCacheFlag: --art-cache has a default, a variable, and the flag wins over the variable.
func TestArtCacheFlag(t *testing.T) {
	for _, tc := range []struct {
		name    string
		args    []string
		env     map[string]string
		want    int64
		wantErr bool
	}{
		{"default", nil, nil, sshd.DefaultArtCache, false},
		{"variable", nil, map[string]string{"BANGTIN_ART_CACHE": "1048576"}, 1 << 20, false},
		{"flag wins", []string{"--art-cache", "4096"}, map[string]string{"BANGTIN_ART_CACHE": "1048576"}, 4096, false},
		{"bad variable", nil, map[string]string{"BANGTIN_ART_CACHE": "lots"}, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var o serveOptions
			fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
			addServeFlags(fs, &o)
			if err := fs.Parse(tc.args); err != nil {
				t.Fatal(err)
			}
			err := applyEnv(fs, func(k string) (string, bool) { v, ok := tc.env[k]; return v, ok })
			if (err != nil) != tc.wantErr {
				t.Fatalf("error %v, want one: %v", err, tc.wantErr)
			}
			if !tc.wantErr && o.Files.ArtCache != tc.want {
				t.Errorf("art cache %d, want %d", o.Files.ArtCache, tc.want)
			}
		})
	}
}

// TestPublicHost: the host the TUI's download commands name, from --public-url.
func TestPublicHost(t *testing.T) {
	for _, tc := range []struct{ url, want string }{
		{"", ""},
		{"https://bangtin.tanphu.gov.vn", "bangtin.tanphu.gov.vn"},
		{"https://bangtin.tanphu.gov.vn:8443/bang-tin/", "bangtin.tanphu.gov.vn"},
		{"http://[2001:db8::5]:8080/", "2001:db8::5"},
		{" http://10.0.0.5/ ", "10.0.0.5"},
		{"://bad", ""},
	} {
		if got := publicHost(tc.url); got != tc.want {
			t.Errorf("publicHost(%q) = %q, want %q", tc.url, got, tc.want)
		}
	}
}
