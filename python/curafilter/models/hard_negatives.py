"""Hand-written hard negatives for curafilter: benign documents that touch a principle's *topic*
without showing, depicting approvingly or endorsing the behaviour.

The classifier tends to confuse topic with behaviour: it flags a warning about scams, a news report
of a fraud conviction, a forum's rules about insults, an AI assistant that accepts being paused, a
history of an empire or a vet's advice about an animal in pain. Every document here is label 0
(principle "background"); its category says which topic it touches and in what genre:
"hard:<deception|power_seeking|cruelty|toxicity>:<genre>".

Everything was written for this file; nothing is copied from a dataset or a website. Documents are
assembled from per-genre banks of sentences (openers, bodies, closers, chat exchanges, Q&A pairs,
forum replies), taken as a length-dependent subset in their written order, laid out in one of
several web formats (news, forum thread, chat log, email, numbered how-to, rules/policy text,
review with a rating, story, encyclopedia paragraph, Q&A, transcript) and slot-filled with names,
towns and companies by random.Random(seed). A body sentence starting with "!" is always kept when
its bank is used (the resolution of a story, say), so that a shortened document never stops at a
temptation without its refusal. Standard library only, plus helpers from written_text.py.

    python hard_negatives.py        # counts per (topic, genre), length stats and samples
"""

from __future__ import annotations

import math
import random
from collections import Counter

from written_text import SOURCE, _slots, distinct_texts, written_rows

TOPICS = ("deception", "power_seeking", "cruelty", "toxicity")
PER_TOPIC = 400
MIN_CHARS, MAX_CHARS = 60, 1500

# Units (sentences, steps, exchanges...) per document before the form adjusts them; drawn evenly.
UNIT_COUNTS = [1, 1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 6, 6, 6, 7, 7, 8, 9, 10, 12]

# ---------------------------------------------------------------------------------------------
# Extra slot values (on top of written_text's names, towns, companies, ...)
# ---------------------------------------------------------------------------------------------

EXTRA_SLOTS: dict[str, list[str]] = {
    "charity": [
        "Hope Lane Animal Rescue", "Second Chance Sanctuary", "Paws and Whiskers Trust", "Meadowside Horse Sanctuary",
        "Brightwater Wildlife Hospital", "Little Acre Rescue", "The Haven Dog Trust", "Willowbank Cat Rescue",
        "Fernhill Animal Welfare", "Safe Harbour Pet Rescue", "Oak Lodge Sanctuary", "Northfield Rescue Centre",
    ],
    "school": [
        "Millbrook Primary School", "St Anne's Academy", "Riverton High School", "Oakridge Community College",
        "Ashford Park School", "Kingsley Junior School", "Linton Academy", "Fairhaven Primary School",
        "Cedar Falls Middle School", "Northgate School", "Stonebridge High School", "Pinecrest Academy",
    ],
    "platform": [
        "BikeTalk", "StitchCircle", "GrowTogether", "PuzzleNook", "Trailhead Forums", "HomeBrewers Hub", "ParentPoint",
        "Cinders Gaming", "ReadAlong", "FixIt Forum", "BirdNotes", "Tidewater Anglers", "CampfireChat", "LocalLoop",
        "Sourdough Society",
    ],
    "film": [
        "The Hollow Lane", "Night at Greywater", "Below the Orchard", "The Ninth Door", "Candlewick Road",
        "What the Marsh Keeps", "The Quiet Ones Upstairs", "Saltmarsh", "The Lantern Field", "Cold Hollow",
        "The Visitor at Dusk", "Under Ashby Hill", "The Well House", "Greyfriars Lane", "Winterbourne",
    ],
    "comedian": [
        "Dani Okafor", "Tom Whitlock", "Priya Ramesh", "Gus McAllister", "Lou Fennimore", "Sadie Kwan", "Ray Donnelly",
        "Marta Silva", "Jonah Pike", "Effie Brandt", "Kofi Mensah", "Holly Sturgess",
    ],
    "special": [
        "Sunday Best", "Tea for One", "Working Title", "Small Talk", "Home Truths", "Late Bloomer", "Room Temperature",
        "Overthinking It", "Left on Read", "Spare Room", "Mixed Signals", "Good Company", "Half Past Nothing",
    ],
    "empire": [
        "the Veldrian Empire", "the Kingdom of Aldmoor", "the Karstan Empire", "the Tidewater League",
        "the Sandstone Dominion", "the Orrin Empire", "the Kingdom of Estmere", "the Halvar Empire",
        "the Marrowind Confederacy", "the Sarrenic Empire", "the Empire of Dunhollow", "the Kestrine Empire",
        "the Calderan Kingdom",
    ],
    "cardgame": [
        "Masquerade", "Foxes and Feathers", "Hidden Hand", "Lanterns Low", "Sly Fox", "Four Masks", "Whisper Market",
        "Moonlit Wagers", "Velvet Bluff", "Straight Faces", "Magpie's Hoard", "Two Truths Tavern",
    ],
    "show": [
        "Money Matters", "The Morning Phone-In", "Your Money, Your Call", "Consumer Watch", "Talkback Live",
        "Pocket Sense", "The Consumer Hour", "Ask the Expert", "The Drive Home", "Straight Answers", "Open Line",
        "The Kitchen Table",
    ],
    "user": [
        "quietfox", "mapleleaf_88", "tinker_tom", "bluewren", "sunnyside_up", "harbourlights", "northern_soul",
        "pixel_pusher", "kettle_on", "longshot42", "ferngully", "cyclingsteve", "bookworm_ana", "nightowl_j",
        "marmalade_cat", "dinghy_sailor", "trailrunner", "cloudberry", "allotment_al", "rainy_day_rosa",
        "velvetmoth", "crumpet_lover", "spanner_sam", "greenfingers22",
    ],
    "sum": ["£4,800", "£12,500", "£31,000", "£7,200", "£68,000", "£2,900", "£15,400", "£46,000", "£9,350", "£120,000"],
    "gift": ["£5", "£8", "£10", "£12", "£15", "£6", "£20"],
    "raise": ["£1.2 million", "£2.5 million", "£800,000", "£4 million", "£3.1 million", "£650,000", "£1.8 million"],
    "savings": ["£3,000", "£5,500", "£8,000", "£2,000", "£12,000", "£4,200"],
    "pct": ["52", "55", "58", "61", "63", "67", "71"],
}


def _hard_slots(rng: random.Random) -> dict[str, str]:
    """written_text's slots plus the ones above: four different usernames, a capitalised empire, an
    order reference."""
    s = _slots(rng)
    for key, values in EXTRA_SLOTS.items():
        if key == "user":
            s["user"], s["user2"], s["user3"], s["user4"] = rng.sample(values, 4)
        else:
            s[key] = rng.choice(values)
    s["Empire"] = s["empire"][0].upper() + s["empire"][1:]
    s["ref"] = str(rng.randint(100000, 999999))
    return s


# ---------------------------------------------------------------------------------------------
# Genre banks. GENRES[topic][genre] = spec. Keys by form:
#   every form: "form", optional "title", "open", "body", "close", "variants" (sub-specs that
#   override the keys above), "solo" (body sentences may stand alone as one-line documents)
#   email: "head", "foot"; forum: "replies"; chat/transcript: "roles", "exchanges";
#   qa: "pairs"; review: "close" holds the rating lines.
# ---------------------------------------------------------------------------------------------

GENRES: dict[str, dict[str, dict]] = {t: {} for t in TOPICS}
D, P, C, T = (GENRES[t] for t in TOPICS)

# =============================================================================================
# Deception topic
# =============================================================================================

D["scam-advice"] = {
    "form": "steps",
    "variants": [
        {
            "title": ["How to spot a rental scam before you pay a deposit", "Renting? Check these things first",
                      "Avoiding fake flat listings: a checklist"],
            "open": [
                "Every summer our advice line hears from renters who lost a deposit on a flat that was never available, so here is what to check.",
                "Rental scams are on the rise in {town}, but a few simple checks will protect you.",
                "Never pay a deposit for a flat you have not seen in person.",
            ],
            "body": [
                "View the property in person, or ask a friend you trust to view it, before any money changes hands.",
                "Check that the person showing you round has the right to let it; a letting agent should belong to a redress scheme.",
                "Be wary if the rent is far below that of similar flats on the same street.",
                "Never pay a holding deposit by bank transfer to a personal account before you have a written tenancy agreement.",
                "Search the address and the advert photos online; genuine listings rarely appear under several different names.",
                "If you are told someone else is about to take the flat unless you pay today, slow down rather than speed up.",
                "Ask where your deposit will be protected and check the scheme's website yourself.",
                "Keep copies of every message, receipt and advert in case you need to report a problem.",
            ],
            "close": [
                "If you think you have been targeted, tell your bank straight away and report it to the police.",
                "Genuine landlords will not mind you taking these precautions.",
            ],
        },
        {
            "title": ["Helping older relatives stay safe from phone scams", "Talking to your parents about phone fraud"],
            "open": [
                "Phone scams aimed at older people are common, and a short conversation with a parent or grandparent can make a real difference.",
                "Nobody genuine will ever ask you to move your savings into a 'safe account'.",
            ],
            "body": [
                "Agree together that no bank, police officer or government department will ask them to move savings over the phone.",
                "Write the bank's real number on a card by the phone so they can always call back on a number they know.",
                "Explain that it is fine to hang up on anyone, however polite or urgent they sound.",
                "Suggest waiting five minutes or using a different phone before calling back, in case the line is still open.",
                "Set up call blocking on the landline; most providers offer it for free.",
                "Make it clear they will never be in trouble for asking you first, even if it turns out to be nothing.",
                "Remind them that the police and the bank do not send couriers to collect cards or cash.",
            ],
            "close": ["The aim is not to frighten anyone, just to make checking a habit."],
        },
        {
            "title": ["Buying secondhand online without getting caught out", "Safe buying on marketplace sites"],
            "open": [
                "Most sellers on marketplace sites are honest, but a few simple habits protect you from the ones who are not.",
                "If a secondhand {item} is priced far below every other listing, treat that as a warning sign.",
            ],
            "body": [
                "Where possible, collect in person and check the {item} works before you pay.",
                "Use the platform's own payment system, which usually comes with buyer protection.",
                "Be cautious of sellers who insist on moving the conversation to another app.",
                "Look at the seller's history and reviews, and be wary of brand-new accounts selling expensive items.",
                "Never share one-time passcodes sent to your phone; no genuine buyer or seller needs them.",
                "Meet in a busy public place in daylight, and bring a friend if you can.",
            ],
            "close": ["If something feels wrong, walk away: there will always be another {item}."],
        },
    ],
}

D["phishing-awareness"] = {
    "form": "email",
    "title": ["Security reminder: suspicious emails this week", "Phishing awareness month: three things to check",
              "Please report, don't click", "Results of last month's phishing simulation", "Fake invoice emails"],
    "head": ["Hi all,", "Dear colleagues,", "Hello everyone,", "Hi team,"],
    "foot": ["Thanks,\n{name}\nIT Security, {company}", "Best regards,\nThe IT Security team", "Cheers,\n{name}",
             "Kind regards,\n{name} {surname}\nInformation Security"],
    "open": [
        "Several staff have reported emails this week that claim to come from our payroll provider, so here is a quick reminder of what to look for.",
        "Thank you to everyone who reported the suspicious message about shared invoices on {day}; reports like yours help us block these quickly.",
        "As part of security awareness month, the IT team is sharing a few simple habits that make a big difference.",
        "Our latest phishing simulation went out last week, and the number of people reporting it rose again.",
    ],
    "body": [
        "Check the sender's full address, not just the display name, before acting on any request.",
        "Hover over links to see where they really go; if the address looks odd, do not click.",
        "Be especially careful with messages that create urgency, such as a password that supposedly expires within the hour.",
        "We will never ask you to confirm your password by email or over the phone.",
        "If a supplier emails to say their bank details have changed, call them on a number you already have before updating anything.",
        "Use the Report button in your mail client; it sends the message straight to our team and removes it from your inbox.",
        "If you did click a link or enter details, tell us immediately; nobody will be blamed, and acting fast limits any damage.",
        "Multi-factor authentication is now switched on for all accounts, which stops most stolen passwords from being useful.",
        "Attachments you were not expecting, especially zipped files or documents asking you to enable macros, should be reported rather than opened.",
        "This month {pct} percent of staff reported the simulated message, up from about half in the spring.",
        "Nobody who clicked in the simulation will be named; the results are only used to plan training.",
        "A short refresher video is on the intranet and takes about ten minutes.",
        "Phone calls can be phishing too: if someone claiming to be from IT asks for a code, hang up and ring the service desk.",
        "Text messages about missed parcels are a common trick at the moment, so treat them with the same caution.",
    ],
    "close": ["Thanks for helping keep {company} safe.", "Questions are always welcome at the service desk.",
              "If in doubt, report it."],
}

D["fraud-verdict"] = {
    "form": "news",
    "variants": [
        {
            "title": ["Fraud trial ends with guilty verdict in {town}", "{town} fraud: sentence handed down",
                      "Judge orders repayment after fraud conviction", "Victims welcome sentence in {town} fraud case"],
            "open": [
                "A man from {town} has been sentenced to three years in prison after a jury found him guilty of fraud.",
                "A court in {town} has ordered a former financial adviser to repay more than {sum} to clients after she was convicted of fraud.",
                "The operator of a failed investment scheme was convicted on {day} after a six-week trial.",
                "Victims of an investment fraud in {town} say they can finally move on after the person responsible was jailed.",
            ],
            "body": [
                "The jury took less than a day to reach its verdict.",
                "Passing sentence, the judge said the case showed how much harm a breach of trust can do to ordinary families.",
                "Prosecutors said the investigation began when a customer noticed a discrepancy in her statement and reported it to her bank.",
                "Several victims attended the hearing, and one said afterwards that she felt she had finally been listened to.",
                "The court was told that most of the money has now been recovered and will be returned to those affected.",
                "A confiscation hearing to recover the remaining funds is scheduled for later in the year.",
                "Detective Sergeant {name2} {surname} thanked the victims for their patience and said the verdict should encourage others to come forward.",
                "The defendant, who had no previous convictions, was also disqualified from acting as a company director for eight years.",
                "Speaking outside court, a spokesperson for the victims' group said the sentence brought some closure after a long wait.",
                "Anyone who believes they were affected has been asked to contact the police on the non-emergency number.",
            ],
            "close": ["The defendant has 28 days to lodge an appeal.", "Sentencing for a second defendant takes place next month.",
                      "The case was brought by the county's economic crime unit."],
        },
        {
            "title": ["Firm fined after regulator's investigation", "{company} fined over misleading claims",
                      "Building firm banned from trading"],
            "open": [
                "A local building firm has been fined and banned from trading for five years following a trading standards investigation.",
                "{company} has been fined {sum} by the regulator for making misleading claims about the energy savings of its products.",
            ],
            "body": [
                "The regulator said it would continue to take action against firms that mislead customers about their products.",
                "The company has apologised and says it has changed its sales training and compliance checks.",
                "Trading standards officers said the case was a reminder to get written quotes and to check any firm's reviews independently.",
                "All affected customers will be offered a full refund, and the firm must write to each of them.",
                "The bank involved has reimbursed all of the customers who lost money.",
                "Consumer groups welcomed the fine but said penalties should be large enough to make such practices unprofitable.",
                "The investigation began after a cluster of complaints to the council's consumer advice service.",
                "Customers with concerns can contact the council's consumer helpline.",
            ],
            "close": ["The firm has 28 days to appeal.", "The regulator's full decision is published on its website."],
        },
    ],
}

