/* html.c: the page frame (the escapers are src/io/html_write.c). */
#include "html.h"

#include <stdio.h>
#include <string.h>

void page_begin(struct req *r, const char *title, const char *q)
{
	struct buf *b = &r->body;
	r->content_type = "text/html; charset=utf-8";
	html(b, "<!DOCTYPE html>\n<html lang=\"");
	html(b, lang_code(r));
	html(b, "\">\n<head>\n<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		"<link rel=\"icon\" href=\"data:,\">\n<title>");
	html_text(b, title);
	html(b, " · eala</title>\n<link rel=\"stylesheet\" href=\"/static/style.css\">\n</head>\n<body>\n"
		"<header><a class=\"brand\" href=\"/\">eala</a>\n<nav><a href=\"/atlas\">");
	html_text(b, tr(r, "Atlas"));
	html(b, "</a> <a href=\"/search\">");
	html_text(b, tr(r, "Search"));
	html(b, "</a> <a href=\"/analysis/trends\">");
	html_text(b, tr(r, "Trends"));
	html(b, "</a> <a href=\"/partner_calls\">");
	html_text(b, tr(r, "Partner calls"));
	html(b, "</a> <a href=\"/api\">API</a></nav>\n"
		"<form class=\"search\" action=\"/search\" method=\"get\" role=\"search\">"
		"<label for=\"q\">");
	html_text(b, tr(r, "Search"));
	html(b, "</label> <input id=\"q\" name=\"q\" type=\"search\" value=\"");
	html_attr(b, q);
	html(b, "\"> <button type=\"submit\">");
	html_text(b, tr(r, "Search"));
	html(b, "</button></form>\n");
	lang_links(r);
	if (r->user.id) {
		html(b, "<form class=\"session\" method=\"post\" action=\"/logout\"><span>");
		html_text(b, r->user.login);
		html(b, "</span> <input type=\"hidden\" name=\"csrf\" value=\"");
		html_attr(b, r->csrf);
		html(b, "\"><button type=\"submit\">");
		html_text(b, tr(r, "Log out"));
		html(b, "</button></form>\n");
	} else {
		html(b, "<a class=\"session\" href=\"/login\">");
		html_text(b, tr(r, "Log in"));
		html(b, "</a>\n");
	}
	html(b, "</header>\n<main>\n<h1>");
	html_text(b, title);
	html(b, "</h1>\n");
}

void page_end(struct req *r)
{
	html(&r->body, "</main>\n<footer>eala " EALA_VERSION
		       " · <a href=\"/api/v1/stats\">API</a></footer>\n</body>\n</html>\n");
}
