"""The article's language: langdetect (detect.py) after a fast first opinion from each language's
commonest function words (function_words.py)."""
