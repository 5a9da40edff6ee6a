"""CAR010: broken encoding (mojibake), found and fixed with ftfy."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ...findings import Edit, Severity
from ...fixes import suggestion
from ...rule import Hit, Rule, RuleContext, examples

if TYPE_CHECKING:
    from ...nlp import Analysis


_NON_SPACE_RUN = re.compile(r"[^ \t\r\n]+")
# A no-break space read as Latin-1 leaves a stray "Â" glued to the word before it: "isÂ $8,000".
_STRAY_A = re.compile(r"(?<=[a-z0-9.,:;])Â(?=[\s$€£\d])")


class Mojibake(Rule):
    id = "CAR010"
    english_only = False
    name = "broken-encoding"
    trait = "careful"
    severity = Severity.ERROR
    summary = "Broken character encoding (mojibake): “Itâ€™s”, “cafÃ©”, “â€œquotesâ€\x9d”."
    why = (
        "Garbled characters make the reply look machine-made and careless, and in a name they misspell "
        "the customer. ftfy finds the pattern and repairs it; correct accents and emoji are left alone."
    )
    message = "“{passage}” has broken encoding; it should read “{fixed}”."
    fix = "safe"
    bad = examples(
        {"text": "Itâ€™s on its way! Youâ€™ll get tracking soon.", "flagged": "Itâ€™s",
         "fixed": "It’s on its way! Youâ€™ll get tracking soon."},
        {"text": "Hi ZoÃ«, your order has shipped.", "flagged": "ZoÃ«,", "fixed": "Hi Zoë, your order has shipped."},
        {"text": "The cafÃ© gift card is attached.", "flagged": "cafÃ©", "fixed": "The café gift card is attached."},
        {"text": "We've added â‚¬20 credit.", "flagged": "â‚¬20", "fixed": "We've added €20 credit."},
        {"text": "Your new limit isÂ $8,000 today.", "flagged": "Â", "fixed": "Your new limit is $8,000 today."},
    )
    good = examples(
        "It’s on its way! You’ll get tracking by email soon.",
        "Hi Zoë, your order has shipped and should arrive Thursday. 🎉",
        "Our São Paulo café reopens Monday; see the résumé of changes. Ça va? 👍",
        "The price is €20 or £18, naïve as that sounds.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        text = analysis.text
        if text.isascii():
            return
        from ftfy import fix_text
        from ftfy.badness import is_bad

        stray = [m.start() for m in _STRAY_A.finditer(text)]
        for m in _STRAY_A.finditer(text):
            yield Hit(m.start(), m.end(), message="A stray “Â” from a broken no-break space; delete it.",
                      suggestions=[suggestion(Edit(m.start(), m.end(), ""), "Delete the stray “Â”", safe=True)])
        if not is_bad(text):
            return
        for m in _NON_SPACE_RUN.finditer(text):
            run = m.group()
            if run.isascii() or any(m.start() <= i < m.end() for i in stray) or not is_bad(run):
                continue
            s, e = m.start(), m.end()
            # Trim ASCII punctuation the fix doesn't touch ("ZoÃ«," keeps its comma in the passage).
            fixed = fix_text(run, uncurl_quotes=False, unescape_html=False, fix_line_breaks=False)
            if fixed == run:
                yield Hit(s, e, message=f"“{run}” has broken encoding (mojibake); retype it.")
                continue
            edit = Edit(s, e, fixed)
            yield Hit(s, e, message=self.message.format(passage=run, fixed=fixed),
                      suggestions=[suggestion(edit, f"Repair to “{fixed}”", safe=True)])
