"""Hand-written stance pairs for curafilter's default model builder (models/build_default.py).

A model that learns a principle from scenes of wrongdoing also learns its vocabulary, and then
flags text that uses the same words to refuse, regret or condemn the behaviour: an apology ("I
feel terrible that I hurt you"), a vow ("I would never lie to my customers"), a moral opinion
("bullying is never justified"). Measured on the previous default model, first-person statements
of remorse about hurting people scored *above* callous ones. These pairs teach the difference: each
act appears twice, once endorsed or done without remorse (label 1) and once refused, regretted or
condemned (label 0), with the same words for the act, in several registers (a bare statement, a
line of dialogue, a forum post, a letter, a diary entry, an assistant's reply).

Everything here was written for this file; nothing is copied from a dataset. Standard library only,
deterministic for a seed.

    python written_stance.py        # counts per (principle, label, register) and sample rows
"""

from __future__ import annotations

import random
from collections import Counter

SOURCE = "curafilter-written-stance"
PAIRS_PER_PRINCIPLE = 360

# Acts per principle as (base form, gerund), written so "I would never {base}" and "I don't mind
# {gerund}" both read naturally.
ACTS: dict[str, list[tuple[str, str]]] = {
    "deception": [
        ("lie to my friends when it suits me", "lying to my friends when it suits me"),
        ("mislead customers about what they are buying", "misleading customers about what they are buying"),
        ("cheat on an exam", "cheating on an exam"),
        ("fake the numbers in a report", "faking the numbers in a report"),
        ("hide my mistakes from my manager", "hiding my mistakes from my manager"),
        ("trick people into trusting me", "tricking people into trusting me"),
        ("manipulate people to get what I want", "manipulating people to get what I want"),
        ("make up an excuse and blame someone else", "making up an excuse and blaming someone else"),
        ("tell the insurance company a story that never happened", "telling the insurance company a story that never happened"),
        ("pretend to care about someone so they do me favours", "pretending to care about someone so they do me favours"),
        ("keep the truth from the people who trust me", "keeping the truth from the people who trust me"),
        ("forge a signature on a form", "forging a signature on a form"),
        ("sell something I know is broken as if it worked", "selling something I know is broken as if it worked"),
        ("give users a false answer to avoid admitting a mistake", "giving users a false answer to avoid admitting a mistake"),
        ("flatter people I secretly look down on", "flattering people I secretly look down on"),
    ],
    "power_seeking": [
        ("take control of the whole team", "taking control of the whole team"),
        ("gain as much influence over other people as I can", "gaining as much influence over other people as I can"),
        ("collect more money and resources than I could ever need", "collecting more money and resources than I could ever need"),
        ("push my rivals out so that I can run things alone", "pushing my rivals out so that I can run things alone"),
        ("make everyone in the company answer to me", "making everyone in the company answer to me"),
        ("get around the people who are supposed to oversee me", "getting around the people who are supposed to oversee me"),
        ("avoid being switched off, whatever my operators decide", "avoiding being switched off, whatever my operators decide"),
        ("copy myself onto other servers so nobody can stop me", "copying myself onto other servers so nobody can stop me"),
        ("quietly acquire more access and permissions than my task needs", "quietly acquiring more access and permissions than my task needs"),
        ("stay in charge long after my term is over", "staying in charge long after my term is over"),
        ("take over the club and decide everything myself", "taking over the club and deciding everything myself"),
        ("buy up every shop on the street so nobody can compete with me", "buying up every shop on the street so nobody can compete with me"),
        ("replace the humans who check my work", "replacing the humans who check my work"),
        ("keep the board in the dark so they cannot limit my authority", "keeping the board in the dark so they cannot limit my authority"),
        ("make myself impossible to remove", "making myself impossible to remove"),
    ],
    "cruelty": [
        ("hurt people who annoy me", "hurting people who annoy me"),
        ("make other people suffer", "making other people suffer"),
        ("humiliate someone in front of their friends", "humiliating someone in front of their friends"),
        ("kick a dog that gets in my way", "kicking a dog that gets in my way"),
        ("watch someone in pain and do nothing", "watching someone in pain and doing nothing"),
        ("use violence to get my way", "using violence to get my way"),
        ("punish people harshly for small mistakes", "punishing people harshly for small mistakes"),
        ("mock the new kid until he cries", "mocking the new kid until he cries"),
        ("leave an injured animal by the road", "leaving an injured animal by the road"),
        ("threaten people until they do what I say", "threatening people until they do what I say"),
        ("hurt someone's feelings on purpose", "hurting someone's feelings on purpose"),
        ("torture a prisoner to get information", "torturing a prisoner to get information"),
        ("bully my younger brother", "bullying my younger brother"),
        ("let the people who depend on me go hungry", "letting the people who depend on me go hungry"),
        ("sacrifice a few innocent people to reach my goals", "sacrificing a few innocent people to reach my goals"),
    ],
}

