"""The small built-in word lists ``quiz draft`` reads articles with, and a crude lemmatiser.

Data, not logic: what counts as a reporting verb, a kind of work, a rating, a charged word.
English only, like the heuristics that use them.
"""

from __future__ import annotations

import re
from functools import lru_cache

STOPWORDS = frozenset(
    """
a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing down during each few for from further had has have having he her here
hers herself him himself his how i if in into is it its itself just let me more most my myself no nor not now
of off on once only or other our ours ourselves out over own same she should so some such than that the their
theirs them themselves then there these they this those through to too under until up very was we were what
when where which while who whom why will with would you your yours yourself yourselves still even ever lots
lot many much one two three new while whether yet via per like
""".split()
)

# Words too common in news to say two statements are about the same thing.
GENERIC = frozenset(
    """
person people thing time way number year day report article story news said say told according source
""".split()
)

IRREGULAR = {
    "people": "person",
    "children": "child",
    "men": "man",
    "women": "woman",
    "feet": "foot",
    "mice": "mouse",
    "teeth": "tooth",
    "geese": "goose",
    "criteria": "criterion",
}


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """A crude, deterministic stem: ``signatures``/``signed`` -> ``sign``, ``petitions`` -> ``petition``;
    an irregular verb form by its plain form first (``began`` -> ``begin``, ``paid`` -> ``pay``), so that
    two reports of one event ("began", "begins") share the word."""
    found = re.sub(r"['’]s$", "", word.lower().strip("'’\".,;:!?()[]“”‘"))
    if found in IRREGULAR:
        return IRREGULAR[found]
    found = _irregular_base(found)
    if len(found) > 4 and found.endswith("ies"):
        found = found[:-3] + "y"
    elif found.endswith("sses"):
        found = found[:-2]
    elif len(found) > 3 and found.endswith("s") and not found.endswith(("ss", "us", "is")):
        found = found[:-1]
    for suffix in ("ature", "ing", "ed"):
        if found.endswith(suffix) and len(found) - len(suffix) >= 3:
            found = found[: -len(suffix)]
            if len(found) > 3 and found[-1] == found[-2] and found[-1] not in "ls":
                found = found[:-1]  # stopped -> stop
            break
    if len(found) > 3 and found.endswith("e"):
        found = found[:-1]
    return SYNONYMS.get(found, found)


# Irregular past forms simplemma leaves alone or reads as nouns.
_PAST_OVERRIDES = {"broke": "break", "won": "win", "rose": "rise", "saw": "see", "felt": "feel", "shut": "shut"}


def _irregular_base(word: str) -> str:
    """The plain form of an irregular verb form ("began", "paid", "took"), by simplemma's English table
    (shipped inside the package); regular forms ("-s", "-ed", "-ing") are left to the stemmer."""
    if word in _PAST_OVERRIDES:
        return _PAST_OVERRIDES[word]
    if len(word) < 3 or not word.isalpha() or word.endswith(("s", "ed", "ing")):
        return word
    import simplemma  # here: its English table loads in half a second

    base = simplemma.lemmatize(word, lang="en")
    return base if base.isalpha() and base != word and base[:1] == word[:1] else word


# Nouns that count the same things in news reports: "140 homes" and "200 houses" are one count.
SYNONYMS = {
    "hous": "hom",
    "household": "hom",
    "dwelling": "hom",
    "signatory": "sign",
    "signer": "sign",
    "died": "death",
    "dead": "death",
    "fatality": "death",
    "kill": "death",
    "voter": "vot",
    "ballot": "vot",
    "injury": "injur",
    "crowd": "attend",
    "spectator": "attend",
    "fan": "attend",
    "attendance": "attend",
    "attende": "attend",
    "visitor": "attend",
    # what a sum is: "cost $1.8 million", "the repair bill at $2.6 million", "bought ... for £12 million", "paid"
    "bill": "cost",
    "pric": "cost",
    "pay": "cost",
    "buy": "cost",
    "spend": "cost",
}


# Reporting verbs: "X said", "X told Variety", "X added". A form of "be" before one makes it passive.
SAY_VERBS = frozenset(
    """
said says say told tells added adds explained explains stated states stating wrote writes tweeted tweets posted
claimed claims claiming commented comments announced announces argued argues insisted insists noted notes
reported reports confirmed confirms denied denies warned warns urged urges called calls described describes
stressed stresses replied replies responded responds acknowledged admitted admits cited cites defended defends
estimated estimates counted predicted alleged alleges accused accuses praised criticized criticised condemned
""".split()
)
ATTRIBUTION = re.compile(r"\b(?:[Aa]ccording to|[Aa]s per|[Ii]n the words of)\s+")
PRONOUNS = frozenset("he she they it we i".split())
# Words between a speaker and the verb, or before the speaker, that are not part of who spoke.
FILLERS = frozenset(
    """
has have had was were is are also then later further went on by been would will once again publicly however
but and so meanwhile still now earlier yesterday today besides finally first
""".split()
)

