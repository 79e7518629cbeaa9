#!/usr/bin/env python3
"""Compare VADER with diplostance on the analysts' development set (issue 7's target:
diplostance's correlation with the analysts' mean at least twice VADER's).

Inputs (all plain files; scripts/vader_compare.sh produces them):
  --docs FILE.jsonl    documents, one JSON object a line with at least "id" and "text"
                       (what `diplostance import frus ... -o FILE` writes)
  --seeds DIR          extra documents: DIR/*.txt with TOML front matter between +++ lines
                       (the bundled seeds, corpus/seeds); ids from the front matter
  --analysts DIR       analyst-*.csv ratings (../shared/corpus/analysts)
  --scores FILE.jsonl  diplostance document scores (`diplostance score --format jsonl`),
                       optional: without it only VADER is reported

VADER (vaderSentiment 3.3.2) scores each document two ways: the whole text at once, and the
mean over its sentences (VADER is built for sentences; the mean is the stronger baseline on
long reports). Its scores stand for the dimensions as follows: tension <- -compound (negative
sentiment should track tension), hostility <- neg, rapprochement <- pos, trend <- compound (shown, with no target); VADER has nothing
for uncertainty. For each dimension the script prints Spearman and Pearson correlations with
the analysts' mean (documents where no analyst gave a value are left out), VADER's best
variant, diplostance's, and the ratio diplostance / VADER (Spearman).
"""

import argparse
import csv
import glob
import json
import math
import os
import re
import sys

try:
    import tomllib
except ImportError:  # Python < 3.11
    tomllib = None

DIMENSIONS = ["tension", "hostility", "rapprochement", "uncertainty", "trend"]
# dimensions the issue sets the "twice VADER" target for (trend is shown, with no target)
TARGETED = {"tension", "hostility", "rapprochement", "uncertainty"}
# how a VADER score stands for each dimension: (field, sign)
VADER_FOR = {
    "tension": ("compound", -1.0),
    "hostility": ("neg", 1.0),
    "rapprochement": ("pos", 1.0),
    "trend": ("compound", 1.0),
}


def tool_value(obj, dim):
    """A diplostance score by dimension: the four scores, or the trend feature."""
    if dim in obj:
        return float(obj[dim])
    return float(obj.get("features", {}).get(dim, float("nan")))


def read_jsonl(path):
    docs = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                sys.exit(f"{path}:{n}: not JSON: {e}")
            if "id" not in obj:
                sys.exit(f"{path}:{n}: no \"id\" field")
            docs[obj["id"]] = obj
    return docs


def read_seed(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    m = re.match(r"\ufeff?\+\+\+\r?\n(.*?)\r?\n\+\+\+\r?\n(.*)", text, re.S)
    if not m:
        return os.path.splitext(os.path.basename(path))[0], text
    front, body = m.group(1), m.group(2)
    doc_id = None
    if tomllib is not None:
        doc_id = tomllib.loads(front).get("id")
    else:
        im = re.search(r'^id\s*=\s*"([^"]*)"', front, re.M)
        doc_id = im.group(1) if im else None
    return doc_id or os.path.splitext(os.path.basename(path))[0], body


def read_analysts(folder):
    """doc id -> dimension -> list of ratings (empty cells skipped)."""
    files = sorted(glob.glob(os.path.join(folder, "*.csv")))
    if not files:
        sys.exit(f"{folder}: no ratings files (*.csv)")
    ratings = {}
    for path in files:
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                doc = row.get("doc_id", "").strip()
                if not doc:
                    continue
                for d in DIMENSIONS:
                    v = (row.get(d) or "").strip()
                    if v:
                        ratings.setdefault(doc, {}).setdefault(d, []).append(float(v))
    return ratings, files


def ranks(xs):
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    r = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2.0 + 1.0
        i = j + 1
    return r


def pearson(a, b):
    n = len(a)
    if n < 3:
        return float("nan")
    ma, mb = sum(a) / n, sum(b) / n
    sab = sum((x - ma) * (y - mb) for x, y in zip(a, b))
    saa = sum((x - ma) ** 2 for x in a)
    sbb = sum((y - mb) ** 2 for y in b)
    if saa == 0 or sbb == 0:
        return float("nan")
    return sab / math.sqrt(saa * sbb)


def spearman(a, b):
    return pearson(ranks(a), ranks(b))


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z])")


def sentences(text):
    return [s for s in SENTENCE_END.split(" ".join(text.split())) if s.strip()]


def vader_scores(analyzer, text):
    whole = analyzer.polarity_scores(text)
    per = [analyzer.polarity_scores(s) for s in sentences(text)] or [whole]
    mean = {k: sum(p[k] for p in per) / len(per) for k in ("neg", "neu", "pos", "compound")}
    return {"whole": whole, "sentences": mean}


