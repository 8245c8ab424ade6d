#!/usr/bin/env python3
"""Summarises the jdk.ExecutionSample events of a JFR recording by hot spot.

Usage: jfr print --json --stack-depth 64 --events jdk.ExecutionSample REC.jfr | jfr_hot.py [-n 25]

Prints, as a share of all samples:
  - inclusive time of Mailwijs (nl.mailwijs.*) methods and a few JDK/Jackson methods of interest;
  - self time grouped by the nearest Mailwijs frame (who is responsible for the JDK time below it);
  - the top self frames, each with its nearest Mailwijs frame.
Python 3 standard library only.
"""

import argparse
import collections
import json
import sys

INTERESTING_JDK = ("java.time.Instant.parse", "java.time.LocalDate.parse", "java.net.IDN.toASCII",
                   "java.util.regex.Matcher.find", "java.io.BufferedReader.readLine",
                   "java.io.BufferedWriter.append", "java.io.Writer.append", "sun.nio.cs.UTF_8$Encoder.encodeArrayLoop",
                   "tools.jackson.core.json.ReaderBasedJsonParser.nextName",
                   "tools.jackson.core.json.ReaderBasedJsonParser.nextToken")


def frame_name(frame):
    method = frame["method"]
    return (method["type"]["name"] + "." + method["name"]).replace("/", ".")


def own(name):
    return name.startswith("nl.mailwijs.") and "$$Lambda" not in name and "$$TypeSwitch" not in name


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=25, help="rows per table (default 25)")
    args = parser.parse_args()

    events = json.load(sys.stdin)["recording"]["events"]
    total = len(events)
    if total == 0:
        sys.exit("jfr_hot: no jdk.ExecutionSample events")
    inclusive, by_owner, top = collections.Counter(), collections.Counter(), collections.Counter()
    for event in events:
        names = [frame_name(f) for f in event["values"]["stackTrace"]["frames"]]
        if not names:
            continue
        for name in set(names):
            inclusive[name] += 1
        owner = next((n for n in names if own(n)), "(no Mailwijs frame)")
        by_owner[owner] += 1
        top[(names[0], owner)] += 1

    def pct(count):
        return f"{100.0 * count / total:5.1f}%"

    print(f"{total} samples")
    print("\n--- inclusive: Mailwijs methods and selected JDK/Jackson methods ---")
    rows = [(n, c) for n, c in inclusive.most_common() if own(n) or n.startswith(INTERESTING_JDK)]
    for name, count in rows[:args.n * 2]:
        print(f"{pct(count)}  {name}")
    print("\n--- self time by nearest Mailwijs frame ---")
    for name, count in by_owner.most_common(args.n):
        print(f"{pct(count)}  {name}")
    print("\n--- top self frames <- nearest Mailwijs frame ---")
    for (name, owner), count in top.most_common(args.n):
        print(f"{pct(count)}  {name}  <- {owner}")


if __name__ == "__main__":
    main()
