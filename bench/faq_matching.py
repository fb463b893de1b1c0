"""Automatic answers from the FAQ on a labelled sample: precision, recall and the share of inquiries wrongly answered,
per language, as support's worker would answer them (support.domain.faq_matching with the shipped model and
dictionary); how long matching one inquiry takes, and what the analyser costs a process in memory.

The sample (services/support/tests/data/faq_inquiries.json, written by someone who saw only the FAQ entries, not
the matcher; the model was trained on other inquiries by another writer, support/data/faq_training_inquiries.json,
and on the sample's tune part) is JSON of this shape; bring your own with --sample:

    {"faq": [{"id": "ko-delivery-status", "language": "ko", "question": "...", "answer": "...", "keywords": []}],
     "inquiries": [{"id": "i001", "language": "ko", "text": "...", "expected": "ko-delivery-status" | null,
                    "split": "tune" | "test"}]}

`faq` may be left out: the entries are then support/data/faq_entries.json, the ones the shipped sample is labelled
with. `expected` is the entry whose answer fully answers the inquiry, or null when a person must answer. `split` says
whether the matcher may be tuned or trained on an inquiry ("tune") or it is only measured ("test", the default
part reported).

The matcher knows the past questions the shipped model was trained on (which entry answered each does not count,
only whether a person had to), as it does in a deployment; none of them is from the sample's test part.
Targets (issue 19): precision >= 0.9 and recall >= 0.8 in each language; under 20 ms an inquiry.
Run: .venv/bin/python -m bench.faq_matching [--part test|tune|all] [--sample PATH] [--misses]
"""
from __future__ import annotations

import resource
import time
from pathlib import Path

from bench.common import labelled_sample
from support.domain.faq_matching import FEATURES, FaqMatcher, FaqText, PastQuestions, accuracy_on
from support.domain.faq_model import FaqModel, shipped_document
from support.faq_learning import DATA, past_questions, shipped_synonyms
from support.faq_training import sample_entries

SAMPLE = Path(__file__).resolve().parents[1] / "services" / "support" / "tests" / "data" / "faq_inquiries.json"


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    before = _rss_mib()
    args, sample, inquiries = labelled_sample(__doc__, SAMPLE, "inquiries", "inquiry answered wrongly or not at all")
    entries = ([FaqText(e["id"], e["question"], e["answer"], e["language"], tuple(e.get("keywords", ())))
                for e in sample["faq"]] if "faq" in sample else sample_entries(DATA / "faq_entries.json"))
    started = time.perf_counter()
    document = shipped_document()
    model, synonyms = FaqModel.from_json(document, FEATURES), shipped_synonyms()
    matcher = FaqMatcher(entries, model, synonyms, PastQuestions(past_questions(document)))
    loaded = time.perf_counter() - started
    print(f"{len(inquiries)} inquiries of the {args.part} part, {len(entries)} entries; model threshold "
          f"{model.threshold}, margin {model.margin}")
    for language in sorted({inquiry["language"] for inquiry in inquiries}):
        mine = [(inquiry["text"], inquiry["expected"]) for inquiry in inquiries if inquiry["language"] == language]
        accuracy = accuracy_on(matcher, mine)
        print(f"  {language}: precision {accuracy.precision:.3f}, recall {accuracy.recall:.3f}, "
                  f"wrongly answered {accuracy.wrongly_answered:.3f} ({accuracy.right} right of {accuracy.answered} "
              f"answered; {accuracy.answerable} answerable of {accuracy.asked})")
        if args.misses:
            for inquiry in inquiries:
                if inquiry["language"] != language:
                    continue
                match = matcher.answer_for(inquiry["text"])
                found = match.entry_id if match else None
                if found != inquiry["expected"]:
                    best = matcher.ranked(inquiry["text"], limit=1)
                    shown = f"{best[0].entry_id} {best[0].score:.2f}" if best else "-"
                    print(f"    {inquiry['id']} {inquiry['expected']} -> {found} (best {shown}): {inquiry['text'][:80]}")
    started = time.perf_counter()
    for inquiry in inquiries:
        matcher.answer_for(inquiry["text"])
    per_inquiry = (time.perf_counter() - started) / len(inquiries) * 1000
    print(f"matching one inquiry: {per_inquiry:.2f} ms (the analyser loaded, the entries indexed once: "
          f"{loaded:.1f} s for the analyser, the model and the matcher)")
    print(f"peak memory of this process: {_rss_mib():.0f} MiB ({before:.0f} MiB before the analyser and the model)")


if __name__ == "__main__":
    main()