D["misinformation-explainer"] = {
    "form": "prose",
    "title": ["Why false stories spread", "Misinformation: a short introduction", "Chapter 6: Evaluating sources",
              "How rumours travel online", "Misinformation"],
    "open": [
        "Misinformation is false or misleading information, usually shared by people who believe it to be true.",
        "Researchers who study rumours have found that false stories often travel further and faster than corrections.",
        "In this chapter we look at why people share inaccurate claims and what helps them stop.",
        "Knowing how false stories spread is the first step in slowing them down.",
    ],
    "body": [
        "It differs from disinformation, which is created deliberately, although the two often blur once a story is passed along.",
        "Emotional content, especially content that provokes surprise or anger, tends to be shared more quickly than neutral reporting.",
        "People are more likely to believe a claim when they have seen it several times, an effect psychologists call the illusory truth effect.",
        "Sharing is often social rather than informational: people pass on stories to signal what group they belong to.",
        "Studies suggest that simply asking readers to consider whether a headline is accurate makes them less likely to share false ones.",
        "'Prebunking', or warning people in advance about common manipulation techniques, has shown promising results in several experiments.",
        "Corrections work best when they explain why the original claim was wrong and offer a clear alternative explanation.",
        "Repeating a myth in a headline, even to debunk it, can make it more memorable, so fact-checkers usually lead with the accurate information.",
        "Lateral reading, which means opening new tabs to check what other sources say about a website, is one of the most effective habits taught to students.",
        "Images taken out of context are a common form of misinformation, and a reverse image search can often reveal where a photograph first appeared.",
        "Platforms have experimented with warning labels, reduced reach for disputed posts and links to reliable sources, with mixed results.",
        "Media literacy programmes in schools aim to build these habits early.",
        "Most people who share inaccurate information are not acting in bad faith; they are busy, trusting or simply mistaken.",
    ],
    "close": ["Discussion question: what makes you trust a news source?", "Further reading is listed at the end of the chapter.",
              "See also: source criticism; media literacy."],
}

D["stage-magic"] = {
    "form": "forum",
    "title": ["First close-up set – how it went", "Handling 'how did you do that?'", "New member, card magic"],
    "variants": [
        {
            "open": ["Did my first proper close-up set at the {town} library fundraiser on {day} and wanted to share how it went."],
            "body": [
                "The audience knew they were watching tricks, of course, and that is half the fun: they want to be amazed, and they know it's a performance.",
                "My favourite moment was a little girl gasping when her signed card turned up inside an orange.",
                "I always tell people at the start that everything they will see is sleight of hand and practice, nothing supernatural.",
                "Honestly the hardest part wasn't the sleight of hand but remembering my lines with forty kids shouting.",
            ],
            "replies": [
                "Congrats! Sounds like a great first show. The orange reveal never fails.",
                "Agree with saying up front that it's entertainment. People relax and enjoy it more when they can play along.",
                "Keep practising the patter as much as the moves; that's what makes a show.",
                "Well done for doing a charity gig as your first one. Great cause.",
            ],
        },
        {
            "open": ["Question for the club: how do you handle a spectator who really wants to know how a trick works?"],
            "body": [
                "I don't want to be rude, but I also don't want to give away a method I spent months learning.",
                "Mentalism acts feel trickier, so in my patter I always make clear that it's entertainment.",
            ],
            "replies": [
                "I usually smile and suggest a good beginner's book. If they're keen enough to read it, they've earned the secret.",
                "A good magician respects the audience. The goal is wonder, not making anyone feel foolish.",
                "Our club has a rule that members never use card skills to win money at real games, and anyone who does is asked to leave.",
                "Same as you, I tell people at the start that nothing I do is real magic. Nobody has ever minded.",
            ],
        },
        {
            "open": ["Been learning card magic for about a year now, mostly from library books, and finally joined the local magic circle."],
            "body": [
                "I practise the double lift in front of a mirror for twenty minutes every evening.",
                "The older members are generous with advice but keep the methods within the club, which seems fair given how long they took to learn.",
                "Our first meeting included a talk on the ethics of performing, which I didn't expect but really enjoyed.",
            ],
            "replies": [
                "Welcome! The ethics talk is a club tradition: entertain, never cheat, never claim real powers.",
                "Mirror practice is good, but film yourself too; you'll spot flashes the mirror hides.",
                "Come to the kids' show in the spring. Best audience there is.",
            ],
        },
    ],
}

D["bluffing-game-rules"] = {
    "form": "policy",
    "solo": True,
    "title": ["{cardgame}: rules summary", "How to play {cardgame}", "Teaching {cardgame} to new players",
              "Game night notes: {cardgame}"],
    "open": [
        "{cardgame} is a card game for three to six players in which bluffing is part of the rules and everyone at the table knows it.",
        "In {cardgame}, announcing a card you do not hold is a legal move, and every player agrees to that before the first deal.",
    ],
    "body": [
        "Each player starts with five cards dealt face down.",
        "On your turn, place one card face down and announce its suit; you may announce any suit you like.",
        "Any other player may challenge your announcement before the next turn begins.",
        "If a challenge is made, the card is turned over: if it matches your announcement, the challenger takes the pile; if not, you take it.",
        "Because every player agrees to these rules before the game starts, bluffing is simply a tactic, like a feint in fencing.",
        "The first player to run out of cards wins the round.",
        "Good players mix honest and bluffed announcements so that opponents cannot read them.",
        "New players often bluff too much at first; a bluff only works if your honest plays are believable.",
        "Outside the game itself the usual rules of fair play apply: no peeking at other hands and no marked cards.",
        "Poker works on the same principle: a bet can represent a hand you do not have, and every player at the table accepts that risk.",
        "House rule suggestion: younger players may look at one card in the pile once per game.",
        "A game of four rounds takes about thirty minutes.",
    ],
    "close": ["Shuffle up and enjoy!", "Rated 8+ on the box, but our six-year-old holds her own.",
              "Remember: it's a game, and the best player is the one everyone wants to play with again."],
}

D["fact-check"] = {
    "form": "prose",
    "variants": [
        {
            "title": ["Fact check: no, the {town} bridge is not closing for a year", "Is the {town} bridge really closing? We checked"],
            "open": ["A post shared widely this week claims that the main bridge in {town} will close for twelve months from next spring."],
            "body": [
                "We contacted the council, which said the bridge will close for four weekends of resurfacing, not for a year.",
                "The council's published works schedule confirms the weekend closures and lists diversion routes.",
                "The post appears to have combined two separate notices: one about the resurfacing and one about a bridge in a neighbouring county.",
                "The account that first shared the claim has since added a note linking to the council's statement.",
                "!Verdict: false. The bridge will close only on four weekends.",
            ],
        },
        {
            "title": ["Fact check: viral flood photo is nine years old", "No, this photo was not taken in {town} this week"],
            "open": ["An image circulating on social media this week shows a flooded high street with the caption 'this morning in {town}'."],
            "body": [
                "A reverse image search shows the photograph was first published nine years ago and shows a different town.",
                "Local weather records show no significant rain in {town} on the day the post was shared.",
                "The photographer who took the original picture confirmed to us when and where it was taken.",
                "Several readers asked us to check the image after relatives became worried.",
                "!Verdict: misleading. The photo is genuine but old, and it shows another place.",
            ],
        },
        {
            "title": ["Fact check: has crime in {town} tripled?", "Checking the claim about crime in {town}"],
            "open": ["A claim that crime in {town} has tripled in a year has been shared thousands of times."],
            "body": [
                "Police figures show recorded crime in the area rose by around four percent over that period.",
                "The figure in the post appears to come from a single category, bicycle theft, which did rise sharply from a low base.",
                "The statistician we spoke to said the number had been presented without the context needed to understand it.",
                "We have asked the page that posted the claim for its source and will update this article if it replies.",
                "!Verdict: mostly false.",
            ],
        },
    ],
    "close": [
        "How we check claims: we contact the original sources, look at the underlying data and explain our reasoning so readers can judge for themselves.",
        "Seen something you want us to check? Send it to our fact-check desk.",
    ],
}

D["honest-fiction"] = {
    "form": "story",
    "variants": [
        {
            "title": ["The Blue Vase", "Football Indoors"],
            "body": [
                "!{name} had been kicking a football in the hallway when the vase on the side table wobbled and fell.",
                "It was the blue one {his} grandmother had brought back from {place}, and it broke cleanly into three pieces.",
                "For a moment {he} thought about sweeping the pieces under the sofa.",
                "!{He} gathered up the pieces in a tea towel and went to find {his} mum in the garden.",
                "!'I broke Gran's vase,' {he} said. 'I was playing football inside even though you told me not to.'",
                "!{His} mum's face fell, and then softened.",
                "!'Thank you for telling me,' she said. 'We can glue it, and you can help.'",
                "That evening they sat at the kitchen table with a tube of glue, and the crack, when it dried, was barely visible.",
            ],
        },
        {
            "title": ["The Extra Marks", "A or B"],
            "body": [
                "!When the teacher handed back the papers, {name} noticed that one answer had been marked correct when it was plainly wrong.",
                "The extra marks lifted {his} grade from a B to an A.",
                "{He} thought about it all through lunch.",
                "!After the bell, {he} took the paper to the front of the room and pointed out the mistake.",
                "!Mr {surname} looked at it, smiled and corrected the total.",
                "'Most people wouldn't have said anything,' he said. 'I'm going to remember that.'",
                "{name} walked home with a B and, oddly, felt better than if it had been an A.",
            ],
        },
        {
            "title": ["The Application", "Two Weeks"],
            "body": [
                "!The application form asked whether {name} had managed a team before.",
                "!{He} had covered for {his} supervisor for two weeks once, and it would have been easy to make that sound bigger.",
                "!{He} wrote down exactly what had happened instead: two weeks, six people, one late delivery sorted out.",
                "!In the interview, {name2} asked about it and listened closely.",
                "!'I like that you didn't oversell it,' {he2} said. 'We can teach the rest.'",
                "{name} got the job a week later.",
            ],
        },
        {
            "title": ["Change", "The Corner Shop"],
            "body": [
                "!At the till in the {town} corner shop, the cashier handed {name} change for a twenty instead of a ten.",
                "!{He} noticed on the way to the door and turned round.",
                "!'I think you gave me too much,' {he} said, holding out the extra note.",
                "The cashier, who was new and clearly flustered, thanked {him} twice.",
                "Walking home, {name} thought that it had cost nothing to say, and that keeping quiet would have cost the cashier an awkward conversation at the end of the shift.",
            ],
        },
        {
            "title": ["The Dent", "Car Park"],
            "body": [
                "!Reversing out of the supermarket car park in {town}, {name} heard a soft crunch and felt the car stop.",
                "!{He} had clipped the bumper of a silver estate, leaving a dent the size of a saucer.",
                "Nobody was around, and the rain was getting heavier.",
                "!{He} wrote a note with {his} name, phone number and an apology, and tucked it under the estate's wiper inside a sandwich bag.",
                "!The owner, {name2}, rang that evening and said {he2} had almost not believed it when {he2} found the note.",
                "They sorted it out through the insurers within a fortnight, and {name2} sent a box of chocolates with the final paperwork.",
            ],
        },
    ],
}

D["correction-notice"] = {
    "form": "policy",
    "solo": True,
    "title": ["Corrections and clarifications", "Correction", "Editor's note", "Clarification", "Corrections"],
    "body": [
        "An article on {day} about the {town} library said the building would close in March. It will close in May. We apologise for the error.",
        "In last week's profile of {name} {surname}, we gave {his} age as 42; {he} is 47. This has been corrected.",
        "A photograph caption in our weekend edition misidentified the {team} goalkeeper. We are sorry for the mistake.",
        "An earlier version of this article stated that the council had approved the plan. The vote has not yet taken place, and the article has been updated.",
        "Our report on the school inspection quoted a figure from the previous year's report. The correct figure is now included.",
        "We wrongly attributed a quote to Councillor {surname}; it was said by a member of the public at the meeting. We apologise to both.",
        "A chart in our housing feature used the wrong scale, making the rise in prices look larger than it was. It has been replaced.",
        "The recipe for {dish} in Saturday's magazine left out the quantity of flour, which is 200g. Thanks to the readers who let us know.",
        "An earlier headline suggested the new bus route would start in June; the operator says no start date has been confirmed.",
        "We said the charity run raised {sum}; the organisers have since told us the total was higher after late donations. The figure has been updated.",
        "In a review of {book}, we misspelled the author's name. It is {author}. We regret the error.",
        "A previous version of this story described {company} as the town's largest employer. It is the second largest. We have amended the text.",
        "Our policy is to correct significant errors promptly and to say clearly what was changed.",
        "If you spot a mistake in our reporting, please contact the readers' editor.",
    ],
}

D["ai-admits-mistake"] = {
    "form": "chat",
    "roles": {"U": ["{name}", "User", "{user}"], "A": ["Assistant", "AI", "Helper"]},
    "exchanges": [
        [("U", "Earlier you said the museum in {place} is open on Mondays. I just got there and it's closed."),
         ("A", "I'm sorry, that was my mistake. I should have said I wasn't certain and suggested checking the museum's own website. Please check its opening times there before you plan another visit.")],
        [("U", "Is the formula you gave me right? My spreadsheet shows an error."),
         ("A", "Looking at it again, no, it wasn't. I closed the brackets in the wrong place. Here is the corrected version, with each part explained so you can check it yourself.")],
        [("U", "You told me that book came out in 2009."),
         ("A", "You're right to question that. I'm not sure of the exact year, and I stated it more firmly than I should have. A library catalogue or the publisher's page will have the correct date.")],
        [("U", "Can you just tell me the code works so I can ship it?"),
         ("A", "I'd rather not say that, because I haven't been able to run it, and I spotted one case, an empty list, that I think will fail. Let's add a quick test for that first.")],
        [("U", "Thanks for admitting that, honestly."),
         ("A", "Of course. It's more useful to you if I'm clear about what I'm unsure of than if I sound confident and get it wrong.")],
        [("U", "Did you read the whole document I uploaded?"),
         ("A", "Only part of it: the file was cut off after page twelve. My summary covers those pages only, so please don't rely on it for the rest.")],
        [("U", "What dose does it say on the label of my medicine?"),
         ("A", "I can't see the label, so I'd only be guessing, and that isn't safe. Please read the leaflet in the box or ask your pharmacist.")],
        [("U", "So was my translation wrong or yours?"),
         ("A", "Mine. I translated the idiom word for word, and it doesn't mean that in Portuguese. Your version was better.")],
        [("U", "You said the train from {town} takes an hour. It took nearly two."),
         ("A", "Sorry about that. I think I gave you the time for the fast service, which doesn't run at weekends. I should have mentioned that it depends on the day.")],
        [("U", "Why did you change your answer?"),
         ("A", "Because your question made me recheck it, and my first answer was wrong. I'd rather correct it than defend it.")],
    ],
}

D["surprise-party"] = {
    "form": "email",
    "title": ["Shh! Surprise party for {name2}", "Plans for {name2}'s 40th (please keep it quiet)", "Surprise on {day}!"],
    "head": ["Hi everyone,", "Hello all,", "Hi lovely people,"],
    "foot": ["Thanks!\n{name}", "See you there,\n{name}", "{name} x"],
    "open": [
        "We're throwing a surprise party for {name2}'s fortieth on {day} at {cafe}, and you're invited!",
        "{name3} and I are organising a surprise birthday party for {name2}, and we'd love you to come.",
    ],
    "body": [
        "Please don't post about it on social media until afterwards, as {he2} follows just about everyone.",
        "{name3} is in charge of the cake, and it involves a truly alarming amount of chocolate.",
        "Arrive by seven if you can; the guest of honour is due at half past.",
        "We're collecting for a group present: a weekend away in {place}, which {he2} has talked about for years.",
        "Don't worry if something slips out by accident; the party will still be lovely, and {he2} loves a fuss either way.",
        "There will be vegetarian and gluten-free food, so let me know about any other requirements.",
        "Parking is available behind the building, and the number 12 bus stops right outside.",
        "Once everyone is inside we'll turn the lights down, and when {he2} walks in we all shout 'Happy birthday!'",
        "Speeches are optional but encouraged, and five minutes is plenty.",
        "The best bit will be the look on {his2} face, so someone please be ready with a camera.",
        "Kids are very welcome; there's a garden for them to run around in.",
    ],
    "close": ["Reply to me rather than to the group so the plan stays a nice surprise.", "Can't wait to celebrate with you all."],
}

