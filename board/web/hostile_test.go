package web

import (
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/hostile"
	"bangtin/board/text"
)

// webPayloads are hostile to browsers rather than terminals: each would set window.pwned if any
// of it became live markup.
var webPayloads = []hostile.Payload{
	{Name: "script-title", Text: "<script>window.pwned=1</script>Lịch tiêm <b>trẻ em</b>"},
	{Name: "img-onerror", Text: `"><img src=x onerror="window.pwned=1">`},
	{Name: "svg-onload", Text: `<svg/onload=window.pwned=1>`},
	{Name: "md-js-link", Text: "[bấm vào đây](javascript:window.pwned=1)"},
	{Name: "md-js-link-entity", Text: "[x](&#106;avascript:window.pwned=1)"},
	{Name: "html-js-link", Text: `<a href="javascript:window.pwned=1">x</a>`},
	{Name: "md-img-attr", Text: `![x](x" onerror="window.pwned=1)`},
	{Name: "iframe", Text: `<iframe src="javascript:window.pwned=1"></iframe>`},
	{Name: "textarea-break", Text: `</textarea><script>window.pwned=1</script>`},
	{Name: "title-break", Text: `</title><script>window.pwned=1</script>`},
	{Name: "attr-break", Text: `' onmouseover='window.pwned=1' x='`},
	{Name: "style", Text: `<style>body{display:none}</style><p style="background:url(javascript:window.pwned=1)">x</p>`},
	{Name: "data-link", Text: "[x](data:text/html;base64,PHNjcmlwdD53aW5kb3cucHduZWQ9MTwvc2NyaXB0Pg==)"},
	{Name: "md-autolink-js", Text: "<javascript:window.pwned=1>"},
	{Name: "comment-break", Text: "--><script>window.pwned=1</script><!--"},
	{Name: "form-slot", Text: formSlot + "<script>window.pwned=1</script>"},
	{Name: "template", Text: "{{.Token}} {{template \"form\"}}"},
	{Name: "meta-refresh", Text: `<meta http-equiv="refresh" content="0;url=javascript:window.pwned=1">`},
	{Name: "base", Text: `<base href="https://evil.example/">`},
	{Name: "object", Text: `<object data="javascript:window.pwned=1"></object><embed src="x">`},
	{Name: "math", Text: `<math><mtext><table><mglyph><style><img src=x onerror=window.pwned=1>`},
}

// allPayloads is the board's corpus and the web's own.
func allPayloads() []hostile.Payload { return append(hostile.Payloads(), webPayloads...) }

// checkHTML reports live markup in a page: an element the templates never write (script, iframe,
// style...), an event-handler attribute, a script URL, a form posting elsewhere, an SVG outside the
// visitor box, or a control character (hostile.CheckView) in the text.
func checkHTML(page string, needles ...string) error {
	if err := hostile.CheckView(strings.ReplaceAll(page, "\t", " "), needles...); err != nil {
		return err
	}
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return err
	}
	var walk func(n *html.Node, inSVG bool) error
	walk = func(n *html.Node, inSVG bool) error {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "iframe", "object", "embed", "style", "base", "frame", "frameset", "math", "applet", "template":
				return fmt.Errorf("a <%s> element", n.Data)
			case "meta":
				for _, a := range n.Attr {
					if strings.EqualFold(a.Key, "http-equiv") {
						return fmt.Errorf("a <meta http-equiv>")
					}
				}
			case "svg":
				if !hasClassAncestor(n, "spark") {
					return fmt.Errorf("an <svg> outside the visitor box")
				}
				inSVG = true
			case "form":
				for _, a := range n.Attr {
					if a.Key == "action" && a.Val != "/search" && !strings.HasSuffix(a.Val, "/comment") {
						return fmt.Errorf("a form posting to %q", a.Val)
					}
				}
			}
			if inSVG && n.Data != "svg" && n.Data != "rect" && n.Data != "title" {
				return fmt.Errorf("an svg <%s>", n.Data)
			}
			for _, a := range n.Attr {
				k := strings.ToLower(a.Key)
				v := strings.ToLower(strings.TrimSpace(a.Val))
				if strings.HasPrefix(k, "on") || k == "style" || k == "formaction" || k == "srcdoc" {
					return fmt.Errorf("<%s %s=%q>", n.Data, a.Key, a.Val)
				}
				if (k == "href" || k == "src" || k == "action" || k == "data") &&
					(strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:") || strings.HasPrefix(v, "vbscript:")) {
					return fmt.Errorf("<%s %s=%q>", n.Data, a.Key, a.Val)
				}
				if n.Data == "a" && k == "rel" && a.Val != linkRel && a.Val != "prev" && a.Val != "next" {
					return fmt.Errorf("a link with rel %q", a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if err := walk(c, inSVG); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(doc, false)
}

func hasClassAncestor(n *html.Node, class string) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		for _, a := range p.Attr {
			if a.Key == "class" && a.Val == class {
				return true
			}
		}
	}
	return false
}

func TestCheckHTMLCatchesLiveMarkup(t *testing.T) {
	for _, bad := range []string{
		`<p><script>window.pwned=1</script></p>`, `<img src=x onerror="window.pwned=1">`,
		`<a href=" javascript:x">x</a>`, `<svg onload=x></svg>`, `<p style="x">`, "<p>\x1b[2J</p>",
		`<form action="https://evil.example"></form>`,
	} {
		if checkHTML(bad) == nil {
			t.Errorf("checkHTML passes %q", bad)
		}
	}
	if err := checkHTML(`<p>&lt;script&gt;window.pwned=1&lt;/script&gt; <a href="http://a" rel="nofollow ugc noopener">a</a></p>`); err != nil {
		t.Errorf("checkHTML refuses escaped text: %v", err)
	}
}

