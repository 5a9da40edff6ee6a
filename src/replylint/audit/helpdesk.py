"""Help-desk exports: Zendesk tickets and comments, Intercom conversations, macros.

Shapes (see docs/audit.md and examples/audit/):

- **Zendesk**: objects as the Support API returns them. Either a JSON document with
  ``tickets`` (each ticket with its ``comments`` list, as in Zendesk's JSON export) and
  optional side-loaded ``users`` and ``groups``; or NDJSON with one such ticket per line;
  or the ticket-comments response ``{"comments": [...], "users": [...]}`` of one ticket.
  Only PUBLIC comments written by AGENTS are linted: ``public: true`` and an author whose
  side-loaded ``role`` is ``agent`` or ``admin`` (without users: an author who is not the
  ticket's requester).
- **Intercom**: conversation objects as the REST API returns them (``type: conversation``
  with ``conversation_parts.conversation_parts``), one document, a ``conversation.list``,
  or NDJSON. Only parts with ``part_type: comment`` written by an ``admin`` are linted.
- **Macros**: Zendesk's ``{"macros": [...]}`` (the ``comment_value`` /
  ``comment_value_html`` action is the text; ``usage_30d``/``usage_7d``/``usage_24h``
  side-loads rank them), or a folder of .txt / .md / .html files.

HTML bodies become text (the engine's own HTML decoding: tags dropped, entities decoded,
blocks on their own lines). Quoted history ("On Mon, ... wrote:", "> " lines, HTML
blockquotes at the end) and the e-mail signature are then cut off the END of the text:
the reply keeps its stored text and ``lint_end`` says how much of it is linted, so a
finding's offsets still index the stored text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..ingest import ingest, looks_like_html
from .rows import Bad, Item, Skipped, clean_str, normalize_channel, parse_time

# --------------------------------------------------------------------------- text


def html_to_text(html: str) -> str:
    """Tags dropped, entities decoded, one block per line (the engine's HTML reading)."""
    return ingest(html, "html").text


def stored_text(body: str, is_html: bool | None = None) -> str:
    """The text replylint stores for a body: HTML becomes text, plain text stays as is."""
    if is_html is None:
        is_html = looks_like_html(body)
    return html_to_text(body) if is_html else body


_SIG_DELIMITER = re.compile(r"^-- ?$", re.MULTILINE)
_SENT_FROM = re.compile(r"^[ \t]*(?:Sent from my \w[\w ]{0,30}|Get Outlook for \w+)[ \t]*$", re.MULTILINE | re.IGNORECASE)
_VALEDICTION = re.compile(
    r"^[ \t]*(?:(?:best|kind|warm|warmest|many|with)?\s*regards|best(?: wishes)?|sincerely(?: yours)?|"
    r"yours(?: truly| sincerely)?|cheers|thanks(?: again)?|thank you|many thanks|take care|all the best|"
    r"respectfully|warmly|talk soon)[ \t]*[,!.]?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_CONTACT = re.compile(
    r"@|https?://|www\.|\+?\d[\d ().-]{6,}\d|\b(?:tel|phone|mobile|fax|office|direct)\b\s*[:.]?"
    r"|\b(?:support|success|specialist|engineer|manager|agent|representative|team lead|lead|director|"
    r"advocate|associate|consultant|inc|ltd|llc|gmbh|corp|company)\b|\|",
    re.IGNORECASE,
)


def quote_start(text: str, regions: list[Any] | None = None) -> int:
    """Where trailing quoted history starts in ``text`` (len(text) when there is none)."""
    if regions is None:
        regions = ingest(text, "plain").regions
    quotes = sorted((r.start, r.end) for r in regions if r.kind == "quote")
    end = len(text.rstrip())
    moved = True
    while moved:
        moved = False
        for s, e in quotes:
            # A quote that reaches the current end (only blank space after it) is trailing history.
            if s < end and not text[e:end].strip():
                end = len(text[:s].rstrip())
                moved = True
    return end


def signature_start(text: str) -> int:
    """Where an e-mail signature starts (len(text) when there is none).

    The sign-off itself ("Best,\\nDana") is part of the reply and stays; what is cut is an
    RFC 3676 "-- " block, a "Sent from my phone" line, or the contact block (title,
    company, phone, links) under the name that follows a valediction.
    """
    end = len(text.rstrip())
    cuts = [m.start() for m in _SIG_DELIMITER.finditer(text, 0, end)]
    cuts += [m.start() for m in _SENT_FROM.finditer(text, 0, end) if not text[m.end():end].strip()
             or len(text[m.end():end].splitlines()) <= 3]
    valediction = None
    for m in _VALEDICTION.finditer(text, 0, end):
        valediction = m
    if valediction is not None:
        after = text[valediction.end():end]
        lines = after.split("\n")
        # lines[0] is the rest of the valediction line (empty); then the name; then the block.
        body_lines = [ln for ln in lines[1:]]
        while body_lines and not body_lines[0].strip():
            body_lines.pop(0)
        if len(body_lines) >= 2:
            name_line, block = body_lines[0], [ln for ln in body_lines[1:] if ln.strip()]
            if (len(name_line.strip()) <= 60 and 1 <= len(block) <= 10
                    and all(len(ln.strip()) <= 90 for ln in block) and any(_CONTACT.search(ln) for ln in block)):
                name_at = text.index(name_line, valediction.end())
                cuts.append(name_at + len(name_line))
    return min(cuts) if cuts else end


def lint_end(text: str, regions: list[Any] | None = None) -> int:
    """How much of ``text`` is the reply itself: before trailing history and the signature."""
    end = quote_start(text, regions)
    end = min(end, signature_start(text[:end]))
    return len(text[:end].rstrip())


def reply_item(source: str, row: int, id_: str, body: str, *, is_html: bool | None = None,
               line: int | None = None, **context: Any) -> Item | Skipped:
    """An Item for a help-desk body: HTML to text, history and signature cut off."""
    if is_html is None:
        is_html = looks_like_html(body)
    if is_html:
        src = ingest(body, "html")
        text, regions = src.text, src.regions
    else:
        text, regions = body, None
    if not text.strip():
        return Skipped(source, row, "empty body")
    end = lint_end(text, regions)
    if end == 0:
        return Skipped(source, row, "only quoted history")
    return Item(source=source, row=row, line=line, id=id_, text=text, lint_end=end, **context)


# --------------------------------------------------------------------------- sniffing


def kind_of(doc: Any) -> str | None:
    """Which export a parsed JSON document (or one NDJSON record) is, if any."""
    if isinstance(doc, dict):
        if "macros" in doc and isinstance(doc["macros"], list):
            return "zendesk-macros"
        if "tickets" in doc and isinstance(doc["tickets"], list):
            return "zendesk"
        if "comments" in doc and isinstance(doc["comments"], list) and ("requester_id" in doc or "via" in doc
                                                                       or "subject" in doc):
            return "zendesk"  # one ticket with its comments
        if "comments" in doc and isinstance(doc["comments"], list) and "count" in doc or "comments" in doc and "users" in doc:
            return "zendesk"  # the ticket-comments response
        if doc.get("type") in {"conversation", "conversation.list"} or "conversation_parts" in doc or (
                "conversations" in doc and isinstance(doc["conversations"], list)):
            return "intercom"
        if "actions" in doc and "title" in doc and isinstance(doc["actions"], list):
            return "zendesk-macros"
        if ("users" in doc or "groups" in doc) and set(doc) <= {
                "users", "groups", "organizations", "next_page", "previous_page", "count"}:
            return "zendesk"  # a side-load line that comes first in an NDJSON export
    return None


# --------------------------------------------------------------------------- Zendesk


class ZendeskDirectory:
    """Side-loaded users and groups: names, roles."""

    def __init__(self, users: list[dict[str, Any]] | None = None, groups: list[dict[str, Any]] | None = None) -> None:
        self.users = {u.get("id"): u for u in users or [] if isinstance(u, dict)}
        self.groups = {g.get("id"): g for g in groups or [] if isinstance(g, dict)}

    def add(self, doc: dict[str, Any]) -> None:
        for u in doc.get("users") or []:
            if isinstance(u, dict):
                self.users[u.get("id")] = u
        for g in doc.get("groups") or []:
            if isinstance(g, dict):
                self.groups[g.get("id")] = g

    def is_agent(self, author_id: Any, ticket: dict[str, Any]) -> bool:
        user = self.users.get(author_id)
        if user is not None and user.get("role"):
            return user["role"] in {"agent", "admin"}
        if ticket.get("requester_id") is not None:
            return author_id != ticket.get("requester_id") and author_id not in (ticket.get("collaborator_ids") or [])
        return False

    def name(self, user_id: Any) -> str | None:
        user = self.users.get(user_id)
        return clean_str(user.get("name")) if user else None

    def group(self, group_id: Any) -> str | None:
        group = self.groups.get(group_id)
        if group:
            return clean_str(group.get("name"))
        return clean_str(group_id)


def _zendesk_body(comment: dict[str, Any]) -> tuple[str | None, bool]:
    for key, html in (("plain_body", False), ("body", False), ("html_body", True)):
        value = comment.get(key)
        if isinstance(value, str) and value.strip():
            return value, html or looks_like_html(value)
    return None, False


def zendesk_tickets(doc: Any, source: str, row: int, directory: ZendeskDirectory) -> Iterator[Item | Bad | Skipped]:
    """Replies in one Zendesk document (or one NDJSON ticket) at record ``row``."""
    if isinstance(doc, dict) and isinstance(doc.get("tickets"), list):
        directory.add(doc)
        for ticket in doc["tickets"]:
            yield from _zendesk_ticket(ticket, source, row, directory)
    elif isinstance(doc, dict) and isinstance(doc.get("comments"), list):
        directory.add(doc)
        yield from _zendesk_ticket(doc, source, row, directory)
    elif isinstance(doc, dict) and ("requester_id" in doc or "subject" in doc):
        yield Skipped(source, row, "ticket without comments")
    else:
        yield Bad(source, row, "bad_export", "not a Zendesk ticket (no comments list)")


def _zendesk_ticket(ticket: Any, source: str, row: int, directory: ZendeskDirectory) -> Iterator[Item | Bad | Skipped]:
    if not isinstance(ticket, dict):
        yield Bad(source, row, "bad_export", "a ticket is not a JSON object")
        return
    comments = ticket.get("comments")
    if not isinstance(comments, list):
        yield Skipped(source, row, "ticket without comments")
        return
    via = (ticket.get("via") or {}).get("channel") if isinstance(ticket.get("via"), dict) else None
    requester = ticket.get("requester_id")
    customer_name = directory.name(requester) if requester is not None else None
    team = directory.group(ticket.get("group_id")) if ticket.get("group_id") is not None else None
    last_customer: str | None = None
    for comment in comments:
        if not isinstance(comment, dict):
            yield Bad(source, row, "bad_export", "a comment is not a JSON object")
            continue
        body, is_html = _zendesk_body(comment)
        author = comment.get("author_id")
        agent = directory.is_agent(author, ticket)
        if not agent:
            if comment.get("public", True) and body:
                last_customer = stored_text(body, is_html)
            yield Skipped(source, row, "not written by an agent")
            continue
        if comment.get("public") is not True:
            yield Skipped(source, row, "private (internal) comment")
            continue
        cid = comment.get("id")
        if body is None:
            yield Bad(source, row, "missing_text", "public agent comment without a body",
                      id=str(cid) if cid is not None else None)
            continue
        cvia = comment.get("via", {}).get("channel") if isinstance(comment.get("via"), dict) else None
        item = reply_item(
            source, row, str(cid) if cid is not None else f"{ticket.get('id')}-{row}", body, is_html=is_html,
            customer_name=customer_name, agent=directory.name(author) or clean_str(author), team=team,
            channel=normalize_channel(via) or normalize_channel(cvia), created_at=parse_time(comment.get("created_at")),
            customer_message=last_customer,
        )
        yield item


def zendesk_macros(doc: Any, source: str, row: int) -> Iterator[Item | Bad | Skipped]:
    macros = doc["macros"] if isinstance(doc, dict) and isinstance(doc.get("macros"), list) else [doc]
    for macro in macros:
        if not isinstance(macro, dict):
            yield Bad(source, row, "bad_export", "a macro is not a JSON object")
            continue
        body, is_html = None, False
        for action in macro.get("actions") or []:
            if not isinstance(action, dict):
                continue
            field, value = action.get("field"), action.get("value")
            if isinstance(value, list):  # ["channel:all", "text"]
                value = next((v for v in reversed(value) if isinstance(v, str)), None)
            if field in {"comment_value_html", "comment_value"} and isinstance(value, str) and value.strip():
                body, is_html = value, field == "comment_value_html" or looks_like_html(value)
                if field == "comment_value_html":
                    break
        mid = macro.get("id")
        if body is None:
            yield Skipped(source, row, "macro without a comment")
            continue
        usage = next((macro[k] for k in ("usage_30d", "usage_7d", "usage_24h", "usage_1h")
                      if isinstance(macro.get(k), int)), None)
        text = stored_text(body, is_html)
        yield Item(source=source, row=row, id=str(mid) if mid is not None else f"macro-{row}", text=text,
                   lint_end=len(text.rstrip()), title=clean_str(macro.get("title")), usage=usage, macro=True)


# --------------------------------------------------------------------------- Intercom


def _intercom_channel(conv: dict[str, Any]) -> str | None:
    src = conv.get("source") if isinstance(conv.get("source"), dict) else {}
    return normalize_channel(src.get("type") or src.get("delivered_as"))


def intercom_conversations(doc: Any, source: str, row: int) -> Iterator[Item | Bad | Skipped]:
    if isinstance(doc, dict) and isinstance(doc.get("conversations"), list):
        for conv in doc["conversations"]:
            yield from _intercom_conversation(conv, source, row)
    else:
        yield from _intercom_conversation(doc, source, row)


def _intercom_conversation(conv: Any, source: str, row: int) -> Iterator[Item | Bad | Skipped]:
    if not isinstance(conv, dict):
        yield Bad(source, row, "bad_export", "a conversation is not a JSON object")
        return
    parts_obj = conv.get("conversation_parts")
    parts = parts_obj.get("conversation_parts") if isinstance(parts_obj, dict) else parts_obj
    if not isinstance(parts, list):
        yield Skipped(source, row, "conversation without parts")
        return
    channel = _intercom_channel(conv)
    team = clean_str(conv.get("team_assignee_id"))
    src = conv.get("source") if isinstance(conv.get("source"), dict) else {}
    last_customer: str | None = None
    if (src.get("author") or {}).get("type") in {"user", "lead", "contact"} and isinstance(src.get("body"), str):
        last_customer = stored_text(src["body"])
    for part in parts:
        if not isinstance(part, dict):
            yield Bad(source, row, "bad_export", "a conversation part is not a JSON object")
            continue
        author = part.get("author") if isinstance(part.get("author"), dict) else {}
        body = part.get("body")
        if author.get("type") in {"user", "lead", "contact"}:
            if isinstance(body, str) and body.strip():
                last_customer = stored_text(body)
            yield Skipped(source, row, "not written by an admin")
            continue
        if part.get("part_type") != "comment" or author.get("type") != "admin":
            yield Skipped(source, row, f"{part.get('part_type') or 'unknown'} part by {author.get('type') or 'nobody'}")
            continue
        pid = clean_str(part.get("id")) or f"{conv.get('id')}-{row}"
        if body is None:
            yield Skipped(source, row, "admin comment without a body (attachments only)")
            continue
        if not isinstance(body, str):
            yield Bad(source, row, "missing_text", "admin comment whose body is not text", id=pid)
            continue
        item = reply_item(
            source, row, pid, body, agent=clean_str(author.get("name")) or clean_str(author.get("id")),
            team=team, channel=channel, created_at=parse_time(part.get("created_at")),
            customer_message=last_customer,
        )
        yield item
