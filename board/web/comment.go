package web

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/netip"
	"strconv"
	"time"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
)

// formView is the comment form of one request.
type formView struct {
	Lang      i18n.Lang
	Action    string
	Token     string
	Question  string
	CaptchaOn bool
	Name      string
	Title     string
	Body      string
	Err       map[string]string // field -> message
	General   string
	Flash     string
}

// T is a message in the form's language.
func (f *formView) T(key string, args ...any) string { return i18n.T(f.Lang, i18n.Key(key), args...) }

// newForm makes an empty form for a thread: a fresh question (when the captcha is on) and token.
func (s *Server) newForm(ctx context.Context, lang i18n.Lang, thread uint64, path string, addr netip.Addr) *formView {
	f := &formView{Lang: lang, Action: path + "/comment", Err: map[string]string{}}
	tok := formToken{thread: thread, issued: s.now()}
	if set, err := s.b.Settings(ctx); err != nil || set.Captcha {
		tok.a, tok.b = board.CaptchaQuestion()
		f.CaptchaOn = true
		f.Question = i18n.T(lang, i18n.WebFormQuestion, tok.a, tok.b)
	}
	f.Token = s.signToken(tok, addr)
	return f
}

func (s *Server) renderForm(f *formView) []byte {
	var buf bytes.Buffer
	if err := s.form.ExecuteTemplate(&buf, "form.html", f); err != nil {
		s.log.Error("web: comment form", "err", err)
	}
	return buf.Bytes()
}

// comment takes the form: checks the token and the answer, then posts as a guest identified by
// the visitor's address (the board applies bans, the rate limit, validation and moderation).
// Success redirects to the thread (POST-redirect-GET); a refusal shows the thread again with the
// message next to the field and the typed text kept.
func (s *Server) comment(w http.ResponseWriter, r *http.Request) {
	id, _, ok := threadID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	lang := s.lang(r)
	if err := r.ParseForm(); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			s.message(w, r, http.StatusRequestEntityTooLarge, i18n.WebErrorTitle, i18n.T(lang, i18n.WebFormTooLarge))
			return
		}
		s.message(w, r, http.StatusBadRequest, i18n.WebErrorTitle, i18n.T(lang, i18n.WebFormExpired))
		return
	}
	p, path, err := s.threadPage(r, id, 1)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	addr := info(r).addr
	now := s.now()
	in := board.CommentInput{ThreadID: id, Name: r.PostForm.Get("name"), Title: r.PostForm.Get("title"), Body: r.PostForm.Get("body")}
	retry := func(status int, fill func(f *formView)) {
		f := s.newForm(r.Context(), lang, id, path, addr)
		// shown back as typed, less what the sanitiser removes from any text it shows
		f.Name, f.Title, f.Body = text.Line(in.Name), text.Line(in.Title), text.Clean(in.Body)
		fill(f)
		if f.General == "" {
			f.General = i18n.T(lang, i18n.WebFormProblem)
		}
		p.write(w, r, s.renderForm(f), status, false)
	}
	tok, err := s.verifyToken(r.PostForm.Get("token"), id, addr, now)
	if err != nil {
		retry(http.StatusBadRequest, func(f *formView) { f.General = i18n.T(lang, i18n.WebFormExpired) })
		return
	}
	if tok.a != 0 || tok.b != 0 {
		if !board.CaptchaAnswered(tok.a, tok.b, r.PostForm.Get("answer")) {
			retry(http.StatusBadRequest, func(f *formView) { f.Err["answer"] = i18n.T(lang, i18n.WebFormCaptcha) })
			return
		}
	}
	c, err := s.b.PostComment(r.Context(), board.Identity{Addr: addr}, in)
	var ve *board.ValidationError
	var re *board.RateLimitError
	switch {
	case err == nil:
		s.visitors.page(addr, 0, now)
		sent := "pending"
		if c.Status == board.CommentApproved {
			sent = "published"
		}
		http.Redirect(w, r, path+"?sent="+sent+"#comment-form", http.StatusSeeOther)
	case errors.As(err, &ve):
		retry(http.StatusBadRequest, func(f *formView) {
			field := ve.Field
			if field != "name" && field != "title" && field != "body" {
				field = "body"
			}
			f.Err[field] = i18n.Error(lang, err)
		})
	case errors.Is(err, board.ErrBanned):
		retry(http.StatusForbidden, func(f *formView) { f.General = i18n.Error(lang, err) })
	case errors.As(err, &re):
		w.Header().Set("Retry-After", strconv.Itoa(int(max(re.RetryAfter, time.Second).Round(time.Second)/time.Second)))
		retry(http.StatusTooManyRequests, func(f *formView) { f.General = i18n.Error(lang, err) })
	case errors.Is(err, board.ErrNotFound):
		s.notFound(w, r)
	default:
		s.log.Error("web: post comment", "thread", id, "err", err)
		retry(http.StatusInternalServerError, func(f *formView) { f.General = i18n.Error(lang, err) })
	}
}