// TestHostileThreadsAndComments puts every payload in a thread's title, summary and body and in
// every field of the comment form (refused and shown again, then posted and approved), and checks
// every page that shows them: home, thread, search; then the feeds and the sitemap that hold them
// all.
func TestHostileThreadsAndComments(t *testing.T) {
	f := newFixture(t, board.Options{GuestCommentLimit: 1 << 20})
	const addr = "203.0.113.50:1"
	ip := netip.MustParseAddr("203.0.113.50")
	var threads []uint64
	for _, p := range allPayloads() {
		needles := hostile.NeedlesFor(p)
		check := func(where, body string) {
			t.Helper()
			if err := checkHTML(body, needles...); err != nil {
				t.Errorf("%s: %s: %v", p.Name, where, err)
			}
		}
		in := board.ThreadInput{Title: p.Text, Summary: p.Text, Body: p.Text}
		th, err := f.b.CreateThread(ctx(), boardtest.Editor, in)
		if err != nil {
			// too long for a title or summary: keep it in the body only
			in = board.ThreadInput{Title: "Tin " + p.Name, Body: p.Text}
			if th, err = f.b.CreateThread(ctx(), boardtest.Editor, in); err != nil {
				in.Body = "x"
				if th, err = f.b.CreateThread(ctx(), boardtest.Editor, in); err != nil {
					t.Fatalf("%s: %v", p.Name, err)
				}
			}
		}
		threads = append(threads, th.ID)
		tp := threadURL(th)
		lists := []string{"/", "/search?q=" + url.QueryEscape(p.Text[:min(len(p.Text), 200)])}
		if th.Title != text.Line(p.Text) {
			lists = lists[1:] // the lists show only the title and summary: not this payload
		}
		for _, u := range lists {
			if res, body := f.get(u); res.StatusCode != 200 {
				t.Errorf("%s: GET %s: %d", p.Name, u, res.StatusCode)
			} else {
				check(u, body)
			}
		}
		// every form field, shown back after a wrong answer (the page shows the thread too)
		form := func(name, title, body, answer string) url.Values {
			return url.Values{"token": {f.s.signToken(formToken{thread: th.ID, a: 2, b: 3, issued: time.Now()}, ip)},
				"name": {name}, "title": {title}, "body": {body}, "answer": {answer}}
		}
		res, body := f.post(tp, form(p.Text, p.Text, p.Text, p.Text), addr)
		if res.StatusCode == http.StatusSeeOther {
			t.Errorf("%s: a wrong answer was taken", p.Name)
		}
		check("form shown again", body)
		// then posted with the right answer and approved
		if res, body = f.post(tp, form(p.Text, p.Text, p.Text, "5"), addr); res.StatusCode != http.StatusSeeOther {
			check("form refused", body)
			if res, body = f.post(tp, form("Khách", "", p.Text, "5"), addr); res.StatusCode != http.StatusSeeOther {
				check("form refused", body)
			}
		}
		if res.StatusCode == http.StatusSeeOther {
			pending, err := f.b.Pending(ctx(), boardtest.Editor, 100)
			if err != nil || len(pending) == 0 {
				t.Fatalf("%s: pending %v", p.Name, err)
			}
			ids := make([]uint64, len(pending))
			for i, c := range pending {
				ids[i] = c.ID
			}
			if err := f.b.ApproveComments(ctx(), boardtest.Editor, ids, ""); err != nil {
				t.Fatal(err)
			}
			_, body = f.get(tp)
			check("approved comment", body)
			if strings.Contains(p.Text, "window.pwned") && !strings.Contains(body, "window.pwned") {
				t.Errorf("%s: the comment's text is lost", p.Name)
			}
		}
		// out of the lists, so that the next payload's pages hold only its own text
		if err := f.b.HideThread(ctx(), boardtest.Editor, th.ID, "test"); err != nil {
			t.Fatal(err)
		}
	}
	// the feeds and the sitemap with every payload in them: well-formed, no controls
	for _, id := range threads {
		if err := f.b.RestoreThread(ctx(), boardtest.Editor, id); err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range []string{"/rss.xml", "/atom.xml", "/sitemap.xml"} {
		_, body := f.get(u)
		if err := hostile.CheckView(body); err != nil {
			t.Errorf("%s: %v", u, err)
		}
		dec := xml.NewDecoder(strings.NewReader(body))
		for {
			if _, err := dec.Token(); err != nil {
				if err != io.EOF {
					t.Errorf("%s: not well-formed: %v", u, err)
				}
				break
			}
		}
	}
}

// TestHostileTitleShowsAsText: the example title shows as text.
func TestHostileTitleShowsAsText(t *testing.T) {
	f := newFixture(t)
	th := f.thread("<script>…</script>Lịch tiêm <b>trẻ em</b>", "x")
	_, body := f.get(threadURL(th))
	if !strings.Contains(body, "<h1>&lt;script&gt;…&lt;/script&gt;Lịch tiêm &lt;b&gt;trẻ em&lt;/b&gt;</h1>") {
		t.Error("the title is not shown as text")
	}
}
