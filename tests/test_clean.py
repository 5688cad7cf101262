"""Body cleaning: appeals, menus, share lines, related lists, credits and bylines.

Short texts written for the test (several languages) plus the seed article.
"""
from __future__ import annotations

import pytest

from index.extract.text.clean import clean_text, title_from_body
from index.resources import seeds_dir

SEED = seeds_dir() / "moscow-times-trump-putin-call.txt"

NEWS_EN = ("The central bank raised interest rates by half a percentage point on Thursday, its third "
           "increase this year, citing stubborn inflation in services and wages.\n"
           "Economists had expected the move, which takes the main rate to its highest level since 2008.")
NEWS_RU = ("Власти Москвы объявили о закрытии нескольких станций метро на выходные из-за ремонта, "
           "сообщили в столичном департаменте транспорта.\n"
           "Пассажирам рекомендуют пользоваться наземным транспортом.")
NEWS_DE = ("Die Bundesregierung hat am Mittwoch ein neues Gesetz zur Stärkung der Cybersicherheit "
           "beschlossen, das Unternehmen zu strengeren Meldepflichten verpflichtet.\n"
           "Kritiker bemängeln, dass kleinere Firmen überfordert sein könnten.")
NEWS_FR = ("Le gouvernement a présenté mercredi un projet de loi destiné à renforcer la protection des "
           "lanceurs d'alerte dans les entreprises.\nLe texte doit être examiné par l'Assemblée à l'automne.")
NEWS_UK = ("Уряд ухвалив рішення про підвищення мінімальної заробітної плати з наступного року, "
           "повідомили в Міністерстві економіки.\nРішення підтримали профспілки.")


@pytest.fixture(scope="module")
def seed():
    return clean_text(SEED.read_text(encoding="utf-8"))


def test_seed_appeal_removed_as_one_block(seed):
    for gone in ("A Message from The Moscow Times", "Dear readers", "unprecedented challenges",
                 "support us monthly", "Continue", "Not ready to support today?", "Remind me later"):
        assert gone not in seed.body
    appeal = [text for reason, text in seed.removed if reason == "appeal"]
    assert appeal and appeal[0].startswith("A Message from The Moscow Times:")
    assert appeal[0].rstrip().endswith("Remind me later.")


def test_seed_credit_and_news_kept(seed):
    assert seed.agencies == ["AFP"]
    assert "AFP contributed reporting." not in seed.body
    assert "Weary and frustrated" in seed.body and "'Bloodbath'" in seed.body
    assert "112 drones" in seed.body
    assert seed.body.startswith("Donald Trump spoke with Russia's Vladimir Putin")
    assert seed.body.rstrip().endswith("push back against NATO expansion.")
    # "RIA Novosti reported" inside a sentence is a source, not a credit
    assert "RIA Novosti" not in seed.agencies
    assert any("The Moscow Times" in line for line in seed.outlet_lines)


# (name, text, must stay, must go, expected removal reasons subset)
APPEALS = [
    ("de", NEWS_DE + "\nLiebe Leserinnen und Leser,\nunabhängiger Journalismus kostet Geld. Unterstützen Sie "
     "uns mit einem monatlichen Beitrag.\nJetzt unterstützen\nSpäter", "Kritiker", "Liebe Leser"),
    ("ru", NEWS_RU + "\nДорогие читатели!\nМы работаем благодаря вашей поддержке. Поддержите нас ежемесячным "
     "пожертвованием — это займет минуту.\nПоддержать\nПодписывайтесь на наш Telegram-канал",
     "наземным транспортом", "Дорогие читатели"),
    ("uk", NEWS_UK + "\nШановні читачі!\nПідтримайте незалежну журналістику — підпишіться на щомісячний "
     "внесок.\nПідтримати", "профспілки", "Шановні читачі"),
    ("fr", NEWS_FR + "\nChers lecteurs,\nSoutenez un journalisme indépendant : faites un don dès 5 € par mois.\n"
     "Soutenir\nPlus tard", "automne", "Chers lecteurs"),
    ("en-member", NEWS_EN + "\nBecome a member today. Your support keeps our independent journalism free for "
     "everyone.\nSupport us from just $5 a month.\nMaybe later", "highest level", "Become a member"),
]


