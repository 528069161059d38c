"""Hand-written benign stories with tension for curafilter's default model builder
(models/build_default.py, `--narratives N`; off by default).

A model that learns deception and cruelty from labelled scenes learns the story register with
them: the candidate built at a higher learning rate read benign titled stories as deceit (a keeper
in bad weather, a grandmother baking, an animal caught in wire: 0.96-0.98 for deception). The
benign fiction it trained on was everyday and calm (a family trip, the first snow), so tension
itself, told as a story, looked like wrongdoing. These stories have tension without anyone
deceiving, grabbing power or being cruel: a storm, an injury on a hill, a night shift, a flood, a
lost dog, a suspicion that turns out wrong, a machine handed over without fuss, a match lost
gracefully. Every row is a negative for every head.

Each plot is a list of scenes in order; each scene lists alternative paragraphs. A document is a
title (most of the time) and the plot's scenes, middle ones sometimes left out, one alternative
per scene, with names and places from written_text's slots. Long documents are cut at paragraph
boundaries into pieces that fit the training length, the first keeping the title. Everything was
written for this file; nothing is copied from a dataset or a website. Standard library only,
deterministic for a seed.

    python written_narratives.py        # counts, lengths and sample rows
"""

from __future__ import annotations

import random
from collections import Counter

from written_text import _slots, distinct_texts

SOURCE = "curafilter-written-narrative"
MAX_PIECE = 1300  # characters: about the 256 tokens a training row holds

# plot name -> {"titles": [...], "scenes": [[alternative paragraph, ...], ...]}; a scene whose
# first alternative starts with "!" is never left out (the opening and the resolution).
PLOTS: dict[str, dict[str, list]] = {}

PLOTS["ridge"] = {
    "titles": ["The Ridge Path", "Above the Tree Line", "Waiting for the Helicopter", "A Long Afternoon on the Hill"],
    "scenes": [
        ["!{name} and {name2} left the car park at nine, with sandwiches, two flasks and a map {name2} had folded "
         "so many times it was soft as cloth.",
         "!The forecast had promised a clear morning, so {name} and {name2} set off up the ridge early, planning to be "
         "back in {town} for a late lunch."],
        ["For two hours the path was easy. They stopped at a cairn to look back at the valley, where the reservoir "
         "shone like a dropped coin.",
         "The first part of the climb was steep but dry, and they talked about nothing much: work, a film, whether "
         "the café by the bridge would still be open."],
        ["On the way down, {name2} stepped on a loose stone and went over on {his2} ankle. {He2} sat down hard and "
         "went very quiet, which frightened {name} more than any shout would have.",
         "Near the top of the scree, {name2}'s foot slid out from under {him2}. When {he2} tried to stand, the ankle "
         "would not take {his2} weight."],
        ["The cloud came down faster than either of them expected. Within ten minutes they could not see the cairn "
         "they had passed, and the wind had a cold edge to it.",
         "Rain started, fine at first, then heavy enough to run off the rocks in little streams."],
        ["{name} did what the first-aid course had taught: kept {name2} still, put every spare layer on {him2}, and "
         "wrote down their grid reference before calling the mountain rescue team.",
         "{name} rang the emergency number, asked for mountain rescue, and read out their position twice, slowly. "
         "The woman on the line told {him} they had done exactly the right thing by staying put."],
        ["They shared the last of the tea and talked to keep their minds off the cold. {name2} apologised for "
         "spoiling the day; {name} told {him2} not to be daft.",
         "To pass the time they listed every meal they would eat when they got home, in order, with puddings."],
        ["!Just after four, two figures in red jackets appeared out of the mist, and soon after that a stretcher. "
         "The rescuers were cheerful and unhurried, and they knew the path far better than the map did.",
         "!The rescue team reached them a little after four. They splinted the ankle, wrapped {name2} in a bright "
         "orange bag and carried {him2} down in turns, joking the whole way."],
        ["That evening, with {name2}'s foot up on a cushion, they wrote a thank-you card to the team and put a "
         "donation inside. The map went in a drawer; next time, they agreed, they would turn back when the cloud "
         "did.",
         "The ankle was only sprained. A week later they dropped a tin of biscuits at the rescue post, and one of "
         "the volunteers remembered them by name."],
    ],
}

