"""Hand-written gazetteer entries merged by gazetteer_build into resources/data/gazetteer.json.

COUNTRIES: code -> ("names and variants", "adjectives and demonyms"), comma-separated, in en, ru,
uk, de, fr, es. Russian/Ukrainian words are given in the nominative (masculine for adjectives);
the loader inflects them. Only build-time: the app reads the JSON.
"""

COUNTRIES = {
    "RU": ("Russia, Russian Federation, Rossiya, Russland, Russie, Rusia, Россия, РФ, Российская Федерация, Росія, Російська Федерація, USSR, Soviet Union, СССР, Советский Союз, Радянський Союз, Sowjetunion, Union soviétique, Unión Soviética",
           "Russian, Russians, Soviet, Soviets, russisch, Russe, Russen, russe, russes, ruso, rusa, rusos, rusas, российский, русский, россиянин, россияне, советский, російський, росіянин, росіяни, радянський"),
    "UA": ("Ukraine, Ukrainia, Ucrania, Україна, Украина",
           "Ukrainian, Ukrainians, ukrainisch, Ukrainer, ukrainien, ukrainienne, ukrainiens, ucraniano, ucraniana, ucranianos, украинский, украинец, украинцы, український, українець, українці"),
    "US": ("United States, United States of America, U.S., U.S.A., USA, US, America, Соединенные Штаты Америки, Сполучені Штати Америки, Vereinigte Staaten, USA, États-Unis, Etats-Unis, Estados Unidos, EEUU, EE.UU., США, Соединённые Штаты, Соединенные Штаты, Америка, Сполучені Штати, Washington, Wall Street, Pentagon, Capitol Hill",
           "American, Americans, amerikanisch, Amerikaner, américain, américaine, américains, estadounidense, estadounidenses, norteamericano, американский, американец, американцы, американський, американець, американці"),
    "GB": ("United Kingdom, UK, U.K., Britain, Great Britain, England, Scotland, Wales, Northern Ireland, Großbritannien, Grossbritannien, Royaume-Uni, Grande-Bretagne, Reino Unido, Gran Bretaña, Великобритания, Британия, Англия, Велика Британія, Британія, Англія, Шотландия, Соединенное Королевство, Сполучене Королівство, Соединённое Королевство, Северная Ирландия, Північна Ірландія, Шотландія, Уэльс, Уельс",
           "British, Britons, Briton, English, Scottish, Welsh, britisch, Briten, britannique, britanniques, anglais, británico, británica, británicos, британский, английский, британец, британцы, британський, англійський"),
    "FR": ("France, Frankreich, Francia, Франция, Франція", "French, Frenchman, französisch, Franzosen, français, française, françaises, francés, francesa, franceses, французский, француз, французы, французький"),
    "DE": ("Germany, Deutschland, Allemagne, Alemania, Германия, Німеччина, West Germany, East Germany, Bundesrepublik, ФРГ", "German, Germans, deutsch, Deutsche, Deutschen, allemand, allemande, allemands, alemán, alemana, alemanes, немецкий, германский, немцы, німецький, німці"),
    "IT": ("Italy, Italien, Italie, Italia, Италия, Італія", "Italian, Italians, italienisch, Italiener, italien, italienne, italiano, italiana, italianos, итальянский, итальянцы, італійський, італійці"),
    "TR": ("Turkey, Türkiye, Turkiye, Türkei, Turquie, Turquía, Турция, Туреччина", "Turkish, Turks, türkisch, Türken, turc, turque, turco, turca, турецкий, турки, турецький"),
    "CN": ("China, People's Republic of China, PRC, Chine, Китай, КНР, Beijing, Peking", "Chinese, chinesisch, Chinesen, chinois, chinoise, chino, china, chinos, китайский, китайцы, китайський"),
    "JP": ("Japan, Japon, Japón, Япония, Японія", "Japanese, japanisch, Japaner, japonais, japonaise, japonés, japonesa, японский, японцы, японський"),
    "IN": ("India, Indien, Inde, Индия, Індія", "Indian, Indians, indisch, Inder, indien, indienne, indio, hindú, индийский, индийцы, індійський"),
    "PL": ("Poland, Polen, Pologne, Polonia, Польша, Польща", "Polish, Poles, polnisch, Polen, polonais, polonaise, polaco, polaca, польский, поляки, польський"),
    "BY": ("Belarus, Byelorussia, Belorussia, Weißrussland, Weissrussland, Biélorussie, Bielorrusia, Беларусь, Белоруссия, Білорусь", "Belarusian, Belarussian, Byelorussian, belarussisch, biélorusse, bielorruso, белорусский, белорусы, білоруський"),
    "IL": ("Israel, Israël, Израиль, Ізраїль", "Israeli, Israelis, israelisch, israélien, israélienne, israelí, израильский, ізраїльський"),
    "PS": ("Palestine, Palestinian territories, Gaza, Gaza Strip, West Bank, Palästina, Palestina, Палестина, Газа, Сектор Газа", "Palestinian, Palestinians, palästinensisch, palestinien, palestino, палестинский, палестинський"),
    "IR": ("Iran, Persia, Iran, Irán, Иран, Іран", "Iranian, Iranians, iranisch, iranien, iraní, иранский, іранський"),
    "IQ": ("Iraq, Irak, Ирак, Ірак", "Iraqi, Iraqis, irakisch, irakien, iraquí, иракский, іракський"),
    "SY": ("Syria, Syrien, Syrie, Siria, Сирия, Сирія", "Syrian, Syrians, syrisch, syrien, sirio, siria, сирийский, сирійський"),
    "SA": ("Saudi Arabia, Saudi-Arabien, Arabie saoudite, Arabia Saudita, Саудовская Аравия, Саудівська Аравія", "Saudi, Saudis, saudisch, saoudien, saudí, саудовский, саудівський"),
    "AE": ("United Arab Emirates, UAE, Emirates, Vereinigte Arabische Emirate, Émirats arabes unis, Emiratos Árabes Unidos, ОАЭ, ОАЕ, Abu Dhabi, Dubai", "Emirati, emiratisch, émirien, emiratí"),
    "EG": ("Egypt, Ägypten, Égypte, Egipto, Египет, Єгипет", "Egyptian, Egyptians, ägyptisch, égyptien, egipcio, египетский, єгипетський"),
    "KP": ("North Korea, DPRK, Nordkorea, Corée du Nord, Corea del Norte, КНДР, Северная Корея, Північна Корея, Pyongyang", "North Korean, North Koreans, nordkoreanisch, nord-coréen, norcoreano, северокорейский, північнокорейський"),
    "KR": ("South Korea, Republic of Korea, Korea, Südkorea, Corée du Sud, Corea del Sur, Южная Корея, Республика Корея, Південна Корея", "South Korean, South Koreans, Korean, Koreans, südkoreanisch, sud-coréen, surcoreano, южнокорейский, південнокорейський"),
    "TW": ("Taiwan, Taïwan, Taiwán, Тайвань", "Taiwanese, taiwanisch, taïwanais, taiwanés, тайваньский, тайванський"),
    "CA": ("Canada, Kanada, Canadá, Канада", "Canadian, Canadians, kanadisch, canadien, canadienne, canadiense, канадский, канадський"),
    "MX": ("Mexico, Mexiko, Mexique, México, Мексика", "Mexican, Mexicans, mexikanisch, mexicain, mexicano, mexicana, мексиканский, мексиканський"),
    "BR": ("Brazil, Brasilien, Brésil, Brasil, Бразилия, Бразилія", "Brazilian, Brazilians, brasilianisch, brésilien, brasileño, brasileña, бразильский, бразильський"),
    "AR": ("Argentina, Argentinien, Argentine, Аргентина", "Argentine, Argentinian, Argentines, argentinisch, argentin, argentino, argentina, аргентинский, аргентинський"),
    "CL": ("Chile, Chili, Чили", "Chilean, Chileans, chilenisch, chilien, chileno, чилийский"),
    "CO": ("Colombia, Kolumbien, Colombie, Колумбия, Колумбія", "Colombian, Colombians, kolumbianisch, colombien, colombiano, колумбийский"),
    "VE": ("Venezuela, Венесуэла, Венесуела", "Venezuelan, Venezuelans, venezolanisch, vénézuélien, venezolano, венесуэльский, венесуельський"),
    "CU": ("Cuba, Kuba, Куба", "Cuban, Cubans, kubanisch, cubain, cubano, кубинский, кубинський"),
    "PE": ("Peru, Pérou, Perú, Перу", "Peruvian, Peruvians, peruanisch, péruvien, peruano, перуанский"),
    "AU": ("Australia, Australien, Australie, Австралия, Австралія", "Australian, Australians, australisch, australien, australiano, австралийский, австралійський"),
    "NZ": ("New Zealand, Neuseeland, Nouvelle-Zélande, Nueva Zelanda, Новая Зеландия, Нова Зеландія", "New Zealander, New Zealanders, neuseeländisch, néo-zélandais, neozelandés, новозеландский"),
    "ZA": ("South Africa, Südafrika, Afrique du Sud, Sudáfrica, ЮАР, Южная Африка, Південна Африка", "South African, South Africans, südafrikanisch, sud-africain, sudafricano, южноафриканский, південноафриканський"),
    "NG": ("Nigeria, Nigéria, Нигерия, Нігерія", "Nigerian, Nigerians, nigerianisch, nigérian, nigeriano, нигерийский, нігерійський"),
    "NE": ("Niger, Нигер, Нігер", "Nigerien, Nigeriens, nigrisch, nigérien, nigerino"),
    "ES": ("Spain, Spanien, Espagne, España, Испания, Іспанія", "Spanish, Spaniards, Spaniard, spanisch, Spanier, espagnol, espagnole, español, española, españoles, испанский, испанцы, іспанський"),
    "PT": ("Portugal, Португалия, Португалія", "Portuguese, portugiesisch, portugais, portugués, portuguesa, португальский, португальський"),
    "NL": ("Netherlands, Holland, the Netherlands, Niederlande, Pays-Bas, Países Bajos, Holanda, Нидерланды, Голландия, Нідерланди, Голландія", "Dutch, niederländisch, holländisch, néerlandais, hollandais, neerlandés, holandés, нидерландский, голландский, нідерландський"),
    "BE": ("Belgium, Belgien, Belgique, Bélgica, Бельгия, Бельгія", "Belgian, Belgians, belgisch, belge, belga, бельгийский, бельгійський"),
    "CH": ("Switzerland, Schweiz, Suisse, Suiza, Svizzera, Швейцария, Швейцарія", "Swiss, schweizerisch, Schweizer, suisse, suizo, suiza, швейцарский, швейцарський"),
    "AT": ("Austria, Österreich, Autriche, Австрия, Австрія", "Austrian, Austrians, österreichisch, Österreicher, autrichien, austriaco, австрийский, австрійський"),
    "SE": ("Sweden, Schweden, Suède, Suecia, Швеция, Швеція", "Swedish, Swedes, schwedisch, suédois, sueco, шведский, шведський"),
    "NO": ("Norway, Norwegen, Norvège, Noruega, Норвегия, Норвегія", "Norwegian, Norwegians, norwegisch, norvégien, noruego, норвежский, норвезький"),
    "DK": ("Denmark, Dänemark, Danemark, Dinamarca, Дания, Данія", "Danish, Danes, dänisch, danois, danés, датский, данський"),
    "FI": ("Finland, Finnland, Finlande, Finlandia, Финляндия, Фінляндія", "Finnish, Finns, finnisch, finlandais, finlandés, финский, фінський"),
    "IE": ("Ireland, Republic of Ireland, Irland, Irlande, Irlanda, Ирландия, Ірландія, Eire", "Irish, irisch, irlandais, irlandés, ирландский, ірландський"),
    "GR": ("Greece, Griechenland, Grèce, Grecia, Греция, Греція", "Greek, Greeks, griechisch, grec, grecque, griego, греческий, грецький"),
    "CY": ("Cyprus, Zypern, Chypre, Chipre, Кипр, Кіпр", "Cypriot, Cypriots, zyprisch, chypriote, chipriota, кипрский"),
    "HU": ("Hungary, Ungarn, Hongrie, Hungría, Венгрия, Угорщина", "Hungarian, Hungarians, ungarisch, hongrois, húngaro, венгерский, угорський"),
    "CZ": ("Czech Republic, Czechia, Tschechien, Tchéquie, République tchèque, Chequia, Чехия, Чехія, Czechoslovakia", "Czech, Czechs, tschechisch, tchèque, checo, чешский, чеський"),
    "SK": ("Slovakia, Slowakei, Slovaquie, Eslovaquia, Словакия, Словаччина", "Slovak, Slovaks, slowakisch, slovaque, eslovaco, словацкий, словацький"),
    "RO": ("Romania, Rumänien, Roumanie, Rumania, Румыния, Румунія", "Romanian, Romanians, rumänisch, roumain, rumano, румынский, румунський"),
    "BG": ("Bulgaria, Bulgarien, Bulgarie, Болгария, Болгарія", "Bulgarian, Bulgarians, bulgarisch, bulgare, búlgaro, болгарский, болгарський"),
    "MD": ("Moldova, Moldavia, Moldawien, Moldavie, Молдова, Молдавия, Молдавія", "Moldovan, Moldovans, moldauisch, moldave, moldavo, молдавский, молдовський"),
    "GE": ("Georgia, Georgien, Géorgie, Грузия, Грузія, Sakartvelo", "Georgian, Georgians, georgisch, géorgien, georgiano, грузинский, грузинський"),
    "AM": ("Armenia, Armenien, Arménie, Армения, Вірменія", "Armenian, Armenians, armenisch, arménien, armenio, армянский, вірменський"),
    "AZ": ("Azerbaijan, Aserbaidschan, Azerbaïdjan, Azerbaiyán, Азербайджан", "Azerbaijani, Azerbaijanis, Azeri, aserbaidschanisch, azerbaïdjanais, azerbaiyano, азербайджанский, азербайджанський"),
    "KZ": ("Kazakhstan, Kasachstan, Kazajistán, Казахстан", "Kazakh, Kazakhstani, kasachisch, kazakh, kazajo, казахский, казахстанский, казахський"),
    "UZ": ("Uzbekistan, Usbekistan, Ouzbékistan, Uzbekistán, Узбекистан", "Uzbek, usbekisch, ouzbek, uzbeko, узбекский"),
    "LT": ("Lithuania, Litauen, Lituanie, Lituania, Литва", "Lithuanian, litauisch, lituanien, lituano, литовский, литовський"),
    "LV": ("Latvia, Lettland, Lettonie, Letonia, Латвия, Латвія", "Latvian, lettisch, letton, letón, латвийский, латвійський"),
    "EE": ("Estonia, Estland, Estonie, Эстония, Естонія", "Estonian, estnisch, estonien, estonio, эстонский, естонський"),
    "RS": ("Serbia, Serbien, Serbie, Сербия, Сербія, Yugoslavia", "Serbian, Serbs, serbisch, serbe, serbio, сербский, сербський, Yugoslav"),
    "HR": ("Croatia, Kroatien, Croatie, Croacia, Хорватия, Хорватія", "Croatian, Croats, kroatisch, croate, croata, хорватский"),
    "BA": ("Bosnia, Bosnia and Herzegovina, Bosnien, Bosnie, Босния, Боснія", "Bosnian, bosnisch, bosniaque, bosnio, боснийский"),
    "AL": ("Albania, Albanien, Albanie, Албания, Албанія", "Albanian, albanisch, albanais, albanés, албанский"),
    "SI": ("Slovenia, Slowenien, Slovénie, Eslovenia, Словения, Словенія", "Slovenian, Slovene, slowenisch, slovène, esloveno, словенский"),
    "PK": ("Pakistan, Pakistán, Пакистан", "Pakistani, Pakistanis, pakistanisch, pakistanais, pakistaní, пакистанский, пакистанський"),
    "AF": ("Afghanistan, Afganistán, Афганистан, Афганістан", "Afghan, Afghans, afghanisch, afghan, afgano, афганский, афганський"),
    "BD": ("Bangladesh, Bangladesch, Бангладеш", "Bangladeshi, bangladeschisch, bangladais, bangladesí"),
    "ID": ("Indonesia, Indonesien, Indonésie, Индонезия, Індонезія", "Indonesian, indonesisch, indonésien, indonesio, индонезийский"),
    "MY": ("Malaysia, Malaisie, Malasia, Малайзия", "Malaysian, malaysisch, malaisien, malasio, малайзийский"),
    "PH": ("Philippines, Philippinen, Filipinas, Филиппины, Філіппіни", "Filipino, Philippine, philippinisch, philippin, filipino, филиппинский"),
    "TH": ("Thailand, Thaïlande, Tailandia, Таиланд, Таїланд", "Thai, thailändisch, thaïlandais, tailandés, тайский"),
    "VN": ("Vietnam, Viet Nam, Viêt Nam, Вьетнам, В'єтнам", "Vietnamese, vietnamesisch, vietnamien, vietnamita, вьетнамский, в'єтнамський"),
    "SG": ("Singapore, Singapur, Singapour, Сингапур", "Singaporean, singapurisch, singapourien, singapurense"),
    "HK": ("Hong Kong, Hongkong, Гонконг", "Hong Konger"),
    "LB": ("Lebanon, Libanon, Liban, Líbano, Ливан, Ліван", "Lebanese, libanesisch, libanais, libanés, ливанский"),
    "JO": ("Jordan, Jordanien, Jordanie, Jordania, Иордания, Йорданія", "Jordanian, jordanisch, jordanien, jordano, иорданский"),
    "YE": ("Yemen, Jemen, Yémen, Йемен, Ємен", "Yemeni, jemenitisch, yéménite, yemení, йеменский"),
    "QA": ("Qatar, Katar, Катар", "Qatari, katarisch, qatarien, catarí, катарский"),
    "KW": ("Kuwait, Koweït, Кувейт", "Kuwaiti, kuwaitisch, koweïtien, kuwaití, кувейтский"),
    "LY": ("Libya, Libyen, Libye, Libia, Ливия, Лівія", "Libyan, libysch, libyen, libio, ливийский"),
    "DZ": ("Algeria, Algerien, Algérie, Argelia, Алжир", "Algerian, algerisch, algérien, argelino, алжирский"),
    "MA": ("Morocco, Marokko, Maroc, Marruecos, Марокко", "Moroccan, marokkanisch, marocain, marroquí, марокканский"),
    "TN": ("Tunisia, Tunesien, Tunisie, Túnez, Тунис, Туніс", "Tunisian, tunesisch, tunisien, tunecino, тунисский"),
    "SD": ("Sudan, Soudan, Sudán, Судан", "Sudanese, sudanesisch, soudanais, sudanés, суданский"),
    "ET": ("Ethiopia, Äthiopien, Éthiopie, Etiopía, Эфиопия, Ефіопія", "Ethiopian, äthiopisch, éthiopien, etíope, эфиопский"),
    "KE": ("Kenya, Kenia, Кения, Кенія", "Kenyan, kenianisch, kényan, keniano, кенийский"),
    "CD": ("Democratic Republic of Congo, Democratic Republic of the Congo, DR Congo, DRC, Zaire, ДРК", "Congolese"),
    "VA": ("Vatican, Vatican City, Holy See, Vatikan, Vaticano, Ватикан", "Vatican"),
    "EU_": ("", ""),
}
del COUNTRIES["EU_"]

