"""Small closed word lists the extractors share, each defined once.

>>> "she" in PERSON_PRONOUNS, "it" in THING_PRONOUNS, "country" in COUNTRY_NOUNS
(True, True, True)
"""

from __future__ import annotations

#: Third-person pronouns that stand for a person: resolved to an earlier person.
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
#: First-person singular: a speaker talking of themself (as a speaker: the previous person speaker).
FIRST_PERSON = frozenset({"i", "me", "my"})
#: Pronouns that stand for a non-person actor (a country, an organisation): an earlier non-person actor.
THING_PRONOUNS = frozenset({"it", "its"})
#: Plural pronouns: a group the article seldom names as one actor (as a speaker: the previous group speaker).
GROUP_PRONOUNS = frozenset({"we", "us", "our", "they", "them", "their"})
#: Generic pronouns ("you could see", "one wonders"): nobody in particular, never an actor.
GENERIC_PRONOUNS = frozenset({"you", "your", "one"})
#: Every personal pronoun above.
PRONOUNS = PERSON_PRONOUNS | FIRST_PERSON | THING_PRONOUNS | GROUP_PRONOUNS | GENERIC_PRONOUNS
#: Relative pronouns whose clause acts through its antecedent ("the United States, which has threatened ...").
RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom"})
#: Head nouns of definite descriptions that refer back to a country ("the country", "this nation").
COUNTRY_NOUNS = frozenset({"country", "nation"})
#: Determiners that make "country"/"nation" refer back ("a country" does not).
COUNTRY_DETERMINERS = frozenset({"the", "this", "that"})
#: Determiners of an indefinite description: "a senior official", "two diplomats" introduce someone new.
INDEFINITE_DETERMINERS = frozenset({"a", "an", "one", "two", "three", "several", "some", "many"})
#: Head nouns of role descriptions ("a top Pentagon official", "the spokesman"): a person not named here.
ROLE_NOUNS = frozenset(
    {
        "official", "officials", "spokesman", "spokeswoman", "spokesperson", "minister", "aide", "aides", "adviser",
        "advisor", "diplomat", "diplomats", "source", "sources", "officer", "leader", "president", "secretary",
        "ambassador", "envoy", "lawmaker", "senator", "congressman", "congresswoman", "representative", "analyst",
        "expert", "executive", "chief", "director", "commander", "general", "candidate", "nominee", "governor",
        "mayor", "chairman", "chairwoman", "chancellor", "head", "negotiator", "member", "staffer", "strategist", "campaign",
    }
)  # fmt: skip
#: Entity labels that can act and be referred back to (people, organisations, places that govern, groups).
AGENT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: Entity labels that become actor mentions (the agents, and what is talked about as an actor).
MENTION_LABELS = AGENT_LABELS | {"PRODUCT", "FAC", "LOC", "EVENT", "LAW", "WORK_OF_ART"}
#: Entity labels that are places only, never actors.
PLACE_LABELS = frozenset({"FAC", "LOC"})
#: Labels the recogniser gives surnames it does not know ("Caddell said" as ORG, "Husted" as GPE).
SURNAME_LABELS = frozenset({"ORG", "GPE", "NORP"})
#: The actor type each agent label stands for when the registry does not know the actor (a place the
#: registry does not know as a country is a city, region or state: never the antecedent of "the country").
LABEL_TYPES = {"PERSON": "person", "GPE": "place", "ORG": "organization", "NORP": "group"}
