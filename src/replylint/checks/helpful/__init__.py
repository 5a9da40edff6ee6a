"""helpful — move the customer toward the result they want.

What a reply *does* is not in any one phrase, so these rules read structure:

* HLP001 and HLP002 are two-stage: a cheap regex picks the few sentences that
  might promise a fix date or say no, and only those reach spaCy's parser,
  which settles tense, negation, the subject and whether the clause is a
  condition ("if it isn't fixed by Friday") or an echo of the customer's
  problem ("sorry to hear you can't log in"). HLP002 checks its cheap second
  cue first: a reply that offers any way forward never reaches the parser.
* HLP003 and HLP005 judge the reply as a whole: every sentence is sorted into
  filler (thanks, apologies, sign-offs), deflection, vague talk or substance,
  and a finding needs the deflection or the vagueness to be ALL the substance.
* HLP004 reads Context.customer_message: asking the customer to describe the
  problem again is only wrong when they already did.

A trigger word alone is never a finding: a warning needs a second cue (a no AND
no next step anywhere in the reply; a deflection AND nothing else said).

Modules:

- ``_text``: the reply sentence by sentence (``Sentence``, ``sentences``, built once per
  reply and shared), what each sentence does (``classify``, ``kinds``: filler, deflection,
  vague or substance), whether the customer asked for anything (``customer_asks``), and the
  patterns those share (fillers, deflections, next steps, imperatives, asks, complaints).
- ``_parse``: helpers over spaCy's parse shared by HLP001 and HLP002 (the token at an offset,
  a word's predicate and subject, whether it sits in a condition).
- ``fix_date``: HLP001 fix-date-promise.
- ``refusal``: HLP002 no-without-alternative.
- ``deflection``: HLP003 empty-deflection.
- ``ask_again``: HLP004 explain-again.
- ``non_answer``: HLP005 non-answer.
"""
