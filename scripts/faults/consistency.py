"""After the faulted run, from the table and the bucket themselves (clients of their own, never
faulted): every accepted submission is one whole dossier and every applied action is in it once.

- losses: an accepted submission without its dossier, code or document (or a document whose
  stored copy is gone), an applied action without its event, an event without its messages;
- duplicates: a dossier, code, event or outbox message more than the answers account for;
- disagreements: the dossier's version is not its number of writes, the desk's queues (the
  state index, the open-dossiers index, the month-of-receipt index) do not list it as its state
  says, or more copies in the bucket belong to no dossier than removals failed.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from boto3.dynamodb.conditions import Key

from portal.domain.deadlines import CLOCK_RUNNING_STATES
from portal.domain.notices import messages_for
from portal.domain.states import State
from portal.services import deps
from scripts.faults.clients import Submitted


def _query(table, index: str, attribute: str, value: str) -> set[str]:
    ids: set[str] = set()
    query = {"IndexName": index, "KeyConditionExpression": Key(attribute).eq(value)}
    while True:
        page = table.query(**query)
        ids.update(item["id"] for item in page["Items"])
        if "LastEvaluatedKey" not in page:
            return ids
        query["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def check(table, s3, bucket: str, submitted: list[Submitted], applied: dict[str, list[str]],
          may_stay: int) -> dict:
    """`applied`: dossier id → the actions the clients saw applied, in order. `may_stay`:
    how many copies may be left without a dossier (a removal that failed, or one skipped because
    whether the write was done could not be read)."""
    items = []
    scan: dict = {}
    while True:
        page = table.scan(**scan)
        items.extend(page["Items"])
        if "LastEvaluatedKey" not in page:
            break
        scan["ExclusiveStartKey"] = page["LastEvaluatedKey"]
    partitions: dict[str, list[dict]] = defaultdict(list)
    for item in items:
        partitions[item["PK"]].append(item)
    losses: list[str] = []
    duplicates: list[str] = []
    disagreements: list[str] = []

    accepted = {s.dossier_id: s for s in submitted}
    metas = {i["id"]: i for i in items if i["PK"].startswith("DOSSIER#") and i["SK"] == "META"}
    losses += [f"{s.code}: accepted, no dossier" for s in submitted if s.dossier_id not in metas]
    duplicates += [f"dossier {i}: no submission was answered with it" for i in metas if i not in accepted]
    duplicates += [f"{key}: answered with {n} dossiers" for key, n in Counter(s.key for s in submitted).items() if n > 1]
    codes = Counter(i["PK"].removeprefix("CODE#") for i in items if i["PK"].startswith("CODE#"))
    duplicates += [f"code {code} given {n} times" for code, n in codes.items() if n > 1]
    losses += [f"{s.code}: no code item" for s in submitted if s.code not in codes]

    counts: Counter = Counter()
    referenced = set()
    for dossier_id, meta in metas.items():
        children = sorted(partitions[f"DOSSIER#{dossier_id}"], key=lambda i: i["SK"])
        events = [i for i in children if i["SK"].startswith("EVENT#")]
        actions = [e["action"] for e in events]
        expected = ["submit", *applied.get(dossier_id, [])]
        counts["events"] += len(events)
        if actions != expected:
            extra = Counter(actions) - Counter(expected)
            (duplicates if extra else losses).append(f"{meta['code']}: events {actions}, expected {expected}")
        if int(meta["version"]) != len(events):
            disagreements.append(f"{meta['code']}: version {meta['version']} after {len(events)} writes")
        messages: Counter = Counter()
        for message in (i for i in children if i["SK"].startswith("OUTBOX#")):
            messages[int(message["id"].split("#")[-2]), message["action"]] += 1
        counts["messages"] += sum(messages.values())
        title = deps.catalogue().title_for(meta)
        wanted: Counter = Counter()
        for version, event in enumerate(events, start=1):
            wanted[version, event["action"]] = len(messages_for(meta, event, title))
        wanted = +wanted
        if messages - wanted:
            duplicates.append(f"{meta['code']}: outbox messages {dict(messages - wanted)} beyond its events'")
        if wanted - messages:
            losses.append(f"{meta['code']}: outbox messages {dict(wanted - messages)} missing")
        documents = [i for i in children if i["SK"].startswith("DOC#")]
        if len(documents) != 1:
            (duplicates if documents else losses).append(f"{meta['code']}: {len(documents)} documents")
        for document in documents:
            referenced.add((document["key"], document["version_id"]))
            try:
                stored = s3.head_object(Bucket=bucket, Key=document["key"], VersionId=document["version_id"])
            except Exception:
                losses.append(f"{meta['code']}: its document's copy is gone")
                continue
            if stored["ContentLength"] != document["size"]:
                losses.append(f"{meta['code']}: its document's copy is {stored['ContentLength']} bytes")

    # The desk's queues, as an officer's page reads them.
    by_state: dict[tuple[str, str], set[str]] = defaultdict(set)
    for meta in metas.values():
        by_state[meta["agency"], meta["state"]].add(meta["id"])
    for (agency, state), ids in by_state.items():
        listed = _query(table, "GSI1", "GSI1PK", f"AGENCY#{agency}#STATE#{state}")
        if listed != ids:
            disagreements.append(f"queue {state}: lists {len(listed)}, {len(ids)} are {state}")
    for agency in {meta["agency"] for meta in metas.values()}:
        open_ids = {m["id"] for m in metas.values() if m["agency"] == agency and State(m["state"]) in CLOCK_RUNNING_STATES}
        if _query(table, "GSI2", "GSI2PK", f"AGENCY#{agency}#OPEN") != open_ids:
            disagreements.append(f"the open dossiers of {agency} are not the ones listed")
    received = [m for m in metas.values() if m.get("received_at")]
    counts["received"] = len(received)
    for month in {m["received_at"][:7] for m in received}:
        for agency in {m["agency"] for m in received}:
            ids = {m["id"] for m in received if m["received_at"][:7] == month and m["agency"] == agency}
            if _query(table, "GSI5", "GSI5PK", f"AGENCY#{agency}#RECEIVED#{month}") != ids:
                disagreements.append(f"the book of {month} does not list the dossiers received then")
    # A copy whose dossier was not recorded is removed, unless that removal failed too.
    versions = []
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket, Prefix="dossiers/"):
        versions.extend(page.get("Versions", []))
    orphans = [v for v in versions if (v["Key"], v["VersionId"]) not in referenced]
    if len(orphans) > may_stay:
        disagreements.append(f"{len(orphans)} copies without a dossier, at most {may_stay} may be")
    return {"dossiers": len(metas), "codes": sum(codes.values()), **counts, "orphan_copies": len(orphans),
            "copies_may_stay": may_stay, "losses": losses, "duplicates": duplicates,
            "disagreements": disagreements}
