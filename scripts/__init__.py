"""Build and maintenance scripts. They share the portal's pure domain (functions/portal/domain:
figures, vocabulary, legal constants) with the Lambdas, so the package puts `functions` on the
import path once, here, for every `python -m scripts.<name>`."""
import sys
from pathlib import Path

_FUNCTIONS = str(Path(__file__).resolve().parent.parent / "functions")
if _FUNCTIONS not in sys.path:
    sys.path.append(_FUNCTIONS)
