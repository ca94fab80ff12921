"""A T5-style tokenizer trained offline from shards (for from-scratch runs and tests): SentencePiece-like Unigram
with Metaspace pre-tokenisation, ids 0/1/2 = <pad>/</s>/<unk> as in T5, and </s> appended to every sequence.
A pretrained model's own tokenizer is used whenever one is given; this is for when there is none.
"""
from __future__ import annotations

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


def build(shards: str | Path, out: str | Path, vocab_size: int = 8000, verify: bool = True):
    _, files = open_shards(shards, verify)                # verified before a single text is read
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.Unigram())
    tok.normalizer = normalizers.NFKC()
    tok.pre_tokenizer = pre_tokenizers.Metaspace()
    tok.decoder = decoders.Metaspace()
    trainer = trainers.UnigramTrainer(vocab_size=vocab_size, special_tokens=SPECIALS, unk_token="<unk>")
    tok.train_from_iterator(texts_from_shards(files), trainer=trainer)
    eos = tok.token_to_id("</s>")
    tok.post_processor = processors.TemplateProcessing(single="$A </s>", pair="$A </s> $B </s>",
                                                       special_tokens=[("</s>", eos)])
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, pad_token="<pad>", eos_token="</s>", unk_token="<unk>")
    fast.save_pretrained(str(out))
    return fast
