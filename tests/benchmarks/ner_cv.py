"""Cross-validation of our entity model on the training data (never the held-out file).

``python -m tests.benchmarks.ner_cv [--l1 X] [--l2 Y] [--errors]`` trains on four fifths
of the training sentences (seeds and train_*.txt), scores the fifth, and prints the summed
scores of the CRF alone and with the rules. This is what rules and features are tuned on.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from tests.ner_data import training_sentences
from vnreader.core.entities.evaluation import Scores, format_scores
from vnreader.core.entities.gazetteer import load_gazetteer
from vnreader.core.entities.model import EntityModel
from vnreader.core.entities.rules import refine
from vnreader.core.entities.tokens import tokenize
from vnreader.core.entities.training import L1_PENALTY, L2_PENALTY, train_model


def cross_validate(folds: int, l1: float, l2: float, errors: bool) -> dict[str, Scores]:
    sentences = training_sentences()
    gazetteer = load_gazetteer()
    scores = {"crf": Scores(), "crf+rules": Scores()}
    with tempfile.TemporaryDirectory() as folder:
        for fold in range(folds):
            train = [s for k, s in enumerate(sentences) if k % folds != fold]
            test = [s for k, s in enumerate(sentences) if k % folds == fold]
            path = Path(folder) / f"fold{fold}.crfsuite"
            train_model(train, path, gazetteer=gazetteer, l1=l1, l2=l2)
            model = EntityModel(path, gazetteer)
            for sentence in test:
                tokens = tokenize(sentence.text)
                tagged = model.tag(tokens)
                for name, spans in (
                    ("crf", tagged),
                    ("crf+rules", refine(tokens, tagged, gazetteer)),
                ):
                    found = [
                        (tokens[s.first].start, tokens[s.last - 1].end, s.label) for s in spans
                    ]
                    scores[name].add(sentence.entities, found)
                    if errors and name == "crf+rules":
                        _print_errors(sentence.text, sentence.entities, found)
    return scores


def _print_errors(text: str, gold, found) -> None:
    expected = {g for g in gold if g[2] != "MISC"}
    for s, e, label in sorted(expected - set(found)):
        print(f"missed {label} {text[s:e]!r}  | {text}")
    for s, e, label in sorted(set(found) - expected):
        print(f"wrong  {label} {text[s:e]!r}  | {text}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--l1", type=float, default=L1_PENALTY)
    parser.add_argument("--l2", type=float, default=L2_PENALTY)
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    for name, scores in cross_validate(args.folds, args.l1, args.l2, args.errors).items():
        print(format_scores(scores, f"{name} ({args.folds}-fold, l1={args.l1}, l2={args.l2})"))


if __name__ == "__main__":
    main()
