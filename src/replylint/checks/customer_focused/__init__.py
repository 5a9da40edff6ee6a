"""customer_focused — customers don't care why it happened internally, which privileges we lack,
or whose fault it is.

A trigger word alone is never a finding here. "Our team", "the system", "ticket", "queue",
"escalate" and "backend" all have honest uses ("reach out to our Photos team", "the queue at the
store", "your ticket number", "the back end of the month"), so every detector pairs the word
with a second cue that makes it internal: a first-person subject that lacks something, a
routing verb, a tracker or tier name, a second piece of infrastructure jargon, or an agent's
own action in a named tool.

- CUS001 lack-of-access: privileges and tools we lack, said as an excuse ("I don't have access
  to billing", "our system won't let me", "this channel is limited to technical support").
  Stage one is regular expressions; stage two parses only the sentences that hold a first-person
  word, a privilege noun after a have/get/give-like word, and a negation, to catch paraphrases
  by structure ("we frontline agents were never given access to that").
- CUS002 internal-process: routing and tracker jargon (tiers, L2, JIRA tickets, P1, the SLA,
  ticket queues, next sprint, QA, the back office, ticketing systems).
- CUS003 capacity-excuse: staffing and workload excuses ("we're short-staffed", "due to a backlog",
  "a high volume of requests"); "busy" or "swamped" only next to a delay or a customer who waited.
- CUS004 internal-tool-name: our own tools named to the customer (config `internal_tools`,
  a CRM or tracker in process talk, the admin console, our OMS, the backend, status codes).
- CUS005 internal-mechanics: a sentence spelling out internal plumbing (cron jobs, batch files,
  CDN edge nodes, SMS gateways, dedupe steps) instead of what it means for the customer.
- CUS006 explains-before-solving: a reply that opens with several sentences of internal cause
  before any fix or next step.

Everything here runs on every reply, so it must stay cheap: each regex sits behind a test on
the sentence's words (``_Gate``), and the sentences are split once per reply and shared by the
six rules (``_reply``).
"""