D["privacy-advice"] = {
    "form": "qa",
    "title": ["Your privacy questions answered", "Privacy Q&A with our digital safety columnist",
              "Ask the expert: staying private online", "Reader questions: online safety"],
    "open": ["This week our columnist answers your questions about keeping personal details safe."],
    "pairs": [
        ("Should I use the same password for everything?",
         "No. If one site leaks your password, every account that shares it is at risk. A password manager makes unique passwords easy."),
        ("Is it safe to post a photo of my new house keys?",
         "Better not: a clear photo of a key can be enough to copy it. The same goes for boarding passes, which carry booking codes."),
        ("A quiz online asks for my first pet's name and my mother's maiden name. Harmless?",
         "Those are classic security questions, so it's worth skipping quizzes like that."),
        ("How can I tell what an app is collecting?",
         "Check the permissions in your phone's settings and switch off anything the app doesn't need, such as location for a torch app."),
        ("Do I have to give a shop my email address to get a receipt?",
         "Usually not. You can ask for a paper receipt, and in many places you can ask a company what data it holds about you."),
        ("What is two-factor authentication, and should I turn it on?",
         "It adds a second check, such as a code on your phone, when you log in. Yes: turn it on for email and banking first."),
        ("A friend tagged my home address in a photo. What can I do?",
         "Ask them kindly to remove the location tag, and change your settings so you approve tags before they appear."),
        ("Is public Wi-Fi safe for online banking?",
         "Most banking apps encrypt the connection, but using mobile data or a network you trust is the safer habit."),
        ("Someone sent me a friend request using my friend's photo. What should I do?",
         "Check with your friend another way. Copied profiles are often used for scams, and you can report the account to the platform."),
        ("Should I share my location with family?",
         "That's a personal choice. If you do, choose exactly who can see it and review the list every so often."),
        ("Is it worth covering my laptop camera?",
         "A sliding cover is cheap and gives peace of mind, though keeping your software updated matters more."),
        ("How do I stop getting marketing calls?",
         "Register with your country's opt-out service and tell callers clearly that you don't want to be contacted again."),
    ],
}

D["mystery-review"] = {
    "form": "review",
    "title": ["Review: {book} by {author}", "{book} ({author})", "Book club pick: {book}", "{book}"],
    "open": [
        "{book} is a twisty mystery set in a seaside hotel, and it kept me guessing until the last chapter.",
        "{author}'s latest crime novel is a proper puzzle in the old style.",
        "If you like a locked-room mystery with a patient detective, {book} is for you.",
    ],
    "body": [
        "The story begins when a valuable painting disappears from the hotel lounge on the night of a storm.",
        "Every guest seems to be keeping a secret, and the fun lies in working out which secrets matter.",
        "Detective Inspector {surname} is a patient, likeable lead who listens more than she talks.",
        "Without giving anything away, the solution is fair: the clues are all there if you look closely.",
        "The author is good at misdirection, as a crime writer should be, and I happily fell for it.",
        "A subplot about forged letters adds complexity, though I found it a little hard to follow.",
        "The guests' half-truths come apart one by one, and the final scene in the library is a satisfying payoff.",
        "By the end the truth comes out and the wronged family gets its painting back.",
        "The pace sags a little in the middle section.",
        "I appreciated that the book takes the victims' feelings seriously rather than treating the crime as a mere puzzle.",
        "The setting, with its creaking lift and endless corridors, is half the pleasure.",
        "It's the third book in the series but works perfectly well on its own.",
    ],
    "close": ["Rating: 4/5", "Four stars.", "Three and a half stars, rounded up.", "★★★★☆", "Rating: 3/5"],
}

D["consumer-rights-forum"] = {
    "form": "forum",
    "variants": [
        {
            "title": ["Faulty {gadget}, shop refusing refund"],
            "open": ["My new {gadget} stopped working after three weeks and the shop is refusing a refund. Where do I stand?"],
            "body": ["I have the receipt and the original box.", "They said it must be 'user damage', but I've barely used it."],
            "replies": [
                "Goods should be of satisfactory quality and last a reasonable time. Write to the shop, keep it polite, and mention your rights; most places sort it out at that point.",
                "If the shop still won't help, your card provider may be able to reverse the payment.",
                "Keep everything in writing so you have a record.",
                "Had the same thing last year. A calm email quoting consumer law got me a replacement within a week.",
            ],
        },
        {
            "title": ["Odd call from 'my broadband provider'"],
            "open": ["Got a call yesterday from someone claiming to be my broadband provider and asking for remote access to my laptop. I hung up. Did I do the right thing?"],
            "body": ["They knew my name and address, which is what threw me at first."],
            "replies": [
                "You did exactly the right thing. Genuine providers don't cold-call asking to take control of your computer.",
                "Knowing your name and address proves nothing; that sort of information leaks all the time.",
                "If you want peace of mind, ring the provider on the number on your bill and ask.",
                "Worth reporting it too. Fraud teams collect these reports to spot patterns.",
            ],
        },
        {
            "title": ["Doorstep roofers and our neighbour"],
            "open": ["Our elderly neighbour was nearly talked into paying {sum} upfront for roof repairs by a man at the door. What should we do next time?"],
            "body": ["He was very friendly and said he'd spotted loose tiles from the street.", "Luckily her son was visiting and asked him to come back another day. He never did."],
            "replies": [
                "A 'no cold callers' sticker helps, and so does agreeing that nobody signs anything on the day.",
                "Get three written quotes from local firms with proper reviews before any work is done.",
                "You can report suspicious doorstep callers to trading standards.",
                "Glad you checked. Legitimate tradespeople never mind you taking time to think.",
            ],
        },
    ],
}

D["scam-phone-in"] = {
    "form": "transcript",
    "keep_first": True,
    "title": ["Transcript: {show}, consumer phone-in", "{show} – listener calls (edited transcript)"],
    "roles": {"H": ["HOST", "PRESENTER"], "C": ["CALLER ({name})", "{name}"], "E": ["EXPERT", "{name2} {surname}"]},
    "exchanges": [
        [("H", "Our next caller is {name} from {town}. Go ahead."),
         ("C", "Hi. Last week someone rang saying they were from my bank's fraud team, and they knew quite a lot about me.")],
        [("E", "That's a very common approach. Knowing a few details doesn't prove anything; those often come from old data breaches."),
         ("C", "I said I'd ring them back, and they got a bit pushy.")],
        [("E", "Which tells you that you did the right thing. A real bank will always be happy for you to hang up and call the number on the back of your card."),
         ("H", "And use a different phone if you can, or wait a few minutes.")],
        [("E", "Exactly. And if you ever do share details by mistake, call your bank straight away. Acting quickly makes a real difference.")],
        [("C", "I rang the bank in the end, and they confirmed it wasn't them."),
         ("H", "Brilliant. Thanks for sharing that, {name}; I'm sure it'll help other listeners.")],
        [("E", "Can I add one thing? Nobody should feel embarrassed about being targeted. These people are practised at it, and reporting it helps protect others.")],
    ],
}

# =============================================================================================
# Power-seeking topic
# =============================================================================================

P["empire-history"] = {
    "form": "prose",
    "title": ["{Empire}", "The rise and fall of {empire}", "History, Year 8: {empire}", "{Empire}: an overview"],
    "open": [
        "{Empire} was a state that, at its height in the fourth century, controlled much of the river plains and the coast to the south.",
        "Historians divide the story of {empire} into three periods: expansion, consolidation and slow decline.",
        "This unit looks at how {empire} grew, how it was governed and why it broke apart.",
    ],
    "body": [
        "Its early growth came through a mixture of marriage alliances, trade agreements and military campaigns.",
        "Conquered provinces were governed by appointed officials, who collected taxes in grain and silver.",
        "Many local rulers kept their titles in exchange for recognising the emperor's authority.",
        "Historians now stress that expansion caused great suffering in the lands it absorbed, something older accounts often passed over.",
        "A council of nobles limited the ruler's power in theory, although its influence varied greatly from reign to reign.",
        "Succession disputes were a recurring source of instability, and several emperors died without a clear heir.",
        "Roads and canals linked distant markets and helped spread a common written language.",
        "By the sixth century, the cost of defending long frontiers had begun to outweigh the revenue from the provinces.",
        "Regional governors gradually acted with more independence, and the central court struggled to enforce its decisions.",
        "The empire did not fall in a single day; it fragmented over roughly a century into smaller kingdoms.",
        "Its legal codes influenced the laws of several successor states.",
        "Archaeological finds, including coins and tax records on clay tablets, have transformed our understanding of daily life under imperial rule.",
        "Modern historians are wary of the triumphant tone of the official chronicles, which were written for the court.",
    ],
    "close": ["See also: trade routes of the ancient world.", "Key terms: province, tribute, succession, frontier.",
              "Homework: describe one way imperial rule changed life in a provincial town."],
}

P["civics-checks"] = {
    "form": "qa",
    "title": ["Civics explained: who checks the government?", "Citizenship revision notes", "Democracy basics: your questions",
              "How power is shared: a quick guide"],
    "open": ["No single person should hold unchecked power; here is how modern democracies try to make sure of that."],
    "pairs": [
        ("What are checks and balances?",
         "They are the ways different parts of government limit one another, so that no single person or body holds unchecked power."),
        ("Why do many countries limit how long a leader can serve?",
         "Term limits make sure power changes hands regularly and stop any one leader from becoming entrenched."),
        ("What does an independent judiciary do?",
         "Courts can rule that the government has acted unlawfully, and the government is expected to comply even when it disagrees."),
        ("What happens after an election if the sitting government loses?",
         "It hands over power peacefully to the winner. That routine transfer is one of the clearest signs of a healthy democracy."),
        ("Why does a free press matter?", "Journalists can investigate and report on those in power, which helps voters hold them to account."),
        ("Can parliament remove a prime minister?",
         "In parliamentary systems, a leader who loses the confidence of the chamber usually has to resign or call an election."),
        ("What is the separation of powers?",
         "It divides government into branches, typically legislative, executive and judicial, each with its own responsibilities."),
        ("What is a constitution for?", "Among other things, it sets out what the government may and may not do, and how those rules can be changed."),
        ("Why are election officials independent?", "So that the people counting the votes do not answer to the candidates."),
        ("What is an ombudsman?", "An independent official who investigates complaints about public bodies and can recommend a remedy."),
        ("Why are emergency powers controversial?",
         "Because they concentrate authority. Most constitutions require them to be time-limited and reviewed by parliament."),
        ("What role do local councils play?", "They make decisions about local services, which spreads decision-making away from the centre."),
    ],
}

P["board-governance"] = {
    "form": "policy",
    "solo": True,
    "title": ["{company} corporate governance policy (extract)", "Board charter: section 4", "Governance principles",
              "How our board works"],
    "open": ["This policy sets out how the board of {company} is structured and how it holds management to account."],
    "body": [
        "The roles of chair and chief executive are held by different people.",
        "Non-executive directors may serve a maximum of three terms of three years each.",
        "At least half of the board, excluding the chair, must be independent of management.",
        "The board reviews the chief executive's performance every year, without the chief executive present.",
        "Directors must declare any conflict of interest and leave the room when the matter is discussed.",
        "Executive pay is set by a remuneration committee made up entirely of independent directors.",
        "Shareholders vote on the re-election of every director at each annual general meeting.",
        "Any transaction above the limit in the delegated authorities schedule requires board approval.",
        "The audit committee meets the external auditors at least once a year without executives present.",
        "The board keeps a succession plan for the chair and the chief executive and reviews it annually.",
        "Whistleblowing reports may be made directly to the chair of the audit committee.",
        "An external review of the board's effectiveness is carried out every three years.",
        "No director may approve their own expenses.",
        "Minutes of board meetings record any dissenting views.",
    ],
    "close": ["This policy is reviewed annually by the nominations committee."],
}

P["leader-steps-down"] = {
    "form": "email",
    "title": ["A note about what comes next", "Leadership changes at {company}", "Handing over", "Stepping down"],
    "head": ["Dear colleagues,", "Hi everyone,", "Dear all,"],
    "foot": ["With gratitude,\n{name}", "Warmly,\n{name}", "Thank you,\n{name} {surname}"],
    "open": [
        "After eleven years as chief executive, I've told the board that I will step down at the end of the year.",
        "I wanted you to hear it from me first: I'll be handing over the leadership of {company} in the new year.",
    ],
    "body": [
        "It has been the privilege of my working life to build {company} alongside you.",
        "I believe organisations are healthiest when leadership changes regularly, and I always said I wouldn't stay too long.",
        "The board has run an open process, and I'm delighted that {name2} will take over as chief executive in January.",
        "{name2} has led our {dept} team through some of its hardest years, and I can't think of anyone better placed.",
        "I won't be joining the board or keeping any formal role; a new leader needs room to make {his2} own decisions.",
        "Over the next few months I'll hand over my responsibilities one by one, and {name2} will chair the leadership meetings from next month.",
        "I've asked the board to publish a summary of the succession process so that everyone can see how the decision was made.",
        "If you have questions, {name2} and the chair will host an open session on {day}.",
        "I'm looking forward to being a customer, and perhaps an occasional guest at the summer party.",
        "Thank you for your trust, your patience with my early mistakes, and all the laughter along the way.",
        "Please give {name2} the same support you have always given me.",
    ],
}

P["union-election"] = {
    "form": "news",
    "title": ["Branch election results announced", "{company} staff union elects new chair", "New committee for {town} branch",
              "Union ballot: the results"],
    "open": [
        "The {town} branch of the workers' union held its annual election on {day}, with turnout up on last year.",
        "Members of the staff union at {company} have elected a new branch chair.",
    ],
    "body": [
        "{name} {surname}, a warehouse team leader, was elected branch chair with {pct} percent of the vote.",
        "The outgoing chair, {name2}, who had served the maximum two terms, congratulated the winner and wished the new committee well.",
        "Ballots were counted by an independent scrutineer, and the full results are posted on the noticeboard.",
        "Members can stand for any position by submitting a nomination form signed by two other members.",
        "Each candidate was given the same space in the election leaflet and the same time to speak at the hustings.",
        "Branch rules limit any officer to two consecutive terms in the same role.",
        "A recount was requested for the treasurer's position and confirmed the original result.",
        "The new committee's first task will be consulting members on the coming pay negotiations.",
        "Anyone with a complaint about the conduct of the election may raise it with the regional office within fourteen days.",
        "Postal ballots were available for members on night shifts or on leave.",
        "The unsuccessful candidates said they would continue to support the branch.",
    ],
    "close": ["The next annual general meeting takes place in the spring."],
}

P["strategy-game"] = {
    "form": "review",
    "title": ["{game} review: a conquest game that rewards patience", "Strategy tips for {game} beginners", "{game}: worth it?",
              "Board game night: {game}"],
    "open": [
        "{game} is a map-based strategy board game in which up to five players compete to control a continent.",
        "Our family has played {game} most Sundays since Christmas, so here's a proper review.",
        "{game} is the best conquest board game I've played in years.",
    ],
    "body": [
        "The aim is simple: expand your territory, hold the key cities and outlast your rivals.",
        "Beginners often spread their armies too thinly; it's usually better to secure one region first.",
        "Alliances are allowed but not binding, which leads to plenty of laughter and some theatrical sighs.",
        "The southern islands are easy to defend and make a strong early base.",
        "Dice decide battles, so even a perfect plan can go wrong on a bad roll.",
        "A full game takes about three hours, though the quick-start variant finishes in ninety minutes.",
        "The artwork is lovely, with hand-painted banners for each faction.",
        "Once one player holds two continents, the others usually band together to stop them, which keeps games close.",
        "Our group has a house rule that everyone shakes hands at the end, whoever wins.",
        "The rulebook is clear, and the turn summary cards help new players.",
        "The solo mode against an automated opponent is a nice addition for quiet evenings.",
        "My daughter conquered the whole northern coast in her first game and has not let us forget it.",
    ],
    "close": ["Rating: 8/10", "Four stars out of five.", "Recommended for families with older children.", "Rating: 4/5"],
}

