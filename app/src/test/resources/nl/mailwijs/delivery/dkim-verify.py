# Independent DKIM verification with dkimpy (Debian's python3-dkim), for DkimSigningTests.
# Usage: python3 dkim-verify.py NAME=TXT... < message; NAME is selector._domainkey.domain.
# There is no DNS here: the records come from the arguments. Prints one line per signature;
# exits 0 when there is at least one signature and every one verifies, 1 otherwise.
import sys

import dkim

records = {}
for argument in sys.argv[1:]:
    name, value = argument.split("=", 1)
    records[name.lower().rstrip(".")] = value.encode("ascii")


def dnsfunc(name, timeout=5):
    if isinstance(name, bytes):
        name = name.decode("ascii")
    return records.get(name.lower().rstrip("."))


data = sys.stdin.buffer.read()
verifier = dkim.DKIM(data)
count = sum(1 for header in verifier.headers if header[0].lower() == b"dkim-signature")
results = []
for index in range(count):
    ok = verifier.verify(idx=index, dnsfunc=dnsfunc)
    fields = verifier.signature_fields or {}
    print(index, "pass" if ok else "fail", fields.get(b"a", b"?").decode(), fields.get(b"d", b"?").decode(),
          fields.get(b"h", b"").decode())
    results.append(ok)
sys.exit(0 if results and all(results) else 1)