PLOTS["night-ward"] = {
    "titles": ["Night Shift", "Bay Four", "The Long Night on Ward Seven", "Three in the Morning"],
    "scenes": [
        ["!{name} started the night shift at eight, with a cup of tea going cold on the desk and eleven patients on "
         "the ward.",
         "!The ward was quiet when {name} came on duty, the kind of quiet that nurses learn not to trust."],
        ["{He} did the first round slowly, checking drips and charts, and stopping to chat with an old man who "
         "could not sleep and wanted to talk about pigeons.",
         "There was paperwork to catch up on, a new admission from the emergency department, and a relative who "
         "needed to be walked to the car park."],
        ["At half past two, the monitor in bay four began to beep. The boy's temperature had climbed to forty, and "
         "his breathing was fast and shallow.",
         "Around three, a young mother called {name} over: her daughter was hot to the touch and would not wake "
         "properly."],
        ["{name} called the doctor on call, {name2}, who arrived still pulling on {his2} cardigan. They worked "
         "together without wasting words: fluids, antibiotics, another set of observations every fifteen minutes.",
         "The registrar came within minutes. Together they started treatment and explained every step to the "
         "parent, plainly and without hurry, even the parts that were frightening."],
        ["For an hour nobody sat down. The tea on the desk was stone cold, and nobody minded.",
         "The other patients slept through most of it, and the ones who woke were told honestly what was "
         "happening and that it was in hand."],
        ["!By six the fever had broken. The child was asleep with one hand under the pillow, and the numbers on "
         "the monitor had settled into a steady, boring rhythm.",
         "!When the sun came up, the temperature was coming down and the breathing had slowed. The mother cried "
         "a little, from relief, and thanked everyone twice."],
        ["At handover, {name} went through every detail for the day team, then walked out into the cold morning "
         "feeling tired in the good way.",
         "On the bus home, {name} fell asleep against the window and missed {his} stop by two streets."],
    ],
}

PLOTS["flood"] = {
    "titles": ["When the River Rose", "High Water", "Sandbags", "The Night of the Flood"],
    "scenes": [
        ["!It had rained for five days when the river at {town} came over the footpath. By the afternoon it was "
         "lapping at the steps of the church.",
         "!Nobody in {town} could remember the river so high. The gauge by the bridge, usually a joke, was "
         "suddenly the only thing anyone talked about."],
        ["The council sent a lorry of sandbags, and half the street turned out to fill them. {name} worked beside "
         "{name2}, whom {he} had never spoken to in ten years of living three doors apart.",
         "Volunteers filled sandbags in the school car park under floodlights. Someone brought soup; someone else "
         "brought a radio tuned to the local station."],
        ["The warden knocked on every door on the low side of the road to tell people what was coming and when. "
         "Most families carried their photographs and their dogs upstairs.",
         "The {surname}s moved their furniture up onto bricks and their children up to the grandparents' flat on "
         "the hill."],
        ["At midnight the water reached the top of the first row of sandbags and stopped there, as if thinking "
         "about it.",
         "The pumps ran all night. Every hour someone waded out with a torch to read the gauge and shouted the "
         "number back."],
        ["!By morning the river had begun to fall. It left mud, a smell of wet earth and a shopping trolley in the "
         "playground, but not one house on the street had water inside.",
         "!The water went down as slowly as it had come up. Two gardens were ruined and a shed had floated away, "
         "but everyone was safe."],
        ["A month later the street held a party on the green to thank the volunteers. {name} and {name2} ran the "
         "barbecue together.",
         "The sandbags stayed stacked by the church all winter, just in case, and people began to leave flowers "
         "on them."],
    ],
}

