"""A T5-style tokenizer trained offline from shards (for from-scratch runs and tests): SentencePiece-like Unigram
with Metaspace pre-tokenisation, ids 0/1/2 = <pad>/</s>/<unk> as in T5, and </s> appended to every sequence.
A pretrained model's own tokenizer is used whenever one is given; this is for when there is none.
"""
from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from .data import format_input

SPECIALS = ["<pad>", "</s>", "<unk>"]


def texts_from_shards(shards: str | Path):
    table = pq.read_table(Path(shards) / "shards", columns=["question", "context", "choices", "caption", "target",
                                                            "negatives"])
    for row in table.to_pylist():
        yield format_input(row["question"], row["context"], row["choices"], row["caption"])
        yield "Solution: " + row["target"]
        for neg in row["negatives"][:1]:             # one negative per example: its new words, without skewing counts
            yield "Solution: " + neg["text"]


def build(shards: str | Path, out: str | Path, vocab_size: int = 8000):
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.Unigram())
    tok.normalizer = normalizers.NFKC()
    tok.pre_tokenizer = pre_tokenizers.Metaspace()
    tok.decoder = decoders.Metaspace()
    trainer = trainers.UnigramTrainer(vocab_size=vocab_size, special_tokens=SPECIALS, unk_token="<unk>")
    tok.train_from_iterator(texts_from_shards(shards), trainer=trainer)
    eos = tok.token_to_id("</s>")
    tok.post_processor = processors.TemplateProcessing(single="$A </s>", pair="$A </s> $B </s>",
                                                       special_tokens=[("</s>", eos)])
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, pad_token="<pad>", eos_token="</s>", unk_token="<unk>")
    fast.save_pretrained(str(out))
    return fast
