"""The SNSE-CoT model: a T5 encoder-decoder whose encoder states are fused with image features before decoding.

    h   = T5 encoder(text)                          (B, T, d)
    v   = W_v · image_features                      (B, P, d)        a linear map from the backbone's width
    att = MultiheadAttention(query=h, key=v, value=v)
    g   = σ(W_g [h; att])                           (B, T, d)        a gate per position and channel
    h'  = (1 − g) · h + g · att                     the decoder cross-attends to h'

An example without an image keeps h' = h: its image is masked out, never a zero vector attended to. Everything
else (decoder, generation, save/load) is transformers' T5; the class only adds the fusion. BML has no parameters of
its own (trainer/bml.py): a head trained by BML alone absorbed the loss without changing the generator.
"""
from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn
from transformers import AutoConfig, AutoModelForSeq2SeqLM, T5Config, T5ForConditionalGeneration
from transformers.modeling_outputs import BaseModelOutput
from transformers.utils import ModelOutput

from .bml import BMLSpec


class SnseT5Config(T5Config):
    """T5's config plus the image width and the BML spec (a dict of BMLSpec), so a saved model says how it was
    trained."""

    model_type = "snse_t5"

    def __init__(self, image_dim: int = 256, image_heads: int | None = None, bml: dict | None = None, **kwargs):
        legacy = {k[4:]: kwargs.pop(k) for k in ("bml_repr", "bml_alpha", "bml_beta", "bml_lambda") if k in kwargs}
        super().__init__(**kwargs)
        self.image_dim = image_dim
        self.image_heads = image_heads or max(1, self.num_heads)
        self.bml = BMLSpec.from_dict(bml if bml is not None else legacy).to_dict()

    @property
    def bml_spec(self) -> BMLSpec:
        return BMLSpec.from_dict(self.bml)


@dataclass
class SnseOutput(ModelOutput):
    loss: torch.Tensor | None = None
    logits: torch.Tensor | None = None
    nll: torch.Tensor | None = None
    bml: torch.Tensor | None = None
    inside: torch.Tensor | None = None


class ImageFusion(nn.Module):
    def __init__(self, d_model: int, image_dim: int, heads: int):
        super().__init__()
        self.project = nn.Linear(image_dim, d_model)
        self.attend = nn.MultiheadAttention(d_model, heads, batch_first=True)
        self.gate = nn.Linear(2 * d_model, d_model)

    def forward(self, text: torch.Tensor, image: torch.Tensor | None, has_image: torch.Tensor | None) -> torch.Tensor:
        if image is None or has_image is None or not bool(has_image.any()):
            return text
        v = self.project(image.to(text.dtype))
        # Rows without an image would have every key masked (NaN softmax); give them one dummy key and then
        # discard their result below, so no gradient or value from a missing image reaches the model.
        key_padding = torch.zeros(v.shape[:2], dtype=torch.bool, device=v.device)
        att, _ = self.attend(text, v, v, key_padding_mask=key_padding, need_weights=False)
        g = torch.sigmoid(self.gate(torch.cat([text, att], dim=-1)))
        fused = (1 - g) * text + g * att
        return torch.where(has_image.view(-1, 1, 1), fused, text)


class SnseT5(T5ForConditionalGeneration):
    config_class = SnseT5Config

    def __init__(self, config: SnseT5Config):
        super().__init__(config)
        self.fusion = ImageFusion(config.d_model, config.image_dim, config.image_heads)
        self.post_init()

    def encode(self, input_ids, attention_mask, image_features=None, has_image=None) -> torch.Tensor:
        """Fused encoder states h' (B, T, d): computed once per example, shared by every decoder pass."""
        states = self.get_encoder()(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        return self.fusion(states, image_features, has_image)

    def decode(self, labels: torch.Tensor, encoder_states: torch.Tensor, encoder_mask: torch.Tensor):
        """Teacher-forced decoder over ``labels`` (N, L; −100 = pad): final states (N, L, d) and logits (N, L, V).

        The same computation as T5ForConditionalGeneration.forward, exposed so that the positive and the K
        negatives share one batched decoder call.
        """
        states = self.get_decoder()(input_ids=self._shift_right(labels), encoder_hidden_states=encoder_states,
                                    encoder_attention_mask=encoder_mask).last_hidden_state
        # transformers 5 names the rescaling of tied embeddings; 4.x ties it to tie_word_embeddings directly
        scale = getattr(self.config, "scale_decoder_outputs", self.config.tie_word_embeddings)
        scaled = states * (self.model_dim ** -0.5) if scale else states
        return states, self.lm_head(scaled)

    def forward(self, input_ids=None, attention_mask=None, image_features=None, has_image=None, labels=None,
                neg_labels=None, neg_valid=None, encoder_outputs=None, **kwargs):
        """With ``labels`` (training): the SNSE-CoT loss, NLL + λ·BML, in one call so DDP sees one forward.
        Without (generation): T5's forward on the fused encoder states."""
        if labels is not None and input_ids is not None and encoder_outputs is None \
                and kwargs.get("decoder_input_ids") is None:
            from .objective import compute

            batch = {"input_ids": input_ids, "attention_mask": attention_mask, "labels": labels,
                     "image_features": image_features, "has_image": has_image, "neg_labels": neg_labels,
                     "neg_valid": neg_valid}
            parts = compute(self, batch, self.config.bml_spec)
            return SnseOutput(loss=parts.loss, logits=parts.logits, nll=parts.nll.detach(), bml=parts.bml.detach(),
                              inside=parts.inside)
        if encoder_outputs is None and input_ids is not None:
            encoder_outputs = BaseModelOutput(last_hidden_state=self.encode(input_ids, attention_mask,
                                                                            image_features, has_image))
        return super().forward(attention_mask=attention_mask, encoder_outputs=encoder_outputs, labels=labels, **kwargs)

    def generate(self, input_ids=None, attention_mask=None, image_features=None, has_image=None, encoder_outputs=None,
                 **kwargs):
        """transformers' ``generate`` on the fused encoder states: ``model.generate(input_ids, image_features=...)``
        sees the image (``has_image`` defaults to every row having one). Left to itself, ``generate`` would run
        the bare T5 encoder and ignore the image. The states are computed once; decoding uses the KV cache."""
        if encoder_outputs is None and input_ids is not None:
            if attention_mask is None:
                attention_mask = (input_ids != self.config.pad_token_id).long()
            if image_features is not None and has_image is None:
                has_image = torch.ones(input_ids.shape[0], dtype=torch.bool, device=input_ids.device)
            with torch.no_grad():
                states = self.encode(input_ids, attention_mask, image_features, has_image)
            encoder_outputs = BaseModelOutput(last_hidden_state=states)
        elif image_features is not None:
            raise ValueError("generate: image_features with encoder_outputs; the states must already be fused")
        return super().generate(encoder_outputs=encoder_outputs, attention_mask=attention_mask, **kwargs)


# Auto* classes can load a saved SnseT5 by its model_type (and tokenizers read its config without a warning).
AutoConfig.register("snse_t5", SnseT5Config)
AutoModelForSeq2SeqLM.register(SnseT5Config, SnseT5)
