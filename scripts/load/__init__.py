"""Load on the local stack: many citizens submitting, then officers receiving, at once.

    .venv/bin/python -m scripts.load --submissions 1000 --actions 1000 --concurrency 8
    make load                                   # the same (about 10 minutes here)
    .venv/bin/python -m scripts.load --url http://127.0.0.1:8000   # a running `make run`

Without `--url` it starts the local stack in this process (the template's real functions,
in-memory data); with it, it talks to a running one, and only on 127.0.0.1. Every loop is
bounded: a fixed number of operations, a fixed number of tries each, a timeout on each request.
Clients retry as the site's scripts do: a submission on 503, 429 or a dropped connection with the
same Idempotency-Key; a receive on 503 or a dropped connection with the same version (a 409 on a
retry after an attempt whose answer was lost counts as applied, and the consistency check says
whether it was). Then every accepted submission is checked: exactly one dossier for each 201,
no duplicates, and each dossier holds exactly its events. The figures go to the "Load on the
local stack" section of docs/benchmarks.md (`--no-write` prints them only).
"""
