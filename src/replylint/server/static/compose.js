/* The compose page of `replylint serve`: ReplyLint.attach() on the reply box, plus the
 * verdict, the per-trait chips and the findings panel. Plain JS, no build step. */
(function () {
  "use strict";

  var RL = window.ReplyLint;
  var $ = function (id) { return document.getElementById(id); };
  var TOKEN_KEY = "replylint-token";
  var reply = $("reply");
  var customer = $("customer-name");
  var channel = $("channel");
  var verdict = $("verdict");
  var verdictLabel = $("verdict-label");
  var verdictHint = $("verdict-hint");
  var chips = $("chips");
  var list = $("findings");
  var count = $("count");
  var none = $("no-findings");
  var notices = $("notices");
  var score = $("score");
  var fixAll = $("fix-all");
  var send = $("send");
  var toast = $("toast");
  var dismissed = $("dismissed");

  function token() {
    try { return window.sessionStorage.getItem(TOKEN_KEY); } catch (e) { return null; }
  }

  var base = new URL(".", window.location.href).href.replace(/\/$/, "");
  var client = new RL.Client({ baseUrl: base, token: token });

  function context() {
    var ctx = {};
    if (customer.value.trim()) ctx.customer_name = customer.value.trim();
    if (channel.value) ctx.channel = channel.value;
    return ctx;
  }

  var lint = RL.attach(reply, {
    client: client,
    context: context,
    debounce: 250,
    onReport: showReport,
    onState: showState,
    onError: showError,
    onActive: function (id) {
      var items = list.querySelectorAll(".finding");
      for (var i = 0; i < items.length; i++) {
        items[i].classList.toggle("active", items[i].getAttribute("data-finding-id") === id);
      }
    },
  });
  window.replylintCompose = lint;  // for tests and the curious

  function setVerdict(kind, label, hint) {
    verdict.setAttribute("data-verdict", kind);
    verdict.setAttribute("data-stale", "false");
    verdictLabel.textContent = label;
    verdictHint.textContent = hint;
  }

  function showState(state) {
    var stale = (state === "stale" || state === "checking") && reply.value.trim() !== "";
    verdict.setAttribute("data-stale", stale ? "true" : "false");
    verdict.setAttribute("aria-busy", stale ? "true" : "false");
    updateButtons();
  }

  function showError(err) {
    if (err && err.status === 401) {
      $("auth").hidden = false;
      $("token").focus();
      setVerdict("error", "Token needed", "Enter the server's API token to check replies.");
    } else {
      setVerdict("error", "Check unavailable", (err && err.message) || "The replylint service did not answer.");
    }
    updateButtons();
  }

  function showReport(report) {
    var empty = report.notices.some(function (n) { return n.kind === "empty"; });
    if (empty) {
      setVerdict("empty", "Start typing", "The reply is checked as you type.");
    } else {
      var v = RL.VERDICTS[report.verdict];
      setVerdict(report.verdict, v.label, v.hint);
    }
    score.hidden = empty;
    score.textContent = "score " + report.score + "/100";
    drawChips(report, empty);
    drawFindings(report);
    drawNotices(report);
    var n = lint.ignore.size;
    dismissed.hidden = n === 0;
    $("dismissed-count").textContent = n + " dismissed";
    updateButtons();
  }

  function updateButtons() {
    var report = lint.report;
    var ready = lint.state === "ready" && report && reply.value === lint.text;
    var kind = verdict.getAttribute("data-verdict");
    send.disabled = !(ready && (kind === "pass" || kind === "warn"));
    fixAll.disabled = !(ready && report.findings.some(function (f) {
      return f.suggestions.some(function (s) { return s.applicability === "safe"; });
    }));
  }

  function drawChips(report, empty) {
    chips.textContent = "";
    if (empty) return;
    Object.keys(report.traits).forEach(function (trait) {
      var value = report.traits[trait];
      var li = document.createElement("li");
      li.className = value === 100 ? "ok" : value >= 50 ? "low" : "bad";
      li.setAttribute("data-trait", trait);
      li.setAttribute("data-score", String(value));
      li.appendChild(document.createTextNode(trait.replace(/_/g, " ")));
      var b = document.createElement("b");
      b.textContent = String(value);
      li.appendChild(b);
      chips.appendChild(li);
    });
  }

  function drawNotices(report) {
    notices.textContent = "";
    report.notices.forEach(function (n) {
      if (n.kind === "empty") return;
      var li = document.createElement("li");
      li.textContent = n.message;
      notices.appendChild(li);
    });
  }

  function button(label, cls, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = cls;
    b.textContent = label;
    b.addEventListener("click", function (ev) { ev.stopPropagation(); onClick(); });
    return b;
  }

  function drawFindings(report) {
    list.textContent = "";
    count.textContent = String(report.findings.length);
    none.hidden = report.findings.length > 0;
    none.textContent = reply.value.trim() ? "Nothing to change." : "Nothing to change yet.";
    report.findings.forEach(function (f) {
      var li = document.createElement("li");
      li.className = "finding " + f.severity + (lint.activeId === f.id ? " active" : "");
      li.setAttribute("data-finding-id", f.id);
      li.setAttribute("data-rule", f.rule);
      var head = document.createElement("div");
      head.className = "head";
      var sev = document.createElement("span");
      sev.className = "sev";
      sev.textContent = f.severity;
      head.appendChild(sev);
      head.appendChild(document.createTextNode(f.rule + " · " + f.trait.replace(/_/g, " ")));
      var passage = document.createElement("div");
      passage.className = "passage";
      passage.textContent = "“" + f.passage + "”";
      var message = document.createElement("div");
      message.className = "message";
      message.textContent = f.message;
      li.appendChild(head);
      li.appendChild(passage);
      li.appendChild(message);
      li.appendChild(RL.describeSuggestion(document, report === lint.report ? lint.text : reply.value, f));
      var buttons = document.createElement("div");
      buttons.className = "buttons";
      var s = RL.chosenSuggestion(f);
      if (s) {
        buttons.appendChild(button(s.applicability === "safe" ? "Apply" : "Apply (check it)", "apply",
          function () { lint.apply(f.id); }));
      }
      buttons.appendChild(button("Dismiss", "dismiss", function () { lint.dismiss(f.id); }));
      li.appendChild(buttons);
      li.addEventListener("click", function () { lint.select(f.id); });
      li.addEventListener("mouseenter", function () { lint.setActive(f.id); });
      list.appendChild(li);
    });
  }

  var contextTimer = null;
  function contextChanged() {
    if (contextTimer) clearTimeout(contextTimer);
    contextTimer = setTimeout(function () { if (reply.value) lint.check(); }, 250);
  }
  customer.addEventListener("input", contextChanged);
  channel.addEventListener("change", contextChanged);

  fixAll.addEventListener("click", function () { lint.applyAllSafe(); });
  $("restore").addEventListener("click", function () { lint.restore(); });
  send.addEventListener("click", function () {
    toast.hidden = false;
    toast.textContent = "Ready: in your help desk this is where the reply goes out. This page sends nothing.";
  });
  reply.addEventListener("input", function () { toast.hidden = true; });

  $("auth-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    try { window.sessionStorage.setItem(TOKEN_KEY, $("token").value.trim()); } catch (e) { /* private mode */ }
    $("auth").hidden = true;
    lint.check();
  });
})();
