"""Where the default content, layouts and font settings are found."""
from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def default_dir(kind: str) -> Path:
    """The built-in folder `kind` ('content', 'layouts' or 'fonts').

    An installed wheel carries them inside the package; a source checkout or an
    editable install reads them from the top of the repository.
    """
    packaged = _HERE / kind
    if packaged.is_dir():
        return packaged
    return _HERE.parents[1] / kind
