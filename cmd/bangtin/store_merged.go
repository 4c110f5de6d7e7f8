// Built once the copy branch (board/export) is merged: whoever merges removes the build
// constraint above.

package main

import "bangtin/board/export"

func init() { pgExport = export.WriteTo }
