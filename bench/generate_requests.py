#!/usr/bin/env python3
"""Writes N decision requests, one compact JSON object per line, for `mailwijs decide --jsonl`.

Each line is one of the 17 example scenarios (bench/src/main/resources/scenarios, a copy of
shared/scenarios), chosen at random, with:
  - a different recipient: local parts and domains vary, sometimes a +tag or capitals; the
    offer-address scenario keeps an offer local part, the outside-EEA business a non-EEA
    country, the SMS scenario gets Dutch mobile numbers (E.164, sometimes with spaces/dashes);
  - different consent / purchase ids and recipient counts (1 for the personal proposal);
  - dates moved together by up to +-400 days, and each scenario's deciding date jittered within
    a range that keeps its expected outcome (e.g. the soft opt-in purchase 2 weeks to 22 months
    before the send, the expired one 26 to 60 months before, a withdrawal or objection between
    consent and send);
  - topics varied within the scenario's meaning (a similar topic stays similar, an unrelated
    one unrelated).
Deterministic: the same seed, count and scenarios give the same bytes.

Usage: generate_requests.py [-n 200000] [--seed 42] [-o FILE] [--expect FILE]
  --expect FILE  also write, per line, the scenario name and its expected outcome (JSON lines)
Python 3 standard library only.
"""

import argparse
import json
import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SCENARIOS = HERE / "src" / "main" / "resources" / "scenarios"

FIRST_NAMES = ["jan", "piet", "klaas", "anna", "sanne", "emma", "lucas", "daan", "sem", "julia", "tess", "noah",
               "fleur", "bram", "lotte", "ruben", "eva", "thijs", "femke", "joris", "mila", "lars", "sophie",
               "milan", "isa", "niels", "yara", "stijn", "lieke", "mohamed", "fatima", "wouter", "ingrid", "kees"]
LAST_NAMES = ["jansen", "devries", "bakker", "visser", "smit", "meijer", "deboer", "mulder", "degroot", "bos",
              "vos", "peters", "hendriks", "vanleeuwen", "dekker", "brouwer", "dewit", "dijkstra", "smits",
              "vandijk", "vermeulen", "kok", "yilmaz", "elamrani", "vandenberg", "postma", "huisman"]
CONSUMER_DOMAINS = ["example.nl", "ziggo.example", "kpnmail.example", "gmail.example", "outlook.example",
                    "xs4all.example", "hetnet.example", "home.example", "planet.example", "hotmail.example",
                    "icloud.example", "telfort.example", "posteo.example", "proton.example"]
TAGS = ["nieuwsbrief", "foto", "shop", "jansen", "marketing", "2024", "promo", "news"]
TRADES = ["bakkerij", "installatiebedrijf", "schilder", "kapsalon", "garage", "drukkerij", "bloemist",
          "architecten", "advocaten", "loodgieter", "dakdekker", "tandarts", "cafe", "hovenier"]
OFFER_LOCAL_PARTS = ["aanbieding", "acquisitie", "offers", "Aanbieding", "OFFERS", "Acquisitie"]
BUSINESS_LOCAL_PARTS = ["sales", "info", "purchasing", "hello", "office", "contact", "procurement"]
NON_EEA = [("US", ["com", "us"]), ("CA", ["ca", "com"]), ("AU", ["com.au"]), ("JP", ["co.jp", "jp"]),
           ("CH", ["ch"]), ("GB", ["co.uk", "uk"]), ("NZ", ["co.nz"]), ("SG", ["com.sg"])]
COMPANY_WORDS = ["acme", "globex", "initech", "umbrella", "hooli", "vandelay", "stark", "wayne", "tyrell",
                 "cyberdyne", "soylent", "wonka", "gringotts", "oceanic"]
# Message topics for the photo sender, and which purchase categories make them similar
# (the scenarios' policy: portrait -> prints, albums; wedding -> albums).
SIMILAR = {"photo-prints": ["portrait-photography"], "photo-albums": ["portrait-photography", "wedding-photography"]}
UNRELATED_TOPICS = ["kitchen-appliances", "garden-furniture", "car-insurance", "wine", "holiday-homes", "sportswear"]

DAY = timedelta(days=1)