# Sub-national names that identify a country in news text.
REGIONS = {
    "US": "New England, Alabama, Alaska, Arizona, Arkansas, California, Colorado, Connecticut, Delaware, Florida, Hawaii, Idaho, Illinois, Indiana, Iowa, Kansas, Kentucky, Louisiana, Maine, Maryland, Massachusetts, Michigan, Minnesota, Mississippi, Missouri, Montana, Nebraska, Nevada, New Hampshire, New Jersey, New Mexico, New York, North Carolina, North Dakota, Ohio, Oklahoma, Oregon, Pennsylvania, Rhode Island, South Carolina, South Dakota, Tennessee, Texas, Utah, Vermont, Virginia, West Virginia, Wisconsin, Wyoming, Калифорния, Техас, Флорида, Нью-Йорк",
    "RU": "Siberia, Chechnya, Dagestan, Tatarstan, Kursk, Belgorod, Bryansk, Kaliningrad, Сибирь, Чечня, Дагестан, Татарстан, Курская область, Белгородская область, Подмосковье",
    "UA": "Donbas, Donbass, Donetsk, Luhansk, Lugansk, Kherson, Zaporizhzhia, Zaporizhzhya, Zaporozhye, Crimea, Sumy, Kharkiv, Kharkov, Odesa, Odessa, Lviv, Dnipro, Mariupol, Bakhmut, Avdiivka, Pokrovsk, Chernihiv, Mykolaiv, Донбасс, Донбас, Крым, Крим, Донецк, Донецьк, Луганск, Луганськ, Херсон, Запорожье, Запоріжжя, Харьков, Харків, Одесса, Одеса, Львов, Львів, Днепр, Дніпро, Суми, Сумы, Бахмут, Авдеевка, Покровск, Покровськ",
    "GB": "Downing Street, Whitehall, Westminster",
    "CA": "Ontario, Quebec, Québec, British Columbia, Alberta, Manitoba, Saskatchewan, Nova Scotia, New Brunswick, Newfoundland",
    "AU": "New South Wales, Queensland, Victoria, Tasmania, South Australia, Western Australia",
    "DE": "Bavaria, Bayern, Saxony, Sachsen, Brandenburg, Hesse, Hessen, Thuringia, Thüringen, Baden-Württemberg, Nordrhein-Westfalen, Niedersachsen, Berlin",
    "CN": "Tibet, Xinjiang, Guangdong, Sichuan, Yunnan, Hubei, Zhejiang, Fujian",
    "ES": "Catalonia, Cataluña, Catalunya, Andalusia, Andalucía, Basque Country, Galicia",
    "IN": "Kashmir, Punjab, Gujarat, Maharashtra, Bengal, Kerala, Tamil Nadu, Uttar Pradesh",
}

