"""A T5-style tokenizer trained offline from shards (for from-scratch runs and tests): a SentencePiece Unigram model
with Metaspace pre-tokenisation, ids 0/1/2 = <pad>/</s>/<unk> as in T5, and </s> appended to every sequence.
A pretrained model's own tokenizer is used whenever one is given; this is for when there is none.

SentencePiece trains the pieces, not the ``tokenizers`` Unigram trainer: that one counts words in a hash map whose
order changes from process to process, so two builds from the same shards gave different scores and ids (a model
is tied to its ids). SentencePiece gives the same model for the same texts; its pieces and scores are then served
by a ``tokenizers`` Unigram model, the fast tokenizer transformers loads.
"""
from __future__ import annotations

import io
from pathlib import Path

from .data import open_shards, read_rows
from .prompts import format_input, solution

SPECIALS = ["<pad>", "</s>", "<unk>"]


def texts_from_shards(files: list[Path]):
    for row in read_rows(files, ["question", "context", "choices", "caption", "target", "negatives"]):
        yield format_input(row["question"], row["context"], row["choices"], row["caption"])
        yield solution(row["target"])
        for neg in row["negatives"][:1]:             # one negative per example: its new words, without skewing counts
            yield solution(neg["text"])


def train_pieces(texts, vocab_size: int) -> list[tuple[str, float]]:
    """(piece, log-probability) of a SentencePiece Unigram model trained on ``texts``, specials first (ids 0/1/2).
    Every character seen is kept (no <unk> for a rare symbol such as '°'); the size is a soft limit, so a small
    corpus gets the pieces it has rather than an error."""
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(texts), model_writer=model, model_type="unigram", vocab_size=vocab_size,
        pad_id=0, eos_id=1, unk_id=2, bos_id=-1, pad_piece=SPECIALS[0], eos_piece=SPECIALS[1], unk_piece=SPECIALS[2],
        normalization_rule_name="nfkc", character_coverage=1.0, hard_vocab_limit=False, num_threads=1, minloglevel=2)
    sp = spm.SentencePieceProcessor(model_proto=model.getvalue())
    return [(sp.id_to_piece(i), sp.get_score(i)) for i in range(sp.get_piece_size())]


def build(shards: str | Path, out: str | Path, vocab_size: int = 8000, verify: bool = True):
    _, files = open_shards(shards, verify)                # verified before a single text is read
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.Unigram(train_pieces(texts_from_shards(files), vocab_size), unk_id=SPECIALS.index("<unk>")))
    tok.normalizer = normalizers.NFKC()
    tok.pre_tokenizer = pre_tokenizers.Metaspace()
    tok.decoder = decoders.Metaspace()
    tok.add_special_tokens(SPECIALS)
    eos = tok.token_to_id("</s>")
    tok.post_processor = processors.TemplateProcessing(single="$A </s>", pair="$A </s> $B </s>",
                                                       special_tokens=[("</s>", eos)])
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, pad_token="<pad>", eos_token="</s>", unk_token="<unk>")
    fast.save_pretrained(str(out))
    return fast
