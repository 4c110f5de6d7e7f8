// Package web serves the board on the web: read-only pages (home, categories, threads, search),
// the portal's comment form (Họ tên, Tiêu đề, Nội dung, Mã kiểm tra), RSS and Atom feeds, a
// sitemap and robots.txt. Every read and write goes through the same board.Board methods as the
// SSH interfaces, with a guest board.Identity identified by the visitor's IP address: the same
// permissions, sanitiser, bans, guest rate limit and moderation hold.
//
// Pages are rendered with html/template from templates embedded in the binary, without any
// script. A page is rendered once per content version of the board (board.ContentVersion), per
// language and per visitor-box figures, and kept ready in plain and gzip form, so a request is a
// map look-up and a write; ETag and Last-Modified let browsers revalidate with a 304. The comment
// form carries a question and a signed token made for each request: a thread page is cached as
// the text before and after the form, and the form is spliced in (into the gzip stream as a
// stored block, which is why the gzip framing here is written by hand: a few lines of deflate's
// stored-block format instead of compressing every page again per request).
//
// Markdown becomes HTML with goldmark (raw HTML off), then bluemonday's UGC policy (links only
// http, https and mailto, with rel="nofollow ugc noopener"). Feeds are gorilla/feeds.
package web