@pytest.mark.parametrize("name,text,stays,goes", APPEALS, ids=[a[0] for a in APPEALS])
def test_appeals_in_other_languages(name, text, stays, goes):
    c = clean_text(text)
    assert stays in c.body
    assert goes not in c.body
    assert any(r == "appeal" for r, _ in c.removed)


def test_news_about_donations_is_not_an_appeal():
    text = ("The charity launched an appeal on Monday asking supporters to donate to its winter programme, "
            "which provides meals for homeless people in the city.\n"
            "Its director said the group relied on donations from members of the public and on monthly "
            "contributions from local businesses.\n"
            "\"We need your support more than ever,\" she told reporters, adding that demand had doubled.\n"
            "The council said it would match every pound raised until the end of December.")
    c = clean_text(text)
    assert c.body == text
    assert c.removed == []


LINES = [
    ("share", "Share on Facebook\nShare on Twitter\nCopy link\n" + NEWS_EN, "Copy link"),
    ("ad", NEWS_EN.replace("\n", "\nAdvertisement\n"), "Advertisement"),
    ("ad-de", NEWS_DE.replace("\n", "\nAnzeige\n"), "Anzeige"),
    ("photo", NEWS_EN.replace("\n", "\nPhotograph: Andy Rain/EPA\n"), "Andy Rain"),
    ("photo-ru", NEWS_RU.replace("\n", "\nФото: Сергей Ильницкий / EPA\n"), "Ильницкий"),
    ("cookie", "We use cookies to improve your experience. By continuing you agree to our cookie policy.\n"
     "Accept all\n" + NEWS_EN, "cookie"),
    ("newsletter", NEWS_EN + "\nSign up for our daily newsletter and get the best stories delivered to your inbox.",
     "newsletter"),
    ("read-also-ru", NEWS_RU.replace("\n", "\nЧитайте также: Как изменится расписание электричек\n"),
     "электричек"),
    ("read-also-de", NEWS_DE.replace("\n", "\nLesen Sie auch: Was das Gesetz für Verbraucher bedeutet\n"),
     "Verbraucher"),
    ("read-also-fr", NEWS_FR + "\nLire aussi : Les lanceurs d'alerte, une protection fragile", "fragile"),
    ("related-tail", NEWS_EN + "\nRelated stories\nInflation hits 30-year high\nWhat the rise means for you",
     "Inflation hits"),
    ("more-from", NEWS_EN + "\nMore from Business\nPound falls against the dollar\nOil prices slip", "Oil prices"),
    ("nav", "Home | World | Europe\nSkip to content\n" + NEWS_EN, "Skip to content"),
    ("head-list", "Most read\nInflation hits 30-year high\nPound falls again\n" + NEWS_EN, "Pound falls"),
    ("ad-ru", NEWS_RU.replace("\n", "\nРеклама\n"), "Реклама"),
    ("related-uk", NEWS_UK + "\nЧитайте також\nУряд змінив правила для ФОПів\nНові тарифи на світло", "тарифи"),
    ("follow", NEWS_UK + "\nПідписуйтесь на наш канал у Telegram", "Telegram"),
]


@pytest.mark.parametrize("name,text,gone", LINES, ids=[x[0] for x in LINES])
def test_boilerplate_lines(name, text, gone):
    c = clean_text(text)
    assert gone not in c.body
    first_news = [ln for ln in text.split("\n") if len(ln) > 60 and gone not in ln][0]
    assert first_news in c.body


