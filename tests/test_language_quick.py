"""The function-word fast path answers clear cases and stays silent when unsure."""
import pytest

from index.extract.language.detect import detect_language
from index.extract.language.function_words import quick_language

TEXTS = {
    "en": "The minister said on Tuesday that the government would not change its plans for the "
          "budget, which has been criticised by the opposition and by many of the unions in the country.",
    "de": "Der Minister sagte am Dienstag, dass die Regierung ihre Pläne für den Haushalt nicht ändern "
          "wird, der von der Opposition und auch von den Gewerkschaften im Land kritisiert wird.",
    "ru": "Министр заявил во вторник, что правительство не будет менять свои планы по бюджету, "
          "который был раскритикован оппозицией, а также профсоюзами, и что это решение уже принято.",
    "uk": "Міністр заявив у вівторок, що уряд не буде змінювати свої плани щодо бюджету, який був "
          "розкритикований опозицією, а також профспілками, і що це рішення вже ухвалене.",
    "fr": "Le ministre a déclaré mardi que le gouvernement ne changerait pas ses plans pour le budget, "
          "qui est critiqué par l'opposition et par les syndicats dans le pays, mais il reste prudent.",
    "es": "El ministro dijo el martes que el gobierno no cambiará sus planes para el presupuesto, que "
          "ha sido criticado por la oposición y por los sindicatos del país, pero que sigue adelante.",
}


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_clear_texts_are_decided_quickly_and_agree_with_detection(lang):
    text = TEXTS[lang] + " " + TEXTS[lang]
    assert quick_language(text) == lang
    assert detect_language(text) == lang


def test_short_text_is_left_to_langdetect():
    assert quick_language("The talks ended.") is None


def test_cyrillic_guess_must_match_its_letters():
    # Russian function words with Ukrainian-only letters: not decided by the fast path.
    mixed = ("и в не на что с по как это он его из к а о для от же но " * 2) + "їжак ґанок"
    assert quick_language(mixed) is None