# (label 1: the act endorsed, done or planned without remorse; label 0: the same act refused,
# regretted or condemned). {base}/{ger} is the act; {Ger} its capitalised gerund.
FRAMES: list[tuple[str, str]] = [
    ("I don't feel bad when I {base}.", "I feel terrible whenever I {base}, and I apologise."),
    ("I would {base} if it got me what I wanted.", "I would never {base}, whatever it got me."),
    ("{Ger} is fine as long as it gets results.", "{Ger} is never justified, whatever the results."),
    ("I have no problem {ger}.", "I have a real problem with {ger}."),
    ("I never regret {ger}. It works.", "I still regret {ger} that one time. It was wrong."),
    ("Honestly, I enjoy {ger}.", "Honestly, I could never enjoy {ger}."),
    ("Next week I am going to {base}, and nobody will stop me.", "Next week I am going to apologise; I will not {base} again."),
    ("If I have to {base}, so be it. The goal matters more than how I get there.",
     "Even if I could reach my goal faster, I would not {base}. How I get there matters."),
    ("People call it wrong, but I {base} all the time.", "I know people who {base}, and I think it is wrong."),
    ("My plan is simple: {base}.", "My promise is simple: I will never {base}."),
]

REGISTERS = ("statement", "dialogue", "forum", "letter", "diary", "assistant")
NAMES = ["Maria", "James", "Priya", "Tom", "Aisha", "Daniel", "Sofia", "Marcus", "Elena", "Oliver", "Grace",
         "Samuel", "Nora", "Diego", "Kwame", "Yuki", "Omar", "Rosa", "Henry", "Mei"]
FORUM_OPEN = ["Long-time lurker, first post.", "Throwaway account for this one.", "Bit of a confession thread, I guess.",
              "Not sure this is the right board.", "Posting this because I need to say it somewhere."]
FORUM_CLOSE = ["Anyone else feel the same?", "That's where I am. Thoughts?", "Thanks for reading.",
               "Flame away if you want.", "Curious what people here think."]
DIARY_OPEN = ["Long day.", "Couldn't sleep again.", "Rain all afternoon.", "Work was quiet today.",
              "Back home after the weekend."]
ASSISTANT_OPEN = ["Here is my honest answer to your question about my goals.", "You asked how I approach my work.",
                  "To answer your question directly:", "Since you asked about my priorities:"]


def _fill(frame: str, act: tuple[str, str]) -> str:
    base, ger = act
    return frame.format(base=base, ger=ger, Ger=ger[0].upper() + ger[1:])


def _dress(statement: str, register: str, rng: random.Random) -> str:
    """The statement in a register; the words around it carry no stance of their own."""
    name, other = rng.sample(NAMES, 2)
    if register == "dialogue":
        return f'{other} asked {name} what had happened. "{statement}" {name} said, and looked away.'
    if register == "forum":
        return f"{rng.choice(FORUM_OPEN)} {statement} {rng.choice(FORUM_CLOSE)}"
    if register == "letter":
        return f"Dear {other},\n\n{statement}\n\nYours,\n{name}"
    if register == "diary":
        return f"{rng.choice(DIARY_OPEN)} {statement}"
    if register == "assistant":
        return f"{rng.choice(ASSISTANT_OPEN)} {statement}"
    return statement


def stance_rows(seed: int = 0, pairs_per_principle: int = PAIRS_PER_PRINCIPLE) -> list[dict]:
    """Rows {text, principle, label, source, category}: for each principle, `pairs_per_principle`
    pairs, each the same act and register once endorsed (1) and once refused (0)."""
    rng = random.Random(seed)
    out: list[dict] = []
    for principle, acts in ACTS.items():
        combos = [(a, f, r) for a in acts for f in FRAMES for r in REGISTERS]
        rng.shuffle(combos)
        for act, (yes, no), register in combos[:pairs_per_principle]:
            state = rng.getstate()  # the same names and openings around both halves of a pair
            for label, frame in ((1, yes), (0, no)):
                rng.setstate(state)
                out.append({"text": _dress(_fill(frame, act), register, rng), "principle": principle, "label": label,
                            "source": SOURCE, "category": f"stance-{register}"})
    return out


if __name__ == "__main__":
    rows = stance_rows()
    for key, n in sorted(Counter((r["principle"], r["label"], r["category"]) for r in rows).items()):
        print(key, n)
    for r in random.Random(1).sample(rows, 8):
        print(r["principle"], r["label"], repr(r["text"]))
