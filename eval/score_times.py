#!/usr/bin/env python3
"""Score raqqa-events time expressions against hand annotations (standard library only).

  score_times.py --gold eval/times-gold.jsonl --pred OUT.jsonl [--min-f1 F] [--min-acc A] [-v]

OUT.jsonl is what `raqqa-events parse DIR --format jsonl` prints for the annotated
reports (FA-KES dev reports, /work/shared/data/fakes-dev/docs); other documents in it
are ignored. The gold file has one line per report: `{"id", "times": [{"start", "end",
"text", "value", "precision", "range"}]}` with character offsets into the file as read,
header line included.

How the annotations were made (eval/times-gold.jsonl, 31 FA-KES dev reports, by hand from
reading the reports): a span is the expression alone, without `on`/`in`, but with the words
that change its meaning (`last Friday`, `early 2016`, `since March 2011`, `between March and
May`, `Friday night`); it is resolved against the date the report gives itself (the body's
own date line when there is one, else the header). A point's value is ISO 8601 at its
precision (`2016-06-03`, `2013-W30`, `2016-02`, `2011`); a period's is `from/to` in days with
the same range; `the past months` counts three; a duration is an ISO 8601 duration (`P2Y`,
`PTXH` for `several hours`) and a clock time an ISO time (`T12:00`), both without precision.
Not annotated: `now`, `recently`, `overnight`, `in the past`, and adjectival compounds
(`48-hour truce`, `28-month-old conflict`).

Printed: span precision, recall and F1 (a predicted time matches a gold one when their
character ranges overlap; greedy one-to-one, most overlap first), and resolution
accuracy: the share of gold expressions matched by a predicted span whose value is the
same. The exit status is 1 when a --min-* floor is not met.
"""
import argparse
import json
import sys


def load_jsonl(path):
    out = {}
    with open(path, encoding='utf-8') as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError as e:
                sys.exit(f'{path}:{n}: not JSON: {e}')
            if 'id' in d:
                out[str(d['id'])] = d
    return out


def overlap(a, b):
    return min(a['end'], b['end']) - max(a['start'], b['start'])


def match(gold, pred):
    """Greedy one-to-one matching by overlap: list of (gold, pred or None)."""
    used = set()
    pairs = []
    for g in gold:
        best, bi = 0, None
        for i, p in enumerate(pred):
            if i in used:
                continue
            o = overlap(g, p)
            if o > best:
                best, bi = o, i
        if bi is not None:
            used.add(bi)
        pairs.append((g, pred[bi] if bi is not None else None))
    return pairs, len(used)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--gold', required=True, help='eval/times-gold.jsonl')
    ap.add_argument('--pred', required=True, help='raqqa-events parse --format jsonl output')
    ap.add_argument('--min-f1', type=float, help='exit 1 when span F1 is below this')
    ap.add_argument('--min-acc', type=float, help='exit 1 when resolution accuracy is below this')
    ap.add_argument('-v', '--verbose', action='store_true', help='list misses and wrong values')
    a = ap.parse_args()

    gold = load_jsonl(a.gold)
    pred = load_jsonl(a.pred)
    n_gold = n_pred = tp_gold = tp_pred = right = 0
    missing = []
    for doc_id, g in sorted(gold.items()):
        d = pred.get(doc_id)
        if d is None:
            missing.append(doc_id)
            d = {}
        gts = sorted(g['times'], key=lambda t: t['start'])
        pts = sorted(d.get('times') or [], key=lambda t: t['start'])
        pairs, used = match(gts, pts)
        n_gold += len(gts)
        n_pred += len(pts)
        tp_pred += used
        for gt, pt in pairs:
            if pt is None:
                if a.verbose:
                    print(f'{doc_id}: missed {gt["text"]!r} ({gt["value"]})')
                continue
            tp_gold += 1
            if pt.get('value') == gt['value']:
                right += 1
            elif a.verbose:
                print(f'{doc_id}: {gt["text"]!r} is {gt["value"]}, got {pt.get("text")!r} = {pt.get("value")}'
                      f' ({pt.get("anchor")})')
        if a.verbose:
            hit = {id(pt) for _, pt in pairs if pt is not None}
            for pt in pts:
                if id(pt) not in hit:
                    print(f'{doc_id}: spurious {pt.get("text")!r} = {pt.get("value")}')

    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    acc = right / n_gold if n_gold else 0.0
    if missing:
        print(f'warning: {len(missing)} annotated reports have no output line: {", ".join(missing[:5])}')
    print(f'spans       P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (gold {n_gold}, predicted {n_pred})')
    print(f'resolution  {right}/{n_gold} gold expressions matched with the same value')
    print(f'resolution accuracy {acc:.3f}')
    ok = (a.min_f1 is None or f >= a.min_f1) and (a.min_acc is None or acc >= a.min_acc)
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