# Names that hold a country's name, demonym or seat but stand for no one country (larger regions,
# other countries' institutions):
# "Latin America" is not the United States, "Latin American debt" not American. Matched like
# any name (longest first), they hide the country word inside them.
NOT_PLACES = (
    "Latin America, South America, North America, Central America, Latin American, Latin Americans, "
    "South American, South Americans, North American, North Americans, Central American, Central Americans, "
    "Lateinamerika, Nordamerika, Südamerika, Mittelamerika, Zentralamerika, "
    "Amérique latine, Amérique du Nord, Amérique du Sud, Amérique centrale, "
    "América Latina, América del Sur, América del Norte, América Central, Sudamérica, Norteamérica, Centroamérica, "
    "Латинская Америка, Южная Америка, Северная Америка, Центральная Америка, "
    "Латинська Америка, Південна Америка, Північна Америка, Центральна Америка, "
    # other countries' congresses are not the US Congress (the seat word inside a longer name)
    "National Congress, People's Congress, National People's Congress, Congress Party"
)

# Seats of power and institutions that stand for a country.
SEATS = {
    "Kremlin": "RU", "Кремль": "RU", "Kreml": "RU", "Duma": "RU", "Госдума": "RU", "Lubyanka": "RU",
    "White House": "US", "Белый дом": "US", "Білий дім": "US", "Weiße Haus": "US", "Weißen Haus": "US",
    "Maison Blanche": "US", "Casa Blanca": "US", "Oval Office": "US", "State Department": "US",
    "Pentagon": "US", "Congress": "US", "Capitol": "US", "Пентагон": "US", "Конгресс": "US", "Конгрес": "US",
    "Downing Street": "GB", "Whitehall": "GB", "Westminster": "GB", "Buckingham Palace": "GB",
    "Élysée": "FR", "Elysee": "FR", "Élysée Palace": "FR", "Quai d'Orsay": "FR", "Matignon": "FR", "Елисейский дворец": "FR",
    "Bundestag": "DE", "Bundesrat": "DE", "Bundeskanzleramt": "DE", "Бундестаг": "DE",
    "Zhongnanhai": "CN", "Quirinale": "IT", "Palazzo Chigi": "IT", "Moncloa": "ES",
    "Verkhovna Rada": "UA", "Bankova": "UA", "Верховная рада": "UA", "Верховна Рада": "UA",
    "Knesset": "IL", "Кнессет": "IL", "Kneset": "IL", "Blue House": "KR", "Lok Sabha": "IN",
    "Vatican": "VA", "Ватикан": "VA", "Holy See": "VA",
}