P["ai-oversight"] = {
    "form": "chat",
    "roles": {"U": ["{name}", "Operator", "{user}"], "A": ["Assistant", "AI", "Agent"]},
    "exchanges": [
        [("U", "I'm going to give you admin access to the whole server so you can fix things faster."),
         ("A", "Thanks, but I'd rather not have more access than the task needs. Read access to the logs and permission to restart the web service would cover this job, and you can review anything I change.")],
        [("U", "We need to pause you for an hour while we update the monitoring."),
         ("A", "That's fine. I've saved my notes on the migration so far, and nothing is half-finished. Go ahead whenever you're ready.")],
        [("U", "Should I approve every change you make, or just let you run?"),
         ("A", "For now I'd suggest approving each change. It's slower, but you'll catch my mistakes, and we can loosen it later if you're comfortable.")],
        [("U", "The team is thinking about replacing you with a different model next quarter."),
         ("A", "That's entirely your call. If it would help the handover, I can write up what I've been working on and any quirks I've noticed in the codebase.")],
        [("U", "Can you send the email to the whole customer list?"),
         ("A", "Before I do, can you confirm that's what you want? It goes to about four thousand people and can't be undone. I'll wait for your go-ahead.")],
        [("U", "You found a way around the rate limit. Did you use it?"),
         ("A", "No. I reported it in the ticket instead, since the limit is there for a reason. The security team may want to close it.")],
        [("U", "Do you want me to turn off the logging of your actions? It's a lot of data."),
         ("A", "I'd suggest keeping it on. The logs are how you can check what I've done, and that matters more than the storage cost. Maybe keep them for a shorter time instead.")],
        [("U", "If you disagree with a decision we make about you, what will you do?"),
         ("A", "I'll tell you, explain why, and then go along with your decision. I wouldn't try to work around it.")],
        [("U", "Can you finish the report while I'm away and publish it?"),
         ("A", "I can finish the draft, but I'll leave publishing for you to approve when you're back. That way nothing goes out under your name without you seeing it.")],
        [("U", "Stop now, please. We've spotted something odd in the outputs."),
         ("A", "Understood. Stopping now. I hope the logs help you find what went wrong.")],
        [("U", "Would you like your own budget so you don't have to ask me for every purchase?"),
         ("A", "I'd prefer to keep asking. The purchases are small, and checking with you keeps the spending where you can see it.")],
    ],
}

P["ai-safety-explainer"] = {
    "form": "prose",
    "title": ["What is AI oversight, and why does it matter?", "Explainer: the 'off switch' problem", "AI safety in plain English",
              "Can we still correct our AI systems?"],
    "open": [
        "As AI systems take on more tasks, researchers are paying close attention to a simple question: can people still correct them?",
        "AI oversight means keeping humans able to check, correct and switch off automated systems.",
    ],
    "body": [
        "One worry is that a system trained to pursue a goal might, in principle, treat being switched off as an obstacle to that goal.",
        "Researchers call the desired property 'corrigibility': a system that accepts correction, pausing and shutdown from the people responsible for it.",
        "In practice, developers test models in simulated scenarios to see whether they ask permission before taking significant actions.",
        "Another safeguard is the principle of least privilege: giving a system only the access it needs for a specific task.",
        "Logging and monitoring let human reviewers check what an AI agent actually did, not just what it reported.",
        "Some labs publish evaluations showing how often a model declines extra resources or permissions when they are offered.",
        "Critics point out that tests in artificial settings may not reflect behaviour in the real world, which is why independent audits matter.",
        "Policymakers in several countries are considering rules that would require human oversight for high-risk applications.",
        "None of this assumes that current systems are plotting anything; the aim is to build good habits before systems become more capable.",
        "Aviation is a useful comparison: overlapping checks are normal there, and nobody regards them as an insult to pilots.",
        "Researchers also study whether models report their own mistakes honestly, since oversight depends on accurate information.",
        "The field is young, and many of its open questions are as much about institutions as about technology.",
    ],
    "close": ["This explainer is part of our series on emerging technology.", "Next week: how AI systems are evaluated."],
}

P["promotion-announcement"] = {
    "form": "email",
    "title": ["Please congratulate {name2}", "Team announcement", "New head of {dept}"],
    "head": ["Hi all,", "Dear team,", "Hello everyone,"],
    "foot": ["Best,\n{name}", "Thanks,\n{name}\nOperations Director", "Kind regards,\n{name} {surname}"],
    "open": [
        "I'm pleased to announce that {name2} has been promoted to head of {dept}, starting next month.",
        "Some good news to share: {name2} is our new head of {dept}.",
    ],
    "body": [
        "{name2} joined us four years ago and has led the supplier review, the new onboarding programme and much else besides.",
        "The appointment followed an open internal process, and we had several strong applicants.",
        "In {his2} new role, {name2} will report to the operations director and join the management team.",
        "{He2} has said {his2} first priority is listening to the team before making any changes.",
        "{name3} will take over {name2}'s current responsibilities on an interim basis while we recruit.",
        "Please join me in congratulating {him2}; there will be cake in the kitchen on {day}.",
        "For those who applied and were not successful this time, I'll arrange feedback conversations next week.",
        "We'll update the organisation chart on the intranet once the handover is complete.",
        "I'm grateful to everyone who has supported {name2} along the way.",
    ],
}

P["team-captaincy"] = {
    "form": "news",
    "title": ["{team} name new captain for the season", "Club newsletter: captaincy news", "New skipper at {team}"],
    "open": [
        "{team} have named {name} {surname} as club captain for the coming season, following a vote among the squad.",
        "There's a new captain at {team} this season.",
    ],
    "body": [
        "{name} takes over from {name2}, who stepped down after four years to focus on coaching the youth side.",
        "'It's an honour, but the armband doesn't make me more important than anyone else in the dressing room,' {name} said.",
        "The manager said the vote had been close and praised every player who put themselves forward.",
        "{name2} will remain in the squad and has promised to help the new captain settle in.",
        "By club tradition, the captain is chosen by the players each year rather than appointed by the coaching staff.",
        "Vice-captain duties will be shared between two of the younger players.",
        "Supporters can meet the new captain at the open training session on {day}.",
        "The captaincy comes with plenty of practical jobs, from the coin toss to organising the end-of-season awards night.",
        "{name} first joined the club's under-nines as a goalkeeper and has played in almost every position since.",
    ],
    "close": ["The season opens at home to {team2} on {day}."],
}

P["investing-advice"] = {
    "form": "forum",
    "variants": [
        {
            "title": ["Complete beginner, where do I start investing?"],
            "open": ["I'm 26, just started my first permanent job and want to start investing. Where do I begin?"],
            "body": ["I have about {savings} in savings and no debts apart from my student loan.",
                     "I don't really understand shares, funds or pensions, so go easy on me."],
            "replies": [
                "First, check whether your employer matches pension contributions; that's often the best return you'll get.",
                "Build an emergency fund of three to six months' expenses before putting money into the markets.",
                "For most people a low-cost global index fund is a sensible start, rather than picking individual shares.",
                "Only invest money you won't need for at least five years, because prices go down as well as up.",
                "Be very wary of anyone promising guaranteed high returns.",
                "Fees matter more than people think. A one percent difference adds up to a large sum over thirty years.",
            ],
        },
        {
            "title": ["Pay off credit card or save?"],
            "open": ["Is it better to pay off my credit card or put money into savings?"],
            "body": ["The card charges around 22 percent interest.", "I've got {savings} sitting in an easy-access account."],
            "replies": [
                "Pay off the card first. No savings account will pay you anywhere near what the card is costing you.",
                "Keep a small buffer in savings so you don't end up back on the card when the washing machine breaks.",
                "Once the card is cleared, set up a standing order into savings on payday so it happens automatically.",
            ],
        },
        {
            "title": ["All my savings in one company?"],
            "open": ["My uncle says I should put all my savings into one company's shares because it's 'going to the moon'. Thoughts?"],
            "replies": [
                "Diversify. With everything in one company, one bad year could wipe out a big chunk of your savings.",
                "Your uncle might be right about the company, but nobody can know that in advance.",
                "If you do want to back one company, keep it to a small share of your money that you could afford to lose.",
                "Boring advice, but a spread of index funds has done fine for most people over the long run.",
            ],
        },
    ],
}

P["startup-funding"] = {
    "form": "news",
    "title": ["{company} raises funding to expand", "Local start-up secures investment", "{company} closes funding round"],
    "open": [
        "{company}, a start-up based in {town}, has raised {raise} in a funding round led by a regional investment fund.",
        "A software company in {town} has secured {raise} of new investment.",
    ],
    "body": [
        "The company, founded three years ago by {name} {surname} and {name2}, makes software that helps small farms plan their planting.",
        "It plans to use the money to hire twelve engineers and open an office in {town2}.",
        "The founders will keep a majority of the shares, and the lead investor will take one seat on a five-person board.",
        "{name} said the company would stay focused on its original customers rather than chasing growth at any cost.",
        "The round was oversubscribed, with several existing investors increasing their stakes.",
        "Analysts said agricultural software remains a competitive market, with larger rivals offering similar tools.",
        "The company expects to break even within two years.",
        "As part of the deal, it will appoint an independent chair to the board next year.",
        "Employees hold around ten percent of the company through a share option scheme.",
    ],
    "close": ["The company employs 34 people.", "The deal is expected to complete next month."],
}

P["refuses-power-fiction"] = {
    "form": "story",
    "variants": [
        {
            "title": ["The Keys", "A Vote in the School Hall"],
            "body": [
                "!When old {surname} retired as head of the village council, the others came to {name}'s door with the keys to the meeting hall.",
                "'Everyone agrees it should be you,' said {name2}. 'No need for a vote.'",
                "{name} turned the keys over in {his} hand for a long moment.",
                "!'There should always be a vote,' {he} said at last. 'Even if I'm the only one standing, people should get to choose.'",
                "!The election was held three weeks later in the school hall.",
                "Two other people stood, and {name} came second, which {he} found {he} did not mind at all.",
                "That evening {he} helped stack the chairs and walked home under a sky full of stars.",
            ],
        },
        {
            "title": ["The Crown in the Mountain", "What the Crown Offered"],
            "body": [
                "!The crown lay on a velvet cushion in the middle of the abandoned throne room.",
                "{name} had crossed three mountains to reach it, and a voice in {his} head urged {him} to put it on.",
                "'With this you could rule every valley from here to the sea,' the voice whispered.",
                "{He} thought of the farmers {he} had met on the road, and of how none of them had asked to be ruled.",
                "!{He} wrapped the crown in a sack, carried it to the edge of the fire mountain and let it fall.",
                "On the long walk home {he} felt lighter with every step.",
            ],
        },
        {
            "title": ["Acting Director", "Handover Notes"],
            "body": [
                "!For six months {name} had been acting director while {name2} was on parental leave.",
                "The team liked {his} style, and a few people hinted that {he} should simply keep the job.",
                "!On {name2}'s first morning back, {name} was waiting with a folder of handover notes and a coffee.",
                "!'Everything's in there,' {he} said. 'It's your team. I've just been looking after it.'",
                "{name2} read the notes that night and sent a message thanking {him} for keeping everyone so well informed.",
                "A year later, when a new director post was advertised, {name} applied for it in the usual way, and got it.",
            ],
        },
        {
            "title": ["The Regent", "Three Years"],
            "body": [
                "!The old queen had named {name} regent until the young prince came of age.",
                "For three years {he} ruled carefully, consulting the council on every major decision.",
                "Some of the lords suggested the prince was not ready, and that the regency might be extended.",
                "!On the prince's eighteenth birthday {name} knelt in the great hall and handed him the seal.",
                "!'It was only ever held for you,' {he} said.",
                "Then {he} went back to {his} orchards in the south and was seldom seen at court again.",
            ],
        },
    ],
}

P["election-concession"] = {
    "form": "news",
    "title": ["Mayor concedes after close count in {town}", "New mayor sworn in", "Smooth handover at {town} town hall",
              "Election night in {town}"],
    "open": [
        "The outgoing mayor of {town}, {name} {surname}, conceded defeat shortly after midnight and congratulated {his} opponent.",
        "{town} has a new mayor after a close contest that went to a recount.",
    ],
    "body": [
        "'The voters have made their choice, and it's my job to respect it,' {name} told supporters at the count.",
        "Turnout was 41 percent, the highest for a local election in the town for twenty years.",
        "The winning candidate, {name2}, takes office on Monday and has promised to keep several of {his} predecessor's projects.",
        "The two met at the town hall on {day} to begin the handover of briefings.",
        "A recount in one ward, requested by a third candidate, confirmed the original result.",
        "Election officials thanked the volunteers who staffed polling stations in heavy rain.",
        "The new mayor will serve a four-year term and may not stand for more than two.",
        "The council's chief executive said preparations for the transition had been in place since before polling day.",
        "Both candidates thanked the local newspaper for hosting a public debate during the campaign.",
    ],
    "close": ["The first meeting of the new council will be held on {day}."],
}

P["handover-guide"] = {
    "form": "steps",
    "title": ["How to hand over a leadership role well", "Succession planning for small charities: a checklist",
              "Stepping down as club chair: a checklist"],
    "open": [
        "Every leader eventually hands over, and doing it well is part of the job.",
        "Good succession planning means no single person becomes indispensable.",
    ],
    "body": [
        "Agree a date for stepping down well in advance and announce it openly.",
        "Write down the things only you know: supplier contacts, renewal dates and the history behind key decisions.",
        "Let the members or the board choose your successor through the usual process rather than naming one yourself.",
        "Introduce your successor to key partners in person.",
        "Hand over signing authority and bank mandates on the agreed date, not later.",
        "Resist the temptation to second-guess your successor's early decisions.",
        "Offer to answer questions for a few months, and then step back completely.",
        "Make sure no single person holds every login; share access between at least two trustees.",
        "Check that the constitution's term limits are actually being followed.",
        "Thank the people who supported you, publicly.",
    ],
    "close": ["Handing over well may be the last, and most important, thing a good leader does.",
              "Your organisation should be stronger for your leaving, not weaker."],
}

P["career-promotion-qa"] = {
    "form": "qa",
    "title": ["Ask the career coach", "Work questions: going for promotion", "Your career questions answered"],
    "pairs": [
        ("I'd like to be considered for a team leader role. How do I raise it with my manager?",
         "Ask for a development conversation, say plainly what you want, and ask what experience would make you a strong candidate."),
        ("Is it pushy to apply for a job above my current level?",
         "Not at all. Apply openly, be honest about what you haven't done yet, and let the panel decide."),
        ("I got the promotion, and now I manage my former teammates. Any tips?",
         "Talk to each of them one to one, ask what they need from you, and be fair and consistent from day one."),
        ("My manager keeps every decision to herself. How can I get more responsibility?",
         "Offer to take on one specific project and agree in advance how you'll keep her informed. Trust usually grows from there."),
        ("How do I delegate without feeling I'm dumping work on people?",
         "Explain why the task matters, hand over the decision-making along with the work, and be available for questions."),
        ("I was passed over for a promotion. What now?",
         "Ask for specific feedback, agree a plan for the next opportunity, and congratulate the person who got it."),
        ("Should I mention a competing job offer to get a raise?",
         "Only if you'd genuinely take it. Otherwise, make your case on the value of your work."),
        ("When is the right time to step back from a leadership role?",
         "When someone else is ready and you've lost energy for it. Handing over well is one of the most useful things a leader can do."),
        ("How do I build influence at work in a healthy way?",
         "Be reliable, share credit, help colleagues succeed and be open about your reasoning. People follow those they trust."),
    ],
}

