#!/usr/bin/env python3
"""Generates a customer file for `mailwijs audit` benchmarks (python3 standard library only).

The data looks like what web shops and Excel export: contacts with a byte order mark and `;`
(Dutch Excel), the evidence with `,`, Dutch dates (dd-mm-yyyy) among ISO ones, ja/nee next
to true/false, names with diacritics, quoted fields holding the separator, `+` tags in
addresses, business addresses published for offers, and a few rows that cannot be read (so
the rejection path is measured too). The same arguments always give the same files.

    python3 bench/generate_audit_data.py --out bench/out/audit-1m \
        --contacts 1000000 --purchases 1500000 --consents 300000 --objections 50000

Writes contacts.csv, purchases.csv, consents.csv, objections.csv, policy.json and a
`generated` marker holding the arguments; when the marker already matches, nothing is
written again (pass --force to regenerate).
"""

import argparse
import datetime
import json
import os
import random
import sys

VERSION = 1
SEND_AT = datetime.date(2026, 11, 23)

FIRST_NAMES = ["Jan", "Piet", "Anna", "Sanne", "Daan", "Emma", "Aäron", "Zoë", "Chloë", "Jeroen", "Fleur", "Noor",
               "Mehmet", "Fatma", "Sem", "Julia", "Lotte", "Bram", "Inge", "Joël"]
