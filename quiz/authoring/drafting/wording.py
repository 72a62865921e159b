"""A drafted claim as the question a reader would ask, and its note: what the passages say and what to check.

"A petition to save the pool had how many signatures by Monday?" rather than "The figure 'over
300,000'": the claim's own sentence, cut to the clause that holds the figure, date or duration and
without its attribution ("..., the council said"), with that figure turned into the question word;
"When will the pool close?" where the sentence inverts simply.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from quiz.authoring.drafting.extract import GRADE, Statement, mid_sentence
from quiz.authoring.drafting.ledger import PICTURE, DraftClaim
from quiz.authoring.drafting.lexicon import SAY_VERBS, STOPWORDS

_ATTRIBUTION_TAIL = re.compile(
    r",\s+(?:[^,]*\s)?(?:" + "|".join(sorted(SAY_VERBS)) + r"|according to)\b[^,]*(?:,[^,]*)?$", re.I
)
_ATTRIBUTION_HEAD = re.compile(r"^(?:According to|As per)\s+[^,]+,\s*", re.I)
_AUXILIARY = re.compile(r"^(?P<subject>.+?)\s+(?P<aux>will|would|should|could|can|is|are|was|were)\s+(?P<rest>.+)$")
_CLAUSE_END = re.compile(r",\s|;\s|\s(?:—|–)\s")
_JOINT = re.compile(r"\s(?:and|after|as|while|because|before|when|in front of)\s")
# "and should take about eighteen months": a second statement begins
_SECOND = re.compile(
    r"\s(?:and|but)\s+(?:(?:it|he|she|they)\s+)?(?:will|would|should|could|can|must|may|is|are|was|were|has|have|had|"
    r"says|said)\b"
)


def _clause(text: str, value: str) -> str:
    """The part of a sentence that holds ``value``: attribution, and clauses holding other figures, cut off."""
    text = _ATTRIBUTION_HEAD.sub("", text.strip().rstrip(".!?"))
    while (cut := _ATTRIBUTION_TAIL.search(text)) is not None and value in text[: cut.start()]:
        text = text[: cut.start()]
    at = text.find(value)
    if at >= 0:
        end = _CLAUSE_END.search(text, at + len(value))
        joint = _JOINT.search(text, at + len(value))
        if joint is not None and re.search(r"\d", text[joint.start() : end.start() if end else len(text)]):
            end = joint if end is None or joint.start() < end.start() else end
        second = _SECOND.search(text, at + len(value))
        if second is not None and (end is None or second.start() < end.start()):
            end = second
        if end is not None:
            text = text[: end.start()]
        start = max(text.rfind(", ", 0, at), text.rfind("; ", 0, at))
        # a clause of a few words ("by eight votes to three", "painted in 1788") needs the one before it
        while start > 0 and len(text[start + 2 :].split()) - len(value.split()) < 3:
            start = max(text.rfind(", ", 0, start), text.rfind("; ", 0, start))
        if start > 0 and len(text[:start].split()) > 12:
            text = text[start + 2 :]
    text = text.strip(' ,;"“”')
    return text[:1].upper() + text[1:]


# "its new riverside building, a medical research centre, will start": the aside says what it is
_KIND_ASIDE = re.compile(r",\s+an?\s+[^,;:\"“”]+?,(?=\s+(?:will|would|is|was|has|had|[a-z]+ed)\b)")
_SUBORDINATE = re.compile(r"\s(?:after|before|as|while|because|until|since)\s")
_REPORTED_THAT = re.compile(
    r"\b(?:" + "|".join(sorted(SAY_VERBS)) + r")\b(?:(?:\s+[\w'’]+){0,3}?\s+that\s+|\s+(?=(?:the|its|their|a|an)\s))",
    re.I,
)


def _statement_clause(statement: Statement) -> str:
    """The clause a question is made of: without an aside naming a kind, and, when the figure or time is in
    what was reported ("confirmed on Monday that work ... will start in November"), that report alone."""
    text = _KIND_ASIDE.sub("", statement.sentence.text)
    clause = _clause(text if statement.value in text else statement.sentence.text, statement.value)
    that = _REPORTED_THAT.search(clause)
    if that and statement.value in clause[that.end() :]:
        clause = clause[that.end() :]
        clause = clause[:1].upper() + clause[1:]
    return clause


def _asked(statement: Statement, asking: str) -> str:
    clause = _statement_clause(statement)
    if statement.value not in clause:
        return ""
    turns = statement.kind != "tally" or asking.startswith("by ")  # "voted 7-4": "By what margin did ... vote"
    turns = turns and not re.search(r"^[\"“]|[,.!?][\"”]|\b(?:I|we|We)\b", clause)  # someone's own words stay
    fronted = _fronted(clause, statement.value, asking) if turns else ""
    if fronted:
        return fronted
    asked = clause.replace(statement.value, asking, 1)
    asked = re.sub(r"\bby an? majority of (?:by )?what margin\b", "by what majority", asked)
    return asked[:1].upper() + asked[1:] + "?"


def _figure_words(statement: Statement) -> str:
    if statement.kind == "money":
        return "how much"
    if statement.kind == "percent":
        return "what percentage"
    if statement.kind == "duration":
        return "how long"
    if statement.kind == "score":
        return f"how many out of {statement.value.rsplit(' ', 1)[-1]}"
    if statement.kind == "tally":
        before = statement.sentence.text[: statement.sentence.text.find(statement.value)]
        if re.search(r"\bby\s*$", before):
            return "what margin"
        return "by what score" if re.search(r"\b(?:won|beat|beats|lost|defeated)\b", before) else "by what margin"
    return "how many"


# ---------------------------------------------------------------- questions with the question word first

# Words that open a clause before its subject: dropped, or ("so far") moved to the end of the question.
_OPENING = re.compile(
    r"^(?P<word>so far|separately|meanwhile|only|in all|altogether|in total|overall|already)\b,?\s+", re.I
)
_KEPT_OPENINGS = ("so far", "already")
_HELPER = re.compile(
    r"^(?P<subject>[^,;:\"“”]+?)\s+(?P<aux>will|would|should|could|can|must|may|might|is|are|was|were|has|have|had)"
    r"\s+(?P<rest>.+)$"
)
_PARTICIPLE = re.compile(
    r"^(?:not\s+|also\s+|now\s+|already\s+|just\s+|still\s+)*(?:been|be|\w+(?:ed|en|wn|ne|ng|de|t))\b"
)
_OWN_FORMS = {"has": "does", "have": "do", "had": "did"}  # "has 3,100 students": the verb, not a helper
# Past forms that do not end in -ed (simplemma gives their plain form), and the few it reads as nouns.
_IRREGULAR_PAST = frozenset(
    "began bought brought broke built came chose drew drove fell felt found gave got grew held kept led lost made met"
    " paid ran rose sank saw sent sold spent stood struck took told went won wrote".split()
)
_PAST_OVERRIDES = {"broke": "break", "won": "win", "rose": "rise", "saw": "see", "felt": "feel"}
_PRONOUN_SUBJECTS = ("The", "A", "An", "It", "Its", "Their", "This", "These", "Those", "They", "He", "She", "We")
_NOUN_STOP = frozenset(
    """a an the of for in on at to from by with and or as than over under across around into through during since
    per each every within between among against near who which that whose""".split()
)
_NAME_JOINS = frozenset("of and the de du von van".split())  # "River of Salt" is a name


def _subject(text: str) -> str:
    """A clause's subject inside a question: "the pool", "health officials in Kestrel Valley", "Storm Ilsa",
    "Streamwell shares" (a word simplemma's English dictionary does not know is a name)."""
    parts = text.split()
    first = parts[0]
    if first in _PRONOUN_SUBJECTS:
        return first.lower() + text[len(first) :]
    import simplemma

    of_the = len(parts) > 2 and parts[1] == "of" and parts[2] in ("the", "a", "an", "its", "their")  # "Part of the"
    common = (
        len(parts) > 1  # one word alone may be a name that is also a word: "Rovers"
        and (of_the or (parts[1][:1].islower() and parts[1] not in _NAME_JOINS))
        and not re.search(r"['’]s$", first)
        and first.isalpha()
        and simplemma.is_known(first, lang="en")
    )
    return first.lower() + text[len(first) :] if common else text


def _plain_subject(subject: str) -> bool:
    """A subject short and simple enough to move: no figure, no comma, no clause of its own."""
    parts = subject.split()
    return (
        0 < len(parts) <= 8
        and not re.search(r"[\d,;:\"“”]", subject)
        and not {part.lower() for part in parts} & _CLAUSE_WORDS
    )


_CLAUSE_WORDS = frozenset("who which that where when while as if and or but say".split()) | SAY_VERBS
_BE = frozenset("is are was were be been being am".split())
_AFTER_PRESENT = frozenset("a an the its their his her our some about around nearly more over up out".split())


def _base(verb: str) -> str:
    """The plain form of a past or present verb ("flooded" -> "flood", "teaches" -> "teach"), by simplemma's
    English dictionary (shipped inside the package), or "" when the word is not such a verb."""
    if verb in _PAST_OVERRIDES:
        return _PAST_OVERRIDES[verb]
    import simplemma  # here: its English table loads in half a second

    found = simplemma.lemmatize(verb, lang="en")
    return found if found != verb and found.isalpha() else ""


def _inverted(wh: str, clause: str) -> str:
    """``wh`` asked of a clause it was taken out of: "When will the pool close?", "How many students does
    the university have?", "When did the storm flood the homes?"; "" when the clause is not that simple."""
    clause = re.sub(r"\s+", " ", clause).strip(" ,")
    if clause.split()[0] in ("There", "Where", "When", "While", "As", "If", "Who", "What", "How") or ", " in clause:
        return ""  # a clause with an aside or a second clause does not turn simply
    helper = _HELPER.match(clause)
    if helper and _plain_subject(helper.group("subject")):
        aux, rest = helper.group("aux"), helper.group("rest")
        if aux in _OWN_FORMS and not _PARTICIPLE.match(rest):
            return f"{wh} {_OWN_FORMS[aux]} {_subject(helper.group('subject'))} have {rest}?"
        return f"{wh} {aux} {_subject(helper.group('subject'))} {rest}?"
    if helper:
        return ""
    words = clause.split()
    for index, word in enumerate(words[1:7], 1):
        if word[:1].isupper() or word in ("'s", "’s"):
            continue  # a name: "Storm Ilsa", "Marlow Rovers"
        possessive = re.fullmatch(r"[a-z]+['’]s?", word) is not None
        if word in ("of", "the", "a", "an", "in", "at", "on", "near") or possessive:
            continue  # "Members of the drivers' union voted", "Schools in the district stayed"
        if not word.isalpha() or word in _NOUN_STOP or word in _BE:
            return ""
        following = words[index + 1] if index + 1 < len(words) else ""
        past = word.endswith("ed") or word in _IRREGULAR_PAST
        if word.endswith("ed") and following in ("to", "by"):
            continue  # "Residents opposed to the plan handed in": a participle, not the verb
        present = (
            word.endswith("s")
            and not word.endswith(("ss", "us", "is"))
            and (not following or following.lower() in _AFTER_PRESENT or following[:1].isdigit())
        )
        if past and following == "by":
            continue  # "A survey carried out by the board found": a participle, not the verb
        base = _base(word) if past or present else ""
        if base:
            subject = " ".join(words[:index])
            if not _plain_subject(subject):
                return ""
            rest = " ".join(words[index + 1 :])
            if "that" in rest.split():
                return ""  # "found that 30 percent opposed": the figure is in what was found
            return f"{wh} {'did' if past else 'does'} {_subject(subject)} {base}{' ' + rest if rest else ''}?"
    return ""


_STRANDED = re.compile(r"\b(?:with|of|in front of|after|before|by|from|to|for|at|on|in|than|about)$", re.I)


def _fronted(clause: str, value: str, asking: str) -> str:
    """A figure's question with the question word first: "How many applications have been received so
    far?", "How many international students does it teach?"; "" when the clause will not turn so."""
    kept = ""
    opening = _OPENING.match(clause)
    if opening:
        word = opening.group("word").lower()
        kept = f" {word}" if word in _KEPT_OPENINGS else ""
        clause = clause[opening.end() :]
    at = clause.find(value)
    if at < 0:
        return ""
    before, after = clause[:at].rstrip(), clause[at + len(value) :]
    noun: list[str] = []
    if asking == "how many":  # what is counted goes with the question word: "How many cases of measles"
        tokens = after.split()
        for index, word in enumerate(tokens):
            if word == "of" and noun and index + 1 < len(tokens) and tokens[index + 1].isalpha():
                noun += tokens[index : index + 2]
                break
            if not word.isalpha() or not word.islower() or word in _NOUN_STOP | STOPWORDS or len(noun) == 3:
                break
            noun.append(word)
    if asking == "what percentage" and re.search(r"\ban?$", before):  # "had offered a 4 percent rise"
        change = re.match(r"\s+((?:pay\s+)?(?:rise|increase|cut|fall|drop|raise|reduction|discount))\b", after)
        if change:
            noun, before = change.group(1).split(), before[: before.rfind(" ")].rstrip()
    rest = after[len(" " + " ".join(noun)) :] if noun else after
    later = re.match(r"\s+(so far|already)\b", rest)
    if later:  # "How many complaints has the company received so far?"
        kept, rest = f" {later.group(1)}", rest[later.end() :]
    wh = " ".join([asking, *noun])
    wh = wh[:1].upper() + wh[1:]
    there = re.fullmatch(r"There (?:are|were)", before)
    if there and noun:  # "There are 300,000 people who signed": "How many people signed"
        said = re.sub(r"^ who\b", "", rest).rstrip(" ,")
        return f"{wh}{said}?"
    if not before:  # the figure is the subject: "18,400 applications have been received"
        return f"{wh}{rest.rstrip(' ,')}{kept}?" if rest.strip() else ""
    if asking == "how long" and re.search(r"\sfor$", before):
        before = before[:-4]  # "went down for three hours": "How long did the service go down"
    if _STRANDED.search(before) or re.search(r"\b(?:an?|the|its|their|his|her|\w+['’]s)$", before, re.I):
        return ""  # "in front of 18,400 fans", "a 6.5 km extension": the question word cannot move alone
    if " and " in before:
        return ""  # "will open in 2028 and is expected to carry": two statements
    asked = _inverted(wh, f"{before}{rest}")
    return asked[:-1] + kept + "?" if asked else ""


def _when_question(statement: Statement) -> str:
    clause = _statement_clause(statement)
    value = re.escape(statement.value)
    inside = re.search(rf"{value}['’]s\b|(?<!night )(?<!morning )(?<!evening )\b(?:of|for)\s+{value}", clause)
    if inside:  # "this year's rankings", "offers for next autumn": a time inside a name for something
        return f"When is “{statement.value}” in “{_short(clause)}”?"
    inverted = _AUXILIARY.match(re.sub(rf"(?:\s+(?:in|on|at|by))?\s+{value}\s*$", "", clause))
    if (
        inverted
        and clause.rstrip().endswith(statement.value)
        and " and " not in clause
        and not {word.lower() for word in inverted.group("subject").split()} & _CLAUSE_WORDS
        and not re.search(r"[\"“”]", clause)
    ):
        return f"When {inverted.group('aux')} {_subject(inverted.group('subject'))} {inverted.group('rest')}?"
    at = clause.find(statement.value)
    later = [m for m in _SUBORDINATE.finditer(clause, 0, max(at, 0)) if len(clause[m.end() : at].split()) >= 3]
    if later:  # "will move to Ashgrove after the board approved a merger on Wednesday": when it approved
        clause = clause[later[-1].end() :]
        clause = clause[:1].upper() + clause[1:]
    if clause.strip(" ,.") == statement.value:  # "On Thursday, a reporter ... tweeted": the clause is the time
        return f"When is “{statement.value}” in “{_short(statement.sentence.text)}”?"
    bare = re.sub(
        rf"(?:\b(?:later|earlier|early|late)\s+)?(?:\b(?:in|on|at|by|from|until)\s+"
        rf"(?:the\s+(?:night|morning|afternoon|evening)\s+of\s+)?|(?<=\bthe ))?{value}",
        " ",
        clause,
        count=1,
    )
    bare = re.sub(r"\s+", " ", bare).strip(" ,")
    if re.search(r"\d", bare) and " and " in bare:  # "The school will have 620 pupils and will open in May"
        left, right = bare.rsplit(" and ", 1)
        head = _AUXILIARY.match(left)
        if head and _AUXILIARY.match("x " + right):
            bare = f"{head.group('subject')} {right}"
    at = clause.find(statement.value)
    joint = _JOINT.search(bare.replace(" and ", " & "), max(0, at - 12))  # not "Ashgrove and Calder"
    if joint is not None and at >= 0:
        bare = bare[: joint.start()]  # "will stop work later this month after rejecting ...": when it stops
    main = bare.rsplit(", ", 1)[-1]  # "Based on her short film, Cuties premiered at the Sundance festival"
    last = _inverted("When", main) if main != bare and main[:1].isupper() and len(main.split()) >= 3 else ""
    return (_inverted("When", bare) if bare else "") or last or _asked(statement, "when")


def _age_question(statement: Statement) -> str:
    before = statement.sentence.text[: statement.sentence.text.find(statement.value)]
    name = re.search(r"([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)+),?\s+(?:an?|the)?\s*$", before)
    if name:
        return f"How old is {name.group(1)}?"
    noun = statement.subject[len(statement.value) :].split()
    if noun and noun[0].lower() not in STOPWORDS:
        return f"How old is the {noun[0]}?"
    text = statement.sentence.text
    after = text[text.find(statement.value) + len(statement.value) :]
    named = re.match(r"\s+who\s+[^,;:.!?]+,\s+([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)+),", after)
    if named:  # "The 14-year-old who found it, Jonah Reyes, has been invited"
        return f"How old is {named.group(1)}?"
    who = re.match(r"\s+who\s+([^,;:.!?]+)", after)
    if who and len(who.group(1).split()) <= 8:  # "The 14-year-old who found it in the attic"
        return f"How old is the person who {who.group(1).strip()}?"
    return "How old is the person the passages describe?"  # "The 14-year-old who found it"


_PHRASE_BREAK = frozenset(
    """in on at to from by with for into across over under around near after before since during than and or but
    that which who whose is are was were be been has have had will would should could can may said says""".split()
)
_PER = frozenset("day week month year night head".split())


def figure_phrase(statement: Statement) -> str:
    """A figure with what it counts, as a prompt shows it: "90 mm of rain", "nearly 2,000 bus journeys a
    day", "7-4", "six weeks"; not "90 mm of rain fell in twelve" nor a vote's whole sentence."""
    if statement.kind in ("tally", "score", "duration") or not statement.subject.startswith(statement.value):
        return statement.value if statement.kind in ("tally", "score", "duration") else statement.subject
    words = statement.subject[len(statement.value) :].split()
    kept: list[str] = []
    index = 0
    while index < len(words):
        word = words[index].lower().strip(",.;:")
        if word in ("a", "per", "each") and index + 1 < len(words) and words[index + 1].lower() in _PER:
            kept += words[index : index + 2]  # "a day", "per head"
            index += 2
            continue
        verb = word.endswith(("ed", "ing")) or word in _IRREGULAR_PAST or word in _PHRASE_BREAK
        if verb or not word.isalpha() or words[index].strip(",.;:") != words[index]:
            if not verb and word.isalpha():
                kept.append(words[index].strip(",.;:"))
            break
        kept.append(words[index])
        index += 1
    while kept and kept[-1].lower() in STOPWORDS:
        kept.pop()
    return " ".join([statement.value, *kept])


def claim_text(claim: DraftClaim) -> str:
    """The claim as the question it settles."""
    first = claim.statements[0]
    found = ""
    if claim.kind in ("count", "money", "percent", "tally", "duration", "score"):
        found = _asked(first, _figure_words(first))
    elif claim.kind == "age":
        found = _age_question(first)
    elif claim.kind == "date":
        found = _when_question(first)
    elif claim.kind == "label" and claim.topic == PICTURE:
        reference = re.match(
            r"(?:The|This|That|Its)\s+(work|picture|painting|portrait|drawing|print)\b", first.sentence.text
        )
        found = f"What medium is the {reference.group(1) if reference else 'picture'} in?"
    elif claim.kind == "description" and claim.topic[:1].isupper():  # "Jan Novak, the club's paid head coach"
        found = f"What do the passages say {claim.topic} is?"
    elif claim.kind == "description" and claim.topic.startswith("the ") and len(claim.topic.split()) == 2:
        found = f"What kind of {claim.topic.split()[-1]} do the passages describe?"  # "a plesiosaur, a ... reptile"
    elif claim.kind == "description":  # "the new riverside building": what kind of building
        found = f"What kind of {claim.topic.split()[-1]} is {claim.topic}?"
    elif claim.kind == "label":
        found = f"What kind of work is {claim.topic}?"
    elif claim.kind == "rating" and first.head == GRADE:  # "rated 'good'"
        found = f"How was {claim.topic} rated?" if claim.topic else "What rating do the passages give?"
    elif claim.kind == "rating":
        found = f"What age rating does {claim.topic} have?"
    elif claim.kind == "stars":
        found = f"How many stars did the review give {claim.topic}?"
    elif claim.kind == "speech" and claim.change == "speaker":
        found = f"Who said “{_short(first.subject)}”?"
    elif claim.kind == "speech":
        found = f"What did {mid_sentence(first.value)} say" + (f" to {first.via}" if first.via else "") + "?"
    elif claim.kind == "post":
        found = f"What did {claim.topic} post?"
    else:
        sentence = re.sub(r"^(?:But|And|Yet|So|Still|However|Meanwhile),?\s+", "", first.value.rstrip(".!"))
        opening = sentence.split()[0]
        proper = opening[:1].isupper() and len(sentence.split()) > 1 and sentence.split()[1][:1].isupper()
        found = f"Who says that {sentence if proper else sentence[0].lower() + sentence[1:]}?"
    return found or f"What do the articles say in “{_short(first.sentence.text)}”?"


def _short(text: str, limit: int = 14) -> str:
    parts = text.strip(" ,.").split()
    return " ".join(parts[:limit]) + ("…" if len(parts) > limit else "")


def claim_note(claim: DraftClaim, article: Callable[[str], str], published: Mapping[str, str]) -> str:
    """What the passages say, and what a careful reader should check."""
    where = "; ".join(f"{article(s.sentence.source)}: “{s.value}”" for s in claim.statements)
    if claim.change == "growth":
        dated = "; ".join(
            f"{article(s.sentence.source)} ({published.get(s.sentence.source) or 'undated'}): “{s.value}”"
            for s in claim.statements
        )
        return (
            f"Drafted: the figures are from different dates ({dated}). The count changed over time; "
            "that is not a conflict. Check the date of each figure before comparing them."
        )
    if claim.change == "speaker":
        speakers = "; ".join(f"{article(s.sentence.source)}: {s.value}" for s in claim.statements)
        return (
            f"Drafted: the same words are given to different speakers ({speakers}). "
            "Check who said them, and how each article could know."
        )
    notes = {
        "conflicting": f"Drafted: the passages disagree ({where}). Check whether they mean the same thing, who gives"
        " each version, and when.",
        "consistent": f"Drafted: {len(claim.statements)} passage(s) ({where}). Check what each one says, and who"
        " says it.",
        "unsupported": "Drafted: stated in the article's own voice with no source. Say what a reader would need to"
        " check it.",
    }
    return notes[claim.status]