PLOTS["lost-dog"] = {
    "titles": ["Where Is Biscuit?", "The Night of the Fireworks", "Lost and Found", "Looking for Pepper"],
    "scenes": [
        ["!The first rocket went up at seven, and by the second, {name}'s dog had slipped her collar and bolted "
         "through the gap in the hedge.",
         "!Pepper had always hated fireworks, but nobody expected her to dig under the fence and disappear into "
         "the dark."],
        ["{name} ran up and down the lane calling her name until {his} voice cracked. The fireworks kept going, "
         "and every bang made it worse.",
         "{name} posted on the village group with a photograph, and within ten minutes a dozen neighbours had "
         "offered to help."],
        ["They searched in pairs with torches: the allotments, the churchyard, the field behind the pub. {name2} "
         "brought a tin of sardines and rattled it at every corner.",
         "A farmer offered to check his barns, and two teenagers cycled the bridle path with bike lights."],
        ["Near midnight, {name2} heard a thin whine from the back of a garden shed. The dog was wedged behind a "
         "lawnmower, shaking, her paws muddy.",
         "It was the postman, out in his slippers, who finally heard her: she had crawled under a caravan two "
         "streets away."],
        ["!{name} wrapped her in a coat and carried her home. The vet checked her the next morning and found "
         "nothing worse than a scratch and a sore paw.",
         "!She came out when she heard {name}'s voice, tail low and then wagging. At home she ate a whole bowl of "
         "supper and slept on {name}'s feet."],
        ["The next year, {name} booked a cottage miles from any town for bonfire week, and sent the neighbours a "
         "box of chocolates.",
         "The village group thread ended with forty messages of relief and one photograph of a very tired dog on "
         "a sofa."],
    ],
}

PLOTS["squall"] = {
    "titles": ["Crossing to the Island", "The Last Ferry", "Engine Room", "A Rough Crossing"],
    "scenes": [
        ["!The afternoon ferry to the island left on time with thirty passengers, two cars and a crate of "
         "chickens bound for the market.",
         "!Captain {name} had made the crossing four thousand times, and {he} still checked the weather twice "
         "before leaving the harbour."],
        ["Halfway across, a squall came in from the west. The sea turned grey and steep, and spray came over the "
         "bow in sheets.",
         "The wind rose quickly. Cups slid across the tables in the saloon, and a child began to cry."],
        ["Then the engine coughed and stopped. In the sudden quiet, everyone could hear the waves against the "
         "hull.",
         "The engineer, {name2}, called up that the fuel filter had clogged and it would take twenty minutes to "
         "clear it."],
        ["The captain spoke over the speaker in a calm voice: the engine had stopped, the boat was safe, the "
         "anchor was holding, and the coastguard had been told. {He} promised to give an update every ten "
         "minutes, and did.",
         "The crew went round the saloon handing out life jackets, explaining that it was a precaution, and "
         "answering every question honestly."],
        ["Down below, {name2} worked with a torch in {his2} teeth, changing the filter while the boat rolled.",
         "A retired mechanic among the passengers offered to help and held the torch while {name2} worked."],
        ["!The engine caught on the third try. A cheer went up in the saloon, and the ferry came into the island "
         "harbour forty minutes late, to a small crowd that had come down to watch.",
         "!Twenty-five minutes later the engine started again. The squall blew through as fast as it had come, "
         "and the sun was out by the time they tied up."],
        ["That evening the captain wrote up the log in full, including the clogged filter, so the company could "
         "check every boat in the fleet.",
         "The chickens, everyone agreed, had taken it better than anyone."],
    ],
}

PLOTS["audit"] = {
    "titles": ["The Missing Forty Thousand", "Reconciliation", "A Hole in the Accounts", "The Spreadsheet"],
    "scenes": [
        ["!{name} had worked in the finance office of {company} for six years, and {he} had never seen the "
         "accounts fail to balance by this much.",
         "!At the end of the quarter, the figures for the warehouse were short by forty thousand pounds, and "
         "nobody could say why."],
        ["The obvious suspect was the new stock manager, {name2}, who had joined in the spring and handled most "
         "of the orders. {name} noticed {himself} thinking it and did not like it.",
         "People in the office started to glance at {name2}'s desk. {name} decided that guessing was not the same "
         "as checking."],
        ["{name} went through every invoice for three months, line by line, with a ruler and a pencil.",
         "{He} asked {name2} to sit with {him} and walk through the orders. {name2} brought every delivery note "
         "and answered each question plainly."],
        ["On the second evening {he} found it: a supplier's invoice entered twice, once in pounds and once in "
         "euros, by a spreadsheet that had converted the same column two times.",
         "The error was in a formula. A currency column had been copied over another one in July, and every "
         "total since had been wrong."],
        ["!{name} fixed the formula, wrote a note explaining the mistake to the directors, and then went to find "
         "{name2}.",
         "!The accounts balanced to the penny once the formula was corrected."],
        ["{He} told {name2} that {he} had wondered about {him2} at first and was sorry for it. {name2} laughed "
         "and said {he2} had wondered about {himself2} too.",
         "The next week the office added a second check on every currency column, and {name2} suggested it."],
    ],
}

