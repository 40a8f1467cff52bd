"""DOC items added to an existing dossier (the citizen's supplied papers), as transaction items
for `DossierStore.apply_change(..., also=...)`: they are written with the change that explains
them, or not at all."""
from __future__ import annotations

from collections.abc import Sequence

from portal.store.dossiers import doc_sk, dossier_pk
from portal.store.items import to_item


def document_puts(table_name: str, dossier_id: str, documents: Sequence[dict]) -> list[dict]:
    """One Put per document (each with its `slot` and `n`, numbered after the slot's existing
    files): never over an existing item, so a file already bound to the dossier stays."""
    pk = dossier_pk(dossier_id)
    return [
        {
            "Put": {
                "TableName": table_name,
                "Item": to_item(
                    {k: v for k, v in {**document, "PK": pk, "SK": doc_sk(document["slot"], document["n"])}.items() if v is not None}
                ),
                "ConditionExpression": "attribute_not_exists(PK)",
            }
        }
        for document in documents
    ]
