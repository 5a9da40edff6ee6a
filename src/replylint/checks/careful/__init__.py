"""careful — nothing meant for internal eyes or testing reaches the customer.

Careful findings are errors: they block sending, so every detector here is
written for precision first and documents what it deliberately leaves alone
(a merge tag explained to a customer who asked about templates, a masked card
number, a release date that is honestly still "TBD", a router's 192.168.1.1).

Rules that are plain lists (config-driven banned terms, codenames, domains)
sit next to the ones that need context: the customer's name, the customer's
own message, or the regions ingest marked (greeting, sign-off, url, email).
"""
