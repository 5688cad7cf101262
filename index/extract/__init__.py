"""Extraction: cleaning, metadata, language, dates and entities, as a pipeline of plain functions."""