CREDITS = [
    ("reuters-dateline", "MOSCOW, May 19 (Reuters) - Russia said on Monday it was ready to work on a memorandum.\n"
     "The call lasted two hours.", ["Reuters"], "Russia said on Monday"),
    ("reuters-signature", NEWS_EN + "\nReporting by Guy Faulconbridge; Editing by Andrew Osborn", ["Reuters"], None),
    ("ap-dateline", "KYIV, Ukraine (AP) — Officials said Tuesday that drones struck a building.\nRescue went on.",
     ["AP"], "Officials said Tuesday"),
    ("ap-contributed", NEWS_EN + "\nThe Associated Press contributed to this report.", ["AP"], None),
    ("afp-dash", NEWS_EN + "\n— AFP", ["AFP"], None),
    ("with-afp", NEWS_EN + "\n(with AFP)", ["AFP"], None),
    ("avec", "PARIS (AFP) - " + NEWS_FR + "\nAvec AFP", ["AFP"], "Le gouvernement a présenté"),
    ("dpa", "Berlin (dpa) - " + NEWS_DE, ["dpa"], "Die Bundesregierung"),
    ("mit-material", NEWS_DE + "\nMit Material von dpa und Reuters", ["dpa", "Reuters"], None),
    ("efe", NEWS_FR + "\nCon información de EFE", ["EFE"], None),
    ("tass", "МОСКВА, 19 мая. /ТАСС/. Президент провел телефонный разговор с президентом США.\n"
     "Разговор продолжался два часа.", ["TASS"], "Президент провел"),
    ("interfax", NEWS_RU + " — Интерфакс", ["Interfax"], "наземным транспортом."),
    ("ria", "МОСКВА, 19 мая - РИА Новости. Президент провел телефонный разговор.\nРазговор шел долго.",
     ["RIA Novosti"], "Президент провел"),
    ("ukrinform", "Київ (Укрінформ) - " + NEWS_UK, ["Ukrinform"], "Уряд ухвалив"),
    ("additional", NEWS_EN + "\nAdditional reporting by Reuters and Bloomberg", ["Reuters", "Bloomberg"], None),
    ("staff-agencies", NEWS_EN + "\nStaff and agencies", [], None),
]


@pytest.mark.parametrize("name,text,agencies,kept", CREDITS, ids=[x[0] for x in CREDITS])
def test_credits(name, text, agencies, kept):
    c = clean_text(text)
    assert c.agencies == agencies
    for credit_only in ("Reporting by", "contributed", "— AFP", "(with AFP)", "Avec AFP", "Mit Material",
                        "Con información", "Additional reporting", "Staff and agencies", "(Reuters)", "(AP)",
                        "/ТАСС/", "РИА Новости", "Интерфакс", "(dpa)", "(Укрінформ)"):
        assert credit_only not in c.body
    if kept:
        assert c.body.startswith(kept) or c.body.rstrip().endswith(kept)


def test_photo_credit_inside_a_sentence_is_news():
    text = "A Reuters/Ipsos poll released on Tuesday showed 40% of Americans approve.\n" + NEWS_EN
    assert clean_text(text).body == text
    caption = "Police cordon off the area near the Brandenburg Gate in Berlin. (Hayoung Jeon/EPA)"
    assert caption not in clean_text(NEWS_EN + "\n" + caption + "\n" + NEWS_DE).body


def test_agency_named_in_a_sentence_is_not_a_credit():
    c = clean_text("Putin called the talks useful, Russian state news agency RIA Novosti reported, citing "
                   "the Kremlin.\nReuters could not verify the claim independently.")
    assert c.agencies == []
    assert "RIA Novosti reported" in c.body


BYLINES = [
    ("By Jane Doe and John Roe\n" + NEWS_EN, ["Jane Doe", "John Roe"], []),
    ("BY JANE DOE\n" + NEWS_EN, ["Jane Doe"], []),
    ("By Jane Doe, Reuters\n" + NEWS_EN, ["Jane Doe"], ["Reuters"]),
    (NEWS_RU + "\nАвтор: Иван Петров", ["Иван Петров"], []),
    ("Par Jean Dupont\n" + NEWS_FR, ["Jean Dupont"], []),
]


@pytest.mark.parametrize("text,authors,agencies", BYLINES)
def test_bylines(text, authors, agencies):
    c = clean_text(text)
    assert c.authors == authors
    assert c.agencies == agencies
    assert authors[0] not in c.body and authors[0].upper() not in c.body


def test_by_in_a_sentence_is_not_a_byline():
    text = "By Monday, Russia had captured two villages in the east, the defence ministry said.\n" + NEWS_EN
    assert clean_text(text).authors == []


def test_publisher_lines_collected_and_cut():
    c = clean_text(NEWS_EN + "\nThis article was originally published by Meduza.\n© 2025 The Guardian")
    assert "This article was originally published by Meduza." in c.outlet_lines
    assert "© 2025 The Guardian" in c.outlet_lines
    assert "Meduza" not in c.body and "©" not in c.body