def parse_instant(text):
    if len(text) == 10:
        return datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=timezone.utc), True
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc), False


def format_instant(moment, date_only):
    return moment.strftime("%Y-%m-%d") if date_only else moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class Generator:
    def __init__(self, scenarios, seed):
        self.scenarios = scenarios
        self.rnd = random.Random(seed)

    # --- recipients -------------------------------------------------------------------------------

    def person_local_part(self):
        r = self.rnd
        first, last = r.choice(FIRST_NAMES), r.choice(LAST_NAMES)
        style = r.randrange(6)
        if style == 0:
            local = first
        elif style == 1:
            local = f"{first}.{last}"
        elif style == 2:
            local = f"{first}_{last}"
        elif style == 3:
            local = f"{first[0]}{last}{r.randrange(1, 100)}"
        elif style == 4:
            local = f"{first[0]}.{r.choice('abcdefghjkmnprstvw')}.{last}"
        else:
            local = f"{first}{r.randrange(1950, 2010)}"
        if r.random() < 0.05:
            local = local.capitalize()
        return local

    def consumer_address(self):
        r = self.rnd
        local = self.person_local_part()
        if r.random() < 0.15:
            local += "+" + r.choice(TAGS)
        domain = r.choice(CONSUMER_DOMAINS)
        if r.random() < 0.03:
            domain = domain.upper()  # the engine lower-cases the domain
        return f"{local}@{domain}"

    def business_domain(self):
        r = self.rnd
        return f"{r.choice(TRADES)}-{r.choice(LAST_NAMES)}.nl"

    def mobile_number(self):
        r = self.rnd
        digits = f"{r.randrange(10**8):08d}"
        style = r.randrange(10)
        if style < 7:
            return "+316" + digits
        if style < 9:
            return f"+31 6 {digits[:4]} {digits[4:]}"
        return f"+31-6-{digits}"

    # --- dates ------------------------------------------------------------------------------------

    def shift_dates(self, request, delta):
        """Moves every date in the request by delta, keeping the time of day."""
        def move(holder, key):
            value = holder.get(key)
            if isinstance(value, str):
                moment, date_only = parse_instant(value)
                holder[key] = format_instant(moment + delta, date_only)
        move(request["message"], "sendAt")
        evidence = request.get("evidence", {})
        for consent in evidence.get("consents", []):
            for key in ("givenAt", "confirmedAt", "withdrawnAt"):
                move(consent, key)
        for purchase in evidence.get("purchases", []):
            move(purchase, "date")
        for interaction in evidence.get("interactions", []):
            move(interaction, "date")
        for objection in evidence.get("objections", []):
            move(objection, "at")

    def days_before(self, send, low, high, date_only):
        """A moment between low and high whole days before send (date-only values at midnight)."""
        moment = send - timedelta(days=self.rnd.randint(low, high), minutes=self.rnd.randrange(0, 24 * 60))
        if date_only:
            moment = moment.replace(hour=0, minute=0, second=0)
        return format_instant(moment, date_only)

    def between(self, start, end):
        """A whole-minute moment strictly between start and end (both datetimes, at least 2 days apart)."""
        span = int((end - start).total_seconds() // 60)
        return format_instant(start + timedelta(minutes=self.rnd.randint(24 * 60, span - 24 * 60)), False)

    # --- one request ------------------------------------------------------------------------------

    def make(self):
        r = self.rnd
        scenario = r.choice(self.scenarios)
        name = scenario["name"]
        request = json.loads(scenario["request_text"])
        recipient, message = request["recipient"], request["message"]
        evidence = request.setdefault("evidence", {})
        consents = evidence.get("consents", [])
        purchases = evidence.get("purchases", [])

        # Everything moves together, then the send time of day varies (07:00 to 20:59 UTC).
        self.shift_dates(request, timedelta(days=r.randint(-400, 400)))
        send, _ = parse_instant(message["sendAt"])
        send = send.replace(hour=r.randint(7, 20), minute=r.randrange(60), second=0)
        message["sendAt"] = format_instant(send, False)

        # Recipient.
        if name.startswith("p14"):
            recipient["address"] = f"{r.choice(OFFER_LOCAL_PARTS)}@{self.business_domain()}"
        elif name.startswith("p15"):
            country, tlds = r.choice(NON_EEA)
            recipient["country"] = country
            recipient["address"] = f"{r.choice(BUSINESS_LOCAL_PARTS)}@{r.choice(COMPANY_WORDS)}.{r.choice(tlds)}"
        elif name.startswith("p16"):
            recipient["address"] = f"{self.person_local_part()}@{self.business_domain()}"
        elif recipient["channel"] in ("SMS", "WHATSAPP"):
            recipient["address"] = self.mobile_number()
        else:
            recipient["address"] = self.consumer_address()

        # Ids and counts.
        for consent in consents:
            consent["id"] = f"c-{r.randrange(1, 10**7)}"
        for purchase in purchases:
            purchase["id"] = f"o-{r.randrange(1, 10**8)}"
        if message.get("recipientCount") not in (None, 1):
            message["recipientCount"] = r.randint(2, 50000)

        # Topics, within each scenario's meaning.
        commercial_topics = message.get("topics") == ["photo-prints"]
        if commercial_topics and not purchases:
            topic = r.choice(list(SIMILAR))
            message["topics"] = [topic]
            for consent in consents:
                consent["topics"] = [topic]
        if purchases:
            if name.startswith("p07"):
                message["topics"] = [r.choice(UNRELATED_TOPICS)]
                purchases[0]["categories"] = [r.choice(["portrait-photography", "wedding-photography"])]
            else:
                topic = r.choice(list(SIMILAR))
                message["topics"] = [topic]
                purchases[0]["categories"] = [r.choice(SIMILAR[topic])]

        # Each scenario's deciding dates, jittered within a range that keeps the outcome.
        for consent in consents:
            date_only = len(consent["givenAt"]) == 10
            consent["givenAt"] = self.days_before(send, 60, 6 * 365, date_only)
            if consent.get("withdrawnAt"):  # p05: withdrawn between the consent and the send
                consent["withdrawnAt"] = self.between(parse_instant(consent["givenAt"])[0], send)
        for purchase in purchases:
            if name.startswith("p08"):  # expired: 26 to 60 months before, term 24 months
                purchase["date"] = self.days_before(send, 26 * 31, 60 * 30, True)
            else:  # within the term: 2 weeks to 22 months before
                purchase["date"] = self.days_before(send, 14, 22 * 30, True)
        for interaction in evidence.get("interactions", []):
            interaction["date"] = self.days_before(send, 1, 5 * 365, len(interaction["date"]) == 10)
        for objection in evidence.get("objections", []):  # p11: after the consent, before the send
            start = parse_instant(consents[0]["givenAt"])[0] if consents else send - 365 * DAY
            objection["at"] = self.between(start, send)

        return name, scenario["expect"], request


def load_scenarios(folder):
    scenarios = []
    for path in sorted(Path(folder).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        scenarios.append({
            "name": data.get("name", path.stem),
            "request_text": json.dumps(data["request"], ensure_ascii=False),
            "expect": data.get("expect", {}),
        })
    if not scenarios:
        sys.exit(f"generate_requests: no scenarios (*.json) in {folder}")
    return scenarios


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--count", type=int, default=200_000, help="number of requests (default 200000)")
    parser.add_argument("--seed", type=int, default=20261123, help="random seed (default 20261123)")
    parser.add_argument("-o", "--output", default="-", help="output file, or - for standard output (default)")
    parser.add_argument("--scenarios", default=str(DEFAULT_SCENARIOS), help="folder with the scenario *.json files")
    parser.add_argument("--expect", help="also write the scenario name and expected outcome per line to this file")
    args = parser.parse_args()

    generator = Generator(load_scenarios(args.scenarios), args.seed)
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8", newline="\n")
    expect = open(args.expect, "w", encoding="utf-8", newline="\n") if args.expect else None
    try:
        for _ in range(args.count):
            name, expected, request = generator.make()
            out.write(json.dumps(request, ensure_ascii=False, separators=(",", ":")))
            out.write("\n")
            if expect:
                expect.write(json.dumps({"scenario": name, **expected}, separators=(",", ":")))
                expect.write("\n")
    finally:
        if out is not sys.stdout:
            out.close()
        if expect:
            expect.close()


if __name__ == "__main__":
    main()