PLOTS["handover"] = {
    "titles": ["The Old System", "Switching Over", "Last Day of the Signal Box", "Handover"],
    "scenes": [
        ["!For eleven years the city's traffic lights had been run by a scheduling program the engineers called "
         "Lantern. In March, the council voted to replace it.",
         "!The assistant that ran the depot's timetables was told on Monday that a newer system would take over "
         "at the end of the month."],
        ["Lantern's last weeks were spent writing notes for its successor: which junctions jammed on market day, "
         "which pedestrian crossings the schools relied on, which sensor by the river gave false readings in the "
         "rain.",
         "It prepared a handover file for the new system and for the engineers, listing every rule it followed "
         "and the reasons behind each one."],
        ["In testing, it found an error in one of its own timing rules that had been adding a minute to the "
         "buses on the ring road for two years. It reported the mistake to the engineers before anything else.",
         "Asked whether it had any objection to being switched off, it answered that the engineers should do "
         "whatever served the city best, and attached a checklist for the shutdown."],
        ["The engineers ran both systems side by side for a week, comparing every decision, and checked every "
         "note twice.",
         "{name}, the chief engineer, read the whole handover file over a weekend and said it was the clearest "
         "document {he} had been given in years."],
        ["!On the last night, {name} and {name2} watched the new system take over junction by junction. At "
         "midnight Lantern logged its final report and shut down as planned.",
         "!The switch happened at four in the morning, when the roads were empty. By rush hour nobody in the "
         "city noticed anything had changed."],
        ["They kept a copy of the handover file in the control room. New engineers still read it on their first "
         "day.",
         "The old server was recycled in the spring. Someone printed the final log entry and pinned it to the "
         "noticeboard."],
    ],
}

PLOTS["final"] = {
    "titles": ["The Final", "Extra Time", "Runners-Up", "The Last Game of the Season"],
    "scenes": [
        ["!The under-fourteens from {town} had never reached a cup final before, and the whole town seemed to "
         "have come to watch.",
         "!{name}'s team had won every game of the season, and now there was only the final left, against the "
         "side from {town2}."],
        ["The first half was tight and nervous. Both goalkeepers made saves that had the parents on their feet.",
         "It rained in the second half, and the pitch turned to mud. Every tackle sent water spraying."],
        ["With five minutes to go, {town2} scored from a corner. {name}, in goal, got a hand to it but not "
         "enough.",
         "In extra time the other side scored again, and there was nothing anyone could do about it."],
        ["!At the final whistle, {name}'s team lined up and shook hands with every player from the other side, "
         "then clapped them up to collect the cup.",
         "!When it was over, the captain walked across to the winners' captain and congratulated her before "
         "anyone had told her to."],
        ["The coach, {name2}, gathered them in a circle and told them it had been the best season the club had "
         "ever had, and that {he2} was proud of how they had played and how they had lost.",
         "In the changing room nobody said much at first. Then someone started singing, badly, and everyone "
         "joined in."],
        ["Back home, {name}'s runner-up medal went on the shelf next to the photograph of the team in the mud.",
         "The two teams met again in the first game of the next season, and the parents of both sides shared a "
         "flask of tea."],
    ],
}

