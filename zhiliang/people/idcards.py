"""Protecting ID card numbers (身份证号): encryption at rest, a keyed digest for matching, a masked copy.

The plain number is never stored. `Student.id_number_encrypted` holds a Fernet token (AES-128-CBC with an
HMAC, from the `cryptography` package) under `settings.FIELD_ENCRYPTION_KEY`; `id_number_digest` is an
HMAC-SHA256 of the number under the same key, so duplicates can be found without decrypting anything;
`id_number_masked` is what every page shows.
"""

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet
from django.conf import settings

from zhiliang.core.ids import mask_id_number


@lru_cache(maxsize=4)
def _fernet(key: str) -> Fernet:
    return Fernet(key.encode())


def id_number_digest(number: str) -> str:
    return hmac.new(settings.FIELD_ENCRYPTION_KEY.encode(), number.encode(), hashlib.sha256).hexdigest()


def protect_id_number(number: str) -> dict[str, str]:
    """The three stored fields for a (validated, normalised) ID number; empty strings for no number."""
    if not number:
        return {"id_number_encrypted": "", "id_number_digest": "", "id_number_masked": ""}
    token = _fernet(settings.FIELD_ENCRYPTION_KEY).encrypt(number.encode()).decode()
    return {
        "id_number_encrypted": token,
        "id_number_digest": id_number_digest(number),
        "id_number_masked": mask_id_number(number),
    }


def reveal_id_number(token: str) -> str:
    """Decrypt a stored number. Callers must check `can_reveal_id_number` and audit the reveal."""
    if not token:
        return ""
    return _fernet(settings.FIELD_ENCRYPTION_KEY).decrypt(token.encode()).decode()
