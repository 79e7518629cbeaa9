//! Tokenizer: sentences and word tokens with byte offsets into the original text.
