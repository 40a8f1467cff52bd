"""The only package that talks to AWS (boto3): the dossier table, the documents bucket and the
idempotency records."""
