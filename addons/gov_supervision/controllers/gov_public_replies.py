from urllib.parse import urlencode

from odoo import http
from odoo.fields import Domain
from odoo.http import request

from ..models.gov_suggestion import SUGGESTION_KINDS

PAGE_SIZE = 10


class GovPublicReplies(http.Controller):
    """The public page of disclosed replies to deputies' suggestions and CPPCC proposals (主动公开, R14.1):
    no login, searchable by keyword, kind and session, paginated; only disclosed replies show."""

    @http.route("/gov/replies", type="http", auth="public", methods=["GET"], sitemap=False, readonly=True)
    def replies(self, q="", kind="", session="", page=1, **_kwargs):
        try:
            page = max(int(page), 1)
        except ValueError:
            page = 1
        q, session = (q or "").strip()[:100], (session or "").strip()[:100]
        kinds = dict(SUGGESTION_KINDS)
        domain = Domain("disclosed", "=", True)
        if kind in kinds:
            domain &= Domain("kind", "=", kind)
        if session:
            domain &= Domain("session", "ilike", session)
        if q:
            domain &= (Domain("suggestion_id.name", "ilike", q) | Domain("text", "ilike", q)
                       | Domain("suggestion_id.number", "ilike", q))
        lang = request.env["gov.rule.set"].sudo()._district_lang()
        # sudo: the public reads what the office disclosed, and only that (the domain above always says so)
        Reply = request.env["gov.suggestion.reply"].sudo().with_context(lang=lang)
        total = Reply.search_count(domain)
        pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
        page = min(page, pages)
        replies = Reply.search(domain, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, order="date desc, id desc")
        query = {key: value for key, value in (("q", q), ("kind", kind), ("session", session)) if value}
        page_urls = [(number, "/gov/replies?" + urlencode({**query, "page": number})) for number in range(1, pages + 1)]
        request.update_context(lang=lang)
        return request.render("gov_supervision.public_replies_page", {
            "replies": replies, "total": total, "page": page, "pages": pages, "q": q, "kind": kind,
            "session": session, "page_urls": page_urls,
            "kinds": Reply._fields["kind"]._description_selection(Reply.env),
            "title": Reply.env._("Public replies to suggestions and proposals"),
        })