LAST_NAMES = ["de Vries", "Jansen", "van den Berg", "Bakker", "Müller-Öztürk", "van 't Hek", "Visser", "Smit",
              "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "Yılmaz", "Dekker"]
DOMAINS = ["example.nl", "example.com", "voorbeeld.nl", "mail.example", "EXAMPLE.NL", "bedrijf.example"]
CATEGORIES = ["portrait-photography", "wedding-photography", "photo-prints", "photo-albums", "passport-photos",
              "portrait-photography|photo-prints", "wedding-photography|photo-albums", "gift-vouchers"]
TOPICS = ["photo-prints", "photo-albums", "newsletter", "workshops"]
WORDINGS = [
    "Ja, stuur mij de nieuwsbrief van Fotostudio Jansen over fotoafdrukken.",
    "Ja, ik wil aanbiedingen van Fotostudio Jansen ontvangen per e-mail.",
    "Yes, send me news and offers from Fotostudio Jansen.",
    "Ja, ook van onze zorgvuldig geselecteerde partners.",  # invalid: unnamed partners
    "Ik ga akkoord met de nieuwsbrief; afmelden kan altijd.",  # holds the separator of contacts.csv
]
METHODS = ["UNTICKED_CHECKBOX"] * 5 + ["DOUBLE_OPT_IN"] * 3 + ["WRITTEN", "IMPORTED", "PRETICKED_CHECKBOX",
                                                               "TERMS_AND_CONDITIONS", "unticked checkbox"]
ROUTES = ["UNSUBSCRIBE_LINK"] * 6 + ["EMAIL", "PHONE", "LETTER", "COMPLAINT", "PREFERENCE_CENTRE"]
YES = ["ja", "true", "1", "yes", "J"]
NO = ["nee", "false", "0", "no", ""]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--contacts", type=int, default=1_000_000)
    parser.add_argument("--purchases", type=int, default=1_500_000)
    parser.add_argument("--consents", type=int, default=300_000)
    parser.add_argument("--objections", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args()

    marker = "version={} contacts={} purchases={} consents={} objections={} seed={}\n".format(
        VERSION, args.contacts, args.purchases, args.consents, args.objections, args.seed)
    marker_path = os.path.join(args.out, "generated")
    if not args.force and os.path.exists(marker_path):
        with open(marker_path, encoding="utf-8") as existing:
            if existing.read() == marker:
                print("generate: " + args.out + " already holds this data set; not regenerated", file=sys.stderr)
                return
    os.makedirs(args.out, exist_ok=True)
    if os.path.exists(marker_path):
        os.remove(marker_path)

    rng = random.Random(args.seed)
    write_contacts(os.path.join(args.out, "contacts.csv"), args.contacts, rng)
    write_purchases(os.path.join(args.out, "purchases.csv"), args.purchases, args.contacts, rng)
    write_consents(os.path.join(args.out, "consents.csv"), args.consents, args.contacts, rng)
    write_objections(os.path.join(args.out, "objections.csv"), args.objections, args.contacts, rng)
    with open(os.path.join(args.out, "policy.json"), "w", encoding="utf-8") as policy:
        json.dump({"similarTopics": {"portrait-photography": ["photo-prints", "photo-albums"],
                                     "wedding-photography": ["photo-albums"]},
                   "softOptInMonths": 24}, policy, indent=2)
    with open(marker_path, "w", encoding="utf-8") as done:
        done.write(marker)


def contact_id(number):
    return "K%07d" % number


def quoted(value, separator):
    if separator in value or '"' in value or "\n" in value:
        return '"' + value.replace('"', '""') + '"'
    return value


def day_before_send(rng, max_days):
    return SEND_AT - datetime.timedelta(days=rng.randrange(0, max_days))


def export_date(rng, day):
    # Dutch exports write 23-11-2026; a fifth of the rows do here.
    return day.strftime("%d-%m-%Y") if rng.random() < 0.2 else day.isoformat()


def write_rows(path, header, rows, separator, bom):
    with open(path, "w", encoding="utf-8", newline="") as out:
        if bom:
            out.write("\ufeff")
        out.write(separator.join(header) + "\r\n")
        chunk = []
        for row in rows:
            chunk.append(separator.join(quoted(field, separator) for field in row))
            if len(chunk) == 10_000:
                out.write("\r\n".join(chunk) + "\r\n")
                chunk = []
        if chunk:
            out.write("\r\n".join(chunk) + "\r\n")


def write_contacts(path, count, rng):
    def rows():
        for number in range(1, count + 1):
            first = rng.choice(FIRST_NAMES)
            last = rng.choice(LAST_NAMES)
            business = rng.random() < 0.1
            local = (first + "." + last).lower().replace(" ", "").replace("'", "") + str(number)
            if business and rng.random() < 0.2:
                local = rng.choice(["aanbieding", "acquisitie", "info"])
            elif rng.random() < 0.05:
                local += "+nieuws"
            email = local + "@" + rng.choice(DOMAINS)
            roll = rng.random()
            if roll < 0.03:
                email = ""
            elif roll < 0.0301:
                email = local + "@@broken"  # rejected: not an e-mail address
            phone = "+316%08d" % rng.randrange(10 ** 8) if rng.random() < 0.6 else ""
            kind = rng.choice(["bedrijf", "LEGAL_ENTITY", "business"]) if business else rng.choice(["", "person", "NATURAL_PERSON"])
            country = rng.choices(["NL", "nl", "BE", "DE", "US", ""], weights=[60, 5, 5, 3, 2, 25])[0]
            name = last + "; " + first if rng.random() < 0.1 else first + " " + last
            published = rng.choice(YES) if business and rng.random() < 0.05 else rng.choice(NO)
            yield [contact_id(number), email, phone, kind, country, name, published]

    write_rows(path, ["contact_id", "E-mail", "phone", "kind", "country", "name", "published_for_offers"], rows(), ";", True)


def write_purchases(path, count, contacts, rng):
    def rows():
        for number in range(1, count + 1):
            day = day_before_send(rng, 4 * 365)
            date = export_date(rng, day)
            if rng.random() < 0.0001:
                date = "31-02-2025"  # rejected: no such date
            proof = rng.choices(["ORDER", "INVOICE", "PAYMENT", "CONTRACT", "NONE", ""], weights=[50, 30, 10, 3, 5, 2])[0]
            collected = rng.choice(YES) if rng.random() < 0.9 else rng.choice(NO)
            offered = rng.choice(YES) if rng.random() < 0.85 else rng.choice(NO)
            yield [contact_id(rng.randrange(1, contacts + 1)), "o-%d" % number, date, rng.choice(CATEGORIES),
                   proof, collected, offered]

    write_rows(path, ["contact_id", "order_id", "date", "categories", "proof", "address_collected_in_sale",
                      "objection_offered"], rows(), ",", False)


def write_consents(path, count, contacts, rng):
    def rows():
        for number in range(1, count + 1):
            given = datetime.datetime.combine(day_before_send(rng, 6 * 365), datetime.time(rng.randrange(24), rng.randrange(60)))
            method = rng.choice(METHODS)
            confirmed = ""
            if method == "DOUBLE_OPT_IN" and rng.random() < 0.9:
                confirmed = (given + datetime.timedelta(minutes=rng.randrange(1, 600))).strftime("%Y-%m-%dT%H:%M:%SZ")
            withdrawn = ""
            if rng.random() < 0.05:
                withdrawn = (given + datetime.timedelta(days=rng.randrange(1, 400))).strftime("%Y-%m-%dT%H:%M:%SZ")
            channels = rng.choices(["EMAIL", "EMAIL|SMS", "SMS", "email"], weights=[80, 10, 5, 5])[0]
            topics = rng.choice(["", "", ""] + TOPICS + ["photo-prints|photo-albums"])
            obtained_by = "THIRD_PARTY" if rng.random() < 0.05 else "SENDER"
            yield [contact_id(rng.randrange(1, contacts + 1)), "c-%d" % number, given.strftime("%Y-%m-%dT%H:%M:%SZ"),
                   channels, topics, method, obtained_by, rng.choice(WORDINGS), confirmed, withdrawn]

    write_rows(path, ["contact_id", "consent_id", "given_at", "channels", "topics", "method", "obtained_by", "wording",
                      "confirmed_at", "withdrawn_at"], rows(), ",", False)


def write_objections(path, count, contacts, rng):
    def rows():
        for number in range(1, count + 1):
            at = datetime.datetime.combine(day_before_send(rng, 3 * 365), datetime.time(rng.randrange(24), rng.randrange(60)))
            channels = rng.choices(["EMAIL", "ALL", "", "SMS|WHATSAPP"], weights=[70, 10, 15, 5])[0]
            topics = rng.choice([""] * 8 + TOPICS)
            # One in a thousand objections names a contact the contacts file does not have: rejected.
            contact = contacts + 1 + number if rng.random() < 0.001 else rng.randrange(1, contacts + 1)
            yield [contact_id(contact), "b-%d" % number, at.strftime("%Y-%m-%dT%H:%M:%SZ"), channels, topics,
                   rng.choice(ROUTES)]

    write_rows(path, ["contact_id", "objection_id", "at", "channels", "topics", "via"], rows(), ",", False)


if __name__ == "__main__":
    main()
