"""Language detection on short real texts: py3langid against lingua-language-detector.

Run: python bench/language/measure.py (needs both packages; lingua is not a project
dependency: pip install lingua-language-detector). Prints accuracy per language and split.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

SAMPLES = Path(__file__).with_name("samples.tsv")


def load() -> list[tuple[str, str, str]]:
    rows = []
    for line in SAMPLES.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        language, split, _source, text = line.split("\t")
        rows.append((language, split, text))
    return rows


def py3langid_detector():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return lambda text: identifier.classify(text)[0]


def lingua_detector():
    from lingua import LanguageDetectorBuilder

    detector = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models().build()

    def detect(text: str) -> str | None:
        language = detector.detect_language_of(text)
        return language.iso_code_639_1.name.lower() if language else None

    return detect


def main() -> None:
    rows = load()
    for name, factory in (("py3langid", py3langid_detector), ("lingua", lingua_detector)):
        started = time.perf_counter()
        detect = factory()
        loaded = time.perf_counter() - started
        right: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
        misses = []
        started = time.perf_counter()
        for language, split, text in rows:
            guess = detect(text)
            right[(split, language)][1] += 1
            if guess == language:
                right[(split, language)][0] += 1
            else:
                misses.append(f"    {split} {language} -> {guess}: {text}")
        per_text = (time.perf_counter() - started) / len(rows) * 1000
        print(f"{name}: model loaded in {loaded:.1f} s, {per_text:.2f} ms per text")
        for split in ("dev", "held"):
            hits = sum(v[0] for (s, _), v in right.items() if s == split)
            total = sum(v[1] for (s, _), v in right.items() if s == split)
            by_language = ", ".join(
                f"{language} {v[0]}/{v[1]}"
                for (s, language), v in sorted(right.items())
                if s == split
            )
            print(f"  {split}: {hits}/{total} ({hits / total:.0%}) [{by_language}]")
        print("\n".join(misses))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
