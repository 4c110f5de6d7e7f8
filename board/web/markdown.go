package web

import (
	"bytes"
	"html/template"
	"regexp"
	"sync"
	"time"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	gmtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"bangtin/board/text"
)

// linkRel is the rel of every link in user text.
const linkRel = "nofollow ugc noopener"

// relTransformer gives every link and autolink the rel above.
type relTransformer struct{}

func (relTransformer) Transform(doc *ast.Document, _ gmtext.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindLink, ast.KindAutoLink:
			n.SetAttributeString("rel", []byte(linkRel))
		}
		return ast.WalkContinue, nil
	})
}

// renderer turns a thread's Markdown into safe HTML. goldmark's HTML renderer leaves raw HTML out
// (it is not WithUnsafe); bluemonday then keeps only the UGC policy's elements and attributes.
type renderer struct {
	md     goldmark.Markdown
	policy *bluemonday.Policy

	mu    sync.Mutex
	cache map[mdKey]template.HTML
}

type mdKey struct {
	id      uint64
	updated time.Time
	size    int
}

// maxMarkdownCache bounds the cached bodies; the whole cache is dropped when it is full.
const maxMarkdownCache = 2048

func newRenderer() *renderer {
	p := bluemonday.UGCPolicy()
	p.AllowURLSchemes("http", "https", "mailto")
	p.AllowAttrs("rel").Matching(regexp.MustCompile(`^` + linkRel + `$`)).OnElements("a")
	p.RequireNoFollowOnLinks(true)
	return &renderer{
		md: goldmark.New(
			goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify),
			goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(relTransformer{}, 100))),
		),
		policy: p,
		cache:  map[mdKey]template.HTML{},
	}
}

// HTML is a thread body as safe HTML, rendered once per version of the thread and shared.
func (r *renderer) HTML(id uint64, updated time.Time, body string) template.HTML {
	k := mdKey{id, updated, len(body)}
	r.mu.Lock()
	h, ok := r.cache[k]
	r.mu.Unlock()
	if ok {
		return h
	}
	h = r.render(body)
	r.mu.Lock()
	if len(r.cache) >= maxMarkdownCache {
		clear(r.cache)
	}
	r.cache[k] = h
	r.mu.Unlock()
	return h
}

func (r *renderer) render(body string) template.HTML {
	var buf bytes.Buffer
	if err := r.md.Convert([]byte(body), &buf); err != nil {
		// goldmark fails only on a failing writer; a bytes.Buffer does not fail.
		return template.HTML(template.HTMLEscapeString(body))
	}
	// Character references in the Markdown (&#x1b;) come out of goldmark as the characters: the
	// board's sanitiser removes controls, bidi and invisible characters from the HTML (before
	// bluemonday, so that a URL it shortens is still checked), as it does from every text.
	cleaned := text.Clean(buf.String())
	return template.HTML(r.policy.Sanitize(cleaned)) // #nosec: sanitised by bluemonday
}
