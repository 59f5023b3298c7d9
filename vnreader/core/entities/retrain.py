"""Retraining our entity model from the shipped data plus the user's corrections.

A corrected sentence is a sentence of a library document that holds one of the user's
corrections (see :func:`correction_sentences`); its gold entities are the ones the user
now sees there. The new model goes to the user data directory (or ``out``); the held-out
sentences shipped with vnreader are scored with the model in use before and with the new
one after, so the user sees what the retraining changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from vnreader.core.entities.evaluation import Scores, predictor, score
from vnreader.core.entities.gold import GoldSentence, read_gold
from vnreader.core.entities.model import active_model_path, user_model_path
from vnreader.core.entities.training import heldout_path, shipped_training_path, train_model
from vnreader.core.text import sentence_spans

__all__ = ["RetrainReport", "correction_sentences", "retrain"]


@dataclass(frozen=True)
class RetrainReport:
    model_path: Path
    shipped_sentences: int
    corrected_sentences: int
    seconds: float
    before: Scores
    after: Scores

    def describe(self) -> str:
        b, a = self.before.overall, self.after.overall
        return "\n".join(
            [
                f"model written to {self.model_path}",
                f"trained on {self.shipped_sentences} shipped sentences and"
                f" {self.corrected_sentences} corrected sentences in {self.seconds:.1f} s",
                f"held-out strict F1  before {b.f1():.3f}   after {a.f1():.3f}",
                f"held-out partial F1 before {b.f1(True):.3f}   after {a.f1(True):.3f}",
            ]
        )


# A dictionary entry ("Hoa Kỳ" is LOC everywhere) may match thousands of sentences whose
# other entities are the model's own guesses: a few examples teach the fix.
SENTENCES_PER_DICTIONARY_ENTRY = 20


def correction_sentences(store) -> list[GoldSentence]:
    """Sentences of the library that the user corrected, with the entities now shown there.

    A sentence counts when it holds an entity the user marked, retyped or accepted, or a
    span they rejected; for each dictionary entry (a fix "in every report") the first
    :data:`SENTENCES_PER_DICTIONARY_ENTRY` sentences where it applies count too. Each
    distinct sentence is used once.
    """
    from vnreader.core.entity_corrections import (
        dictionary_entries,
        documents_containing,
        rejections_for,
    )
    from vnreader.core.entity_layers import find_surface

    rows = store.db.execute(
        "SELECT document_id FROM entities WHERE origin = 'user' AND from_dictionary = 0"
        " UNION SELECT document_id FROM entity_rejections"
    ).fetchall()
    marked = {row[0] for row in rows}
    entries = [entry.surface for entry in dictionary_entries(store)]
    examples = dict.fromkeys(entries, 0)
    documents = marked | {d for surface in entries for d in documents_containing(store, surface)}
    sentences: dict[str, GoldSentence] = {}
    for document_id in sorted(documents):
        document = store.get_document(document_id)
        entities = store.entities_for(document_id)
        marks = [(e.start, e.end) for e in entities if e.origin == "user" and not e.from_dictionary]
        marks += [(r.start, r.end) for r in rejections_for(store, document_id)]
        hits = {surface: find_surface(document.text, surface) for surface in entries}
        for start, end in sentence_spans(document.text):
            wanted = any(start <= a and b <= end for a, b in marks)
            for surface, spans in hits.items():
                if examples[surface] < SENTENCES_PER_DICTIONARY_ENTRY and any(
                    start <= a and b <= end for a, b in spans
                ):
                    examples[surface] += 1
                    wanted = True
            text = document.text[start:end]
            if not wanted or text in sentences:
                continue
            spans = tuple(
                (e.start - start, e.end - start, e.label)
                for e in entities
                if start <= e.start and e.end <= end
            )
            sentences[text] = GoldSentence(f"{document_id}:{start}", text, spans)
    return list(sentences.values())


def retrain(
    store=None,
    out: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> RetrainReport:
    """Train a model on the shipped data (plus corrections from ``store``), write it to
    ``out`` (default: the user model path) and score it on the held-out sentences."""

    say = progress or (lambda _line: None)
    out = out if out is not None else user_model_path()
    shipped = read_gold(shipped_training_path())
    corrected = correction_sentences(store) if store is not None else []
    heldout = read_gold(heldout_path())

    def scores_of(model: Path) -> Scores:
        return score(heldout, predictor(model=model))

    say(f"scoring the current model on {len(heldout)} held-out sentences")
    before = scores_of(active_model_path())
    say(f"training on {len(shipped)} shipped and {len(corrected)} corrected sentences")
    result = train_model([*shipped, *corrected], out)
    say("scoring the new model")
    after = scores_of(out)
    return RetrainReport(out, len(shipped), len(corrected), result.seconds, before, after)
