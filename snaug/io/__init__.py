"""Reading examples and writing shards. Nothing here knows spaCy."""
