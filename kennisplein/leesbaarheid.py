"""How easy a Dutch text is to read, for the writing hints in the admin.

No Dutch readability library on PyPI is both well kept and Dutch-aware (textstat's Dutch mode
pulls in an English pronunciation dictionary), so this is small own code on top of pyphen's Dutch
hyphenation patterns (pyphen comes with WeasyPrint) for syllables. It computes:

- Flesch–Douma: 206.835 − 0.93 × words per sentence − 77 × syllables per word (higher is easier;
  60–70 is ordinary text, 70 and up is easy);
- LIX: words per sentence + the percentage of words longer than six letters (lower is easier);
- sentences that are too long, words with many syllables, and sentences that look passive (a form
  of "worden" with a past participle: "er wordt gekeken", "de brief werd geschreven").

A `Target` says what "plain enough" means: B1 for editors' texts, and a stricter one for the
conversation tool's statements, which a young person reads. These are hints, not rules: a
heuristic misses some passive sentences and sees one where there is none now and then.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

import pyphen
from django.utils.html import strip_tags

from .markdown import render_markdown


@dataclass(frozen=True)
class Target:
    name: str
    min_flesch_douma: float
    max_sentence_words: int
    long_word_syllables: int


B1 = Target("B1", min_flesch_douma=60, max_sentence_words=20, long_word_syllables=5)
JONGEREN = Target(
    "B1 voor jongeren (kort)", min_flesch_douma=70, max_sentence_words=12, long_word_syllables=4
)
TARGETS = {"b1": B1, "jongeren": JONGEREN}

# Below this many words the formulas say little (a title of six words can score 30 or 110), so a
# short text is judged on its sentences, words and passive forms only.
MIN_WORDS_FOR_SCORE = 20

# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = re.compile(
    r"\b(bijv|bv|bijvoorbeeld|o\.a|m\.a\.w|d\.w\.z|enz|etc|i\.p\.v|t\.o\.v|z\.o\.z|nr|ca|mr|dr|drs|ir)\.",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\s*\n+\s*")
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
WORDEN = {"word", "wordt", "worden", "werd", "werden", "geworden"}
# A past participle: ge…d/t/en ("gemaakt", "gegeven"), or be/ver/ont/her/er…d/t ("besproken" is
# missed, "verteld" is found).
PARTICIPLE = re.compile(r"^(ge\w{2,}(d|t|en)|(be|ver|ont|her|er)\w{2,}(d|t))$")

_hyphenator = pyphen.Pyphen(lang="nl", left=1, right=1)


# A vowel group; a vowel with a diaeresis starts a new one ("ideeën": i, ee, ë).
VOWEL_GROUP = re.compile(r"[äëïöü][aeiouyáéíóú]*|[aeiouyáéíóúàè]+")


@lru_cache(maxsize=20_000)
def syllables(word):
    """Syllables of a Dutch word: its hyphenation points ("slacht-of-fer": 3), or its vowel
    groups where the patterns leave a syllable unsplit (they never split "i-dee" or "the-a")."""
    lower = word.lower()
    return max(len(_hyphenator.positions(lower)) + 1, len(VOWEL_GROUP.findall(lower)))


def _sentences(text):
    text = ABBREVIATIONS.sub(lambda m: m.group(0).replace(".", ""), text)
    return [s for s in SENTENCE_END.split(text) if WORD.search(s)]


def _is_passive(words):
    lower = [w.lower() for w in words]
    return any(w in WORDEN for w in lower) and any(PARTICIPLE.match(w) for w in lower)


@dataclass
class Readability:
    target: Target
    sentences: int = 0
    words: int = 0
    flesch_douma: float | None = None
    lix: float | None = None
    long_sentences: int = 0
    longest_sentence: int = 0
    long_words: list = field(default_factory=list)
    passive_sentences: int = 0

    @property
    def distance(self):
        """How far the text is from its target: 0 is on target, higher is further away."""
        if not self.words:
            return 0.0
        score = 0.0
        if self.scored:
            score += max(0.0, self.target.min_flesch_douma - self.flesch_douma) / 10
        score += self.long_sentences + 0.5 * self.passive_sentences + 0.2 * len(self.long_words)
        return round(score, 1)

    @property
    def scored(self):
        """Long enough for Flesch–Douma and LIX to mean something."""
        return self.words >= MIN_WORDS_FOR_SCORE

    @property
    def on_target(self):
        return self.distance == 0

    @property
    def verdict(self):
        if not self.words:
            return "nog geen tekst"
        if self.on_target:
            return "goed leesbaar"
        return "iets te moeilijk" if self.distance < 2 else "te moeilijk"

    @property
    def hints(self):
        """What to change, in plain Dutch, most useful first."""
        hints = []
        limit = self.target.max_sentence_words
        if self.long_sentences == 1:
            hints.append(f"1 zin is langer dan {limit} woorden. Maak er twee zinnen van.")
        elif self.long_sentences:
            hints.append(
                f"{self.long_sentences} zinnen zijn langer dan {limit} woorden. "
                "Maak er kortere zinnen van."
            )
        if self.long_words:
            shown = ", ".join(self.long_words[:5])
            hints.append(f"Lange woorden: {shown}. Kan het met een korter woord?")
        if self.passive_sentences:
            hints.append(
                "Schrijf actief: zeg wie iets doet"
                + (" (1 zin is passief)." if self.passive_sentences == 1 else ".")
            )
        if self.scored and self.flesch_douma < self.target.min_flesch_douma and not hints:
            hints.append("Gebruik kortere woorden en zinnen.")
        return hints


def plain_text(markdown_text):
    """The words a reader sees: Markdown rendered, tags removed, one block per line."""
    return strip_tags(render_markdown(markdown_text))


def measure(text, target=B1):
    """The readability of a (Markdown or plain) text against a target."""
    result = Readability(target=target)
    total_syllables = long_letters = 0
    seen_long = set()
    for sentence in _sentences(plain_text(text or "")):
        words = WORD.findall(sentence)
        result.sentences += 1
        result.words += len(words)
        result.longest_sentence = max(result.longest_sentence, len(words))
        if len(words) > target.max_sentence_words:
            result.long_sentences += 1
        if _is_passive(words):
            result.passive_sentences += 1
        for word in words:
            count = syllables(word)
            total_syllables += count
            long_letters += len(word) > 6
            if count >= target.long_word_syllables and word.lower() not in seen_long:
                seen_long.add(word.lower())
                result.long_words.append(word)
    if result.words:
        per_sentence = result.words / result.sentences
        # Clamped to 0–100, the scale editors know; very short texts would go above 100.
        score = 206.835 - 0.93 * per_sentence - 77 * total_syllables / result.words
        result.flesch_douma = round(min(100.0, max(0.0, score)), 1)
        result.lix = round(per_sentence + 100 * long_letters / result.words, 1)
    return result
