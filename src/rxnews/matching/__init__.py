"""Matching: pattern files, tokens, sentences, and the phrase and token-pattern matchers."""
