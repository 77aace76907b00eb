"""Fact families: each module owns one kind of fact and the stage that finds it."""
