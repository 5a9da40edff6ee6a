/*! replylint.js: a small client for the replylint pre-send check service, and the
 * highlighter its compose page uses. No dependencies, no build step; a plain <script>
 * (window.ReplyLint) or CommonJS. See docs/server.md.
 *
 *   const client = new ReplyLint.Client({ baseUrl: "http://127.0.0.1:8765", token: "..." });
 *   const report = await client.check("Dear Customer, kindly ...", { channel: "chat" });
 *   const lint = ReplyLint.attach(document.querySelector("textarea"), { client });
 *
 * Offsets: the service reports Unicode code points (as Python indexes a str); JavaScript
 * strings are UTF-16. Everything here converts, so an emoji before a finding still
 * highlights exactly the flagged passage.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.ReplyLint = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var VERSION = "1.0";
  var VERDICTS = {
    pass: { label: "Ready to send", hint: "No changes needed." },
    warn: { label: "Needs changes", hint: "You can send, but the highlighted passages weaken the reply." },
    block: { label: "Blocked", hint: "Fix the errors before sending." },
  };

  // ------------------------------------------------------------------ offsets

  /** UTF-16 index of every code point boundary: table[cp] is the UTF-16 offset of code point cp. */
  function offsetTable(text) {
    var table = [0];
    var i = 0;
    for (var k = 0; k < text.length; ) {
      var c = text.charCodeAt(k);
      var step = c >= 0xd800 && c <= 0xdbff && k + 1 < text.length &&
        (text.charCodeAt(k + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
      k += step;
      i += step;
      table.push(i);
    }
    return table;
  }

  /** The number of code points in a string (what Python's len() says). */
  function codePointLength(text) {
    return offsetTable(text).length - 1;
  }

  /** A code point offset as a UTF-16 offset into the same text (clamped). */
  function toUtf16(text, cp, table) {
    table = table || offsetTable(text);
    if (cp <= 0) return 0;
    return cp >= table.length ? text.length : table[cp];
  }

  /** A UTF-16 offset (e.g. a caret position) as a code point offset. */
  function toCodePoint(text, utf16) {
    return codePointLength(text.slice(0, Math.max(0, Math.min(utf16, text.length))));
  }

  /** A finding's passage as a UTF-16 [start, end) range of the text it was found in. */
  function rangeOf(text, finding, table) {
    table = table || offsetTable(text);
    return [toUtf16(text, finding.start, table), toUtf16(text, finding.end, table)];
  }

  /** The suggestion a click applies: the first safe one, else the first. */
  function chosenSuggestion(finding) {
    var list = (finding && finding.suggestions) || [];
    for (var i = 0; i < list.length; i++) if (list[i].applicability === "safe") return list[i];
    return list[0] || null;
  }

  /** Apply edits given in code points (as the service sends them); overlapping edits are skipped. */
  function applyEdits(text, edits) {
    var table = offsetTable(text);
    var spans = (edits || []).map(function (e) {
      return { start: toUtf16(text, e.start, table), end: toUtf16(text, e.end, table), text: e.replacement };
    }).sort(function (a, b) { return a.start - b.start || a.end - b.end; });
    var out = "";
    var pos = 0;
    spans.forEach(function (s) {
      if (s.start < pos || s.start > s.end) return;
      out += text.slice(pos, s.start) + s.text;
      pos = s.end;
    });
    return out + text.slice(pos);
  }

  /** Apply one finding's chosen suggestion locally (no round trip). */
  function applyFinding(text, finding) {
    var s = chosenSuggestion(finding);
    return s ? applyEdits(text, s.edits) : text;
  }

  // ------------------------------------------------------------------ client

  function HttpError(status, message, body) {
    var err = new Error(message);
    err.name = "ReplyLintHttpError";
    err.status = status;
    err.body = body;
    return err;
  }

  /**
   * new Client({ baseUrl: "", token: null | "..." | () => "...", timeout: 5000, fetch })
   * Every method returns a Promise; a non-2xx answer rejects with an Error that has .status.
   */
  function Client(options) {
    options = options || {};
    this.baseUrl = (options.baseUrl || "").replace(/\/+$/, "");
    this.token = options.token || null;
    this.timeout = options.timeout || 5000;
    this._fetch = options.fetch || (typeof fetch !== "undefined" ? fetch.bind(root()) : null);
  }

  function root() { return typeof self !== "undefined" ? self : globalThis; }

  Client.prototype.request = function (method, path, body, signal) {
    var headers = { Accept: "application/json" };
    var token = typeof this.token === "function" ? this.token() : this.token;
    if (token) headers.Authorization = "Bearer " + token;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    var ctrl = typeof AbortController !== "undefined" ? new AbortController() : null;
    var timedOut = false;
    var limit = this.timeout;
    var timer = ctrl ? setTimeout(function () { timedOut = true; ctrl.abort(); }, limit) : null;
    if (ctrl && signal) {
      if (signal.aborted) ctrl.abort();
      else signal.addEventListener("abort", function () { ctrl.abort(); });
    }
    return this._fetch(this.baseUrl + path, {
      method: method,
      headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: ctrl ? ctrl.signal : undefined,
      credentials: "omit",
    }).then(function (res) {
      return res.text().then(function (raw) {
        var data = null;
        try { data = raw ? JSON.parse(raw) : null; } catch (e) { data = null; }
        if (!res.ok) {
          var msg = (data && (data.message || (typeof data.detail === "string" && data.detail))) ||
            "replylint service answered " + res.status;
          throw HttpError(res.status, msg, data);
        }
        return data;
      });
    }, function (err) {
      if (timedOut) throw HttpError(0, "the replylint service did not answer within " + limit / 1000 + " s", null);
      throw err;
    }).finally(function () { if (timer) clearTimeout(timer); });
  };

  /** POST /v1/check -> the Report JSON (schema_version 1.0). */
  Client.prototype.check = function (text, context, ignore, options) {
    return this.request("POST", "/v1/check", {
      text: text, context: context || null, ignore: ignore || [],
    }, options && options.signal);
  };

  /** POST /v1/fix -> {text, changed, applied, missing}. options: {context, ignore, ids, unsafe}. */
  Client.prototype.fix = function (text, options) {
    options = options || {};
    return this.request("POST", "/v1/fix", {
      text: text, context: options.context || null, ignore: options.ignore || [],
      ids: options.ids || null, unsafe: !!options.unsafe,
    }, options.signal);
  };

  Client.prototype.rules = function () { return this.request("GET", "/v1/rules"); };
  Client.prototype.health = function () { return this.request("GET", "/healthz"); };

  // ------------------------------------------------------------------ highlights

  /** Non-overlapping [start, end) UTF-16 spans of the findings, most severe first on overlaps. */
  function spans(text, findings) {
    var table = offsetTable(text);
    var rank = { error: 0, warning: 1, info: 2 };
    var list = (findings || []).map(function (f) {
      var r = rangeOf(text, f, table);
      return { start: r[0], end: r[1], finding: f };
    }).filter(function (s) { return s.end > s.start; });
    list.sort(function (a, b) {
      return a.start - b.start || (rank[a.finding.severity] - rank[b.finding.severity]) || b.end - a.end;
    });
    var out = [];
    var pos = 0;
    list.forEach(function (s) {
      var start = Math.max(s.start, pos);
      if (start >= s.end) return;
      out.push({ start: start, end: s.end, finding: s.finding });
      pos = s.end;
    });
    return out;
  }

  /**
   * Draw `text` into `el` with a <mark> per span ({start, end, finding}, UTF-16). Each mark has
   * class "rl-mark rl-<severity>" and data-finding-id / data-rule / data-trait. Returns the marks.
   */
  function renderHighlights(el, text, list, options) {
    options = options || {};
    var doc = el.ownerDocument;
    var frag = doc.createDocumentFragment();
    var marks = [];
    var pos = 0;
    (list || []).forEach(function (s) {
      if (s.start < pos || s.end > text.length) return;
      if (s.start > pos) frag.appendChild(doc.createTextNode(text.slice(pos, s.start)));
      var m = doc.createElement("mark");
      var f = s.finding;
      m.className = "rl-mark rl-" + f.severity + (options.activeId === f.id ? " rl-active" : "");
      m.setAttribute("data-finding-id", f.id);
      m.setAttribute("data-rule", f.rule);
      m.setAttribute("data-trait", f.trait);
      m.textContent = text.slice(s.start, s.end);
      frag.appendChild(m);
      marks.push(m);
      pos = s.end;
    });
    // A trailing newline needs something after it, or the mirror loses the last line.
    frag.appendChild(doc.createTextNode(text.slice(pos) + (options.mirror ? "\u200b" : "")));
    el.textContent = "";
    el.appendChild(frag);
    return marks;
  }

  /** Findings drawn into any element (not a textarea): a read-only view of a report. */
  function highlight(el, text, report) {
    return renderHighlights(el, text, spans(text, (report && report.findings) || []));
  }

  /** Shift UTF-16 spans for an edit from `before` to `after`; spans the edit touches are dropped. */
  function shiftSpans(before, after, list) {
    var p = 0;
    var max = Math.min(before.length, after.length);
    while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
    var s = 0;
    while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
    var oldEnd = before.length - s;
    var delta = after.length - before.length;
    var out = [];
    (list || []).forEach(function (sp) {
      if (sp.end <= p) out.push(sp);
      else if (sp.start >= oldEnd) out.push({ start: sp.start + delta, end: sp.end + delta, finding: sp.finding });
    });
    return out;
  }

  var CSS = [
    ".rl-field{position:relative;display:block}",
    ".rl-backdrop{position:absolute;top:0;left:0;overflow:hidden;pointer-events:none;color:transparent;",
    "white-space:pre-wrap;overflow-wrap:break-word;word-wrap:break-word;z-index:0;box-sizing:border-box}",
    ".rl-field>textarea{position:relative;z-index:1;background:transparent!important}",
    ".rl-mark{color:transparent;padding:0;margin:0;border-radius:2px;background:rgba(234,179,8,.22);",
    "box-shadow:inset 0 -2px 0 #ca8a04}",
    ".rl-mark.rl-error{background:rgba(220,38,38,.18);box-shadow:inset 0 -2px 0 #dc2626}",
    ".rl-mark.rl-info{background:rgba(37,99,235,.12);box-shadow:inset 0 -2px 0 #2563eb}",
    ".rl-mark.rl-active{background:rgba(234,179,8,.45)}",
    ".rl-mark.rl-error.rl-active{background:rgba(220,38,38,.38)}",
    ".rl-mark.rl-info.rl-active{background:rgba(37,99,235,.3)}",
    ".rl-card{position:fixed;z-index:1000;max-width:22rem;background:#fff;color:#111827;border:1px solid #d1d5db;",
    "border-radius:8px;box-shadow:0 8px 24px rgba(0,0,0,.15);padding:.6rem .75rem;font:14px/1.4 system-ui,sans-serif}",
    ".rl-card[hidden]{display:none}",
    ".rl-card .rl-head{font-size:12px;color:#6b7280;margin-bottom:.2rem}",
    ".rl-card .rl-msg{margin:.1rem 0 .4rem}",
    ".rl-card .rl-sugg{margin:.2rem 0 .5rem;font-size:13px}",
    ".rl-card del{color:#b91c1c}.rl-card ins{color:#15803d;text-decoration:none;font-weight:600}",
    ".rl-card button{font:inherit;margin-right:.4rem;padding:.2rem .6rem;border-radius:6px;cursor:pointer;",
    "border:1px solid #d1d5db;background:#f9fafb}",
    ".rl-card button.rl-apply{background:#2563eb;border-color:#2563eb;color:#fff}",
  ].join("");

  function injectCss(doc) {
    if (doc.getElementById("replylint-css") || doc.__replylintCss) return;
    var win = doc.defaultView;
    // A constructed style sheet is not inline CSS, so a strict Content-Security-Policy allows it.
    if (win && win.CSSStyleSheet && "adoptedStyleSheets" in doc) {
      try {
        var sheet = new win.CSSStyleSheet();
        sheet.replaceSync(CSS);
        doc.adoptedStyleSheets = Array.prototype.concat.call([], doc.adoptedStyleSheets, [sheet]);
        doc.__replylintCss = true;
        return;
      } catch (e) { /* fall back to a <style> element */ }
    }
    var style = doc.createElement("style");
    style.id = "replylint-css";
    style.textContent = CSS;
    (doc.head || doc.documentElement).appendChild(style);
  }

  var MIRRORED = ["fontFamily", "fontSize", "fontWeight", "fontStyle", "fontVariant", "fontStretch",
    "letterSpacing", "wordSpacing", "lineHeight", "textTransform", "textIndent", "textAlign", "direction",
    "tabSize", "paddingTop", "paddingRight", "paddingBottom", "paddingLeft", "borderTopWidth",
    "borderRightWidth", "borderBottomWidth", "borderLeftWidth", "borderRadius", "wordBreak"];

  /** Describe what a suggestion does, as a DOM fragment: <del>old</del> → <ins>new</ins>. */
  function describeSuggestion(doc, text, finding) {
    var s = chosenSuggestion(finding);
    var el = doc.createElement("div");
    el.className = "rl-sugg";
    if (!s) { el.textContent = "No automatic fix: rewrite it yourself."; return el; }
    var table = offsetTable(text);
    s.edits.slice(0, 3).forEach(function (e, i) {
      if (i) el.appendChild(doc.createTextNode(" · "));
      var old = text.slice(toUtf16(text, e.start, table), toUtf16(text, e.end, table));
      if (old) { var d = doc.createElement("del"); d.textContent = old; el.appendChild(d); }
      if (old && e.replacement) el.appendChild(doc.createTextNode(" → "));
      if (e.replacement) { var n = doc.createElement("ins"); n.textContent = e.replacement; el.appendChild(n); }
      if (!old && !e.replacement) el.appendChild(doc.createTextNode("(no change)"));
    });
    if (s.title) el.title = s.title;
    return el;
  }

  /**
   * Lint a <textarea> as the agent types: debounced checks, highlights drawn behind the text,
   * a hover card with the message and the suggestion, one click to apply it.
   *
   * options: client (a Client) | baseUrl/token; context: () => ({customer_name, channel, ...});
   * debounce (ms, 250); card (true: the built-in hover card); onReport(report, ctl);
   * onState(state, ctl) with "checking" | "ready" | "stale" | "error"; onError(err, ctl);
   * onActive(findingId | null, ctl).
   * Returns a controller: check(), apply(id), applyAllSafe(), dismiss(id), restore(), select(id),
   * setActive(id), findingAt(utf16), report, text, ignore (a Set), destroy().
   */
  function attach(textarea, options) {
    options = options || {};
    var doc = textarea.ownerDocument;
    var win = doc.defaultView;
    if (options.css !== false) injectCss(doc);
    var client = options.client || new Client({ baseUrl: options.baseUrl, token: options.token });
    var wait = options.debounce == null ? 250 : options.debounce;
    var field = doc.createElement("div");
    field.className = "rl-field";
    textarea.parentNode.insertBefore(field, textarea);
    var backdrop = doc.createElement("div");
    backdrop.className = "rl-backdrop";
    backdrop.setAttribute("aria-hidden", "true");
    field.appendChild(backdrop);
    field.appendChild(textarea);

    var ctl = {
      client: client, report: null, text: null, ignore: new Set(options.ignore || []), spans: [],
      state: "ready", activeId: null, textarea: textarea, backdrop: backdrop,
    };
    var timer = null;
    var seq = 0;
    var inflight = null;
    var shown = textarea.value;  // the text `ctl.spans` are positioned in
    var card = options.card === false ? null : buildCard();

    function layout() {
      var cs = win.getComputedStyle(textarea);
      MIRRORED.forEach(function (p) { backdrop.style[p] = cs[p]; });
      backdrop.style.borderStyle = "solid";
      backdrop.style.borderColor = "transparent";
      backdrop.style.backgroundColor = cs.backgroundColor !== "rgba(0, 0, 0, 0)" ? cs.backgroundColor : "";
      backdrop.style.top = textarea.offsetTop + "px";
      backdrop.style.left = textarea.offsetLeft + "px";
      var bl = parseFloat(cs.borderLeftWidth) || 0;
      var br = parseFloat(cs.borderRightWidth) || 0;
      backdrop.style.width = (textarea.clientWidth + bl + br) + "px";  // without the scrollbar
      backdrop.style.height = textarea.offsetHeight + "px";
      sync();
    }

    function sync() {
      backdrop.scrollTop = textarea.scrollTop;
      backdrop.scrollLeft = textarea.scrollLeft;
    }

    function draw() {
      renderHighlights(backdrop, shown, ctl.spans, { mirror: true, activeId: ctl.activeId });
      sync();
    }

    function setState(state) {
      ctl.state = state;
      if (options.onState) options.onState(state, ctl);
    }

    function schedule(delay) {
      if (timer) win.clearTimeout(timer);
      timer = win.setTimeout(run, delay);
    }

    function run() {
      timer = null;
      var text = textarea.value;
      var mine = ++seq;
      if (inflight) inflight.abort();
      inflight = typeof AbortController !== "undefined" ? new AbortController() : null;
      var context = options.context ? options.context() : null;
      setState("checking");
      return client.check(text, context, Array.from(ctl.ignore), { signal: inflight && inflight.signal })
        .then(function (report) {
          if (mine !== seq) return null;
          inflight = null;
          if (textarea.value !== text) { schedule(wait); return null; }
          ctl.report = report;
          ctl.text = text;
          shown = text;
          ctl.spans = spans(text, report.findings);
          if (ctl.activeId && !report.findings.some(function (f) { return f.id === ctl.activeId; })) ctl.activeId = null;
          draw();
          setState("ready");
          if (options.onReport) options.onReport(report, ctl);
          return report;
        }, function (err) {
          if (mine !== seq || (err && err.name === "AbortError")) return null;
          inflight = null;
          setState("error");
          if (options.onError) options.onError(err, ctl);
          return null;
        });
    }

    function onInput() {
      var now = textarea.value;
      ctl.spans = shiftSpans(shown, now, ctl.spans);
      shown = now;
      draw();
      hideCard();
      setState("stale");
      schedule(wait);
    }

    function findingById(id) {
      var list = (ctl.report && ctl.report.findings) || [];
      for (var i = 0; i < list.length; i++) if (list[i].id === id) return list[i];
      return null;
    }

    /** Replace the textarea's text, keeping the agent's undo history where the browser allows. */
    function replaceText(before, after) {
      var p = 0;
      var max = Math.min(before.length, after.length);
      while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
      if (p > 0 && (before.charCodeAt(p - 1) & 0xfc00) === 0xd800) p--;
      var s = 0;
      while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
      if (s > 0 && (before.charCodeAt(before.length - s) & 0xfc00) === 0xdc00) s--;
      var insert = after.slice(p, after.length - s);
      textarea.focus();
      textarea.setSelectionRange(p, before.length - s);
      var ok = false;
      try { ok = insert ? doc.execCommand("insertText", false, insert) : doc.execCommand("delete"); }
      catch (e) { ok = false; }
      if (!ok || textarea.value !== after) {
        textarea.value = after;
        textarea.dispatchEvent(new win.Event("input", { bubbles: true }));
      }
      textarea.setSelectionRange(p + insert.length, p + insert.length);
    }

    /** Apply one finding's suggestion (the server applies it to the current text), then re-check. */
    ctl.apply = function (id) {
      var before = textarea.value;
      return client.fix(before, {
        context: options.context ? options.context() : null, ignore: Array.from(ctl.ignore), ids: [id],
      }).then(function (res) {
        if (textarea.value !== before) return false;  // the agent typed meanwhile: leave it
        if (res.changed) replaceText(before, res.text);
        hideCard();
        return ctl.check().then(function () { return res.changed; });
      }, function (err) {
        setState("error");
        if (options.onError) options.onError(err, ctl);
        return false;
      });
    };

    /** Apply every safe suggestion (as `replylint fix`), then re-check. */
    ctl.applyAllSafe = function () {
      var before = textarea.value;
      return client.fix(before, {
        context: options.context ? options.context() : null, ignore: Array.from(ctl.ignore),
      }).then(function (res) {
        if (textarea.value !== before) return false;
        if (res.changed) replaceText(before, res.text);
        return ctl.check().then(function () { return res.changed; });
      }, function (err) {
        setState("error");
        if (options.onError) options.onError(err, ctl);
        return false;
      });
    };

    /** Check now (no debounce). */
    ctl.check = function () {
      if (timer) { win.clearTimeout(timer); timer = null; }
      return run();
    };

    ctl.dismiss = function (id) { ctl.ignore.add(id); hideCard(); return ctl.check(); };
    ctl.restore = function () { ctl.ignore.clear(); return ctl.check(); };

    ctl.setActive = function (id) {
      if (ctl.activeId === id) return;
      ctl.activeId = id;
      var marks = backdrop.querySelectorAll(".rl-mark");
      for (var i = 0; i < marks.length; i++) {
        marks[i].classList.toggle("rl-active", marks[i].getAttribute("data-finding-id") === id);
      }
      if (options.onActive) options.onActive(id, ctl);
    };

    /** Select a finding's passage in the textarea and scroll it into view. */
    ctl.select = function (id) {
      for (var i = 0; i < ctl.spans.length; i++) {
        var sp = ctl.spans[i];
        if (sp.finding.id !== id) continue;
        textarea.focus();
        textarea.setSelectionRange(sp.start, sp.end);
        var quoted = win.CSS && win.CSS.escape ? win.CSS.escape(id) : String(id).replace(/["\\]/g, "");
        var mark = backdrop.querySelector('.rl-mark[data-finding-id="' + quoted + '"]');
        if (mark) textarea.scrollTop = Math.max(0, mark.offsetTop - textarea.clientHeight / 3);
        sync();
        ctl.setActive(id);
        return true;
      }
      return false;
    };

    /** The finding whose passage covers a UTF-16 position (e.g. the caret), or null. */
    ctl.findingAt = function (pos) {
      for (var i = 0; i < ctl.spans.length; i++) {
        var sp = ctl.spans[i];
        if (sp.start <= pos && pos <= sp.end) return sp.finding;
      }
      return null;
    };

    ctl.findingById = findingById;

    // ---------------------------------------------------------------- hover card

    function buildCard() {
      var el = doc.createElement("div");
      el.className = "rl-card";
      el.setAttribute("role", "tooltip");
      el.hidden = true;
      doc.body.appendChild(el);
      el.addEventListener("mouseenter", function () { if (hideTimer) win.clearTimeout(hideTimer); });
      el.addEventListener("mouseleave", function () { scheduleHide(); });
      return el;
    }
    var hideTimer = null;
    var cardId = null;

    function hideCard() {
      if (!card) return;
      card.hidden = true;
      cardId = null;
    }

    function scheduleHide() {
      if (hideTimer) win.clearTimeout(hideTimer);
      hideTimer = win.setTimeout(hideCard, 250);
    }

    function showCard(f, rect) {
      if (!card) return;
      if (hideTimer) win.clearTimeout(hideTimer);
      if (cardId === f.id && !card.hidden) return;
      cardId = f.id;
      card.textContent = "";
      card.setAttribute("data-finding-id", f.id);
      var head = doc.createElement("div");
      head.className = "rl-head";
      head.textContent = f.rule + " · " + f.trait.replace(/_/g, " ") + " · " + f.severity;
      var msg = doc.createElement("div");
      msg.className = "rl-msg";
      msg.textContent = f.message;
      card.appendChild(head);
      card.appendChild(msg);
      card.appendChild(describeSuggestion(doc, ctl.text || "", f));
      var s = chosenSuggestion(f);
      if (s) {
        var apply = doc.createElement("button");
        apply.type = "button";
        apply.className = "rl-apply";
        apply.textContent = s.applicability === "safe" ? "Apply" : "Apply (check it)";
        apply.addEventListener("click", function () { ctl.apply(f.id); });
        card.appendChild(apply);
      }
      var dismiss = doc.createElement("button");
      dismiss.type = "button";
      dismiss.className = "rl-dismiss";
      dismiss.textContent = "Dismiss";
      dismiss.addEventListener("click", function () { ctl.dismiss(f.id); });
      card.appendChild(dismiss);
      card.hidden = false;
      var top = rect.bottom + 6;
      var cardRect = card.getBoundingClientRect();
      if (top + cardRect.height > win.innerHeight - 8) top = Math.max(8, rect.top - cardRect.height - 6);
      var left = Math.min(rect.left, win.innerWidth - cardRect.width - 8);
      card.style.top = top + "px";
      card.style.left = Math.max(8, left) + "px";
    }

    function onMove(ev) {
      var marks = backdrop.querySelectorAll(".rl-mark");
      for (var i = 0; i < marks.length; i++) {
        var rects = marks[i].getClientRects();
        for (var j = 0; j < rects.length; j++) {
          var r = rects[j];
          if (ev.clientX >= r.left && ev.clientX <= r.right && ev.clientY >= r.top && ev.clientY <= r.bottom) {
            var f = findingById(marks[i].getAttribute("data-finding-id"));
            if (f && ctl.state !== "stale") {
              ctl.setActive(f.id);
              showCard(f, r);
            }
            return;
          }
        }
      }
      if (card && !card.hidden) scheduleHide();
    }

    function onCaret() {
      var f = ctl.findingAt(textarea.selectionStart);
      if (f) ctl.setActive(f.id);
    }

    var observer = typeof ResizeObserver !== "undefined" ? new ResizeObserver(layout) : null;
    if (observer) observer.observe(textarea);
    textarea.addEventListener("input", onInput);
    textarea.addEventListener("scroll", sync);
    textarea.addEventListener("mousemove", onMove);
    textarea.addEventListener("mouseleave", function () { if (card && !card.hidden) scheduleHide(); });
    textarea.addEventListener("keyup", onCaret);
    textarea.addEventListener("click", onCaret);
    win.addEventListener("resize", layout);

    ctl.layout = layout;
    ctl.destroy = function () {
      if (timer) win.clearTimeout(timer);
      if (observer) observer.disconnect();
      textarea.removeEventListener("input", onInput);
      textarea.removeEventListener("scroll", sync);
      textarea.removeEventListener("mousemove", onMove);
      textarea.removeEventListener("keyup", onCaret);
      textarea.removeEventListener("click", onCaret);
      win.removeEventListener("resize", layout);
      if (card) card.remove();
      field.parentNode.insertBefore(textarea, field);
      field.remove();
    };

    layout();
    draw();
    if (textarea.value) schedule(0);
    return ctl;
  }

  return {
    version: VERSION,
    VERDICTS: VERDICTS,
    Client: Client,
    attach: attach,
    highlight: highlight,
    renderHighlights: renderHighlights,
    spans: spans,
    shiftSpans: shiftSpans,
    offsetTable: offsetTable,
    codePointLength: codePointLength,
    toUtf16: toUtf16,
    toCodePoint: toCodePoint,
    rangeOf: rangeOf,
    applyEdits: applyEdits,
    applyFinding: applyFinding,
    chosenSuggestion: chosenSuggestion,
    describeSuggestion: describeSuggestion,
  };
});