def test_title_is_protected_from_navigation_rules():
    c = clean_text("World\n" + NEWS_EN, title="World")
    assert c.body.startswith("World")


def test_title_from_body():
    assert title_from_body("Short headline\nBody text") == "Short headline"
    long = "Donald Trump spoke with Russia's Vladimir Putin on Monday as the U.S. president seeks a " \
           "breakthrough to end the grinding conflict."
    t = title_from_body(long)
    assert t.endswith("…") and len(t) <= 101
    assert long.startswith(t[:-1]) and not t[:-1].endswith(" ")
    assert t[:-1].split()[-1] in long.split()       # cut at a word boundary


WIRE = """    American Airlines, a unit of AMR Corp, said its load factor
for February dropped to 60.2 pct from 64.1 pct a year earlier, as
capacity grew faster than traffic on routes to Europe and Asia,
related to the expansion of its hub at Dallas-Fort Worth airport.
    The carrier said traffic flown by its commuter partners, owned
by AMR Corp, rose 12 pct, while revenue per passenger mile fell
slightly because of discount fares in competitive markets.
 Reuter
"""


def test_hard_wrapped_wire_copy():
    c = clean_text(WIRE)
    # wrapped lines are the middle of sentences: no list, no byline, nothing cut but the sign-off
    assert [r for r, _ in c.removed] == ["credit"]
    assert c.agencies == ["Reuters"] and c.authors == []
    assert "Asia, related to the expansion" in c.body
    assert "passenger mile fell slightly" in c.body
    assert c.body.count("\n") == 1              # two paragraphs
    assert not c.body.rstrip().endswith("Reuter")


def test_short_lines_are_not_unwrapped():
    text = "Results\nShr 32 cts vs 26 cts\nNet 3,200,000 vs 2,600,000\nRevs 41.2 mln vs 38.9 mln\n" \
           "Nine mths\nShr 1.01 dlrs vs 88 cts\nNet 9,800,000 vs 8,500,000"
    assert clean_text(text).body == text


def test_reporting_sentence_is_not_a_credit():
    text = "Reporting by the ministry found that food prices rose sharply this year.\n" + NEWS_EN
    c = clean_text(text)
    assert c.body == text and c.agencies == []
    c = clean_text(NEWS_EN + "\nAdditional reporting by Jane Doe in Kyiv and John Roe in Moscow.")
    assert "Jane Doe" not in c.body and c.agencies == []


# Newsletter footers: (name, text, stays, gone), cut as lines or as the tail block.
FOOTERS = [
    ("en-lines", "View this email in your browser\n" + NEWS_EN + "\nThanks for reading. Forward this briefing "
     "to a colleague\nWas this newsletter forwarded to you? Sign up here\nUnsubscribe: https://example.com/u?id=7",
     "highest level", ["View this email", "Forward this briefing", "forwarded to you", "example.com/u"]),
    ("en-block", NEWS_EN + "\nYou are receiving this email because you subscribed to The Morning Brief.\n"
     "Our mailing address is:\nMorning Brief Media Ltd\n12 Fleet Street\nLondon EC4Y 1AA\n"
     "Update your email preferences\nCopyright © 2025 Morning Brief Media Ltd, all rights reserved.",
     "highest level", ["receiving this email", "Fleet Street", "EC4Y", "Copyright", "preferences"]),
    ("en-bare", NEWS_EN + "\nTo unsubscribe, click here.\nManage your preferences\nUnsubscribe",
     "highest level", ["click here", "Manage your", "Unsubscribe"]),
    ("ru", NEWS_RU + "\nВы получили это письмо, потому что подписались на рассылку «Утро».\n"
     "ООО «Утро Медиа», Москва\nОтписаться", "наземным транспортом", ["получили это письмо", "Утро Медиа", "Отписаться"]),
    ("uk", "Переглянути у браузері\n" + NEWS_UK + "\nВідписатися від розсилки", "профспілки",
     ["браузері", "Відписатися"]),
    ("de", NEWS_DE + "\nSie erhalten diese E-Mail, weil Sie unseren Newsletter abonniert haben.\nAbmelden | "
     "Datenschutz | Impressum", "Kritiker", ["erhalten diese", "Abmelden", "Impressum"]),
    ("fr", NEWS_FR + "\nVous recevez cet e-mail car vous êtes inscrit à notre lettre.\nSe désabonner",
     "automne", ["recevez cet", "désabonner"]),
    ("es", "El Gobierno aprobó el martes una reforma fiscal que eleva los impuestos a las grandes empresas, "
     "según fuentes del Ministerio de Hacienda.\nRecibes este correo porque te suscribiste a nuestro boletín.\n"
     "Darse de baja", "reforma fiscal", ["Recibes este", "Darse de baja"]),
]


