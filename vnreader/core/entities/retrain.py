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

from vnreader.core.entities.evaluation import Scores, score
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


def correction_sentences(store) -> list[GoldSentence]:
    """Sentences of the library that the user corrected, with the entities now shown there.

    A sentence counts when it holds an entity the user marked or retyped (also through the
    dictionary), a rejected span, or a word the dictionary says is not an entity.
    """
    from vnreader.core.entity_corrections import (
        dictionary_entries,
        documents_containing,
        rejections_for,
    )
    from vnreader.core.entity_layers import find_surface

    negatives = [entry.surface for entry in dictionary_entries(store) if entry.label is None]
    rows = store.db.execute(
        "SELECT document_id FROM entities WHERE origin = 'user'"
        " UNION SELECT document_id FROM entity_rejections"
    ).fetchall()
    documents = {row[0] for row in rows}
    for surface in negatives:
        documents |= documents_containing(store, surface)
    sentences: list[GoldSentence] = []
    for document_id in sorted(documents):
        document = store.get_document(document_id)
        entities = store.entities_for(document_id)
        marks = [(e.start, e.end) for e in entities if e.origin == "user"]
        marks += [(r.start, r.end) for r in rejections_for(store, document_id)]
        marks += [span for surface in negatives for span in find_surface(document.text, surface)]
        for start, end in sentence_spans(document.text):
            if not any(start <= a and b <= end for a, b in marks):
                continue
            spans = tuple(
                (e.start - start, e.end - start, e.label)
                for e in entities
                if start <= e.start and e.end <= end
            )
            sentences.append(
                GoldSentence(f"{document_id}:{start}", document.text[start:end], spans)
            )
    return sentences


def retrain(
    store=None,
    out: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> RetrainReport:
    """Train a model on the shipped data (plus corrections from ``store``), write it to
    ``out`` (default: the user model path) and score it on the held-out sentences."""
    from vnreader.core.entities.pipeline import extract_entities

    say = progress or (lambda _line: None)
    out = out if out is not None else user_model_path()
    shipped = read_gold(shipped_training_path())
    corrected = correction_sentences(store) if store is not None else []
    heldout = read_gold(heldout_path())

    def scores_of(model: Path) -> Scores:
        def predict(text: str) -> list[tuple[int, int, str]]:
            return [(e.start, e.end, e.label) for e in extract_entities(text, model=model)]

        return score(heldout, predict)

    say(f"scoring the current model on {len(heldout)} held-out sentences")
    before = scores_of(active_model_path())
    say(f"training on {len(shipped)} shipped and {len(corrected)} corrected sentences")
    result = train_model([*shipped, *corrected], out)
    say("scoring the new model")
    after = scores_of(out)
    return RetrainReport(out, len(shipped), len(corrected), result.seconds, before, after)
