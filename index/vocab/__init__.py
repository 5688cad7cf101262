"""Shared vocabularies: names and codes that the store, search and extraction all speak (country
names and codes today). The floor under them all: it imports nothing of ours."""
