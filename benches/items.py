#!/usr/bin/env python3
"""Item analysis of skillgap result files, computed apart from skillgap, to check
`skillgap cohort --items` against (tests/cohort_items.rs runs it).

    python3 benches/items.py DIR > figures.json

Reads every *.json under DIR, keeps each person's latest result (people told apart by
`person`, else the file name, in lower case; the later `taken_at`, then the path that sorts
last), and from the scores each result records for its scenarios (`evidence` items of kind
choice or multi: earned / possible, weighted by possible) prints per scenario how many
answered, the difficulty (mean score) and the corrected point-biserial correlation (Pearson's
r of the score with the weighted share right of the person's other scenarios of the same
competency, among those who answered another). Standard library only.
"""

import json
import math
import os
import sys
from datetime import datetime


def pearson(pairs):
    n = len(pairs)
    if n < 2:
        return None
    mx = sum(p[0] for p in pairs) / n
    my = sum(p[1] for p in pairs) / n
    sxy = sum((x - mx) * (y - my) for x, y in pairs)
    sxx = sum((x - mx) ** 2 for x, _ in pairs)
    syy = sum((y - my) ** 2 for _, y in pairs)
    if sxx <= 0 or syy <= 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def latest_results(root):
    latest = {}
    for folder, _, files in os.walk(root):
        for name in files:
            if not name.lower().endswith(".json"):
                continue
            path = os.path.join(folder, name)
            try:
                with open(path, encoding="utf-8") as f:
                    doc = json.load(f)
                when = datetime.fromisoformat(doc["taken_at"].replace("Z", "+00:00"))
            except (OSError, ValueError, KeyError, TypeError):
                continue
            if doc.get("schema_version") != 1:
                continue
            person = (doc.get("person") or os.path.splitext(name)[0]).lower()
            have = latest.get(person)
            if have is None or (when, path) > have[0]:
                latest[person] = ((when, path), doc)
    return [doc for _, doc in latest.values()]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: items.py DIR")
    scores, rests = {}, {}
    for doc in latest_results(sys.argv[1]):
        for competency in doc["competencies"]:
            answered = [
                (e["question"], e["earned"] / e["possible"], e["possible"])
                for e in competency.get("evidence", [])
                if e["kind"] in ("choice", "multi") and e["possible"] > 0
            ]
            for k, (qid, x, _) in enumerate(answered):
                scores.setdefault(qid, []).append(x)
                others = answered[:k] + answered[k + 1 :]
                if others:
                    earned = sum(o[1] * o[2] for o in others)
                    possible = sum(o[2] for o in others)
                    rests.setdefault(qid, []).append((x, earned / possible))
    items = {
        qid: {
            "answered": len(xs),
            "difficulty": sum(xs) / len(xs),
            "point_biserial": pearson(rests.get(qid, [])),
        }
        for qid, xs in scores.items()
    }
    json.dump({"items": items}, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
