package board

import (
	"context"
	"fmt"
	"strconv"
)

func (b *Board) Categories(ctx context.Context) ([]Category, error) {
	var cs []Category
	err := b.view(ctx, func(tx Tx) error {
		var err error
		cs, err = tx.Categories()
		return err
	})
	return cs, err
}

func (b *Board) CategoryBySlug(ctx context.Context, slug string) (Category, error) {
	cs, err := b.Categories(ctx)
	if err != nil {
		return Category{}, err
	}
	for _, c := range cs {
		if c.Slug == slug {
			return c, nil
		}
	}
	return Category{}, fmt.Errorf("category %q: %w", slug, ErrNotFound)
}

func (b *Board) AddCategory(ctx context.Context, actor Identity, name string) (Category, error) {
	if err := b.allow(ctx, actor, actor.Role.CanEditNews(), "category.add"); err != nil {
		return Category{}, err
	}
	name, err := clean(fieldSpec{name: "name", min: 1, max: MaxCategoryName}, name)
	if err != nil {
		return Category{}, err
	}
	slug := Slug(name)
	if slug == "" {
		return Category{}, &ValidationError{Field: "name", Problem: ProblemFormat}
	}
	var c Category
	err = b.update(ctx, func(tx Tx) error {
		cs, err := tx.Categories()
		if err != nil {
			return err
		}
		order := 0
		for _, o := range cs {
			if o.Slug == slug {
				return fmt.Errorf("category %q: %w", slug, ErrExists)
			}
			order = max(order, o.Order+1)
		}
		c = Category{Name: name, Slug: slug, Order: order}
		if err := tx.PutCategory(&c); err != nil {
			return err
		}
		return b.audit(tx, actor, AuditCategoryAdd, fmt.Sprintf("category:%d", c.ID), "", name)
	})
	return c, err
}

// RenameCategory changes a category's name and keeps its slug (links and scripts that use the
// slug keep working); EditCategory changes the slug too.
func (b *Board) RenameCategory(ctx context.Context, actor Identity, id uint64, name string) error {
	_, err := b.EditCategory(ctx, actor, id, name, "")
	return err
}

// EditCategory sets a category's name and, when slug is not "", its slug: lowercase ASCII
// letters and digits joined by single "-" (as Slug makes them), unique among categories
// (ErrExists). It returns the category as stored.
func (b *Board) EditCategory(ctx context.Context, actor Identity, id uint64, name, slug string) (Category, error) {
	if err := b.allow(ctx, actor, actor.Role.CanEditNews(), "category.rename"); err != nil {
		return Category{}, err
	}
	name, err := clean(fieldSpec{name: "name", min: 1, max: MaxCategoryName}, name)
	if err != nil {
		return Category{}, err
	}
	if slug != "" {
		if slug, err = clean(fieldSpec{name: "slug", min: 1, max: MaxCategoryName}, slug); err != nil {
			return Category{}, err
		}
		if Slug(slug) != slug {
			return Category{}, &ValidationError{Field: "slug", Problem: ProblemFormat}
		}
	}
	var out Category
	err = b.update(ctx, func(tx Tx) error {
		cs, err := tx.Categories()
		if err != nil {
			return err
		}
		var c *Category
		for i := range cs {
			if cs[i].ID == id {
				c = &cs[i]
			}
		}
		if c == nil {
			return fmt.Errorf("category %d: %w", id, ErrNotFound)
		}
		newSlug := c.Slug
		if slug != "" {
			newSlug = slug
		}
		for _, o := range cs {
			if o.ID != id && o.Slug == newSlug {
				return fmt.Errorf("category %q: %w", newSlug, ErrExists)
			}
		}
		detail := c.Name + " -> " + name
		if newSlug != c.Slug {
			detail += " (" + c.Slug + " -> " + newSlug + ")"
		}
		c.Name, c.Slug = name, newSlug
		if err := tx.PutCategory(c); err != nil {
			return err
		}
		out = *c
		return b.audit(tx, actor, AuditCategoryRename, fmt.Sprintf("category:%d", id), "", detail)
	})
	if err != nil {
		return Category{}, err
	}
	return out, nil
}

// CategoryThreadCount is the number of threads of a category, deleted ones included (which
// keep a category from being removed).
func (b *Board) CategoryThreadCount(ctx context.Context, id uint64) (int, error) {
	var n int
	err := b.view(ctx, func(tx Tx) error {
		if _, err := tx.Category(id); err != nil {
			return fmt.Errorf("category %d: %w", id, err)
		}
		var err error
		n, err = tx.CategoryThreadCount(id)
		return err
	})
	return n, err
}

// CheckRemoveCategory says whether RemoveCategory would refuse, without changing anything: for
// asking "remove?" only when the answer can be yes. It returns the same errors (ErrForbidden,
// ErrNotFound, ErrNotEmpty) and logs a refusal of the role like RemoveCategory.
func (b *Board) CheckRemoveCategory(ctx context.Context, actor Identity, id uint64) error {
	if err := b.allow(ctx, actor, actor.Role.CanEditNews(), "category.remove"); err != nil {
		return err
	}
	n, err := b.CategoryThreadCount(ctx, id)
	if err != nil {
		return err
	}
	if n > 0 {
		return fmt.Errorf("category %d has %d threads: %w", id, n, ErrNotEmpty)
	}
	return nil
}

// MoveCategory sets a category's position (0-based) among the others.
func (b *Board) MoveCategory(ctx context.Context, actor Identity, id uint64, pos int) error {
	if err := b.allow(ctx, actor, actor.Role.CanEditNews(), "category.move"); err != nil {
		return err
	}
	return b.update(ctx, func(tx Tx) error {
		cs, err := tx.Categories()
		if err != nil {
			return err
		}
		at := -1
		for i, c := range cs {
			if c.ID == id {
				at = i
			}
		}
		if at < 0 {
			return fmt.Errorf("category %d: %w", id, ErrNotFound)
		}
		c := cs[at]
		cs = append(cs[:at], cs[at+1:]...)
		to := min(max(pos, 0), len(cs))
		cs = append(cs[:to], append([]Category{c}, cs[to:]...)...)
		for i := range cs {
			if cs[i].Order != i {
				cs[i].Order = i
				if err := tx.PutCategory(&cs[i]); err != nil {
					return err
				}
			}
		}
		return b.audit(tx, actor, AuditCategoryMove, fmt.Sprintf("category:%d", id), "", strconv.Itoa(to))
	})
}

// RemoveCategory removes an empty category (ErrNotEmpty otherwise; deleted threads count).
func (b *Board) RemoveCategory(ctx context.Context, actor Identity, id uint64) error {
	if err := b.allow(ctx, actor, actor.Role.CanEditNews(), "category.remove"); err != nil {
		return err
	}
	return b.update(ctx, func(tx Tx) error {
		c, err := tx.Category(id)
		if err != nil {
			return err
		}
		n, err := tx.CategoryThreadCount(id)
		if err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("category %d has %d threads: %w", id, n, ErrNotEmpty)
		}
		if err := tx.DeleteCategory(id); err != nil {
			return err
		}
		return b.audit(tx, actor, AuditCategoryRemove, fmt.Sprintf("category:%d", id), "", c.Name)
	})
}
