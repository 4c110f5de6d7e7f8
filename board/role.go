package board

import (
	"fmt"
	"strings"
)

// Role orders what an identity may do: RoleAdmin > RoleEditor > RoleStaff > RoleGuest.
// Admins do everything; editors post and edit news and moderate; staff comment without
// moderation (unless the board moderates everyone); guests read and comment into the queue.
type Role uint8

const (
	RoleGuest Role = iota
	RoleStaff
	RoleEditor
	RoleAdmin
)

var roleNames = names[Role]{RoleGuest: "guest", RoleStaff: "staff", RoleEditor: "editor", RoleAdmin: "admin"}

func (r Role) String() string {
	if n, ok := roleNames.name(r); ok {
		return n
	}
	return fmt.Sprintf("role(%d)", uint8(r))
}

// ParseRole reads "admin", "editor", "staff" or "guest" (any case).
func ParseRole(s string) (Role, error) {
	if r, ok := roleNames.parse(strings.TrimSpace(s), strings.EqualFold); ok {
		return r, nil
	}
	return RoleGuest, &ValidationError{Field: "role", Problem: ProblemUnknown}
}

func (r Role) MarshalText() ([]byte, error) {
	n, ok := roleNames.name(r)
	if !ok {
		return nil, fmt.Errorf("marshal role %d: %w", uint8(r), ErrInvalid)
	}
	return []byte(n), nil
}

func (r *Role) UnmarshalText(b []byte) error {
	v, err := ParseRole(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// CanModerate: approve, reject, edit and delete comments, see the queue.
func (r Role) CanModerate() bool { return r >= RoleEditor }

// CanEditNews: post, edit, hide, restore and delete threads; manage categories.
func (r Role) CanEditNews() bool { return r >= RoleEditor }

// CanAdmin: accounts, bans, settings, the audit log, backups.
func (r Role) CanAdmin() bool { return r >= RoleAdmin }