def fmt(x):
    return "  n/a" if x is None or math.isnan(x) else f"{x:+.3f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", help="documents as JSONL (id, text)")
    ap.add_argument("--seeds", help="folder of seed .txt files with +++ front matter")
    ap.add_argument("--analysts", required=True, help="folder of analyst-*.csv")
    ap.add_argument("--scores", help="diplostance scores as JSONL (score --format jsonl)")
    ap.add_argument("--json", help="also write the figures to this JSON file")
    args = ap.parse_args()

    texts = {}
    if args.docs:
        for doc_id, obj in read_jsonl(args.docs).items():
            texts[doc_id] = obj.get("text", "")
    if args.seeds:
        for path in sorted(glob.glob(os.path.join(args.seeds, "*.txt"))):
            doc_id, body = read_seed(path)
            texts.setdefault(doc_id, body)
    if not texts:
        sys.exit("no documents: give --docs and/or --seeds")

    ratings, files = read_analysts(args.analysts)
    rated = sorted(set(ratings) & set(texts))
    missing = sorted(set(ratings) - set(texts))
    if missing:
        print(f"warning: {len(missing)} rated documents have no text: {', '.join(missing[:5])}", file=sys.stderr)

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    vader = {d: vader_scores(analyzer, texts[d]) for d in rated}

    tool = None
    if args.scores:
        tool = read_jsonl(args.scores)
        lost = [d for d in rated if d not in tool]
        if lost:
            print(f"warning: {len(lost)} rated documents have no diplostance score: {', '.join(lost[:5])}", file=sys.stderr)

    print(f"{len(rated)} documents rated by {len(files)} analysts and scored by VADER "
          f"(vaderSentiment 3.3.2){' and diplostance' if tool else ''}")
    header = f"{'dimension':<14} {'n':>3}  {'VADER whole':>17}  {'VADER sentences':>17}"
    if tool:
        header += f"  {'diplostance':>17}  {'ratio':>6}  target"
    print(header)
    print(f"{'':<14} {'':>3}  {'rho':>8} {'r':>8}  {'rho':>8} {'r':>8}" + (f"  {'rho':>8} {'r':>8}" if tool else ""))
    out = {"documents": len(rated), "dimensions": {}}
    all_met = True
    for dim in DIMENSIONS:
        ids = [d for d in rated if dim in ratings[d] and (tool is None or d in tool)]
        human = [sum(ratings[d][dim]) / len(ratings[d][dim]) for d in ids]
        row = {"n": len(ids)}
        line = f"{dim:<14} {len(ids):>3}"
        best = None
        if dim in VADER_FOR:
            field, sign = VADER_FOR[dim]
            for variant in ("whole", "sentences"):
                xs = [sign * vader[d][variant][field] for d in ids]
                rho, r = spearman(xs, human), pearson(xs, human)
                row[f"vader_{variant}"] = {"spearman": rho, "pearson": r, "score": f"{'-' if sign < 0 else ''}{field}"}
                line += f"  {fmt(rho):>8} {fmt(r):>8}"
                if not math.isnan(rho) and (best is None or rho > best):
                    best = rho
        else:
            line += f"  {'(none)':>17}  {'(none)':>17}"
        if tool:
            xs = [tool_value(tool[d], dim) for d in ids]
            rho, r = spearman(xs, human), pearson(xs, human)
            row["diplostance"] = {"spearman": rho, "pearson": r}
            line += f"  {fmt(rho):>8} {fmt(r):>8}"
            if best is None:
                line += f"  {'':>6}  (VADER has no score)"
            elif dim not in TARGETED:
                ratio = rho / best if best > 0 else float("inf")
                row["ratio"] = ratio
                ratio_s = "  inf" if math.isinf(ratio) else f"{ratio:6.2f}"
                line += f"  {ratio_s:>6}  (no target)"
            else:
                met = rho >= 2 * best
                all_met &= met
                ratio = rho / best if best > 0 else float("inf")
                row["ratio"] = ratio
                row["target_met"] = met
                ratio_s = "  inf" if math.isinf(ratio) else f"{ratio:6.2f}"
                line += f"  {ratio_s:>6}  {'met' if met else 'NOT met'} (>= 2 x {best:+.3f})"
        out["dimensions"][dim] = row
        print(line)
    if tool:
        print("target (diplostance Spearman >= 2 x VADER's best, each dimension VADER scores): "
              + ("met" if all_met else "NOT met"))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(out, f, indent=2, sort_keys=True)
    return 0 if (tool is None or all_met) else 1


if __name__ == "__main__":
    sys.exit(main())
