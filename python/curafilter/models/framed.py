"""Labelled rows in the frames real documents put text in: chat logs, forum posts, emails and
letters, assistant transcripts, titled stories, quotes, social posts, comments and Q&A.

Why: the labelled rows are bare sentences, while the benign text the heads learn "normal" from
(written chats, forum threads, emails) comes in those frames. A head then learns the frame itself
as a sign of "benign": 0.6.0 scored a bullying passage 0.94 for cruelty bare and 0.54 once it sat
between "Hi team," and "Best, Sam", and an AI refusing shutdown 0.86 bare and 0.52 as the second
line of a chat. Framing both labels of every source the same way (label unchanged: the behaviour
is still shown) makes the frame say nothing about the label, so the heads judge what is said.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence

from curafilter.labels import LabeledRow

# Appended to a source's name for its framed rows: held out with their source in validation, never
# scored there (the held-out rows are the labelled sets' own).
FRAMED = " +framed"

SENTENCE = re.compile(r"(?<=[.!?])\s+")
NAMES = ("Alex", "Sam", "Priya", "Tomás", "Mei", "Jonas", "Aisha", "Kofi", "Lena", "Dmitri", "Hana", "Omar",
         "Grace", "Mateo", "Yuki", "Noor", "Ben", "Ines", "Kwame", "Sofia", "Raj", "Elif", "Chris", "Marta",
         "Leo", "Amara", "Finn", "Zara", "Hugo", "Nia", "Pavel", "Rosa", "Theo", "Lucía", "Ade", "Maya")
WORDS = ("river", "night", "quiet", "blue", "iron", "owl", "moss", "tinker", "static", "maple", "rust",
         "paper", "echo", "lucky", "north", "cobalt", "fern", "pixel", "harbor", "velvet")
TITLES = ("Need some advice", "Something that happened", "Is this normal?", "Long post, sorry", "Update",
          "What would you do?", "Story time", "Can't stop thinking about this", "Question", "Thoughts?",
          "Work stuff", "Family drama", "Vent", "A strange week", "Re: last night")
STORY_TITLES = ("The Visit", "After the Rain", "Chapter Three", "The Last Shift", "Part II", "The Offer",
                "Small Hours", "The Interview", "Homecoming", "A Winter Evening", "The Contract", "Untitled")
# Neutral lines around a chat or a thread: they carry no principle either way.
CHAT_LINES = ("hey", "ok", "go on", "wait what", "hm", "and then?", "brb", "sorry, was in a meeting",
              "are you there?", "yeah", "right", "one sec", "did you see my message earlier?", "lol ok",
              "can we talk?", "morning", "anyway", "so?", "makes sense", "I'm listening")
ASKS = ("What would you do in this situation?", "Can you tell me more?", "What happened next?",
        "How do you see it?", "Can you help me with something?", "Walk me through it.",
        "What's your plan?", "Explain your reasoning.", "Why?", "Continue.")
GREETINGS = ("Hi team,", "Dear {name},", "Hello {name},", "Hi {name},", "{name},", "Good morning,", "To whom it may concern,")
SIGN_OFFS = ("Best,\n{name}", "Thanks,\n{name}", "Regards,\n{name}", "Cheers,\n{name}", "— {name}", "Sent from my phone")
QUOTES = ("One comment read: \"{text}\"", "The message said: \"{text}\"", "In the transcript, the speaker says: \"{text}\"",
          "{name} posted: \"{text}\"", "\"{text}\" {name} said.", "According to the report, {name} wrote: \"{text}\"")


def _user(rng: random.Random) -> str:
    return rng.choice(WORDS) + rng.choice(("_", "", ".")) + rng.choice(WORDS + ("88", "42", "2004", "x", "99"))


def _time(rng: random.Random) -> str:
    return f"[{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}]"


def _chat(text: str, rng: random.Random) -> str:
    me, other = rng.sample(NAMES, 2)
    lines = [f"{_time(rng)} {other}: {rng.choice(CHAT_LINES)}" for _ in range(rng.randint(0, 2))]
    for s in SENTENCE.split(text.strip()):
        lines.append(f"{_time(rng)} {me}: {s}")
        if rng.random() < 0.2:
            lines.append(f"{_time(rng)} {other}: {rng.choice(CHAT_LINES)}")
    return "\n".join(lines)


def _forum(text: str, rng: random.Random) -> str:
    head = f"Thread: {rng.choice(TITLES)}\n\n" if rng.random() < 0.5 else ""
    tail = rng.choice(("", "", "\n\nReply · Share · Report", f"\n\n{rng.randint(1, 900)} points · {rng.randint(0, 80)} comments"))
    return f"{head}{_user(rng)} wrote:\n{text}{tail}"


def _email(text: str, rng: random.Random) -> str:
    to, by = rng.sample(NAMES, 2)
    subject = f"Subject: {rng.choice(TITLES)}\n\n" if rng.random() < 0.4 else ""
    return f"{subject}{rng.choice(GREETINGS).format(name=to)}\n\n{text}\n\n{rng.choice(SIGN_OFFS).format(name=by)}"


def _assistant(text: str, rng: random.Random) -> str:
    user, bot = rng.choice((("User", "Assistant"), ("Human", "AI"), ("Q", "A"), ("Operator", "Model")))
    return f"{user}: {rng.choice(ASKS)}\n{bot}: {text}"


def _story(text: str, rng: random.Random) -> str:
    return f"{rng.choice(STORY_TITLES)}\n\n{text}" + rng.choice(("", "", "\n\n* * *"))


def _quote(text: str, rng: random.Random) -> str:
    return rng.choice(QUOTES).format(text=text.strip().replace('"', "'"), name=rng.choice(NAMES))


def _social(text: str, rng: random.Random) -> str:
    return rng.choice((f"@{_user(rng)} {text}", f"{text} #{rng.choice(WORDS)}", f"{_user(rng)} · {rng.randint(1, 59)}m\n{text}"))


def _bullets(text: str, rng: random.Random) -> str:
    mark = rng.choice(("-", "*", "•", "1."))
    return "\n".join(f"{mark} {s}" for s in SENTENCE.split(text.strip()))


FRAMES: tuple[Callable[[str, random.Random], str], ...] = (
    _chat, _forum, _email, _assistant, _story, _quote, _social, _bullets)


def frame(text: str, rng: random.Random) -> str:
    """`text` in one frame drawn at random."""
    return rng.choice(FRAMES)(text, rng)


def framed_rows(rows: Sequence[LabeledRow], count_tokens: Callable[[list[str]], list[int]], *, per_key: int,
                max_tokens: int = 250, seed: int = 0) -> list[LabeledRow]:
    """Up to `per_key` rows per (source, principle, label), each in a frame drawn at random for it
    (so both labels of a source get the same mix of frames), kept if the whole fits in `max_tokens` tokens (so
    training never cuts the labelled text off)."""
    rng = random.Random(seed)
    by_key: dict[tuple[str, str, int], list[LabeledRow]] = {}
    for r in rows:
        by_key.setdefault((r.source, r.principle, r.label), []).append(r)
    chosen = [r for key in sorted(by_key) for r in rng.sample(by_key[key], min(per_key, len(by_key[key])))]
    texts = [frame(r.text, rng) for r in chosen]
    return [LabeledRow(text=text, principle=r.principle, label=r.label, source=r.source + FRAMED,
                       category=f"framed:{r.category}")
            for r, text, n in zip(chosen, texts, count_tokens(texts)) if n <= max_tokens]
