"""What kind of act a statement reports (``quotes.act``), so a researcher can count only what was said.

- ``speech``: said, told, added, a direct quotation or an interview answer;
- ``writing``: wrote, tweeted, posted, or anything that came through a platform (Twitter, a blog);
- ``document``: a statement, report, letter, poll or filing speaks, or the statement came through one;
- ``belief``: a belief or intention (thinks, expects, wants, plans: the cue lexicon's ``belief`` and
  ``intention`` kinds);
- ``other``: anything else the quote model keeps (found, ruled, voted for) and quoted fragments with no cue.

    >>> act_of(cue_lemma="say", method="cue", kind="indirect", via_kind=None, speaker_head="minister")
    'speech'
    >>> act_of(cue_lemma="say", method="cue", kind="indirect", via_kind="document", speaker_head="ministry")
    'document'
"""

from __future__ import annotations

from analysis.extract.speech import DOCUMENT_NOUNS
from analysis.lexicons.cues import load_cues

#: what ``quotes.act`` can be
ACTS = ("speech", "writing", "document", "belief", "other")

#: cue lemmas of writing or posting rather than speaking
WRITING_CUES = frozenset({"write", "tweet", "post", "retweet", "blog", "email", "e-mail", "text", "publish", "pen", "message"})

#: head words of a speaker that is a document or a finding, not a person ("the report said", "polls show")
DOCUMENT_SPEAKERS = DOCUMENT_NOUNS | frozenset(
    {
        "poll",
        "polls",
        "survey",
        "study",
        "data",
        "analysis",
        "figures",
        "records",
        "ruling",
        "lawsuit",
        "complaint",
        "indictment",
        "ad",
    }
)

#: methods that find a quotation by its marks and layout: what is inside the marks was said
QUOTATION_METHODS = frozenset({"continuation", "paragraph_speaker", "dash_name", "unattributed", "colon", "adjacent_quote"})


def act_of(*, cue_lemma: str | None, method: str, kind: str, via_kind: str | None, speaker_head: str | None) -> str:
    """The act of one statement (see the module docstring).

    Example:
        >>> act_of(cue_lemma="tweet", method="cue", kind="direct", via_kind=None, speaker_head="Trump")
        'writing'
        >>> act_of(cue_lemma="want", method="cue", kind="indirect", via_kind=None, speaker_head="he")
        'belief'
        >>> act_of(cue_lemma=None, method="fragment", kind="partial", via_kind=None, speaker_head=None)
        'other'
    """
    if via_kind == "document" or (speaker_head or "").lower() in DOCUMENT_SPEAKERS:
        return "document"
    if via_kind == "platform" or cue_lemma in WRITING_CUES:
        return "writing"
    row = load_cues().get(cue_lemma or "")
    if row is not None:
        return "belief" if row["kind"] in ("belief", "intention") else "speech"
    if cue_lemma == "according to":
        return "speech"
    if cue_lemma is None and (method in QUOTATION_METHODS or kind == "direct"):
        return "speech"
    return "other"
