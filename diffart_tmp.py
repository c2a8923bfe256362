import sys

from quotations import extract_quotations
from tests.quotations.scoring import load, normalise

for name in sys.argv[1:]:
    text, exp = load(name)
    got = [(normalise(q.text), q.speaker, q.kind) for q in extract_quotations(text)]
    want = [(normalise(i["text"]), i["speaker"], i["kind"]) for i in exp]
    for g in got:
        if g not in want:
            print(name, "GOT ", g[1], g[2], g[0][:70])
    for w in want:
        if w not in got:
            print(name, "WANT", w[1], w[2], w[0][:70])