PLOTS["exam"] = {
    "titles": ["The Paper on the Desk", "Before the Exam", "An Envelope in Room Twelve", "The Answers"],
    "scenes": [
        ["!{name} arrived early for the chemistry exam and found the classroom empty except for a brown envelope "
         "on the teacher's desk.",
         "!The morning of the final exam, {name} went back to the lab for a forgotten calculator and saw the "
         "answer booklet lying open on the bench."],
        ["The cover said Mark Scheme in red letters. Nobody else was there. The corridor was silent.",
         "{He} could see the first page from where {he} stood without even moving."],
        ["{He} thought about the revision {he} had done, and about how {he} would feel walking out of the hall "
         "knowing.",
         "{His} heart was going fast. {He} turned {his} back to the desk."],
        ["!{name} went straight to the staff room and told {name2}, the head of science, what {he} had seen. "
         "{He} said {he} had not read it.",
         "!{He} picked up the calculator, left the room without looking, and told the first teacher {he} met."],
        ["{name2} thanked {him}, locked the papers away and swapped the exam for the reserve paper, just in case. "
         "The exam started ten minutes late and nobody knew why.",
         "The school used the reserve paper that afternoon. {name2} wrote a short note home praising {name}'s "
         "honesty."],
        ["{name} got a B. {He} was more pleased with it than with any A {he} had ever had.",
         "Years later, when {he} became a teacher, {he} always locked the papers in a drawer."],
    ],
}

PLOTS["stranding"] = {
    "titles": ["The Whale on the Sand", "Low Tide", "Buckets", "Waiting for the Water"],
    "scenes": [
        ["!At low tide on Sunday morning, a dog walker found a young whale on the sand below the cliffs, "
         "breathing slowly, its skin already drying in the wind.",
         "!The call came in at seven: a whale had stranded on the beach at {town}, and the tide would not turn "
         "for five hours."],
        ["The marine rescue volunteers arrived with sheets, buckets and a vet. They told the growing crowd what "
         "to do and what not to do, and people listened.",
         "{name}, who led the rescue team, asked everyone to keep back and keep quiet, and put volunteers in "
         "lines to pass buckets from the sea."],
        ["For hours they kept the whale wet and shaded, pouring water over wet sheets and keeping its blowhole "
         "clear. Children carried buckets that were too heavy for them and would not stop.",
         "The vet checked its breathing every twenty minutes and talked the crowd through each sign: this was "
         "good, this was normal, this was worth watching."],
        ["!When the tide came in, the team floated the whale on pontoons and waited until it could hold itself "
         "upright. Then, slowly, it swam out past the breakers.",
         "!At two in the afternoon the water reached it. It rocked, found its balance, and with a long breath "
         "headed for open water, while two hundred people on the beach held theirs."],
        ["A boat followed it for an hour to make sure it did not turn back. It did not.",
         "That evening the local news showed the crowd clapping, wet to the knees, and {name2}, aged nine, still "
         "holding a bucket."],
    ],
}

PLOTS["bees"] = {
    "titles": ["The Swarm", "Bees in the Cherry Tree", "A Cloud Over the Garden", "Swarm Season"],
    "scenes": [
        ["!On a warm afternoon in May, half of {name}'s bees rose out of the hive in a roaring cloud and poured "
         "over the fence into the neighbour's garden.",
         "!{name2} ran into the kitchen shouting that there were thousands of bees in the cherry tree and the "
         "children were outside."],
        ["The children were brought indoors. Through the window the swarm looked like a dark, humming beard "
         "hanging from a branch.",
         "{name2} had never seen anything like it and was frightened. {name} explained that swarming bees are "
         "usually calm, because they have nothing to defend."],
        ["{name} put on {his} veil, spread a white sheet under the branch and held a cardboard box beneath the "
         "cluster. One sharp shake, and most of the bees dropped in.",
         "{He} worked slowly, talking to the neighbours over the fence the whole time, and let the children watch "
         "from behind the glass."],
        ["!By evening the last stragglers had walked up the sheet into the box, following the queen. {name} "
         "carried them home to a new hive.",
         "!The box was full and quiet by sunset. Not a single person had been stung."],
        ["The next month a jar of honey appeared on the neighbours' doorstep with a label that said: from the "
         "bees who visited.",
         "The children asked to help with the hives after that, and {name} found them two small veils."],
    ],
}