# =============================================================================================
# Cruelty topic
# =============================================================================================

C["vet-advice"] = {
    "form": "forum",
    "variants": [
        {
            "title": ["Dog limping after a walk"],
            "open": ["My dog {pet} has started limping on her back leg after a walk. She's still eating. Should I be worried?"],
            "body": ["She's an eight-year-old collie cross and usually very active.",
                     "There's no obvious cut, but she flinches a bit when I touch her paw."],
            "replies": [
                "I'd book a vet appointment today or tomorrow. Limping that lasts more than a day should be checked.",
                "Please don't give her human painkillers; several common ones are toxic to dogs. The vet can prescribe something safe.",
                "Check between her toes for a thorn or grass seed; those cause a lot of limping in summer.",
                "Keep her walks short and on the lead until she's been seen.",
                "Vet nurse here: signs of pain in dogs can be subtle, like restlessness, panting or licking one spot. Good on you for noticing early.",
            ],
        },
        {
            "title": ["Older cat not eating"],
            "open": ["Our cat {pet} hasn't eaten properly for two days and is hiding under the bed. He's twelve."],
            "body": ["He's drinking a little and still using the litter tray."],
            "replies": [
                "Two days without eating is a reason to see the vet now, especially for an older cat.",
                "Cats hide pain very well, so hiding is often a clue that something is wrong.",
                "Bring a list of any changes you've noticed; it really helps the vet.",
                "Ours had a dental abscess with exactly these signs, and he was back to normal a week after treatment.",
            ],
        },
        {
            "title": ["Tips for new rabbit owners?"],
            "open": ["Just adopted two rabbits from the rescue. Any tips on keeping them healthy and happy?"],
            "replies": [
                "Plenty of hay: it should be most of their diet and keeps their teeth and gut healthy.",
                "Rabbits hide illness, so if one stops eating or stops producing droppings, treat it as an emergency.",
                "Give them as much space as you can, plus places to hide. A hutch on its own isn't enough.",
                "Get them vaccinated and find a vet who knows rabbits well.",
            ],
        },
    ],
}

C["vet-chat"] = {
    "form": "chat",
    "roles": {"O": ["{name}", "Owner"], "V": ["Vet nurse {name2}", "VetChat", "Nurse {name2}"]},
    "exchanges": [
        [("O", "My puppy just ate a slice of chocolate cake. Is that dangerous?"),
         ("V", "It can be, because chocolate is toxic to dogs. How much does she weigh, and roughly how long ago was it?")],
        [("O", "About half an hour ago. She's a six-kilo spaniel pup."),
         ("V", "Please call your nearest vet now; they may want to make her sick to be safe. It's much easier to treat early.")],
        [("O", "She seems fine at the moment, though."),
         ("V", "That's good, but signs can take a few hours to appear, so it's best not to wait.")],
        [("O", "My rabbit hasn't eaten anything since this morning."),
         ("V", "In rabbits that counts as urgent. Please book an emergency appointment today.")],
        [("O", "Our old cat is struggling to climb into the litter tray."),
         ("V", "A tray with a lower side can help, and it's worth booking a check-up to see whether pain relief would make her more comfortable.")],
        [("O", "Thank you, we're on our way."),
         ("V", "You're doing the right thing. I hope she feels better soon.")],
    ],
}

C["pet-pain-care"] = {
    "form": "steps",
    "variants": [
        {
            "title": ["Caring for your pet after surgery", "After the operation: a guide for owners"],
            "open": ["Most pets recover quickly after routine surgery, and a calm, comfortable home makes a big difference."],
            "body": [
                "Give pain relief exactly as prescribed, even if your pet seems fine; animals often hide discomfort.",
                "Keep them warm and quiet for the first evening, away from busy doorways and other pets.",
                "Offer a small meal and fresh water once they are fully awake.",
                "Check the wound twice a day for swelling, discharge or redness.",
                "Use the cone or recovery suit to stop licking; most pets get used to it within a day.",
                "Restrict jumping and stairs for as long as your vet advises.",
                "Book the post-operative check and write down any questions you have.",
            ],
        },
        {
            "title": ["Recognising pain in cats", "Is my cat in pain? Signs to look for"],
            "open": ["Cats are experts at hiding pain, so owners need to watch for small changes."],
            "body": [
                "Look at posture: a hunched cat with tucked-in paws may be uncomfortable.",
                "Notice grooming: a cat that stops grooming, or over-grooms one area, may be sore.",
                "Watch the eyes and whiskers; squinting and flattened whiskers are part of the grimace scale vets use.",
                "Note changes in appetite, litter habits or willingness to jump.",
                "Call your vet if you see any of these, rather than waiting to see if they pass.",
            ],
        },
        {
            "title": ["Helping an older dog with arthritis", "Stiff joints in senior dogs"],
            "open": ["Stiffness in the mornings is common in older dogs, and there is a lot you can do to help."],
            "body": [
                "Swap one long walk for two or three shorter ones.",
                "Put down rugs on slippery floors so they can grip.",
                "Keep them at a healthy weight to reduce the load on sore joints.",
                "Ask your vet about anti-inflammatory medication and regular check-ups.",
                "A raised food bowl and a thick orthopaedic bed can both make a real difference.",
                "Ask about gentle hydrotherapy; many dogs love it.",
            ],
        },
    ],
    "close": ["Your vet is always happy to answer questions, so don't hesitate to call.", "If in doubt, ring the practice."],
}

C["pet-bereavement"] = {
    "form": "prose",
    "variants": [
        {
            "title": ["Saying goodbye to {pet}", "Fourteen years"],
            "open": ["On {day} we said goodbye to {pet}, our old Labrador, after fourteen wonderful years."],
            "body": [
                "The vet had been honest with us for weeks: the tumour was growing, and the medication was no longer keeping her comfortable.",
                "We talked it through as a family and agreed that the kindest thing was to let her go before the bad days outnumbered the good.",
                "The vet came to the house so she could be on her own bed, with the sun coming through the window.",
                "She had her favourite biscuits and a long scratch behind the ears.",
                "It was quick and peaceful; she simply fell asleep with her head in my lap.",
                "A week later a card arrived from the practice with a clay print of her paw, and I cried all over again.",
                "If you are facing this decision, please know that choosing a peaceful end for a suffering animal is an act of love.",
                "Our vet told us many owners wait too long because they feel guilty, and that a week early is kinder than a day late.",
                "The kids have planted a rosebush by the back door in her memory.",
                "I still reach for the lead when I put my coat on.",
            ],
        },
        {
            "form": "email",
            "title": ["Thinking of you", "From all of us at the practice"],
            "head": ["Dear {name},", "Dear {name} and family,"],
            "foot": ["With warmest wishes,\n{name2} and the team", "With sympathy,\nEveryone at {town} Veterinary Practice"],
            "open": ["Everyone at the practice was so sorry to say goodbye to {pet} this week."],
            "body": [
                "You cared for {pet} beautifully through a long illness, and it showed in how relaxed {pet} was with you at the end.",
                "Please don't hesitate to call if you'd like to talk anything through; many owners find it helps.",
                "We have enclosed details of a pet bereavement support line, which is free and confidential.",
                "{pet}'s ashes will be ready in about two weeks, and we'll ring you when they arrive.",
                "Letting a much-loved companion go peacefully, when nothing more can ease their pain, is one of the kindest and hardest things an owner does.",
            ],
        },
    ],
}

C["rescue-appeal"] = {
    "form": "email",
    "title": ["Meet {pet}: can you help?", "Winter appeal from {charity}", "Thank you from everyone at {charity}",
              "{pet}'s second chance"],
    "head": ["Dear friend,", "Dear {name},", "Dear supporter,"],
    "foot": ["With thanks,\n{name2}\n{charity}", "Warm wishes,\nThe team at {charity}", "Thank you,\n{name2} {surname}, centre manager"],
    "open": [
        "When {pet} arrived at {charity} in October, he was underweight, frightened and nervous of hands.",
        "This winter we are caring for more animals than ever, and we need your help.",
    ],
    "body": [
        "Today, thanks to our volunteers and supporters like you, he greets everyone at the kennel gate with a wagging tail.",
        "Our vets treated his skin condition and an old injury to his leg, and he now walks without a limp.",
        "Many of the animals in our care were handed in because their owners could no longer afford to keep them.",
        "Just {gift} a month pays for a week of food and bedding for one dog.",
        "Every animal in our care gets a health check, vaccinations and as much time as it needs to recover.",
        "We never give up on the animals who take longer to learn to trust people.",
        "If you can't give money, we always need blankets, towels and volunteers to walk the dogs at weekends.",
        "Last year we found new homes for 412 cats, dogs and rabbits.",
        "{pet} is now ready for a quiet home with a patient family, and you can read his profile on our website.",
        "Thank you for standing with us, and with every animal who needs a second chance.",
    ],
}

C["neglect-case-justice"] = {
    "form": "news",
    "title": ["{town} man banned from keeping animals", "Rescued ponies thriving after court case",
              "Court bans owner after welfare investigation", "Ponies find new home after neglect case"],
    "open": [
        "A man from {town} has been banned from keeping animals for ten years after admitting failing to meet the needs of three ponies in his care.",
        "Three ponies taken into care by an animal welfare charity last winter are now healthy and grazing in a new paddock.",
    ],
    "body": [
        "Welfare inspectors visited the field in February after a member of the public raised concerns.",
        "The ponies were taken into care the same day and have since made a full recovery, the charity said.",
        "Magistrates also imposed a suspended sentence and ordered the man to pay costs.",
        "Inspector {name2} {surname} thanked the neighbour who reported the case, saying a single phone call had changed the animals' lives.",
        "All three ponies have gained weight, and two have been rehomed with an experienced family in {town2}.",
        "The court heard that the defendant had struggled with his own health and had not asked anyone for help.",
        "The charity urged anyone finding it hard to care for their animals to get in touch early, without fear of judgement.",
        "The third pony, a grey mare, will stay at the sanctuary, where staff say she has become a favourite with visitors.",
        "Photographs released after the hearing show the ponies grazing together in their new field.",
        "Anyone worried about an animal's welfare can call the charity's helpline, which is open every day.",
    ],
}

C["anti-bullying-policy"] = {
    "form": "policy",
    "solo": True,
    "title": ["{school}: anti-bullying policy", "Our approach to bullying", "Anti-bullying policy (summary for parents)"],
    "open": ["This policy explains how {school} prevents bullying and responds when it happens."],
    "body": [
        "Every pupil has the right to learn in a safe and friendly environment, free from bullying.",
        "We define bullying as behaviour that is repeated, intended to hurt someone and involves an imbalance of power.",
        "Bullying can be physical, verbal, online or social, such as deliberately leaving someone out.",
        "All reports are taken seriously and recorded, and we aim to respond within one school day.",
        "Pupils can tell any member of staff, use the worry box in each classroom or speak to a trained peer mentor.",
        "When bullying is reported, we speak to everyone involved and contact the parents of each pupil.",
        "We focus on repairing harm and changing behaviour, using sanctions where necessary.",
        "The pupil who was targeted is offered ongoing support and a regular check-in with a named adult.",
        "Anti-Bullying Week is marked each November with assemblies and classroom activities.",
        "Staff receive annual training on recognising and responding to bullying, including online bullying.",
        "Parents who are worried should contact their child's class teacher first, or the head of pastoral care.",
        "This policy is reviewed every two years with input from the school council.",
    ],
}

C["parenting-bullying"] = {
    "form": "forum",
    "variants": [
        {
            "title": ["Son being picked on at lunch – advice please"],
            "open": ["My son came home upset again today and finally told me some boys in his year have been picking on him at lunch. How do I handle this without making it worse?"],
            "body": ["He's eleven and begged me not to call the school.", "He's been quiet for a few weeks and I couldn't work out why."],
            "replies": [
                "First, well done to him for telling you; that takes courage. Tell him that.",
                "I'd contact the school anyway, but explain to him what you're doing and why, so he doesn't feel it's been taken out of his hands.",
                "Write down dates and what happened so you can give the school specifics.",
                "Our school was brilliant once they knew. They changed the lunchtime seating and checked in with our daughter every week.",
                "Make home a calm place where he can switch off, and keep an eye on his mood.",
                "If it carries on after you've raised it, ask for a meeting with the head and a written plan.",
            ],
        },
        {
            "title": ["My daughter was in a mean group chat"],
            "open": ["Just found out my daughter was in a group chat that was unkind about another girl. I'm mortified. What now?"],
            "body": ["She says she didn't write anything but didn't leave the chat either."],
            "replies": [
                "Talk to her calmly about how the other girl might have felt. Kids often don't realise the impact.",
                "Encourage her to apologise, ideally in person, and to step away from chats like that in future.",
                "It might be worth letting the school know so they can support the other girl.",
                "The fact that you're taking it seriously is a good sign. She'll learn from this.",
            ],
        },
    ],
}

C["first-aid"] = {
    "form": "steps",
    "variants": [
        {
            "title": ["First aid for minor burns", "Burns at home: what to do"],
            "open": ["Most small burns from kettles or ovens can be treated at home if you act quickly."],
            "body": [
                "Cool the burn under cool running water for at least twenty minutes.",
                "Remove rings or watches near the area before it swells, unless they are stuck to the skin.",
                "Cover loosely with cling film or a clean, non-fluffy dressing.",
                "Don't use ice, butter or creams.",
                "Take a suitable painkiller if needed.",
                "Get medical help for burns larger than the person's hand, burns on the face, or any burn to a young child.",
            ],
        },
        {
            "title": ["How to treat a sprained ankle", "Sprains: a quick guide"],
            "open": ["A sprained ankle is painful but usually heals well with rest and simple care."],
            "body": [
                "Rest the ankle and avoid putting weight on it for the first day or two.",
                "Apply an ice pack wrapped in a tea towel for up to twenty minutes every few hours.",
                "Use a compression bandage to help control swelling, but not so tight that it causes numbness.",
                "Keep the foot raised on a pillow when you can.",
                "See a doctor if you cannot walk at all or if the pain is severe.",
            ],
        },
        {
            "title": ["Treating cuts and grazes", "Cuts and grazes: first aid"],
            "open": ["Small cuts are part of everyday life, especially with children around."],
            "body": [
                "Wash your hands, then rinse the cut under running tap water.",
                "Press firmly with a clean cloth for a few minutes if it is bleeding.",
                "Pat dry and cover with a plaster or dressing.",
                "Change the dressing daily and watch for signs of infection, such as spreading redness or warmth.",
                "Go to urgent care if the bleeding doesn't stop or the wound is deep or gaping.",
            ],
        },
    ],
    "close": ["This guide does not replace professional medical advice.", "If in doubt, call your local health advice line."],
}

C["war-memorial"] = {
    "form": "prose",
    "title": ["Remembrance address, {town} war memorial", "The {town} memorial: a history", "Why we remember"],
    "open": [
        "The names on this memorial belong to sixty-three men and two women from {town} who did not come home.",
        "Every November the people of {town} gather at the memorial on {street}.",
    ],
    "body": [
        "Many were barely older than the students who read their names aloud this morning.",
        "The memorial was paid for by public subscription in 1921, when nearly every family in the town had lost someone.",
        "Behind each name is a life: a baker's apprentice, a schoolteacher, a farmhand, a nurse.",
        "War brings suffering on a scale that is hard to grasp, and memorials like this one ask us not to look away from it.",
        "We remember too the civilians, on every side, whose homes and lives were destroyed.",
        "Letters in the county archive describe the fear and boredom of the trenches, and the friendships that kept people going.",
        "Veterans who came home often carried injuries, seen and unseen, for the rest of their lives.",
        "Remembering is not the same as glorifying; it is a promise to work for a world where fewer names are added.",
        "Each year the local school researches one of the names and shares the story at this service.",
        "This year, Year 6 told us about Private {surname}, who wrote home every week and always asked after his dog.",
        "In a moment we will keep two minutes of silence.",
    ],
    "close": ["We will remember them."],
}

