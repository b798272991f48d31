"""Suggesting a Kurzname (short name) from a customer's full name."""

import re

_LEGAL_FORMS = re.compile(
    r"[\s,]+(gmbh\s*&\s*co\.?\s*kg|ug\s*\(haftungsbeschränkt\)|g?gmbh|mbh|ag|kgaa|kg|ohg|gbr|"
    r"e\.\s*k\.?|e\.\s*v\.?|e\.?\s*g\.?|ug|partg(\s*mbb)?|mbb|se|ltd\.?|inc\.?|b\.\s*v\.?|sarl|s\.a\.r\.l\.)\s*$",
    re.IGNORECASE,
)
MAX_LENGTH = 60


def suggest_short_name(*, company_name: str = "", first_name: str = "", last_name: str = "") -> str:
    """ "Müller Haustechnik GmbH & Co. KG" → "Müller Haustechnik"; a person → "Weber, Kim"."""
    if company_name.strip():
        name = company_name.strip()
        while True:
            shorter = _LEGAL_FORMS.sub("", name).strip()
            if shorter == name or not shorter:
                break
            name = shorter
        return name[:MAX_LENGTH]
    if last_name.strip():
        joined = ", ".join(p for p in (last_name.strip(), first_name.strip()) if p)
        return joined[:MAX_LENGTH]
    return ""