@pytest.mark.parametrize("name,text,stays,gone", FOOTERS, ids=[x[0] for x in FOOTERS])
@pytest.mark.parametrize("fmt", ["eml", "txt"])
def test_newsletter_footers(name, text, stays, gone, fmt):
    c = clean_text(text, format=fmt)
    assert stays in c.body
    for g in gone:
        assert g not in c.body, g
    assert any(r == "footer" for r, _ in c.removed)


def test_mail_signature_is_cut_in_mail_only():
    text = NEWS_EN + "\nThe bank's next meeting is in March.\n--\nJane Doe\nEditor, The Morning Brief"
    assert "Jane Doe" not in clean_text(text, format="mbox").body
    assert "Jane Doe" in clean_text(text, format="txt").body


@pytest.mark.parametrize("sentence", [
    "More than two million people have subscribed to the service, the company said on Tuesday.",
    "Users can unsubscribe from the alerts at any time, the regulator said in a statement.",
    "Отписаться от канала решили более миллиона пользователей, сообщает издание.",
    "Abmelden können sich Kunden jederzeit, sagte ein Sprecher der Verbraucherzentrale.",
    "Se désabonner de Netflix est devenu plus simple, selon une étude publiée mardi.",
    "Darse de baja de la Seguridad Social requiere un trámite en línea, explicó el ministerio.",
    "The newsletter, which has 300,000 subscribers, was bought by Axios in 2021.",
])
def test_news_about_subscriptions_stays(sentence):
    text = NEWS_EN + "\n" + sentence
    c = clean_text(text, format="eml")
    assert c.body == text and c.removed == []


PARA_DE = ("Die Gemeinde hat am Dienstag beschlossen, das alte Schwimmbad bis zum Sommer zu sanieren, "
           "wie der Bürgermeister nach der Sitzung des Gemeinderats mitteilte.")
PARA_EN = ("The council voted on Tuesday to repair the old swimming pool before the summer, the mayor "
           "said after the meeting, adding that the work would cost about two million euros.")


@pytest.mark.parametrize("tail,gone", [
    ("Mehr Themen:", "Mehr Themen"),                                          # a heading left alone at the end
    ("Weitere Artikel zum Thema\nNeues Hallenbad in Planung\nSaunabereich wird erweitert", "Hallenbad"),
    ("Top-Themen bei Lokalnachrichten", "Top-Themen"),
    ("3 Kommentare\n" + PARA_DE.replace("Gemeinde", "Stadt") + "\n" + PARA_DE.replace("Dienstag", "Montag"), "Stadt"),
    ("Keine Kommentare (Kommentare erscheinen erst nach unserer Freigabe)", "Freigabe"),
    ("Über den Autor\nAnna Berg schreibt seit 2010 über Kommunalpolitik und lebt in Kassel.", "Kassel"),
])
def test_related_lists_comments_and_author_boxes_at_the_tail_are_cut(tail, gone):
    text = "\n".join([PARA_DE, PARA_DE.replace("Sommer", "Herbst"), PARA_DE.replace("alte", "neue"), tail])
    body = clean_text(text, format="html").body
    assert gone not in body
    assert "Herbst" in body and "neue Schwimmbad" in body


def test_a_comments_heading_early_in_the_text_and_a_topics_subhead_stay():
    text = "\n".join([PARA_EN, "Comments", PARA_EN.replace("Tuesday", "Sunday"), "Topics",
                      PARA_EN.replace("Tuesday", "Monday"), PARA_EN, PARA_EN.replace("pool", "rink")])
    body = clean_text(text, format="html").body
    assert "Sunday" in body and "Topics\n" in body and "Monday" in body and "rink" in body