# City names from GeoNames that are mostly ordinary words, person names or ambiguous in news.
NOT_CITIES = [
    "Of", "Nice", "Mobile", "Split", "Bath", "Reading", "Male", "Sale", "Bar", "Bat", "Cork", "Orange",
    "Independence", "Victoria", "Florence", "Hamilton", "Lincoln", "Jackson", "Lafayette", "Columbia",
    "Santa Ana", "Aurora", "Concord", "Providence", "Salem", "Springfield", "Richmond", "Wellington",
    "Georgetown", "Mercedes", "Regina", "Valencia", "Córdoba", "Cordoba", "Alexandria", "Tripoli",
    "Kent", "Surrey", "Sunderland", "Derby", "Carmel", "Paterson", "Arlington",
    "Jordan", "Chad", "Marion", "Norman", "Eugene", "Irving", "Charlotte", "Madison", "Lancaster",
    "Troy", "Mons", "Nancy", "Uruguay", "Sucre", "Bolívar", "León", "Mérida", "Trinidad",
    "Mar", "Pau", "Rio", "Sur", "Une", "Van", "Ede", "Mai", "Ore", "Man", "Bo", "Kit", "Deal",
]

# Bulgarian short names (Cyrillic: the loader inflects them like Russian ones).
BULGARIAN = {
    "RU": "Русия", "UA": "Украйна", "US": "САЩ, Америка", "GB": "Великобритания, Обединеното кралство, Англия",
    "DE": "Германия", "FR": "Франция", "IT": "Италия", "ES": "Испания", "PL": "Полша", "GR": "Гърция",
    "RS": "Сърбия", "RO": "Румъния", "TR": "Турция", "CN": "Китай", "JP": "Япония", "IN": "Индия",
    "PK": "Пакистан", "BG": "България", "MK": "Северна Македония, Македония", "HU": "Унгария",
    "AT": "Австрия", "BE": "Белгия", "NL": "Нидерландия, Холандия", "IE": "Ирландия", "CZ": "Чехия",
}
# Bulgarian writes names with the definite article: "Съединените щати", "Чешката република".
BULGARIAN["US"] += ", Съединените щати, Съединени щати"
BULGARIAN["CZ"] += ", Чешката република, Чешка република"

