//go:build race

package sshd

// hRace: the race detector is on (its tests run several times slower).
const hRace = true