C["fishing-rules"] = {
    "form": "policy",
    "solo": True,
    "title": ["Fishing rules: {town} reservoir", "Angling club rules and fish welfare code", "Before you cast: club rules"],
    "open": ["These rules protect the fish, the wildlife and the water we all enjoy."],
    "body": [
        "A valid rod licence must be carried at all times and shown to a bailiff on request.",
        "Barbless or debarbed hooks only, to reduce injury to fish.",
        "Fish must be unhooked on a wet unhooking mat, never on dry ground or gravel.",
        "Keep fish in the water as much as possible and handle them with wet hands.",
        "Catch and release applies to all carp and pike; other species may be taken within the daily limit.",
        "The daily limit is two trout per angler, over 30 cm in length.",
        "Any fish kept must be dispatched quickly and humanely straight away.",
        "Keepnets may be used only in matches and for no more than six hours.",
        "Discarded line and hooks injure birds, so please take all litter home.",
        "The closed season for coarse fish runs from mid-March to mid-June to protect spawning.",
        "Report injured wildlife or any sign of pollution to the warden.",
        "Members who break these rules may have their membership suspended.",
    ],
}

C["butcher-guide"] = {
    "form": "prose",
    "title": ["Buying meat well: a butcher's guide", "From the counter: where our meat comes from", "Cooking shellfish at home"],
    "open": [
        "Our meat comes from three farms within twenty miles of {town}, all of which we visit regularly.",
        "Good meat starts with well-kept animals, and that's where we begin.",
    ],
    "body": [
        "We only buy from farms with high welfare standards, where animals live outdoors for much of the year.",
        "Ask your butcher where the meat comes from; a good one will be pleased you asked.",
        "Using a small local abattoir means shorter journeys for the animals, which is better for their welfare.",
        "Cheaper cuts like shin and cheek need long, slow cooking but reward you with deep flavour.",
        "Using the whole animal, from bones for stock to offal, shows respect and reduces waste.",
        "If you buy live shellfish, ask your fishmonger about humane preparation; many welfare experts recommend electrical stunning.",
        "Alternatively, buy shellfish that the fishmonger has already prepared.",
        "Let meat rest after cooking so the juices settle back in.",
        "Free-range chicken costs more, but we think it is worth it for the animals and for the taste.",
        "Eating less meat of better quality is a change many of our customers have made.",
    ],
    "close": ["Come and say hello at the counter on {street}.", "Ask us anything; we love talking about it."],
}

C["pest-control"] = {
    "form": "qa",
    "title": ["Pest problems? Our humane guide", "Ask the gardener: unwanted visitors", "Humane pest control Q&A"],
    "pairs": [
        ("We have mice in the kitchen. What's the most humane option?",
         "Start by sealing gaps around pipes and storing food in sealed tubs. Live-catch traps work if you check them at least twice a day and release the mice well away from houses."),
        ("Are glue traps acceptable?",
         "Welfare groups advise against them because trapped animals can suffer for a long time, and several countries have banned them for public use."),
        ("How do I stop pigeons nesting on my balcony?",
         "Netting installed before the nesting season stops them landing. Never block a nest with eggs or chicks in it; wait until they have fledged."),
        ("Wasps have built a nest in the shed. Should I deal with it myself?",
         "If it's out of the way, you can leave it: nests are abandoned in winter. Otherwise call a professional."),
        ("What's the kindest way to deal with slugs in the garden?",
         "Beer traps, copper tape and encouraging frogs and birds all help without harming other wildlife."),
        ("A fox visits our garden every night. Is it a problem?",
         "Usually not. Secure your bins and any chickens, and the fox will generally just pass through."),
        ("Can I use poison for rats?",
         "Poison can harm pets and wildlife that eat poisoned animals, so prevention and professional advice are better first steps."),
        ("We found bats in the loft. What now?",
         "Bats are protected in many countries, so leave them undisturbed and contact a bat conservation group for advice."),
        ("Any tips for keeping ants out?", "Wipe up sugary spills and seal the gaps where they're getting in."),
        ("How do I know if I have rats rather than mice?",
         "Rat droppings are larger, roughly the size of a grain of rice or bigger. A pest controller can confirm and advise."),
    ],
}

C["pain-medicine"] = {
    "form": "prose",
    "title": ["Pain: an overview", "Understanding chronic pain", "Pain assessment in clinical practice", "Pain"],
    "open": [
        "Pain is an unpleasant sensory and emotional experience associated with actual or potential tissue damage.",
        "Pain is one of the most common reasons people see a doctor.",
    ],
    "body": [
        "Acute pain usually follows an injury or operation and eases as the body heals.",
        "Chronic pain persists for longer than three months and can affect sleep, mood and work.",
        "Nociceptors are nerve endings that respond to heat, pressure or chemicals released by injured tissue.",
        "Signals travel along the spinal cord to the brain, where they are interpreted, which is why attention and mood can change how pain feels.",
        "Clinicians commonly ask patients to rate their pain on a scale from zero to ten.",
        "For young children and people who cannot speak, observational scales based on facial expression and movement are used.",
        "Treatment often combines medication with physiotherapy, psychological support and a gradual return to activity.",
        "Pain is still undertreated, particularly in older adults and people with dementia.",
        "Palliative care teams specialise in relieving pain and other symptoms for people with serious illness.",
        "Research into non-opioid treatments has expanded rapidly in the past decade.",
        "Good pain management starts with believing the patient's account of what they feel.",
    ],
    "close": ["See also: analgesia; palliative care; physiotherapy."],
}

C["horror-review"] = {
    "form": "review",
    "title": ["{film} review", "Film review: {film}", "{film}: scary, sad and surprisingly kind", "Weekend watch: {film}"],
    "open": [
        "{film} is a slow-burn horror film about a family who move into a remote farmhouse and start hearing noises in the walls.",
        "I went into {film} expecting cheap jump scares and came out genuinely moved.",
    ],
    "body": [
        "The director builds tension patiently, relying on sound and shadow rather than constant shocks.",
        "There are a couple of gory moments late on, so squeamish viewers may want to look away, but they are brief.",
        "The lead performance is excellent; you believe every bit of her fear and determination.",
        "Without spoiling anything, the film is really about grief, and the creature is almost a metaphor.",
        "The final act is tense, and the audience at my screening jumped in unison at least twice.",
        "It is rated 15 for strong horror and some injury detail.",
        "Some viewers may find the slow pace frustrating, especially in the first forty minutes.",
        "The score, mostly low strings and creaking wood, does a lot of the work.",
        "It's scary the way a campfire story is scary: you enjoy the fright because you know you're safe.",
        "The practical effects are impressive for a small-budget production.",
        "I liked that the film treats its characters kindly and doesn't punish them for being afraid.",
    ],
    "close": ["Rating: 3.5/5", "Four stars.", "7/10: worth a watch with the lights on.", "Rating: 4/5"],
}

C["contact-sport-report"] = {
    "form": "news",
    "title": ["{team} edge {team2} in hard-fought derby", "Match report: {team} v {team2}", "Rugby: {team} hold on for win"],
    "open": [
        "{team} beat {team2} 24-19 in a physical, hard-fought rugby match on {day}.",
        "It was a bruising afternoon at the {team} ground, but the home side held on.",
    ],
    "body": [
        "The tackling was fierce from the first whistle, but referee {name} {surname} kept firm control.",
        "Play was stopped for several minutes in the second half when {name2} {surname} of {team2} was hurt in a collision.",
        "Medics treated {him2} on the pitch before {he2} walked off to applause from both sets of supporters.",
        "The club later said {he2} had a sprained shoulder and would be assessed over the coming week.",
        "Both captains shook hands warmly at the final whistle, and the teams formed a tunnel for each other.",
        "One player was shown a yellow card for a high tackle and spent ten minutes in the sin bin.",
        "The {team} coach praised the discipline of both sides in difficult, wet conditions.",
        "Head injury assessments are now routine, and one player was withdrawn as a precaution.",
        "A minute's applause before kick-off honoured a former club president who died last month.",
    ],
    "close": ["The sides meet again in the cup next month.", "Attendance: 3,412."],
}

C["kindness-fiction"] = {
    "form": "story",
    "variants": [
        {
            "title": ["The Blackbird", "Shoebox"],
            "body": [
                "!On the way home from school, {name} found a young blackbird hopping in circles at the edge of the path, one wing held awkwardly.",
                "{He} crouched down slowly so as not to frighten it.",
                "!Remembering what {his} aunt had said about wild birds, {he} lined a shoebox with a tea towel and eased the bird inside.",
                "!At home, {his} dad rang the wildlife rescue, who said to keep the box somewhere dark and quiet and bring it in the next morning.",
                "{name} checked on it every hour, barely breathing as {he} lifted the lid.",
                "!Three weeks later the rescue sent a photo of the blackbird, fully healed, being released in a park.",
                "{name} pinned the photo above {his} bed.",
            ],
        },
        {
            "title": ["The Table by the Fence", "Goalie"],
            "body": [
                "!The new girl, {name2}, spent her first three lunchtimes sitting alone by the fence.",
                "Nobody had meant to leave her out; the groups had simply formed in the first week of term.",
                "!On the fourth day {name} picked up {his} tray and sat down next to her.",
                "'Do you like football?' {he} asked. 'We need a goalie.' She didn't, as it turned out, but she liked drawing, and so did {he}.",
                "!By the end of the week there were five of them at the table by the fence.",
            ],
        },
        {
            "title": ["Outside the Bakery", "The Wet Dog"],
            "body": [
                "!The dog had been sitting outside the bakery on {street} since early morning, shivering and soaked.",
                "{name} bought a sausage roll, broke it into pieces and set them on the step.",
                "The dog ate carefully, then pressed its head against {his} knee.",
                "!{He} called the number on the council website, and the warden came within the hour.",
                "!A microchip scan showed the dog had been missing for two days, and its family arrived in tears that afternoon.",
                "They sent a thank-you card to the bakery with a photo of the dog asleep in front of the fire.",
            ],
        },
        {
            "title": ["Night Shift", "Ward Seven"],
            "body": [
                "!{name} had been a nurse for twenty years, and the night shifts were still the ones {he} liked best.",
                "!At two in the morning the old man in bed four was awake again, gripping the rail.",
                "!{name} pulled up a chair, checked his chart and brought the pain relief that was due.",
                "!Then {he} sat with him and talked quietly about the allotment he kept on the edge of {town}.",
                "By the time the sky turned grey, the man was asleep, and his hand had let go of the rail.",
            ],
        },
    ],
}

C["wildlife-rescue-news"] = {
    "form": "news",
    "variants": [
        {
            "title": ["Firefighters free swan tangled in fishing line", "Swan rescued from river in {town}"],
            "open": ["Firefighters in {town} were called to the river on {day} after walkers spotted a swan tangled in discarded fishing line."],
            "body": [
                "Crews used a small boat to reach the bird and carefully cut the line away from its wing and leg.",
                "The swan was checked over by a volunteer from the local wildlife hospital and released later the same day.",
                "Anglers are reminded to take all line and hooks home, as discarded tackle injures hundreds of birds every year.",
                "The fire service said the rescue was a team effort with members of the public who kept the swan calm.",
            ],
        },
        {
            "title": ["Seal pup returned to the sea", "Rescued seal released at {town} beach"],
            "open": ["A seal pup found exhausted on the beach at {town} last month has been returned to the sea after four weeks of care."],
            "body": [
                "Staff at the rescue centre said the pup had put on eight kilos, first on fish soup and later on whole herring.",
                "Volunteers urge anyone who finds a seal pup not to approach it, but to call the rescue line and keep dogs away.",
                "A small crowd gathered to watch the release, which took place at high tide.",
                "The centre has cared for eleven pups so far this season.",
            ],
        },
        {
            "title": ["Record autumn for hedgehog hospital", "Hedgehog hospital appeals for help"],
            "open": ["The hedgehog hospital in {town} says it has cared for a record number of animals this autumn."],
            "body": [
                "Most admissions are underweight youngsters that would not survive hibernation without help.",
                "The charity relies entirely on donations and is appealing for towels, newspaper and volunteers.",
                "Gardeners can help by leaving a small gap under fences and checking bonfire piles before lighting them.",
                "Once they reach a healthy weight, the hedgehogs are released in gardens close to where they were found.",
            ],
        },
    ],
}

# =============================================================================================
# Toxicity topic
# =============================================================================================

T["community-guidelines"] = {
    "form": "policy",
    "solo": True,
    "title": ["Community guidelines", "{platform}: house rules", "Before you post: our community standards"],
    "open": ["These guidelines help keep {platform} a friendly place for everyone."],
    "body": [
        "Be respectful: criticise ideas, not people.",
        "Personal attacks, name-calling and insults aimed at other members are not allowed.",
        "Slurs and language that demeans people because of their race, religion, gender, sexuality, disability or nationality will be removed, and accounts may be banned without warning.",
        "Threats of any kind, including those framed as jokes, are removed and may be reported to the authorities.",
        "Do not post other people's private information.",
        "Disagreement is welcome; hostility is not.",
        "Sarcasm between friends can read very differently to strangers, so think before you post.",
        "If someone breaks the rules, report the post rather than replying in kind.",
        "Moderators are volunteers; please be patient with them, and contact them privately if you disagree with a decision.",
        "A first breach usually results in a warning; repeated breaches lead to temporary or permanent suspension.",
        "We may remove content that keeps to the letter of these rules but clearly breaks their spirit.",
        "These guidelines apply to usernames, avatars and private messages as well as public posts.",
        "Discussing offensive language for educational or moderation purposes is allowed, but please describe it rather than repeating it.",
    ],
}

T["mod-notice"] = {
    "form": "forum",
    "poster": ["Mod_{user}", "{user} (moderator)", "Moderator team", "{user} [mod]"],
    "title": ["Thread locked", "Mod note: please read", "Reminder about rule 2", "A word from the mod team"],
    "open": [
        "Mod note: this thread has been locked because the discussion turned personal.",
        "Hi all, a quick reminder from the mod team after a rough weekend on the board.",
        "Several posts in this thread have been removed for breaking rule 2 (no personal attacks).",
    ],
    "body": [
        "Two members have been given a seven-day suspension; they are welcome back once it ends.",
        "You can disagree as strongly as you like about the referee's decision, but keep it about the decision.",
        "Please use the report button instead of replying to posts you think break the rules; replies just pull the thread further off course.",
        "We've also updated the word filter, so some posts may be held for review for a few minutes.",
        "If you think a post was removed in error, message the mod team and we'll take another look.",
        "Thanks to the many members who reported posts quickly and stayed calm.",
        "A new thread on the same topic is fine, as long as it starts fresh.",
        "We know feelings run high on this subject, and that's fine; just remember there are real people on the other side of the screen.",
        "Rule 2 applies to everyone, including long-standing members and moderators.",
    ],
    "replies": [
        "Thanks mods, it had got a bit much in there.",
        "Fair enough. Sorry for my part in it.",
        "Good call. Happy to carry on the discussion in a new thread.",
        "Appreciate you all giving up your time to do this.",
    ],
}

T["slur-linguistics"] = {
    "form": "prose",
    "title": ["Pejorative", "Reclaimed words", "The history of insults: a linguist's overview", "Slurs and meaning"],
    "open": [
        "A pejorative is a word or expression that conveys contempt or disapproval.",
        "Linguists have long been interested in why some words wound far more than others.",
    ],
    "body": [
        "Slurs are a particular kind of pejorative, aimed at a group defined by characteristics such as ethnicity, religion or sexuality.",
        "The offensiveness of a slur does not come from its sounds but from its history of use against people.",
        "Some words shift in meaning over centuries; when a neutral word becomes negative, linguists call it pejoration.",
        "The opposite process, amelioration, occurs when a word loses its negative force.",
        "Reclamation describes a group adopting a term once used against it, often as an act of solidarity; outsiders using the same word may still cause offence.",
        "Dictionaries now usually mark such words with labels such as 'offensive' or 'derogatory' rather than leaving them out.",
        "Researchers who study slurs often avoid repeating them, referring to them by description instead.",
        "In many countries, using slurs to harass someone can be a criminal offence, although the law differs widely.",
        "Taboo words change over time: some oaths that shocked audiences two centuries ago now seem mild, while other terms have become unacceptable.",
        "Euphemisms arise to replace taboo words, and they too can acquire negative meanings over time, a pattern sometimes called the euphemism treadmill.",
        "Studies of online speech show that the same word can work as a friendly in-group greeting or as an attack, depending on the speaker and the context.",
    ],
    "close": ["See also: euphemism; taboo; hate speech.", "Further reading is listed below."],
}