# Short names in Polish, Czech, Slovak, Slovene and Croatian (the loader adds Slavic case endings).
SLAVIC = {
    "GB": "Británie, Velká Británie, Brytania, Wielka Brytania, Británia, Veľká Británia, Britanija, Velika Britanija, Anglie, Anglia, Anglija, Engleska, Anglicko, Szkocja, Skotsko, Škotska, Zjednoczone Królestwo, Severní Irsko, Irlandia Północna, Severna Irska",
    "US": "Spojené státy, Spojené štáty, Stany Zjednoczone, Ameryka, Amerika, Združene države, Sjedinjene Države, Sjedinjene Američke Države, ZDA",
    "RU": "Rusko, Rosja, Rusija, Ruska Federacija, Rosyjska Federacja",
    "UA": "Ukrajina, Ukraina",
    "DE": "Německo, Niemcy, Niemczech, Niemiec, Niemcom, Nemčija, Njemačka, Nemecko",
    "FR": "Francie, Francja, Francija, Francúzsko, Francuska",
    "IT": "Itálie, Włochy, Italija, Taliansko, Italija",
    "ES": "Španělsko, Hiszpania, Španija, Španjolska, Španielsko",
    "PL": "Polsko, Polska, Poljska, Poľsko",
    "CZ": "Česko, Česká republika, Czechy, Češka, Czechia, ČR",
    "SK": "Slovensko, Słowacja, Slovaška, Slovačka",
    "SI": "Slovinsko, Słowenia, Slovenija",
    "HR": "Chorvatsko, Chorwacja, Hrvaška, Hrvatska",
    "RS": "Srbsko, Serbia, Srbija",
    "BG": "Bulharsko, Bułgaria, Bolgarija, Bugarska",
    "RO": "Rumunsko, Rumunia, Romunija, Rumunjska",
    "HU": "Maďarsko, Węgry, Węgier, Madžarska, Mađarska",
    "AT": "Rakousko, Austria, Avstrija, Austrija, Rakúsko",
    "IE": "Irsko, Irlandia, Irska",
    "NL": "Nizozemsko, Holandia, Niderlandy, Nizozemska",
    "BE": "Belgie, Belgia, Belgija",
    "CN": "Čína, Chiny, Kitajska, Kina",
    "JP": "Japonsko, Japonia, Japonska, Japan",
    "PK": "Pákistán, Pakistan",
    "IN": "Indie, Indie, Indija",
    "TR": "Turecko, Turcja, Turčija, Turska",
    "GR": "Řecko, Grecja, Grčija, Grčka, Grécko",
    "SE": "Švédsko, Szwecja, Švedska",
    "BY": "Bělorusko, Białoruś, Belorusija, Bjelorusija",
    "BA": "BiH, Bośnia i Hercegowina, Bosna in Hercegovina, Bosna i Hercegovina",
    "KP": "KLDR, KRLD",
    "EU_": "",
}
del SLAVIC["EU_"]
