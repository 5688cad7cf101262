"""Lexicons for person extraction: given names, known persons, titles, stop words, non-person words.

Loaded once per process from resources/data (given_names.txt, persons.json, outlets.json,
gazetteer via index.extract.countries.gazetteer) and shared read-only. Cyrillic words are compared by a
crude stem (case endings removed) so "Путина", "Путину" and "Путин" meet.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ...resources import data_path
from ..countries.gazetteer import CYR, TOKEN_RE, gazetteer
from .translit import folded_maps

# Longest first: the first ending that leaves a stem of 3+ letters is removed.
CYR_ENDINGS = sorted(
    "ого ому ыми ими ией ией ею ою ой ей ом ем ым им ую юю ая яя ий ый ия ии ию ея еем ье ья ьи ью ьей "
    "ові ої ій ім ою єм а я у ю е ы и і ї й ь".split(), key=len, reverse=True)

TITLES = set("""
president presidents vice prime minister ministers chancellor pope mr mrs ms miss dr prof professor
sen senator rep representative gov governor general gen lt col colonel major maj captain capt admiral
adm sergeant sgt king queen prince princess lord lady sir dame duke duchess emperor empress sheikh
ayatollah cardinal bishop archbishop rabbi imam rev reverend secretary press spokesman spokeswoman
spokesperson deputy foreign defence defense finance interior justice economy trade health energy state
attorney judge chief executive ceo cfo coo chairman chairwoman chair director ambassador envoy
mayor speaker leader commander head coach manager striker midfielder defender goalkeeper officer
inspector detective sheriff senior adviser advisor aide mp mep congressman congresswoman lawmaker
candidate nominee former acting interim vice-president president-elect secretary-general
crown patriarch metropolitan supreme treasury commerce labor
labour education transport agriculture assistant premier mogul billionaire tycoon founder owner
opposition chairperson comptroller governor-general lieutenant corporal marshal pm
herr frau präsident präsidentin bundeskanzler bundeskanzlerin kanzler kanzlerin minister ministerin
außenminister aussenminister regierungschef monsieur madame mme mlle président présidente ministre
premier ministre chancelier señor señora sr sra presidente ministro ministra canciller papa rey reina
""".split())

CYR_TITLES = set("""
президент президента президентом премьер премьер-министр министр министра глава главы председатель
спикер пресс-секретарь представитель канцлер папа король королева госсекретарь генсек посол мэр
губернатор депутат сенатор лидер главком командующий генерал прем'єр прем'єр-міністр міністр голова
речник речниця посол мер губернатор депутат лідер генерал канцлер король державний секретар
пророк патриарх патріарх принц принцесса принцеса лорд сэр сер мистер містер миссис місіс госпожа
господин пан пані королева премьер-министра премьер-министром прем'єра прем'єром президентом
президенту министру міністра міністром послом мэра мэром мера
""".split())

STOP = set("""
the a an and but or if when while after before in on at for from with without by as of to under over
this that these those it he she they we i you his her their our my your its there here what why how
who where which some many most all both each every no not yes also then now yet so still even just only
meanwhile however although though because since until despite during among between against according
asked dear thank please read more continue remind like new breaking update updated live watch photo
video opinion analysis editorial exclusive report reports comment comments share follow subscribe sign
log contact about home menu search advertisement sponsored related top latest today yesterday tomorrow
neither either nor whether unlike once other another such several few any much more less than instead
later earlier still asked speaking writing meanwhile instead perhaps maybe indeed thus hence
ms mr mrs dr
der die das ein eine und oder aber le la les un une des et ou mais el los las y o pero il lo gli i
im am beim zum zur vom mit als wenn dass daß sein seine seiner seinen ihr ihre ihrer ihren ihnen ihm ihn
kein keine keiner beide beiden viele manche einige zwei drei vier fünf zehn hundert tausend million
jeder jede jedes alle auch noch nach vor bei aus für über unter durch gegen ohne um sie er es wir ich
du man dieser diese dieses jene welche was wie wo wer warum heute gestern morgen dann doch nur schon
sehr mehr immer nie hier dort laut zudem dabei damit deshalb trotz während seit bis
ce cette ces son sa ses leur leurs nous vous ils elles il elle on mais donc car ni selon depuis pendant
avec sans pour par dans sur sous chez entre vers après avant lors quand comme aussi encore déjà
este esta estos estas ese esa su sus nuestro nuestra según desde durante con sin para por en sobre
entre tras hacia cuando como también todavía ya pero sino aunque porque hoy ayer mañana
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun
january february march april june july august september october november december jan feb mar apr
jun jul aug sep sept oct nov dec
""".split())

CYR_STOP = set("""
в во на и а но по с со к ко о об от до за из у же не что как это так для при после перед когда если
то тот та те эта этот эти мы вы он она они его ее её их наш ваш также однако ещё еще уже все всё
понедельник вторник среда среду четверг пятница пятницу суббота субботу воскресенье январь января
февраля марта апреля мая июня июля августа сентября октября ноября декабря
у в на і й та але що як це для після коли якщо ми ви він вона вони його її їх також однак вже все
понеділок вівторок середа середу четвер п'ятниця п'ятницю субота суботу неділя неділю січня лютого
березня квітня травня червня липня серпня вересня жовтня листопада грудня
ранее решение через сам сама само сами теперь сейчас кроме именно тогда поэтому также пока хотя
несмотря согласно словам вместе между против около вчера сегодня завтра новый новая глава
раніше рішення зараз тепер також проте однак крім згідно разом вчора сьогодні завтра чоловік
дружина жінка мати батько син донька сам сама
""".split())

# Words of organisations, buildings and events: a lexicon feature of the tagger (features.lex_classes).
NON_PERSON = set("""
bank ministry ministries party university college school times news novosti agency post journal
herald tribune gazette daily weekly radio tv television network channel media press club united fc
council committee commission union federation republic kingdom states nations organization
organisation institute foundation fund association church cathedral square airport station hotel
stadium museum center centre prize cup league championship championships open games olympics festival
day week war revolution act law treaty accord agreement plan project exchange index market energy oil
gas motors systems technologies technology holdings capital partners group inc corp co ltd plc llc
company airlines airways office house street avenue road bridge palace hall tower building army navy
force forces guard guards court parliament senate congress assembly government administration
department service services police security intelligence office embassy consulate mission summit
conference forum program programme initiative movement front brigade battalion regiment division
corps fleet command staff academy hospital clinic foundation trust society board authority
commission cabinet kremlin pentagon isis hamas hezbollah taliban al-qaeda nato opec eu un who imf
bbc cnn afp ap tass ria dpa reuters bloomberg interfax google apple microsoft amazon meta facebook
twitter telegram youtube instagram tiktok whatsapp gazprom rosneft lukoil airbus boeing tesla
christmas easter ramadan thanksgiving covid coronavirus internet web online island islands river
sea ocean mountains mountain lake valley gulf bay coast region province district county city town
village oblast krai north south east west northern southern eastern western central
newsroom desk convention universe rangers rovers wanderers athletic athletico atletico dodgers
cardinals tigers bulldogs padres yankees mets giants jets bears lions eagles hawks kings rockets
bulls celtics lakers knicks pistons braves cubs orioles angels mariners rams broncos raiders
saints bengals steelers patriots cowboys packers dolphins chargers colts sport sporting real
dynamo dinamo spartak lokomotiv olympique olympic olympiakos juventus inter ajax psv bayern
borussia hotspur albion villa county racing grand prix slam catholic orthodox muslim muslims
christian christians jewish protestant islamic sunni shia shi'ite buddhist hindu
africa europe asia oceania antarctica americas caribbean balkans baltic scandinavia arctic
internationale mujahideen brotherhood jihad classic series trophy masters rally tour marathon derby
invitational challenge stakes handicap memorial
ministerio ministère ministerium instituto institut nacional national nationale europea européenne europeo
européen europäische europäischen corte cour suprema suprême consejo conseil comisión commission unión
naciones nations asuntos affaires exteriores étrangères extérieures guerra guerre mundial mondiale estadio
stade parlamento parlement código code partido parti gobierno gouvernement regierung democracia démocratie
demokratie política politique oriente orient medio moyen banco banque fundación fondation stiftung
asociación association verband federación fédération comité campeonato championnat día jour tag casa
maison haus energía énergie educación éducation desarrollo développement económico économique armée
ejército armee servicio universidad université universität escuela école schule iglesia église kirche
hôpital krankenhaus mer mar forêt bosque río rivière tribunal gericht policía polizei sociedad société
gesellschaft research consulting planet jazz nouveau dome bad internacional internationale estados
états staaten reino royaume königreich república république republik comisario commissaire kommissar
rights wall bowl meeting power fields consolidated management managers counties
programa programme provincia province región région municipal municipalité ciudad ville stadt