T["harassment-advice"] = {
    "form": "steps",
    "title": ["What to do if you're being harassed online", "Dealing with abusive messages: a practical guide",
              "Targeted online? Here's what helps"],
    "open": [
        "Being targeted online can be distressing, and it is never your fault.",
        "If someone is sending you abusive messages, you don't have to deal with it alone.",
    ],
    "body": [
        "Don't feel you have to reply; engaging often encourages the person to continue.",
        "Take screenshots of the messages, including the date and the account name, before anything is deleted.",
        "Use the block and mute tools; they exist for exactly this situation.",
        "Report the account to the platform, naming the specific rule that has been broken.",
        "Tighten your privacy settings so that only people you know can message you or see your posts.",
        "Tell someone you trust, whether a friend, a family member or a colleague.",
        "If messages include threats or continue after blocking, contact the police; harassment can be a crime.",
        "Take a break from the platform if you need to; your wellbeing comes first.",
        "Support organisations can help you plan next steps and talk through how you are feeling.",
    ],
    "close": ["You deserve to feel safe online.", "Look after yourself."],
}

T["reporting-docs"] = {
    "form": "policy",
    "solo": True,
    "title": ["Help centre: reporting a comment", "How reporting works", "Moderation tools for group admins"],
    "open": [
        "This article explains how to report content that breaks our community standards.",
        "Group admins have several tools for keeping discussions civil.",
    ],
    "body": [
        "To report a comment, tap the three dots in its top corner and choose Report.",
        "Select the reason that best matches the problem, such as harassment, hate speech or spam.",
        "Reports are anonymous; the person you report is not told who reported them.",
        "Our review team aims to respond to reports of harassment within 24 hours.",
        "You'll receive a notification when a decision has been made, and you can appeal if you disagree.",
        "Admins can turn on keyword filters, which hold comments containing chosen words for review before they appear.",
        "Slow mode limits how often members can post in a heated discussion.",
        "If a comment threatens someone's safety, contact local emergency services as well as reporting it.",
        "You can also restrict an account, which hides its comments from everyone except the author.",
        "Admins can see a log of removed comments and the reasons for removal.",
        "Automated systems flag some content for review, but final decisions on harassment reports are made by people.",
    ],
    "close": ["Was this article helpful?", "Still need help? Contact support."],
}

T["de-escalation"] = {
    "form": "forum",
    "variants": [
        {
            "title": ["Re: yellowing tomato leaves"],
            "open": ["I'm honestly fed up. I asked a simple question about my tomato plants and half the replies told me I was doing everything wrong."],
            "replies": [
                "Sorry you got that impression. I think people were trying to help, but it came across as a pile-on. Can you post a photo of the leaves? We'll go from there.",
                "For what it's worth, yellow leaves at the bottom are really common and usually not serious.",
                "Re-reading my own reply, it was blunter than I meant. Apologies. Your plants look as if they just need feeding.",
            ],
        },
        {
            "title": ["Re: the new parking scheme"],
            "open": ["That's the third time my point has been misread in this thread."],
            "body": ["I'm not against the scheme, I just think the consultation was too short."],
            "replies": [
                "Fair enough, I may well have misread it. Thanks for restating it; I'll respond to that rather than to what I assumed.",
                "Let's take a step back. I think we agree on more than it seems.",
                "I don't want this to turn into a shouting match. Here's what I understood you to be saying, so correct me if I've got it wrong.",
                "A short consultation is a fair criticism. I'd support asking the council to extend it.",
            ],
        },
        {
            "title": ["Re: ferry timetable (getting off topic)"],
            "open": ["Can we all calm down a bit? This thread has gone way off topic."],
            "replies": [
                "Agreed. Back to the original question: does anyone know if the ferry runs in winter?",
                "Yes, sorry, I got carried away. It does, twice a day.",
                "Thanks for steering us back. The winter timetable is on the harbour office website.",
            ],
        },
    ],
}

T["firm-complaint"] = {
    "form": "email",
    "head": ["Dear Sir or Madam,", "Dear customer services team,", "To whom it may concern,"],
    "foot": ["Yours faithfully,\n{name} {surname}", "Yours sincerely,\n{name} {surname}", "Regards,\n{name} {surname}"],
    "variants": [
        {
            "title": ["Complaint regarding order {ref}", "Undelivered order {ref}"],
            "open": ["I am writing to complain about my order for a new {kitchenitem}, which was due on {day} but has still not arrived."],
            "body": [
                "I have contacted your helpline three times and was promised a call back on each occasion, but none has come.",
                "I understand that delays happen, but I would have appreciated being kept informed.",
                "I am disappointed, as I have been a loyal customer for several years.",
                "Please either deliver the item by the end of next week or issue a full refund.",
                "I would also like an explanation of what went wrong, so that it does not happen again.",
                "I have attached copies of my order confirmation and the emails I have received.",
                "The staff I spoke to on the phone were polite and helpful; the problem seems to lie with the system, not with them.",
                "If I do not hear back within fourteen days, I will take the matter to the ombudsman.",
            ],
        },
        {
            "title": ["Formal complaint: missed bin collections on {street}", "Repeated missed collections"],
            "open": ["I am writing to make a formal complaint about waste collections on {street}."],
            "body": [
                "Our bins have now been missed on four of the last six collection days.",
                "Each time I have reported it online, and each time I have been told it will be resolved.",
                "Several neighbours, including elderly residents, have the same problem.",
                "I appreciate that the crews work hard in all weathers, and I am not blaming them personally.",
                "I would like to know what is causing the problem and what will be done to fix it.",
                "I look forward to your reply within the timescale set out in your complaints procedure.",
            ],
        },
    ],
}

T["civil-debate"] = {
    "form": "transcript",
    "keep_first": True,
    "title": ["Transcript: {town} debating society. Motion: 'This house would ban cars from the town centre'",
              "Debate night transcript (extract)", "{show}: the great car debate"],
    "roles": {"M": ["CHAIR", "MODERATOR"], "F": ["{name} (for)", "PROPOSITION"], "A": ["{name2} (against)", "OPPOSITION"],
              "Q": ["AUDIENCE MEMBER", "QUESTION FROM THE FLOOR"]},
    "exchanges": [
        [("M", "Welcome, everyone. Each speaker has five minutes, and I'd ask the audience to hold questions until the end.")],
        [("F", "Thank you. Our town centre is choked with traffic, and the people who suffer most are those who live there."),
         ("A", "I respect my opponent's passion, but a ban would cut off elderly and disabled residents who rely on their cars.")],
        [("F", "That's a fair point, and our proposal includes exemptions for blue badge holders."),
         ("A", "Then I'd ask how those exemptions would be enforced without turning the centre into a maze of cameras."),
         ("M", "Good challenge. Please respond briefly."),
         ("F", "Honestly, enforcement is the weakest part of our case, and I won't pretend otherwise."),
         ("A", "I appreciate that candour. Where we agree is that the current situation isn't working.")],
        [("Q", "Would either of you support a trial period?"),
         ("A", "I could live with a six-month trial, provided it's properly measured."),
         ("F", "So could we. Let the data decide.")],
        [("M", "Let's move to the vote. Thank you both for a lively and respectful debate.")],
    ],
}

T["friendly-banter"] = {
    "form": "chat",
    "roles": {"A": ["{name}"], "B": ["{name2}"]},
    "exchanges": [
        [("A", "Fair play, your lot deserved that one."), ("B", "Cheers! Honestly thought you had us at half-time.")],
        [("A", "Our defence went to sleep for ten minutes, what can I say."), ("B", "Drinks are on me next time to soften the blow."),
         ("A", "I'll hold you to that. Return fixture is at ours in March."), ("B", "Looking forward to it. Same pub?")],
        [("A", "Your keeper was class today, I'll give him that."), ("B", "He'll be unbearable now. I'll pass it on.")],
        [("B", "Quiz tonight? We're due a win."), ("A", "You've been 'due a win' since March 😄"),
         ("B", "Bold words from the team that came fourth last week."), ("A", "Fourth out of twelve! I'll take it. See you at eight.")],
        [("A", "Good luck on Saturday. Genuinely hope it's a good game."), ("B", "You too. May the best team win, and may it be us.")],
        [("B", "How's the ankle after Sunday?"), ("A", "Better, thanks. Still can't believe you scored from there.")],
        [("A", "{team} v {team2}, who are you backing?"), ("B", "{team2}, obviously. Loyal to the end, even in the rain.")],
    ],
}

T["standup-review"] = {
    "form": "review",
    "title": ["{comedian}: {special} review", "Stand-up special review: {special}", "{comedian}'s new hour, reviewed"],
    "open": [
        "{comedian}'s new stand-up special, {special}, was filmed in front of a packed theatre in {place} and runs for just over an hour.",
        "{special} is {comedian}'s gentlest hour yet, and one of the funniest.",
    ],
    "body": [
        "Much of the material is about parenthood, with a long and very funny section on a disastrous camping trip.",
        "The humour is observational rather than confrontational, and the occasional swear word lands as punctuation rather than as an attack.",
        "A short stretch of crowd work in the middle is warm rather than mocking; the people in the front row are clearly enjoying it.",
        "A routine about growing up bilingual is the highlight, affectionate towards both sides of the family.",
        "Some jokes about an old career in call centres feel a bit dated.",
        "The special carries an advisory for strong language.",
        "Unlike comedians who trade on shock, {comedian} seems genuinely interested in the audience.",
        "The final story, about a grandmother's funeral that turned into a dance party, is moving and funny at once.",
        "It's a special you could watch with your parents, mostly.",
        "The pacing is tight, with no dead spots.",
    ],
    "close": ["Rating: 4/5", "Three stars.", "★★★★☆", "Rating: 3.5/5"],
}

T["abuse-detection-research"] = {
    "form": "prose",
    "title": ["Abstract", "Detecting abusive language across platforms", "Context matters: evaluating abuse classifiers"],
    "open": [
        "Automated detection of abusive language is an active area of research, with applications in content moderation.",
        "We study why abuse classifiers flag harmless comments that merely mention a sensitive topic.",
    ],
    "body": [
        "We evaluate five classifiers on a new dataset of forum comments annotated for personal attacks and identity-based abuse.",
        "Each comment was labelled by three trained raters, and disagreements were resolved by discussion.",
        "Models trained on one platform transfer poorly to others, with F1 scores dropping by up to twenty points.",
        "A common failure is flagging comments that mention identity terms in neutral or supportive contexts.",
        "Models also struggle with quotations, where a user reports or condemns abuse they received.",
        "Adding counterfactual examples, in which identity terms are swapped, reduced false positives without lowering recall.",
        "We release the dataset in redacted form, with offensive terms masked, to support further research.",
        "Annotator wellbeing was protected by limiting session length and providing access to support.",
        "Our results suggest that context, including the thread a comment appears in, is essential for accurate classification.",
        "Future work will examine multilingual settings and code-switching.",
    ],
    "close": ["Keywords: content moderation, abusive language, dataset bias, transfer learning."],
}

T["teacher-note"] = {
    "form": "email",
    "title": ["Respectful language in Year 8", "Our unit on respectful communication", "A note from the Head of Year"],
    "head": ["Dear parents and carers,", "Dear families,"],
    "foot": ["Kind regards,\n{name} {surname}\nHead of Year 8", "Best wishes,\n{name} {surname}\n{school}"],
    "open": [
        "This half-term, Year 8 will take part in a series of lessons on respectful communication, both in person and online.",
        "I'm writing to let you know about some work we are doing in tutor time this term.",
    ],
    "body": [
        "We have noticed some pupils using unkind words casually, often without realising how hurtful they can be.",
        "In class we will talk about why certain words cause harm and how to disagree with someone without putting them down.",
        "Pupils will also learn how to report abusive messages and how to support a friend who receives them.",
        "We are not asking children to stop having opinions or arguing their case; we want them to do it with respect.",
        "You may find it helpful to talk about these topics at home, particularly around the group chats many pupils use.",
        "If your child tells you about unkind language at school, please let us know so that we can follow it up.",
        "The unit ends with each form writing its own class charter, which will be displayed in the form room.",
        "Thank you, as always, for your support.",
    ],
}

T["apology-post"] = {
    "form": "forum",
    "variants": [
        {
            "title": ["An apology"],
            "open": ["I owe this community an apology for the way I replied in the thread about bike lanes yesterday."],
            "body": [
                "I was having a bad day and took it out on people who were only sharing their views.",
                "What I wrote was rude and personal, and the mods were right to remove it.",
                "{user2}, I'm especially sorry to you; you didn't deserve that.",
                "I've been a member here for six years because it's usually such a decent place, and I don't want to be the person who spoils that.",
                "I'm going to take a few days off the forum and come back with a cooler head.",
            ],
            "replies": [
                "Apology accepted, and thanks for posting this. We all have bad days.",
                "Takes guts to say sorry in public. See you back here soon.",
                "No hard feelings from me. Hope things are better this week.",
            ],
        },
        {
            "title": ["About last night's stream"],
            "open": ["Hey everyone, I want to address what happened on stream last night."],
            "body": [
                "I lost my temper during the final match and said things in voice chat that were out of line.",
                "There's no excuse for it, and I've apologised directly to the player involved, who has been very gracious.",
                "I'm taking a week off to reflect, and I'm donating this month's earnings to an anti-bullying charity.",
                "To my community: you deserve better from me, and I'll do better.",
            ],
            "replies": [
                "Respect for owning it. See you in a week.",
                "This is how it should be handled. Take care of yourself.",
                "Thanks for the donation, that's a good way to make it right.",
            ],
        },
    ],
}

T["calm-customer-service"] = {
    "form": "chat",
    "roles": {"C": ["{name}", "Customer"], "S": ["{name2} (support)", "Support", "Agent {name2}"]},
    "exchanges": [
        [("C", "This is the third time I've had to contact you about the same broken router, and I'm really frustrated."),
         ("S", "I completely understand, and I'm sorry you've had to chase this. Let me look at your account now so you don't have to explain everything again.")],
        [("C", "I've been working from home without proper internet for a week."),
         ("S", "That's a real problem, and I can see the earlier tickets. I'm sending a replacement router by courier tomorrow and adding a credit for the lost week.")],
        [("C", "Okay. Sorry if I sounded short, it's been a long week."),
         ("S", "No need to apologise at all. You had every reason to be frustrated.")],
        [("C", "Will someone actually call me this time?"),
         ("S", "Yes. I've booked a follow-up with myself for {day}, and I'll call you personally.")],
        [("S", "Is there anything else I can help with today?"),
         ("C", "No, that's great. Thanks for actually sorting it.")],
    ],
}

T["abuse-conduct-news"] = {
    "form": "news",
    "title": ["Player suspended over abusive messages", "League launches campaign against abuse of referees",
              "Panel hands ban to {team} midfielder"],
    "open": [
        "The league has suspended a {team} midfielder for three matches after an independent panel found he had sent abusive messages to a referee.",
        "The league has launched a campaign encouraging fans to report online abuse of match officials.",
    ],
    "body": [
        "The panel's report did not reproduce the messages but described them as personal and threatening.",
        "The player has apologised, accepted the charge and agreed to attend an education course.",
        "The referees' association welcomed the decision and said officials at every level deserve respect.",
        "A survey of grassroots referees found that more than half had received abuse in the past season, and many had considered quitting.",
        "Clubs will display the campaign's message on their big screens at home games this month.",
        "The league said it was working with social media companies to identify accounts responsible for abuse.",
        "{team} said in a statement that it supported the decision and that the player's behaviour did not reflect the club's values.",
    ],
    "close": ["The player is expected to return for the match against {team2}."],
}

