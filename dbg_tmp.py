import json
import sys

from quotations import extract_quotations

for name in sys.argv[1:]:
    d = json.load(open(f"tests/data/real_articles/{name}.json"))
    assert not d["held_out"], "held out"
    for q in extract_quotations(d["excerpt"], language=d["language"]):
        print(name, "|", q.kind, "|", q.speaker, "|", q.mention, "|", q.text[:60])