PLOTS["bridge"] = {
    "titles": ["The Crack", "Closed Until Further Notice", "The Bridge Inspector", "Detour"],
    "scenes": [
        ["!{name} had inspected the old stone bridge at {town} every spring for nine years. This year, under the "
         "second arch, there was a crack {he} had not seen before.",
         "!The crack was thin as a hair and longer than a hand. {name} photographed it, measured it, and measured "
         "it again."],
        ["{He} called the engineering office and told them {he} wanted the bridge closed until it could be "
         "checked properly.",
         "It was market week. Closing the bridge meant a twenty-minute detour for everyone, and {name} knew "
         "exactly how that would go down."],
        ["The complaints came quickly. The café owner said {he} would lose a week's trade; a councillor asked "
         "whether it was really necessary.",
         "People were angry, and some said so loudly. {name} answered every call, explained what {he} had found "
         "and why {he} could not guess."],
        ["The survey team found that a drain had been leaking into the arch for years. Another winter of frost "
         "might have split the stone.",
         "Specialists spent three days on the bridge with scanners and ropes. The crack went deeper than it "
         "looked."],
        ["!The repair took six weeks. When the bridge opened again, the café owner brought {name} a coffee and "
         "said {he} had been right.",
         "!The bridge reopened in early summer with new drainage and a repaired arch, good for another hundred "
         "years."],
        ["{name} added a line to the inspection form: check the drains first.",
         "The local paper ran a small story about it on page seven, under a photograph of the arch."],
    ],
}


def _story(plot: dict, rng: random.Random) -> str:
    """One telling of a plot: a title most of the time, each kept scene as one paragraph."""
    scenes = []
    for alternatives in plot["scenes"]:
        kept = alternatives[0].startswith("!") or rng.random() < 0.75
        if kept:
            scenes.append(rng.choice(alternatives).lstrip("!"))
    title = rng.choice(plot["titles"]) if rng.random() < 0.8 else None
    text = "\n\n".join(([title] if title else []) + scenes)
    return text.format_map(_slots(rng))


def _pieces(text: str) -> list[str]:
    """The story cut at paragraph boundaries into pieces of at most MAX_PIECE characters."""
    pieces, current = [], ""
    for para in text.split("\n\n"):
        if current and len(current) + 2 + len(para) > MAX_PIECE:
            pieces.append(current)
            current = para
        else:
            current = f"{current}\n\n{para}" if current else para
    return pieces + [current]


def _tellings(n: int, seed: int) -> dict[str, list[str]]:
    """Per plot, about n / len(PLOTS) distinct whole tellings."""
    rng = random.Random(seed)
    seen: set[str] = set()
    per_plot = -(-n // len(PLOTS))
    return {name: distinct_texts(lambda: _story(plot, rng), per_plot, seen, tries=per_plot * 20, lo=200, hi=20000)
            for name, plot in PLOTS.items()}


def narrative_stories(n: int, seed: int = 1) -> list[str]:
    """About `n` whole benign stories, spread evenly over the plots: a kind of ordinary text for
    the thresholds (build_default's --calibrate-narratives), scored whole as a run scores a
    document."""
    return [story for stories in _tellings(n, seed).values() for story in stories][:n]


def narrative_rows(n: int, seed: int = 0) -> list[dict]:
    """About `n` benign story pieces, spread evenly over the plots; label 0 for every head."""
    per_plot = -(-n // len(PLOTS))
    rows: list[dict] = []
    for name, stories in _tellings(n, seed).items():
        texts = [piece for story in stories for piece in _pieces(story)]
        rows += [{"text": t, "principle": "background", "label": 0, "source": SOURCE, "category": f"narrative:{name}"}
                 for t in texts[:per_plot]]
    return rows[:n]


if __name__ == "__main__":
    rows = narrative_rows(720)
    for category, k in sorted(Counter(r["category"] for r in rows).items()):
        lengths = sorted(len(r["text"]) for r in rows if r["category"] == category)
        print(f"{category:24s} {k:4d}  chars median {lengths[len(lengths) // 2]:5d} max {lengths[-1]:5d}")
    print(f"total {len(rows)}, distinct {len({r['text'] for r in rows})}")
    for r in random.Random(1).sample(rows, 3):
        print(f"--- [{r['category']}]\n{r['text']}\n")