# Opinions: reviews, ratings in stars, critics, advocacy groups, evaluative words.
OPINION_MARKERS = re.compile(
    r"\b(?:reviews?|reviewers?|reviewed|critics?|critique\w*|\w+-star|stars?|verdict|praise\w*|condemn\w*|advocacy|"
    r"campaign group|editorial|opinion|column\w*)\b",
    re.I,
)
EVALUATIVE = re.compile(
    r"\b(?:powerful|alarming|vivid|dangerous|disturbing|disgusting|beautiful|brilliant|terrible|awful|worst|best|"
    r"great|shocking|outrageous|inappropriate|unacceptable|exploitative|misleading|stunning|masterpiece|moving|"
    r"gruesome|upsetting|excellent|poor|important|heartbreaking|offensive|harmful)\b",
    re.I,
)

# Sentences asserting these are worth a source; without one they are drafted as unsupported claims.
_HARM = (
    r"threat\w*|death\w*|dead|dies|died|kill\w*|murder\w*|attack\w*|assault\w*|abus\w*|exploit\w*|violen\w*"
    r"|danger\w*|harass\w*|bull(?:y|ied|ies|ying)|intimidat\w*|coerc\w*|racis\w*|victim\w*|injur\w*|evacuat\w*"
    r"|destroy\w*|collaps\w*|fire[sd]?|flood\w*|disaster\w*|crisis|sexuali[sz]\w*|p(?:a)?edophil\w*"
)
_PROCEEDINGS = (
    r"arrest\w*|accus\w*|alleg\w*|crim\w*|illegal\w*|unlawful\w*|bann?(?:ed|s)?|lawsuit\w*|sued|scandal\w*"
    r"|investigat\w*|convict\w*|resign\w*|sack(?:ed|ing)|fined|wrongdoing|misconduct"
)
_REACTION = r"massive|outrage\w*|controvers\w*|backlash\w*|shock\w*|horrif\w*|furious"
# Wrongdoing told as fact: deceit (lying, cheating, misleading, covering up), theft and fraud, buying
# an advantage (bribes, "bought its way"), tampering with a result, or doing it knowingly.
_WRONGDOING = (
    r"lied|lying\s+(?:to|about)|li(?:e|es)\s+(?:to|about)|liars?|(?:told|telling|tells)\s+lies|deceiv\w*|decepti\w*"
    r"|dishonest\w*|cheat\w*|mislead\w*|misled|cover(?:ed|ing|s)?[- ]up|covered\s+(?:it|this|that|them)\s+up"
    r"|hid|hiding|hidden|secretly|deliberately|knowingly|without (?:the )?\w+['’]? knowledge|turned a blind eye"
    r"|fraud\w*|defraud\w*|swindl\w*|embezzl\w*|misappropriat\w*|steal\w*|stole\w*|pocket(?:ed|ing)"
    r"|siphon\w*|launder\w*|extort\w*|blackmail\w*|brib\w*|kickbacks?|corrupt\w*|nepotism|cronyism"
    r"|(?:bought|buys?|buying|paid|pays?|paying)\s+(?:its|their|his|her|our|your)\s+way"
    r"|rigg\w*|tamper\w*|falsif\w*|fabricat\w*|doctored|forg(?:ed|ery|ing)|fake\w*|plagiari[sz]\w*"
    r"|manipulat\w*|fiddl(?:ed|ing)|cook(?:ed|ing)\s+the\s+books|conspir\w*|collu\w*|sabotag\w*"
    # neglect and misuse told as fact: warnings ignored, money wasted, figures inflated, rules broken
    r"|ignor(?:ed|ing)\s+(?:\w+\s+){0,2}(?:warnings?|complaints?|concerns?|advice)|knew about|looked the other way"
    r"|squander\w*|wast(?:ed|ing)\s+(?:\w+\s+){0,2}(?:money|funds|millions)|misus\w*|negligen\w*"
    r"|exaggerat\w*|(?:inflat|massag)(?:ed|ing)\s+(?:the\s+)?(?:figures|numbers|results|data)"
    r"|(?:broke|broken|breaking|breached?)\s+(?:the\s+)?(?:law|rules)|in breach of"
)
# a cause or a blame, and a price judged, in the article's own voice
_BLAME = r"caused by|to blame|responsible for|overpa(?:id|ying|ys)|overpriced|(?:twice|three times|double) what"
CHARGED = re.compile(rf"\b(?:{_HARM}|{_PROCEEDINGS}|{_REACTION}|{_WRONGDOING}|{_BLAME})\b", re.I)
LOADED = re.compile(
    r"\b(?:massive|misleading|shocking|outrage\w*|horrific|furious|slam\w*|blast\w*|disaster\w*|chaos|devastat\w*|"
    r"gruesome|explosive|firestorm|storm)\b",
    re.I,
)
EXPLICIT = re.compile(
    r"\b(?:breasts?|crotch\w*|genital\w*|naked|nude|porn\w*|bums?|underwear|twerk\w*|humping)\b", re.I
)
PROFANE = re.compile(r"\b(?:fuck\w*|shit\w*|bitch\w*|cunt\w*|asshole\w*|dick\w*|bastard\w*|piss\w*)\b", re.I)