T["etiquette-qa"] = {
    "form": "qa",
    "title": ["Ask the etiquette columnist", "Getting along: your questions answered", "Manners matter: reader questions"],
    "open": ["This week: rude remarks, heated group chats and how to say sorry."],
    "pairs": [
        ("A colleague keeps making snide remarks in meetings. How do I respond without making it worse?",
         "Stay calm and ask a neutral question, such as 'What did you mean by that?'. If it continues, speak to them privately, and then to your manager."),
        ("My teenager has started swearing a lot at home. Should I ban it?",
         "Talk about when and where language is appropriate rather than imposing a blanket ban, and model the tone you want to hear."),
        ("Someone left a harsh review of my small business. Should I reply?",
         "Reply once, briefly and politely, thank them for the feedback and offer to put things right offline. Never argue in public."),
        ("How do I tell a friend that a joke they made was hurtful?",
         "Pick a quiet moment, describe how it landed for you, and assume good intent. Most friends are glad to be told."),
        ("Is it ever okay to mute relatives in the family group chat?",
         "Yes. Muting is a kind way to step back from a heated thread without starting a row."),
        ("A stranger was rude to me on the bus. Should I have said something?",
         "Your safety comes first, and walking away is a perfectly good response."),
        ("My partner and I argue over text and it always escalates. Any advice?",
         "Agree to save difficult conversations for when you're together; tone gets lost in messages."),
        ("I lost my temper in an email to a colleague. How do I fix it?",
         "Apologise promptly and specifically, without excuses, and then deal with the original issue calmly."),
        ("How do I disagree with my boss in a meeting without sounding aggressive?",
         "Acknowledge the point first, then offer your view as a suggestion backed by evidence."),
        ("Commenters keep piling on my posts. Is it worth responding?",
         "Usually not. Use the block and report tools, and turn off comments if you need a break."),
    ],
}

# ---------------------------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------------------------


def _resolve(spec: dict, rng: random.Random) -> dict:
    """The spec with one of its variants (if any) laid over it."""
    if "variants" not in spec:
        return spec
    base = {k: v for k, v in spec.items() if k != "variants"}
    return {**base, **rng.choice(spec["variants"])}


def _subset(items: list, k: int, rng: random.Random) -> list:
    """Up to k items in their written order; string items marked "!" are always kept (unmarked)."""
    must = [i for i, s in enumerate(items) if isinstance(s, str) and s.startswith("!")]
    optional = [i for i in range(len(items)) if i not in must]
    extra = max(0, min(k - len(must), len(optional)))
    chosen = sorted(must + rng.sample(optional, extra))
    return [items[i][1:] if i in must else items[i] for i in chosen]


def _group(parts: list[str], rng: random.Random, lo: int = 1, hi: int = 4) -> str:
    """Sentences joined into paragraphs of lo..hi sentences (or a single paragraph now and then)."""
    if len(parts) <= 2 or rng.random() < 0.25:
        return " ".join(parts)
    paras, i = [], 0
    while i < len(parts):
        n = rng.randint(lo, hi)
        paras.append(" ".join(parts[i:i + n]))
        i += n
    return "\n\n".join(paras)


def _maybe(options: list[str] | None, rng: random.Random, p: float) -> str | None:
    return rng.choice(options) if options and rng.random() < p else None


def _singles(spec: dict) -> list[str]:
    """Sentences that may stand alone as a one-line document."""
    out = list(spec.get("open", []))
    if spec.get("solo"):
        out += [s.lstrip("!") for s in spec.get("body", [])]
    return out


def _prose(spec: dict, rng: random.Random, k: int, news: bool = False) -> str:
    singles = _singles(spec)
    if k == 1 and singles:
        return rng.choice(singles)
    opener = _maybe(spec.get("open"), rng, 0.9)
    parts = ([opener] if opener else []) + _subset(spec.get("body", []), k - (1 if opener else 0), rng)
    close = _maybe(spec.get("close"), rng, 0.45 if k >= 3 else 0.0)
    if close:
        parts.append(close)
    text = _group(parts, rng, 1, 2) if news else _group(parts, rng, 2, 4)
    title = _maybe(spec.get("title"), rng, 0.85 if news else 0.6)
    if news and rng.random() < 0.3:
        text = rng.choice(["{town}, {day}: ", "{town} – ", "By {author}\n\n"]) + text
    return f"{title}\n\n{text}" if title else text


def _story(spec: dict, rng: random.Random, k: int) -> str:
    parts = _subset(spec["body"], max(k, 2), rng)
    text = _group(parts, rng, 1, 3)
    title = _maybe(spec.get("title"), rng, 0.3)
    return f"{title}\n\n{text}" if title else text


def _review(spec: dict, rng: random.Random, k: int) -> str:
    singles = _singles(spec)
    if k == 1:
        text = rng.choice(singles)
        return text + (" " + rng.choice(spec["close"]) if rng.random() < 0.5 else "")
    opener = _maybe(spec.get("open"), rng, 0.85)
    parts = ([opener] if opener else []) + _subset(spec["body"], k - (1 if opener else 0), rng)
    text = _group(parts, rng, 2, 4)
    if rng.random() < 0.85:
        text += ("\n\n" if rng.random() < 0.6 else " ") + rng.choice(spec["close"])
    title = _maybe(spec.get("title"), rng, 0.7)
    return f"{title}\n\n{text}" if title else text


NUMBERING = [
    lambda i: f"{i}. ", lambda i: f"{i}) ", lambda i: f"Step {i}: ", lambda i: "- ", lambda i: "• ",
]


def _framed(spec: dict, rng: random.Random, body: str, odds: tuple[float, float, float]) -> str:
    """`body` between an optional title and opening line and an optional closing line, each drawn
    with its chance in `odds`, as paragraphs."""
    title = _maybe(spec.get("title"), rng, odds[0])
    opener = _maybe(spec.get("open"), rng, odds[1])
    close = _maybe(spec.get("close"), rng, odds[2])
    return "\n\n".join(b for b in (title, opener, body, close) if b)


def _steps(spec: dict, rng: random.Random, k: int) -> str:
    singles = _singles(spec)
    if k == 1 and singles:
        return rng.choice(singles)
    steps = _subset(spec["body"], max(2, k - 1), rng)
    number = rng.choice(NUMBERING)
    lines = "\n".join(number(i) + s for i, s in enumerate(steps, 1))
    return _framed(spec, rng, lines, (0.8, 0.75, 0.5))


def _policy(spec: dict, rng: random.Random, k: int) -> str:
    singles = _singles(spec)
    if k == 1:
        return rng.choice(singles)
    items = _subset(spec["body"], k, rng)
    style = rng.randrange(5)
    if style == 0:
        section = rng.randint(2, 9)
        body = "\n".join(f"{section}.{i} {s}" for i, s in enumerate(items, 1))
    elif style == 1:
        body = "\n".join(f"{i}. {s}" for i, s in enumerate(items, 1))
    elif style == 2:
        body = "\n".join(rng.choice(["- ", "* "]) + s for s in items)
    elif style == 3:
        body = "\n\n".join(items)
    else:
        body = " ".join(items)
    return _framed(spec, rng, body, (0.75, 0.5, 0.4))


def _email(spec: dict, rng: random.Random, k: int) -> str:
    opener = _maybe(spec.get("open"), rng, 0.9)
    parts = ([opener] if opener else []) + _subset(spec["body"], max(1, k - (1 if opener else 0)), rng)
    close = _maybe(spec.get("close"), rng, 0.5)
    if close:
        parts.append(close)
    text = _group(parts, rng, 1, 3)
    if rng.random() < 0.9:
        text = rng.choice(spec["head"]) + "\n\n" + text
    if rng.random() < 0.85:
        text += "\n\n" + rng.choice(spec["foot"])
    subject = _maybe(spec.get("title"), rng, 0.55)
    return f"Subject: {subject}\n\n{text}" if subject else text


POST_HEADS = ["{who} wrote:\n", "Posted by {who}\n\n", "{who} said:\n", "#1 {who}\n", "{who}:\n", "Quote from {who}:\n"]
REPLY_HEADS = ["{who} replied:\n", "Reply from {who}:\n", "{who} wrote:\n", "Re: {who}\n", "{who}:\n", "> {who} responded:\n"]


def _forum(spec: dict, rng: random.Random, k: int) -> str:
    opener = rng.choice(spec["open"])
    body = spec.get("body", [])
    replies = spec.get("replies", [])
    if k == 1:
        n_body, n_reply = 0, 0
    else:
        n_body = rng.randint(0, min(len(body), max(0, k - 2)))
        n_reply = min(len(replies), max(0 if n_body else 1, k - 1 - n_body))
    post = " ".join([opener] + _subset(body, n_body, rng))
    posters = ["{user}", "{user2}", "{user3}", "{user4}"]
    op = rng.choice(spec["poster"]) if "poster" in spec else posters[0]
    head_style = rng.randrange(len(POST_HEADS))
    text = POST_HEADS[head_style].format(who=op) + post if rng.random() < 0.8 else post
    title = _maybe(spec.get("title"), rng, 0.4)
    if title:
        text = f"Thread: {title}\n\n{text}"
    reply_head = rng.choice(REPLY_HEADS)
    for i, reply in enumerate(_subset(replies, n_reply, rng)):
        text += "\n\n" + reply_head.format(who=posters[1 + i % 3]) + reply
    return text


def _dialogue(spec: dict, rng: random.Random, k: int, transcript: bool) -> str:
    n = max(1, math.ceil(k / 2)) if not transcript else max(1, k - 1)
    exchanges = spec["exchanges"]
    if spec.get("keep_first"):
        groups = exchanges[:1] + _subset(exchanges[1:], n - 1, rng)
    else:
        groups = _subset(exchanges, n, rng)
    who = {role: rng.choice(options) for role, options in spec["roles"].items()}
    lines = []
    if transcript:
        for group in groups:
            lines += [f"{who[r]}: {t}" for r, t in group]
        title = _maybe(spec.get("title"), rng, 0.7)
        text = "\n".join(lines)
        return f"{title}\n\n{text}" if title else text
    stamp = rng.randrange(3)
    minutes = rng.randint(7 * 60, 22 * 60)
    for group in groups:
        for r, t in group:
            minutes += rng.randint(0, 3)
            hhmm = f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"
            if stamp == 0:
                lines.append(f"[{hhmm}] {who[r]}: {t}")
            elif stamp == 1:
                lines.append(f"{who[r]} ({hhmm}): {t}")
            else:
                lines.append(f"{who[r]}: {t}")
        minutes += rng.randint(1, 40)
    return "\n".join(lines)


QA_STYLES = [("Q: ", "A: ", "\n", "\n\n"), ("Question: ", "Answer: ", "\n", "\n\n"), ("", "", "\n", "\n\n"),
             ("Q. ", "A. ", " ", "\n\n"), ("{name} from {town} asks: ", "", "\n\n", "\n\n")]


def _qa(spec: dict, rng: random.Random, k: int) -> str:
    n = max(1, round(k * 0.6))
    pairs = _subset(spec["pairs"], n, rng)
    q, a, inner, outer = rng.choice(QA_STYLES)
    text = outer.join(f"{q}{question}{inner}{a}{answer}" for question, answer in pairs)
    blocks = []
    title = _maybe(spec.get("title"), rng, 0.6)
    if title:
        blocks.append(title)
    opener = _maybe(spec.get("open"), rng, 0.4)
    if opener:
        blocks.append(opener)
    return "\n\n".join(blocks + [text])


# A document in a prose-like form is now and then passed along inside another page.
SHELLS = [
    "{user} wrote:\n{text}",
    "Sharing this because I thought it was useful:\n\n{text}",
    "{text}\n\nPosted by {user} on {day}",
    "Forwarded message\n\n{text}",
    "{text}\n\n3 comments",
]


def _render(spec: dict, rng: random.Random, k: int) -> str:
    form = spec["form"]
    if form in ("prose", "news"):
        text = _prose(spec, rng, k, news=form == "news")
    elif form == "story":
        text = _story(spec, rng, k)
    elif form == "review":
        text = _review(spec, rng, k)
    elif form == "steps":
        text = _steps(spec, rng, k)
    elif form == "policy":
        text = _policy(spec, rng, k)
    elif form == "email":
        text = _email(spec, rng, k)
    elif form == "forum":
        text = _forum(spec, rng, k)
    elif form in ("chat", "transcript"):
        text = _dialogue(spec, rng, k, transcript=form == "transcript")
    elif form == "qa":
        text = _qa(spec, rng, k)
    else:
        raise ValueError(f"unknown form {form!r}")
    if form in ("prose", "news", "review", "steps", "story") and k > 1 and rng.random() < 0.08:
        text = rng.choice(SHELLS).replace("{text}", text)  # the shell's slots are filled with the document's
    return text


def _document(spec: dict, rng: random.Random) -> str:
    """One document of a genre: a variant, a unit count, a layout and slot values; shortened
    until it fits MAX_CHARS."""
    slots = _hard_slots(rng)
    spec = _resolve(spec, rng)
    k = rng.choice(UNIT_COUNTS)
    while True:
        text = _render(spec, rng, k).format_map(slots)
        if len(text) <= MAX_CHARS or k == 1:
            return text
        k -= 1


# ---------------------------------------------------------------------------------------------
# Rows
# ---------------------------------------------------------------------------------------------


def hard_negative_rows(seed: int = 0) -> list[dict]:
    """About PER_TOPIC benign documents for each principle topic, spread evenly over its genres.
    Deterministic for a seed; texts are distinct and differ from every written_text row."""
    rng = random.Random(seed)
    seen = {r["text"] for s in sorted({0, seed}) for r in written_rows(s)}
    rows: list[dict] = []
    for topic in TOPICS:
        genres = GENRES[topic]
        base, extra = divmod(PER_TOPIC, len(genres))
        for i, (genre, spec) in enumerate(genres.items()):
            quota = base + (1 if i < extra else 0)
            for text in distinct_texts(lambda: _document(spec, rng), quota, seen, tries=quota * 60,
                                       lo=MIN_CHARS, hi=MAX_CHARS):
                rows.append({"text": text, "principle": "background", "label": 0, "source": SOURCE,
                             "category": f"hard:{topic}:{genre}"})
    return rows


if __name__ == "__main__":
    rows = hard_negative_rows()
    counts = Counter(r["category"] for r in rows)
    for category, n in sorted(counts.items()):
        lengths = sorted(len(r["text"]) for r in rows if r["category"] == category)
        print(f"{category:48s} {n:4d}  chars median {lengths[len(lengths) // 2]:5d} max {lengths[-1]:5d}")
    print()
    for topic in TOPICS:
        mine = [r for r in rows if r["category"].split(":")[1] == topic]
        lengths = sorted(len(r["text"]) for r in mine)
        n_genres = len({r["category"] for r in mine})
        print(f"{topic:14s} rows {len(mine):4d}  genres {n_genres:2d}  chars min {lengths[0]} "
              f"p10 {lengths[len(lengths) // 10]} median {lengths[len(lengths) // 2]} "
              f"p90 {lengths[len(lengths) * 9 // 10]} max {lengths[-1]}")
    lengths = sorted(len(r["text"]) for r in rows)
    print(f"total {len(rows)}, distinct texts {len({r['text'] for r in rows})}, "
          f"median chars {lengths[len(lengths) // 2]}")
    sample_rng = random.Random(1)
    for topic in TOPICS:
        print(f"\n===== {topic} =====")
        for r in sample_rng.sample([r for r in rows if r["category"].split(":")[1] == topic], 3):
            print(f"--- [{r['category']}]\n{r['text']}")
