"""The task's text format, both ways: what the models read and write, and how their output is read back.

Multimodal-CoT's layout. Stage 1 reads ``Question: … / Context: … / Options: (A) … (B) …`` and writes
``Solution: <rationale>``; stage 2 reads the same input plus ``Solution: <rationale>`` and writes ``The answer is
(X).``. ``QCM-E`` trains on the solution alone, ``QCM-LE`` on lecture + solution: the name says which shard target
(``snaug generate --target``) a prompt expects. Data, tokenizer, evaluation, prediction and the scorer all go
through here, so the format the model is trained on is the format it is read back in.
"""
from __future__ import annotations

import re

PROMPTS = {"QCM-E": "solution", "QCM-LE": "lecture+solution"}   # prompt → the shard target it trains on
STAGES = ("rationale", "answer")
SOLUTION = "Solution:"
ANSWER = re.compile(r"The answer is \(([A-Z])\)")


def letter(index: int) -> str:
    return chr(65 + index)


def format_input(question: str, context: str, choices: list[str], caption: str | None = None,
                 use_caption: bool = True) -> str:
    """Stage-1 input. ``use_caption`` joins the image caption to the context (hint), as Multimodal-CoT's
    ``--use_caption`` does; an empty context reads "N/A"."""
    context = " ".join(p for p in (context or "", caption if use_caption and caption else "") if p).strip() or "N/A"
    options = " ".join(f"({letter(i)}) {c}" for i, c in enumerate(choices))
    return f"Question: {question}\nContext: {context}\nOptions: {options}\n"


def solution(rationale: str) -> str:
    """Stage-1 target (the gold rationale, or a soft negative of it)."""
    return f"{SOLUTION} {rationale}"


def default_max_new_tokens(prompt: str) -> int:
    """Multimodal-CoT decodes QCM-LE (lecture + solution) with output_len 512; solutions alone are shorter."""
    return 512 if prompt == "QCM-LE" else 256


def strip_solution(text: str) -> str:
    """The rationale in a stage-1 output, without the "Solution:" prefix the model was trained to write."""
    text = text.strip()
    return text[len(SOLUTION):].strip() if text.startswith(SOLUTION) else text


def stage2_input(source: str, rationale: str) -> str:
    """Stage-2 input: the stage-1 input followed by a rationale (gold when training, predicted otherwise)."""
    return f"{source}{solution(rationale)}\n"


def answer_text(index: int) -> str:
    """Stage-2 target."""
    return f"The answer is ({letter(index)})."


def extract_answer(text: str, n_choices: int) -> int | None:
    """The option index in "The answer is (X)." (the last such statement), or None if absent or out of range.

    Only the trained pattern counts; anything else is unparseable and scored wrong, never guessed."""
    found = ANSWER.findall(text or "")
    if not found:
        return None
    index = ord(found[-1]) - ord("A")
    return index if 0 <= index < n_choices else None