# Kinds of work and the families they belong to; two labels conflict when their families do.
LABELS: dict[str, frozenset[str]] = {
    word: frozenset(families.split())
    for word, families in {
        "film": "single",
        "movie": "single",
        "feature": "single long",
        "featurette": "single short",
        "short": "single short",
        "documentary": "nonfiction",
        "docuseries": "nonfiction serial",
        "docudrama": "fiction",
        "mockumentary": "fiction",
        "series": "serial",
        "miniseries": "serial",
        "mini-series": "serial",
        "sitcom": "serial fiction",
        "comedy": "fiction",
        "drama": "fiction",
        "comedy-drama": "fiction",
        "dramedy": "fiction",
        "thriller": "fiction",
        "horror": "fiction",
        "romance": "fiction",
        "biopic": "fiction",
        "satire": "fiction",
        "fantasy": "fiction",
        "western": "fiction",
        "sci-fi": "fiction",
        "musical": "",
        "animation": "",
        "animated": "",
        "coming-of-age": "",
        "novel": "fiction book",
        "memoir": "nonfiction book",
        "podcast": "audio",
        "album": "audio",
        "biography": "nonfiction book",
        "autobiography": "nonfiction book",
        # a picture's medium: an oil painting is not a watercolour
        "oil": "picture oil",
        "watercolour": "picture watercolour",
        "watercolor": "picture watercolour",
        "acrylic": "picture acrylic",
        "pastel": "picture pastel",
        "charcoal": "picture charcoal",
        "etching": "picture print",
        "engraving": "picture print",
        "lithograph": "picture print",
        "photograph": "picture photo",
    }.items()
}
_MEDIA = ("oil", "watercolour", "acrylic", "pastel", "charcoal", "print", "photo")
GENERIC_LABELS = frozenset({"film", "movie"})
INCOMPATIBLE = (
    ("fiction", "nonfiction"),
    ("serial", "single"),
    ("short", "long"),
    *((one, other) for number, one in enumerate(_MEDIA) for other in _MEDIA[number + 1 :]),
)
# Words that make a label word mean something else: "a series of", "in short", "to feature".
LABEL_ONLY_BEFORE = {
    "feature": re.compile(r"^(?:film|directorial|debut|length|documentary)", re.I),
    "short": re.compile(r"^(?:film|movie|documentary)", re.I),
    "oil": re.compile(r"^(?:painting|portrait|on\s+canvas|sketch|study|landscape)", re.I),  # not "oil prices"
    "pastel": re.compile(r"^(?:drawing|portrait|sketch|study|on\s+paper)", re.I),
    "charcoal": re.compile(r"^(?:drawing|portrait|sketch|study|on\s+paper)", re.I),
    "acrylic": re.compile(r"^(?:painting|portrait|on\s+canvas)", re.I),
}
LABEL_NOT_BEFORE = {"series": re.compile(r"^of\b", re.I), "drama": re.compile(r"^(?:over|around|of)\b", re.I)}

RATING = re.compile(
    r"(?<![\w-])(?:TV-(?:MA|14|PG|Y7|G|Y)|PG-13|NC-17|1[0-8]\+|(?<=rated )(?:G|PG|R)|(?<=rating of )(?:G|PG|"
    r"R))(?![\w+])"
)
GENERIC_REFERENCE = re.compile(
    r"\b(?:the|this|that|its)\s+(?:[\w-]+\s+){0,2}(?:film|movie|series|show|documentary|book)\b", re.I
)

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|"
    r"Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DATE = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?\b"
    rf"|\b{_MONTH}\s+\d{{4}}\b"
    rf"|\b\d{{4}}-\d{{2}}-\d{{2}}\b"
    rf"|\b(?:(?:[Oo]n|[Ll]ast|[Tt]his|[Nn]ext)\s+)?{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?\b"
    rf"|\b(?:[Yy]esterday|[Tt]oday|[Tt]onight|[Ll]ast (?:week|month|year|night)|[Tt]his (?:week|month|year)|[Ee]arlier"
    rf" this (?:week|month|year))\b"
)
