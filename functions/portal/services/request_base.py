"""The base of every request body the API reads, citizen's and officer's alike."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class StrictRequest(BaseModel):
    # A field the API does not know is refused rather than silently stored; a value of the
    # wrong JSON type is refused rather than converted.
    model_config = ConfigDict(extra="forbid", strict=True)