""".split())

CYR_NON_PERSON = set("""
банк министерство партия университет агентство новости газета радио телевидение канал совет комитет
комиссия союз федерация республика королевство штаты организация институт фонд ассоциация церковь
площадь аэропорт станция отель стадион музей центр премия кубок лига чемпионат война договор
соглашение план проект биржа группа компания офис дом улица дворец армия флот суд парламент сенат
конгресс правительство администрация департамент служба полиция посольство саммит форум кремль
нато оон ес мвф тасс риа интерфакс рбк коммерсант ведомости партія університет агентство газета
рада міністерство уряд служба компанія армія флот суд посольство кремль
""".split())

# Heads of institutions, bodies and places in the Slavic languages of the BSNLP news (pl cs sk sl hr
# sr bg ru uk), as dictionary words: compared by stem (features.lex_classes), so "Komisji",
# "Komisją" and "Komisja" meet. Common nouns that begin organisation and place names, none a surname.
SLAVIC_NON_PERSON = set("""
komisja komise komisia komisija rada rady izba sejm senat parlament parlamentu rząd vláda vlada
ministerstwo ministerstvo ministrstvo ministarstvo urząd úřad urad sąd soud súd sodišče sud
trybunał tribunál tribunal sodišče partia strana stranka unia unie únia unija związek svaz zväz
zveza savez kongres zgromadzenie shromáždění skupščina skupština zbor agencja agentura agencija
instytut institut inštitút inštitut ustav ústav fundacja nadace nadácia fundacija zaklada
uniwersytet univerzita univerza sveučilište univerzitet akademia akademie akademija szkoła škola
šola bank banka banku giełda burza borza spółka společnost spoločnosť družba tvrtka firma koncern
grupa skupina holding korporacja policja policie polícia policija armia armáda vojska wojsko
służba služba straż stráž federacja federace federácia federacija organizacja organizace
organizácia organizacija stowarzyszenie sdružení združenie združenje udruga wspólnota společenství
spoločenstvo skupnost zajednica królestwo království kráľovstvo kraljestvo kraljevina republika
rzeczpospolita państwo stát štát država stany státy štáty države wyspy ostrovy otoki ulica ulice
plac náměstí námestie trg most rzeka řeka rieka reka morze moře more ocean góry hory gore miasto
město mesto grad województwo kraj powiat okres občina opština gmina region obwód oblast dzielnica
kościół kostel kościoła cerkiew katedra klasztor meczet szpital nemocnice nemocnica bolnišnica
bolnica lotnisko letiště letisko letališče aerodrom dworzec nádraží stadion muzeum muzej teatr
divadlo gledališče kazalište kino hotel radio telewizja televize televízia televizija gazeta
dziennik noviny denník časopis tygodnik magazyn portal festiwal festival turniej turnaj puchar
pohár pokal mistrzostwa mistrovství liga zakon ustawa zákon traktat smlouva zmluva pogodba
umowa porozumienie dohoda sporazum konwencja úmluva konferencja konference konferencia
konferenca szczyt summit forum rok wojna válka vojna revolucja revoluce rewolucja powstanie
wschód zachód północ południe východ západ sever jih juh vzhod zahod istok zapad jug
europejski europejska evropská európska evropska brytyjski britský britanski islamski
narodowy národní národný narodni ludowy lidový ljudski demokratyczny demokratická demokratična
komisия комисия съвет съюз партия министерство парламент правителство агенция банка институт
университет фондация асоциация организация република кралство федерация камара събрание съд
прокуратура полиция армия църква площад улица летище стадион вестник телевизия радио фестивал
""".split())

# Function words of the Latin-script Slavic languages, capitalised at a sentence start: never names
# (words that are also names somewhere, "Ali", "Bo", "Ko", "Su", "Jen", "Samo", "Len", left out).
SLAVIC_STOP = set("""
w we na z ze do od po za przez przed pod nad dla bez przy o u i a ale lub oraz że iż jak jako
gdy kiedy jeśli jeżeli czy ten ta to te ci tym tego tej tych ich jego jej nasz wasz ich który która
które którzy jednak także również też już jeszcze tylko nawet właśnie według wśród mimo podczas
choć chociaż ponieważ dlatego więc zatem oto tak nie się jest są był była było będzie
v ve s se k ke ze do od po za pro před pod nad bez při o u a i ale nebo že jak jako když pokud
zda ten ta to ty ti tím toho té těch jejich jeho její který která které kteří však také rovněž už
ještě dokonce podle mezi přes během protože proto tedy tak ne je jsou byl byla bylo bude
podľa počas lebo preto teda aj už ešte ktorý ktorá ktoré
v na z s k od po za pred pod nad brez pri o in ter da kot če ta to te ti tega tej teh njihov
njegov njen kateri katera katero vendar tudi že še celo po med zaradi zato torej tako ne je
so bil bila bilo
u na iz s sa k od po za pred pod nad bez pri o i a ili da kao kad ako ovaj ova ovo taj ta to
koji koja koje međutim također već još prema između tijekom zbog zato dakle tako ne je
bio bila bilo će
""".split())


ROMAN = re.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XV|XVI{0,3}|XIX|XX)$")


def cyr_stem(word: str) -> str:
    w = word.casefold()
    for e in CYR_ENDINGS:
        if w.endswith(e) and len(w) - len(e) >= 3:
            return w[: -len(e)]
    return w


def token_key(tok: str) -> str:
    """How a name token is compared: casefolded, dots dropped (J.D. = JD), Cyrillic stemmed."""
    if CYR.search(tok):
        return cyr_stem(tok)
    return tok.casefold().replace(".", "").replace("’", "'")


def name_key(tokens: list[str]) -> str:
    return " ".join(token_key(t) for t in tokens if t)


def split_name(name: str) -> list[str]:
    """Tokens of a written name: initials split ("J.D." -> "J.D."; "J. D." -> "J.", "D.")."""
    return [t for t in re.split(r"\s+", name.strip()) if t]


@dataclass
class Lexicon:
    given: set[str] = field(default_factory=set)          # token keys of given names
    given_nominative: dict[str, str] = field(default_factory=dict)   # Cyrillic stem -> nominative
    aliases: dict[str, str] = field(default_factory=dict)  # name key -> canonical (multi-word)
    single: dict[str, str] = field(default_factory=dict)   # one-word alias key -> canonical
    places: set[str] = field(default_factory=set)          # casefolded place/demonym single words
    outlets: set[str] = field(default_factory=set)         # name keys of outlets and agencies
    max_alias_len: int = 1
    surnames: dict[str, str] = field(default_factory=dict)  # last word of one known person's names -> canonical
    # Transliteration-folded aliases (translit.py): "Dmitri Peskow" meets "Dmitri Peskov".
    folded: dict[str, str] = field(default_factory=dict)
    folded_single: dict[str, str] = field(default_factory=dict)
    folded_given: dict[str, set[str]] = field(default_factory=dict)


def _given_names() -> tuple[set[str], dict[str, str]]:
    given, nom = set(), {}
    for line in data_path("given_names.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        for n in line.split():
            k = token_key(n)
            given.add(k)
            if CYR.search(n):
                nom.setdefault(k, n)
    return given, nom


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    lex = Lexicon()
    lex.given, lex.given_nominative = _given_names()
    data = json.loads(data_path("persons.json").read_text(encoding="utf-8"))
    for p in data["persons"]:
        canon = p["name"]
        for alias in [canon, *p.get("aliases", [])]:
            toks = split_name(alias)
            if len(toks) == 1 and not ROMAN.match(toks[0]):
                lex.single.setdefault(token_key(toks[0]), canon)
            else:
                lex.aliases.setdefault(name_key(toks), canon)
                lex.max_alias_len = max(lex.max_alias_len, len(toks))
    lex.folded, lex.folded_single, lex.folded_given = folded_maps(lex.aliases, lex.single)
    # "premier May", "President Trump": a known person's surname after a title is that person, unless
    # the surname is two known persons' ("Bush") or a person's one-word alias says otherwise.
    owners: dict[str, set[str]] = {}
    for key, canon in lex.aliases.items():
        owners.setdefault(key.split()[-1], set()).add(canon)
    lex.surnames = {k: next(iter(c)) for k, c in owners.items() if len(c) == 1 and len(k) > 1}
    g = gazetteer()
    lex.places = {k for k, (code, kind, case) in g.lookup.items() if " " not in k and kind != "city"}
    lex.places |= {k for k, (code, kind, case) in g.lookup.items() if " " not in k and kind == "city"
                   and k not in lex.given}
    try:
        outlets = json.loads(data_path("outlets.json").read_text(encoding="utf-8"))["outlets"]
    except (OSError, ValueError, KeyError):
        outlets = []     # the outlet directory is optional for person extraction
    for o in outlets:
        for n in [o.get("name", ""), *o.get("variants", [])]:
            toks = TOKEN_RE.findall(n)
            if toks:
                lex.outlets.add(name_key(toks))
    return lex
