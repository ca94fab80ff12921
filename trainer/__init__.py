"""The SNSE-CoT trainer (multimodal T5 + BML); built in later issues. Reads snaug shards via snaug.io.schema."""
