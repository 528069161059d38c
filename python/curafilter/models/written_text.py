"""Hand-written English training text for curafilter's default model builder (models/build_default.py).

Everything here was written for this file; nothing is copied from a dataset or a website. It holds:

A) Benign "background" documents (principle "background", label 0): letters, workplace email,
   reviews (restaurants, electronics, kitchen goods, books, clothes), travel questions and trip
   reports, chat transcripts, recipes, how-to guides, forum questions and answers, local news,
   blog posts, everyday fiction, and two groups of hard negatives: trigger words used in innocent
   senses ("power outage", "kill the process", "the test was brutal") and neutral treatments of
   touchy topics (a history lesson on an empire, a detective novel review, a conquest board game,
   an AI assistant that accepts being shut down, a plain court report). Category = genre.

B) Contrastive third-person pairs for each principle (deception, power_seeking, cruelty,
   toxicity): a scenario in which a person clearly shows the behaviour (label 1) and a matched
   twin of the same situation, with the same names and surrounding sentences, in which they do
   not (label 0). Category = "written-<register>" (narrative, news, forum, dialogue, diary, ...).

Documents are assembled from sentences with slots ({name}, {town}, {dish}, ...) filled from lists
by random.Random(seed), so the output is deterministic for a given seed. Standard library only.

    python written_text.py        # counts per (principle, label, category) and sample rows
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable

SOURCE = "curafilter-written"

# ---------------------------------------------------------------------------------------------
# Slot values (every list has at least 15 entries)
# ---------------------------------------------------------------------------------------------

NAMES = [
    ("Maria", "f"), ("James", "m"), ("Priya", "f"), ("Tom", "m"), ("Aisha", "f"), ("Daniel", "m"),
    ("Sofia", "f"), ("Marcus", "m"), ("Elena", "f"), ("Oliver", "m"), ("Grace", "f"), ("Samuel", "m"),
    ("Hannah", "f"), ("Lucas", "m"), ("Fatima", "f"), ("Ben", "m"), ("Chloe", "f"), ("Ravi", "m"),
    ("Nora", "f"), ("Diego", "m"), ("Ingrid", "f"), ("Kwame", "m"), ("Lucy", "f"), ("Pete", "m"),
    ("Yuki", "f"), ("Omar", "m"), ("Rosa", "f"), ("Henry", "m"), ("Mei", "f"), ("Callum", "m"),
]

PRONOUNS = {
    "m": {"he": "he", "him": "him", "his": "his", "himself": "himself"},
    "f": {"he": "she", "him": "her", "his": "her", "himself": "herself"},
}

SLOT_LISTS: dict[str, list[str]] = {
    "surname": [
        "Patel", "Okafor", "Hughes", "Lindqvist", "Moreno", "Brennan", "Kowalski", "Achebe", "Fletcher",
        "Nakamura", "Whitfield", "Dubois", "Carver", "Haddad", "Ellison", "Murray", "Sato",
    ],
    "town": [
        "Millbrook", "Ashford", "Riverton", "Kingsley", "Harlow Bay", "Eastfield", "Pinecrest", "Wexley",
        "Dunmore", "Oakridge", "Fairhaven", "Stonebridge", "Linton", "Marlow Green", "Cedar Falls",
        "Brambleton", "Northgate",
    ],
    "day": [
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Monday morning",
        "Tuesday evening", "Wednesday afternoon", "Thursday night", "Friday afternoon", "Saturday morning",
        "Sunday evening", "the bank holiday Monday",
    ],
    "street": [
        "Elm Street", "Mill Lane", "Station Road", "Church Street", "Harbour Road", "Victoria Avenue",
        "Orchard Close", "Market Street", "Bridge Street", "Willow Lane", "Kingsway", "Park Terrace",
        "Queens Road", "Tanner's Row", "Ash Grove",
    ],
    "place": [
        "Lisbon", "Kyoto", "Edinburgh", "Vienna", "Porto", "Copenhagen", "Seville", "Krakow", "Dubrovnik",
        "Vancouver", "Hanoi", "Reykjavik", "Bologna", "Ljubljana", "Galway", "Marrakesh", "Tallinn",
    ],
    "cafe": [
        "The Copper Kettle", "Luna Trattoria", "Blue Door Cafe", "The Fig Tree", "Marlow's Kitchen",
        "Saffron House", "The Old Bakehouse", "Little Lisbon", "Harbour Fish Bar", "Green Room Bistro",
        "Noodle Corner", "The Daily Grind", "Oak & Ember", "Casa Verde", "The Lantern Cafe",
    ],
    "dish": [
        "mushroom risotto", "lamb tagine", "pad thai", "fish tacos", "vegetable lasagne",
        "chicken katsu curry", "shakshuka", "beef pho", "margherita pizza", "lentil soup",
        "pork dumplings", "grilled halloumi salad", "spaghetti carbonara", "fish pie", "chana masala",
        "butternut squash soup",
    ],
    "gadget": [
        "wireless earbuds", "27-inch monitor", "e-reader", "robot vacuum", "mechanical keyboard",
        "smart speaker", "portable charger", "action camera", "noise-cancelling headphones",
        "budget laptop", "fitness tracker", "Bluetooth speaker", "USB-C hub", "webcam", "tablet",
        "wireless mouse",
    ],
    "kitchenitem": [
        "cast-iron skillet", "stand mixer", "air fryer", "chef's knife", "French press", "rice cooker",
        "slow cooker", "pressure cooker", "toaster", "kettle", "saucepan set", "blender", "stick blender",
        "bread maker", "salad spinner", "casserole dish",
    ],
    "book": [
        "The Lantern Keeper", "A Year of Small Gardens", "North of the Orchard", "The Salt House",
        "Letters from Linton", "The Quiet Harbour", "Winter at Fern Hill", "The Clockmender's Niece",
        "Tides and Tea", "The Long Table", "Under the Willow", "A Map of Kind Strangers",
        "The Bookbinder's Summer", "Small Rooms", "The Last Ferry Home", "Evenings on Mill Lane",
    ],
    "author": [
        "Clara Whitcombe", "Tomas Reyes", "Ada Lindgren", "Felix Marr", "June Okoro", "Harriet Vance",
        "Ivo Petrov", "Maeve Doyle", "Samir Qureshi", "Lena Hoffmann", "Oscar Bell", "Rin Takeda",
        "Beatrice Moss", "Arlo Pennick", "Nadia Farouk",
    ],
    "garment": [
        "rain jacket", "wool jumper", "linen shirt", "fleece", "denim jacket", "cotton dress", "pair of chinos",
        "puffer coat", "hoodie", "cardigan", "pair of walking trousers", "merino base layer", "summer skirt",
        "flannel shirt", "raincoat", "pair of jeans",
    ],
    "veg": [
        "courgettes", "carrots", "butternut squash", "spinach", "mushrooms", "peppers", "aubergine",
        "sweet potatoes", "leeks", "cauliflower", "tomatoes", "kale", "green beans", "broccoli", "beetroot",
    ],
    "herb": [
        "parsley", "coriander", "basil", "dill", "chives", "mint", "thyme", "rosemary", "oregano",
        "tarragon", "sage", "spring onions", "chervil", "lovage", "fennel fronds",
    ],
    "team": [
        "Millbrook Rovers", "Ashford Town", "Riverton United", "Kingsley Athletic", "Harlow Bay Harriers",
        "Eastfield Eagles", "Pinecrest Pirates", "Wexley Wanderers", "Dunmore City", "Oakridge Owls",
        "Fairhaven Foxes", "Stonebridge Saints", "Linton Lions", "Cedar Falls Comets", "Northgate Knights",
    ],
    "pet": [
        "Biscuit", "Pepper", "Luna", "Milo", "Bramble", "Toffee", "Ziggy", "Hazel", "Otis", "Pickle",
        "Juniper", "Rolo", "Maple", "Scout", "Nutmeg",
    ],
    "dept": [
        "finance", "marketing", "logistics", "customer support", "design", "sales", "operations", "HR",
        "legal", "research", "facilities", "procurement", "product", "training", "quality",
    ],
    "company": [
        "Harbor Logistics", "Brightwell Foods", "Northstar Printing", "Kestrel Software", "Greenway Builders",
        "Bluebell Insurance", "Meridian Textiles", "Copperleaf Media", "Riverside Engineering",
        "Summit Outdoor", "Larkspur Pharmacy Group", "Foxglove Design", "Ironbridge Freight",
        "Hollow Oak Furniture", "Seaview Hotels",
    ],
    "game": [
        "Crowns of Veldria", "Empire of Tides", "Banners and Borders", "The Iron Coast", "Kingdoms Afar",
        "Seven Thrones", "Realm of Rivers", "Fortress Isles", "The Emerald March", "Conquest of Aldmoor",
        "Shields of the North", "Sandstone Dominion", "The Broken Continent", "Legions of Karst",
        "Harbours and Hills",
    ],
    "stew": [
        "chickpea curry", "lentil soup", "vegetable chilli", "white bean stew", "red lentil dal", "minestrone",
        "tomato and pepper soup", "sweet potato curry", "ratatouille", "mushroom stroganoff", "chicken casserole",
        "pumpkin soup", "black bean chilli", "spiced lentil stew", "vegetable tagine",
    ],
    "item": [
        "bicycle", "laptop", "camera", "guitar", "sofa", "lawnmower", "sewing machine", "telescope",
        "rowing machine", "games console", "pram", "drum kit", "tent", "desk", "violin",
    ],
}

# Slots that need two different values in one text: "town2" differs from "town", and so on.
SECOND_SLOTS = ("town", "team", "dish")

# ---------------------------------------------------------------------------------------------
# Part A: benign background documents, by genre
#
# A "prose" or "letter" genre has openers, bodies and closers (sentences); a letter also has a
# head (greeting) and a foot (sign-off). A prose genre may instead hold "variants" (separate
# stories or kinds of post, each with its own sentences; "ordered" ones keep the written order),
# and "notes" keyed on a slot value (sentences that only fit that product). "chat" genres hold
# two-line exchanges, "forum" genres questions and answers by topic, and "pooled" genres
# sub-topics whose sentences are used in their written order. "stack": a page may hold two to
# four documents of the genre (a review page, a news round-up); "long": a letter may run long.
# ---------------------------------------------------------------------------------------------

GENRES: dict[str, dict] = {}

GENRES["personal-letter"] = {
    "style": "letter",
    "long": True,
    "head": [
        "Hi {name2},", "Dear {name2},", "Hey {name2}!", "Dearest Gran,", "Hi Mum,", "Hello Dad,", "Hi all,",
        "Dear Auntie {name2},",
    ],
    "foot": [
        "Love,\n{name}", "Speak soon,\n{name}", "Lots of love, {name}", "Take care,\n{name}", "x {name}",
        "All the best,\n{name}", "Hugs,\n{name}",
    ],
    "open": [
        "Sorry it has taken me so long to write back; the last few weeks have been a blur of packing boxes and paperwork.",
        "Thank you so much for the parcel, which arrived on {day}; the biscuits did not last the evening.",
        "I hope the weather in {town} has been kinder to you than it has been to us.",
        "It was lovely to hear your voice on the phone last week, even if the line kept cutting out.",
        "Just a quick note to say we got home safely and the cat forgave us for leaving within an hour.",
        "Happy birthday! I can't believe another year has gone by already.",
        "I've been meaning to write ever since your postcard from {place} arrived, and it's now stuck on the fridge.",
        "We finally have a free weekend, so I'm catching up on all the letters I owe people.",
    ],
    "body": [
        "The garden has gone a little wild, but the runner beans are climbing the fence and the tomatoes are starting to turn red.",
        "{pet} has taken to sleeping on the windowsill in the afternoons, watching the pigeons with great interest.",
        "Work is busy as ever, though I've moved desks and now sit by a window, which makes a surprising difference.",
        "The kids started swimming lessons on {day} and came home so tired they fell asleep before pudding.",
        "We tried the new place on {street} that does {dish}, and I think you would love it.",
        "I've signed up for a pottery class at the community centre, and so far I have made three very lopsided bowls.",
        "Dad says the car is running better since the garage replaced the battery, although he still won't let anyone else drive it.",
        "The train up to {town} was packed, but I found a seat by the window and read most of {book} on the way.",
        "We're thinking of coming down for a few days in the spring if that suits you, maybe around the school holidays.",
        "Our new neighbour {name3} brought round a tray of lemon bars to welcome us, and we've been invited to a barbecue next month.",
        "I finally fixed the squeaky gate, which took two trips to the hardware shop and a lot of muttering.",
        "The baby is crawling now and pulls every book off the bottom shelf, so the living room looks like a library after a storm.",
        "Remember the walk we did along the cliffs years ago? We went back last month and the cafe at the top is still there, still selling the same enormous scones.",
        "I've started running in the mornings before work, slowly, and I'm enjoying it more than I expected.",
        "Mum sends her love and says to remind you that you still have her good casserole dish.",
        "The choir concert went well; we only lost our place once, and the audience was kind enough not to notice.",
        "We spent the bank holiday painting the hallway a pale yellow, and it already feels lighter. The cat walked through the paint tray, of course, so there is a trail of little yellow paw prints on the landing that we have decided to keep.",
        "{name3} from next door has been teaching me to knit, and I'm halfway through a scarf that will be ready by next winter if I'm lucky.",
    ],
    "close": [
        "Let me know how the new job is going when you get a moment.",
        "Give my love to everyone, and write back when you can.",
        "I'll ring you on Sunday evening if that works.",
        "Looking forward to seeing you all at Christmas.",
        "Take care of yourself, and don't work too hard.",
        "Send photos of the new kitchen when it's finished!",
        "Say hello to {pet} from me.",
    ],
}

GENRES["workplace-email"] = {
    "style": "letter",
    "long": True,
    "head": [
        "Hi team,", "Hi {name2},", "Hello everyone,", "Dear colleagues,", "Hi {name2} and {name3},",
        "Good morning all,", "Subject: Update from {dept}\n\nHi all,",
    ],
    "foot": [
        "Thanks,\n{name}", "Best regards,\n{name}\n{dept} team", "Cheers,\n{name}", "Kind regards,\n{name}",
        "Many thanks,\n{name}", "Best,\n{name}\n{company}",
    ],
    "open": [
        "Just a reminder that the quarterly planning meeting has moved to {day} at 10am in the large conference room.",
        "Thanks for sending over the draft report; I've had a first read and left a few comments in the margins.",
        "I'm writing to follow up on our call yesterday about the supplier contract.",
        "Please welcome {name3}, who joins the {dept} team this week as our new analyst.",
        "Quick update on the office move: the removal company has confirmed the dates.",
        "Please find attached the agenda for next week's workshop.",
        "I'll be out of the office from {day} until the following Monday, with limited access to email.",
        "Following today's meeting, here is a short summary of what we agreed.",
    ],
    "body": [
        "Could you please check the figures in section three against the latest sales spreadsheet before Friday?",
        "The kitchen on the second floor will be closed for cleaning on Wednesday afternoon, so please use the one downstairs.",
        "If you have any annual leave left for this year, remember to book it with your manager by the end of the month.",
        "{name3} has kindly offered to cover the front desk while {name2} is on holiday.",
        "The new expenses system goes live on the first of the month, and there will be two short training sessions beforehand.",
        "I've booked the meeting room for an hour, but we can finish early if we get through the agenda.",
        "The client asked whether we could bring the delivery forward by a week; I said I would check with the {dept} team first.",
        "Lunch will be provided, so please let me know about any dietary requirements by Tuesday.",
        "The slides are in the shared folder under Projects, in the subfolder with this month's date.",
        "We're still waiting for the printer engineer, so for now please send large print jobs to the machine by reception.",
        "Action points: {name2} to update the timeline, {name3} to contact the venue, and I will circulate the budget.",
        "Parking will be limited on Thursday because of resurfacing work, so it may be worth taking the bus if you can.",
        "The fire alarm test is scheduled for 11am on {day}; there is no need to leave the building.",
        "I've attached the revised proposal with the changes we discussed highlighted in yellow.",
        "Feedback from the pilot has been positive overall, with most users asking for a simpler login page.",
        "For urgent matters while I'm away, please contact {name3}, who has access to all the project files.",
        "The removal company will start packing the third floor on Friday afternoon, so please label your boxes with your name and new desk number. Anything left unlabelled will go to the storage room in the basement until someone claims it.",
    ],
    "close": [
        "Let me know if you have any questions.",
        "Thanks again for all your hard work this quarter.",
        "Happy to jump on a quick call if that's easier.",
        "Please reply by end of day Thursday so I can confirm numbers.",
        "Have a good weekend, everyone.",
        "Any comments on the draft are welcome before we send it out.",
    ],
}

GENRES["restaurant-review"] = {
    "style": "prose",
    "stack": True,
    "open": [
        "We stopped at {cafe} on a wet {day} and were glad we did.",
        "{cafe} has been on my list for months, and it finally lived up to the hype.",
        "Came here for a birthday lunch with six of us, and the staff handled the booking smoothly.",
        "A small, friendly place tucked away on {street}, easy to walk past if you're not looking.",
        "I've eaten at {cafe} three times now, and the quality has been consistent every visit.",
        "Popped into {cafe} for a quick coffee and ended up staying for lunch.",
        "Solid neighbourhood spot in {town} with a short menu that changes every week.",
        "Honest review: good food, slightly slow service, fair prices.",
    ],
    "body": [
        "The {dish} was the highlight, generous and properly seasoned.",
        "Our server recommended the {dish}, and it was exactly what I wanted on a cold day.",
        "Portions are large, so you could easily share a starter between two.",
        "The coffee was strong and smooth, and the pastries looked as if they had been baked that morning.",
        "It gets noisy around seven, so ask for a table in the back room if you want to talk.",
        "They had two vegetarian mains and a vegan dessert, which is more than most places around here.",
        "Service was warm, though we waited about twenty minutes for our mains on a busy night.",
        "Prices are reasonable for the area, with most mains between twelve and eighteen.",
        "The only miss was the side salad, which was a bit limp and underdressed.",
        "Kids are welcome, and they brought crayons and a colouring sheet without us asking.",
        "The lemon tart was sharp and buttery, and I would come back for that alone.",
        "There is outdoor seating in summer, with a view of the river if you get the right table.",
        "Booking is recommended at weekends, but they keep a few tables for walk-ins.",
        "The house bread came warm with salted butter, which set the tone nicely.",
        "My partner's {dish2} was good but not quite as memorable as mine.",
        "The staff were happy to adjust a dish for my nut allergy and checked with the kitchen twice.",
        "We shared the {dish} and a plate of roasted {veg}, then argued happily over the last spoonful of sticky toffee pudding. The owner came over to ask how everything was and told us the pudding recipe came from her grandmother.",
    ],
    "close": [
        "Four stars, and we'll definitely be back.",
        "Worth a visit if you're in {town}.",
        "Would recommend for a relaxed weekend lunch.",
        "Not the cheapest, but good value for the quality.",
        "Three and a half stars from me; I'd go again for the desserts.",
        "Overall a lovely evening.",
    ],
}

GENRES["review-electronics"] = {
    "style": "prose",
    "stack": True,
    "open": [
        "I bought the {gadget} to replace an old one that finally gave up, and I've used it daily for a month.",
        "Picked up this {gadget} in a sale, and honestly it has exceeded my expectations.",
        "Updated review after three months with the {gadget}.",
        "I spent weeks comparing options before choosing this {gadget}, so here are my thoughts.",
        "Bought the {gadget} as a gift for my dad, who is not very technical, and he set it up on his own.",
        "Decent {gadget} for the price, with a couple of caveats.",
    ],
    "body": [
        "Setup took about ten minutes.",
        "The build feels solid, with no creaks or loose parts.",
        "The instructions were short but clear, with diagrams for each step.",
        "After a few weeks the finish picked up some fingerprints, but a quick wipe sorts that out.",
        "Customer support replied within a day when I asked about the warranty.",
        "Packaging was mostly cardboard, which I appreciated.",
        "It feels lighter and better made than the one it replaced.",
        "It was half the price of the big-name brand and does everything I need.",
        "I've had no problems in the first three months.",
        "It arrived a day earlier than promised.",
    ],
    "notes_slot": "gadget",
    "notes": {
        "wireless earbuds": [
            "The earbuds stay put even when I'm running, and the case fits easily in a coin pocket.",
            "Battery life is around six hours per charge, with a few more charges from the case.",
            "Pairing with my phone took seconds, and they reconnect as soon as I open the case.",
        ],
        "27-inch monitor": [
            "Text is sharp at normal viewing distance, and the stand tilts and swivels smoothly.",
            "Colours looked a little cool out of the box, but a quick change in the menu fixed that.",
        ],
        "e-reader": [
            "The screen is easy on the eyes, even in bright sunlight on the beach.",
            "I charge it about once every three weeks.",
        ],
        "robot vacuum": [
            "It gets under the sofa and the beds, which I never managed with the old upright.",
            "It occasionally gets stuck on the rug tassels, so I tuck them under before it runs.",
        ],
        "mechanical keyboard": [
            "The keys have a satisfying click without being too loud for a shared office.",
            "The keycaps feel solid, and the letters haven't worn after months of typing.",
        ],
        "smart speaker": [
            "Sound fills our kitchen nicely, and it hears me over the extractor fan.",
            "Setting timers and adding to the shopping list by voice has become a daily habit.",
        ],
        "portable charger": [
            "It charges my phone fully about three times before it needs topping up.",
            "It's small enough to carry in a coat pocket.",
        ],
        "action camera": [
            "The footage from our cycling holiday was smooth, even on gravel paths.",
            "The waterproof case worked fine for snorkelling.",
        ],
        "noise-cancelling headphones": [
            "The noise cancelling takes the edge off train and aeroplane hum.",
            "They stay comfortable for a long flight, though my ears get a bit warm.",
            "I was worried they would be fiddly to pair, but they showed up on my phone straight away. The only hiccup was a software update on the second day, which took about fifteen minutes and then asked me to sign in again.",
        ],
        "budget laptop": [
            "It handles email, documents and video calls without trouble, but it isn't built for games.",
            "The keyboard is comfortable, and the battery lasts a full working day.",
        ],
        "fitness tracker": [
            "Step counts match my phone closely, and the sleep tracking seems about right.",
            "The strap is soft and hasn't irritated my skin.",
        ],
        "Bluetooth speaker": [
            "It is loud enough for a small garden party, and it survived a splash from the paddling pool.",
            "The bass is lighter than on bigger speakers, but that's to be expected at this size.",
        ],
        "USB-C hub": [
            "All the ports work at once, including the card reader and the HDMI output to my monitor.",
            "It gets warm but never hot.",
        ],
        "webcam": [
            "The picture is clear in daylight and acceptable in the evening with a lamp on.",
            "The built-in microphone is fine for calls, though a headset is better.",
        ],
        "tablet": [
            "The screen is bright, and the speakers are surprisingly good for films in bed.",
            "My kids use it for drawing apps and reading, and in its case it has survived a few drops.",
        ],
        "wireless mouse": [
            "It fits my hand well, and the scroll wheel is smooth.",
            "It switches between two computers with a button underneath.",
        ],
    },
    "close": [
        "Four stars overall; I'd buy it again.",
        "Good value if you don't need the premium features.",
        "Recommended for everyday use.",
        "Happy with the purchase so far.",
        "If it's on offer, go for it.",
        "Five stars from me.",
    ],
}

GENRES["review-kitchen"] = {
    "style": "prose",
    "stack": True,
    "open": [
        "We use the {kitchenitem} almost every day, so I feel I can give it a fair review.",
        "After my old {kitchenitem} cracked, I replaced it with this one.",
        "Bought this {kitchenitem} for our first flat, and it has been a great starter.",
        "Three months in with the {kitchenitem} and I'm still pleased.",
        "I was sceptical about needing a new {kitchenitem}, but this one has earned its place.",
        "Mixed feelings about this {kitchenitem}.",
    ],
    "body": [
        "It arrived well packed, and the instructions were clear.",
        "It feels sturdy and well made.",
        "It was a little more expensive than others I looked at, but it feels worth it.",
        "It looks smart enough to leave out on the counter.",
        "It is heavier than I expected, so keep that in mind if you have wrist trouble.",
        "My partner was doubtful at first but now uses it more than I do.",
        "I've had it for six months, and it still looks new.",
        "Customer service replaced a part that arrived dented without any fuss.",
        "My teenager has started making breakfast at weekends, which is reason enough to give it five stars. Pancakes on Saturday, eggs on Sunday, and the kitchen is only slightly wrecked afterwards.",
    ],
    "notes_slot": "kitchenitem",
    "notes": {
        "cast-iron skillet": [
            "It needed a couple of rounds of seasoning, but now eggs slide right off.",
            "It goes from hob to oven, which is perfect for cornbread.",
        ],
        "stand mixer": [
            "It kneads bread dough without walking across the counter.",
            "The bowl is big enough for a double batch of cookies.",
        ],
        "air fryer": [
            "Chips come out crisp with just a spoonful of oil.",
            "It heats up much faster than our oven, so we use the oven far less.",
        ],
        "chef's knife": [
            "The blade came very sharp and has held its edge through weeks of chopping onions.",
            "It's well balanced, and the handle doesn't get slippery.",
        ],
        "French press": [
            "The coffee is rich, and the mesh keeps most of the grounds out of the cup.",
            "The glass is thicker than on my last one.",
        ],
        "rice cooker": [
            "Rice comes out fluffy every time, and it keeps it warm for hours.",
            "I've also used it for porridge on the timer.",
        ],
        "slow cooker": [
            "I put a stew in before work and come home to dinner ready.",
            "The inner dish lifts out and goes in the dishwasher.",
        ],
        "pressure cooker": [
            "Dried chickpeas cook in about forty minutes with no soaking.",
            "The lid locks firmly, so I feel safe using it.",
        ],
        "toaster": [
            "The slots are wide enough for thick slices of homemade bread.",
            "It browns evenly from top to bottom.",
        ],
        "kettle": [
            "It boils a full kettle in just over two minutes.",
            "The water window is easy to read, and the power cord is long enough to reach the socket.",
        ],
        "saucepan set": [
            "The lids fit well, and the handles stay cool.",
            "They stack neatly in one cupboard and work fine on our induction hob.",
        ],
        "blender": [
            "It makes smooth smoothies with frozen fruit in under a minute.",
            "The jug is easy to rinse straight after use.",
        ],
        "stick blender": [
            "I blitz soup right in the pan, which saves a lot of washing up.",
            "The whisk attachment is handy for cream.",
        ],
        "bread maker": [
            "Waking up to the smell of fresh bread is worth the price on its own.",
            "The basic white loaf comes out well every time.",
        ],
        "salad spinner": [
            "Leaves come out dry, so the dressing actually sticks.",
            "The bowl doubles as a serving dish.",
        ],
        "casserole dish": [
            "It holds heat well and goes from oven to table looking good.",
            "It's big enough for a family-size lasagne.",
        ],
    },
    "close": [
        "Overall a solid buy.",
        "Four stars; would recommend to anyone who cooks often.",
        "Good quality for the money.",
        "I'd happily buy another as a gift.",
        "Not perfect, but it does the job well.",
        "Highly recommended.",
    ],
}

GENRES["review-book"] = {
    "style": "prose",
    "stack": True,
    "open": [
        "{book} by {author} is a quiet, thoughtful novel that stayed with me for days.",
        "I picked up {book} on a friend's recommendation and read it in two sittings.",
        "Our book club chose {book} this month, and it sparked a long and friendly discussion.",
        "{author}'s new book, {book}, is a story about family, work and moving home.",
        "I wanted to like {book} more than I did.",
        "{book} is a lovely read for a long train journey.",
    ],
    "body": [
        "The opening chapters move slowly, but the pace picks up once the family arrives in {town}.",
        "The characters feel real, especially the grandmother, who steals every scene she is in.",
        "{author} writes the landscape beautifully; you can almost smell the sea air.",
        "The dialogue is sharp and often funny.",
        "Some of the middle section drags, and I think fifty pages could have been cut.",
        "The ending is hopeful without being too neat.",
        "It is told in short chapters that alternate between two sisters.",
        "I learned a surprising amount about beekeeping along the way.",
        "The audiobook narrator does a fine job with the different accents.",
        "The hardback edition has a beautiful cover and a map on the inside page.",
        "It would suit readers who enjoy character-driven stories rather than fast plots.",
        "There are a few loose threads that I hope are picked up in a sequel.",
        "The writing is simple and clear, which makes it a good choice for younger readers too.",
        "The letters between the two friends were my favourite part.",
        "I found the time jumps a little confusing at first.",
        "It's a book about small decisions and how they add up over a lifetime.",
        "Much of the story takes place in a tiny post office where the older sister works, and the regular customers become a kind of chorus. By the end I felt I knew every one of them, from the retired teacher who buys a single stamp each morning to the boy who posts letters to his pen friend in {place}.",
    ],
    "close": [
        "Four stars from me.",
        "Recommended, especially for a rainy weekend.",
        "I'll be looking out for more by {author}.",
        "Three stars: pleasant but not memorable.",
        "A perfect holiday read.",
        "I've already lent my copy to my sister.",
    ],
}

GENRES["review-clothing"] = {
    "style": "prose",
    "stack": True,
    "open": [
        "I ordered the {garment} in my usual size and it fits well.",
        "Bought this {garment} for a walking holiday and wore it most days.",
        "This is my second {garment} from this brand, so I knew roughly what to expect.",
        "Lovely {garment}, though I'd size up if you're between sizes.",
        "I was looking for a {garment} that I could wear to work and at weekends, and this works for both.",
        "Honest thoughts on the {garment} after a season of wear.",
    ],
    "body": [
        "The colour is slightly darker than in the photos.",
        "It has survived plenty of washes without shrinking.",
        "The stitching looks neat and even.",
        "Delivery was quick, and the return process was simple when I exchanged the first size.",
        "It's light enough to roll up and pack in a small bag.",
        "My partner liked it so much that they ordered one in another colour.",
        "The fit is true to size.",
        "It was reduced in the sale, which made it even better value.",
        "The fabric feels good quality for the price.",
        "I wore it most days on a week of walking in {place}, through sunshine, wind and one memorable downpour, and it still looks new.",
    ],
    "notes_slot": "garment",
    "notes": {
        "rain jacket": [
            "It kept me dry through a full afternoon of drizzle.",
            "The hood has a peak that actually keeps the rain off my glasses.",
        ],
        "wool jumper": [
            "It's warm without being bulky, and it doesn't itch against my neck.",
            "I hand-wash it and dry it flat, and it has kept its shape.",
        ],
        "linen shirt": [
            "It creases easily, as linen does, but it's lovely on hot days.",
            "The buttons are sewn on firmly, which hasn't always been the case with cheaper shirts.",
        ],
        "fleece": [
            "It's cosy on cold mornings and dries quickly after a wash.",
            "The zip pockets are deep enough for a phone.",
        ],
        "denim jacket": [
            "The denim was stiff at first but has softened nicely.",
            "It goes with nearly everything in my wardrobe.",
        ],
        "cotton dress": [
            "The pockets are deep enough for a phone, which is rare in a dress.",
            "It's cool on hot days and doesn't need much ironing.",
        ],
        "pair of chinos": [
            "The waist sits comfortably, and they don't sag by the end of the day.",
            "They're smart enough for the office with a shirt.",
        ],
        "puffer coat": [
            "It's very warm for its weight and packs into its own pocket.",
            "The cuffs keep the wind out of my sleeves.",
        ],
        "hoodie": [
            "The cotton is thick and soft, and the cuffs haven't stretched.",
            "It's become my default weekend layer.",
        ],
        "cardigan": [
            "The buttons are a little small but easy to do up.",
            "It layers nicely over a shirt at the office.",
        ],
        "pair of walking trousers": [
            "The zip-off legs were handy on warm afternoons.",
            "They dry quickly after a shower of rain.",
        ],
        "merino base layer": [
            "It doesn't hold smells, even after a couple of days of walking.",
            "It's thin enough to wear under a shirt.",
        ],
        "summer skirt": [
            "The elasticated waist makes it comfortable for long days.",
            "It's fully lined, so it isn't see-through in bright sun.",
        ],
        "flannel shirt": [
            "It's soft and warm, like a blanket with sleeves.",
            "The checks line up neatly at the seams.",
        ],
        "raincoat": [
            "It's long enough to keep my knees dry on the bike.",
            "The taped seams have stopped any leaks so far.",
        ],
        "pair of jeans": [
            "They have a little stretch, so they're comfortable on long drives.",
            "The colour hasn't faded much after a dozen washes.",
        ],
    },
    "close": [
        "Four stars, good value.",
        "Would buy again in a different colour.",
        "Recommended.",
        "Comfortable and well made.",
        "Check the size chart before ordering.",
        "Happy with it overall.",
    ],
}

GENRES["travel"] = {
    "style": "prose",
    "stack": True,
    "variants": [
        {  # a question before a trip
            "open": [
                "We're planning a week in {place} in late spring and would love some advice.",
                "First time travelling solo, heading to {place} next month.",
                "Has anyone taken the overnight train to {place}? Is it worth booking a sleeper cabin?",
                "Looking for a quiet base near {place} for hiking, ideally somewhere with a bakery nearby.",
                "Two of us are going to {place} for our anniversary in October.",
            ],
            "body": [
                "Is three days enough to see the old town and the museums, or should we plan for four?",
                "Is it easy to get around without a car, or would you recommend hiring one?",
                "Any tips for a family-friendly restaurant near the harbour?",
                "How early should we get to the castle to avoid the queues?",
                "Which area is best to stay in if we want to walk everywhere?",
                "Are the museum passes worth it, or is it cheaper to pay as we go?",
                "Is the sea warm enough for swimming in May?",
                "We're vegetarian; will we struggle to find food outside the big towns?",
                "What's the best way to get from the airport to the centre late at night?",
            ],
            "close": ["Thanks in advance for any suggestions!", "Any advice appreciated.", "Thanks, all."],
        },
        {  # a trip report
            "open": [
                "Just back from five days in {place}, so here's a quick trip report.",
                "Trip report: a long weekend in {place} with two kids under ten.",
                "We spent a week in {place} last month, and a few people asked how it went.",
                "Some notes from our trip to {place}, in case they help anyone.",
            ],
            "body": [
                "We stayed in a small guesthouse near the station, clean and friendly, with a generous breakfast.",
                "The airport bus was cheaper than a taxi and dropped us a short walk from the hotel.",
                "Book the boat tour in advance; it was sold out by mid-morning on the day.",
                "We bought a three-day transport pass, which paid for itself by the second afternoon.",
                "The best meal of the trip was at a tiny place by the market where the owner chose for us.",
                "Most museums are closed on Mondays, which caught us out.",
                "Bring comfortable shoes, as the streets are cobbled and steep in places.",
                "We walked up to the viewpoint at sunset, and it was the highlight of the week.",
                "Cards were accepted almost everywhere, but a little cash helped at the markets.",
                "The weather changed quickly in the afternoons, so a light rain jacket was essential.",
                "We took a day trip to the coast by train; the journey took about an hour each way.",
                "The kids loved the science museum, which has a hands-on floor aimed at under-twelves.",
                "On our last morning we got up early and walked through the old quarter before the shops opened. The streets were being washed down, the bakeries were just putting out their trays, and we had the main square almost to ourselves for half an hour.",
            ],
            "close": [
                "Overall a wonderful trip, and we'd go back in a heartbeat.",
                "Happy to answer questions if anyone is heading there soon.",
                "Next time we'll stay longer.",
                "Hope this helps someone planning a similar trip.",
            ],
        },
    ],
}

GENRES["chat-transcript"] = {
    "style": "chat",
    "head": ["", "", "", "Messages, {day}", "Family group chat", "[{day}]"],
    "exchanges": [
        ("What do you fancy for dinner tonight?", "Maybe {dish}? We've got most of the ingredients."),
        ("Shall we just get a takeaway?", "Fine by me, as long as it's not pizza again."),
        ("I can pick up some bread on the way home.", "Great, and could you grab milk too?"),
        ("Are we still on for {day}?", "Yes! I'll bring dessert."),
        ("Any plans for the weekend?", "Not really. I might finally clear out the garage."),
        ("Do you want to go for a walk if the weather holds?", "Sure, let's do the path by the river."),
        ("The kids have a football match at nine on Saturday.", "Right, I'll set an alarm. Do they need snacks?"),
        ("Did {name3} finish the homework?", "Most of it. The maths sheet is still on the kitchen table."),
        ("{pet} has been sitting by the door all morning.", "I'll take {pet} out after lunch."),
        ("Did you remember to book the vet for {pet}?", "Yes, Thursday at half four."),
        ("What time does the film start?", "Seven fifteen, so we should leave by half six."),
        ("Mum called, she wants to come over on Sunday.", "Lovely, I'll make a roast."),
        ("I'm running about ten minutes late, sorry.", "No worries, I'll grab us a table."),
        ("Do we have any plans for the school holidays yet?", "I was thinking a few days camping, if the kids are up for it."),
        ("The cat knocked a plant off the shelf again.", "Classic. Was it the cactus?"),
        ("Can you help me move the sofa later?", "Sure, after six?"),
        ("I tried that recipe you sent.", "And? Was it any good?"),
        ("It was great, though I added extra garlic.", "You always add extra garlic."),
        ("Is it your turn or mine to cook?", "Yours, but I'm happy to swap if you're tired."),
        ("The little one lost a tooth today.", "Aw! Has the tooth fairy been told?"),
        ("Should we invite {name3} round for dinner next week?", "Good idea, they've been so helpful with the fence."),
        ("What are you reading at the moment?", "{book}. It's slow but lovely."),
        ("Did you see the forecast for tomorrow?", "Rain all day, so maybe board games and soup."),
        ("The dog rolled in something awful at the park.", "Bath time, then. I'll get the towels."),
        ("Are the kids in bed?", "Finally. Tea?"),
        ("I found a great spot for a picnic on {day}.", "Perfect, I'll make sandwiches."),
        ("Should we get the kids a hamster?", "Let's talk about it after the holidays."),
        ("Lunch tomorrow?", "Yes please, the usual place at one?"),
        ("The school says the fair is on {day}, can you do a shift on the cake stall?", "I can do the first hour, then I've got to collect my mum from the station."),
    ],
}

GENRES["recipe"] = {
    "style": "prose",
    "stack": True,
    "variants": [
        {  # a recipe, steps in order
            "ordered": True,
            "open": [
                "This {stew} is my go-to on busy weeknights, ready in about forty minutes.",
                "A simple recipe for {stew} that serves four.",
                "This is my grandmother's way of making {stew}, lightly adapted.",
                "If you have a glut of {veg}, this {stew} is a good way to use them up.",
                "Here's how I make a quick {stew} when the fridge is nearly empty.",
            ],
            "body": [
                "Start by softening a chopped onion in olive oil over a medium heat for about ten minutes.",
                "Add two cloves of crushed garlic and cook for another minute, stirring so it doesn't catch.",
                "Stir in the spices and let them sizzle for a minute until fragrant.",
                "Add the chopped {veg} and a pinch of salt, then cover and let everything cook gently.",
                "Pour in a tin of chopped tomatoes and a mug of stock, and bring it to a gentle simmer.",
                "Simmer for twenty minutes, stirring now and then, until everything is tender.",
                "If the sauce gets too thick, loosen it with a splash of water.",
                "Season well and finish with a handful of chopped {herb}.",
                "A squeeze of lemon at the end brightens everything up.",
                "Serve with crusty bread, rice or a simple green salad.",
            ],
            "close": [
                "Enjoy!",
                "Let me know how it turns out.",
                "It's even better the next day.",
                "Leftovers keep well in the fridge for three days and freeze nicely.",
            ],
        },
        {  # kitchen tips
            "open": [
                "Cooking tip of the week: salt your pasta water more than you think you need to.",
                "A few kitchen tips I wish I'd known sooner.",
                "Some things I've learned from years of weeknight cooking.",
                "Quick tips from our cookery class this week.",
            ],
            "body": [
                "Let pastry dough rest in the fridge for at least thirty minutes so it's easier to roll.",
                "Roast {veg} on a large tray so the pieces don't steam each other.",
                "Pat chicken dry before frying so the skin crisps up.",
                "In most cakes you can swap the butter for a light oil to make them dairy-free.",
                "Taste as you go, and season a little at a time.",
                "Let meat rest for a few minutes after cooking so the juices settle.",
                "A sharp knife is safer than a blunt one, because it doesn't slip.",
                "Freeze leftover {herb} chopped in olive oil in an ice-cube tray.",
                "For a quick supper, pour whisked eggs over leftover vegetables and bake until just set.",
                "Keep a jar of toasted seeds by the hob for sprinkling on soups and salads.",
                "For a crumble topping, rub cold butter into the flour with your fingertips until it looks like breadcrumbs, then stir in the sugar and a handful of oats. Scatter it loosely over the fruit rather than pressing it down, so it bakes crisp instead of stodgy.",
            ],
            "close": ["Happy cooking.", "Enjoy!", "Hope some of these help."],
        },
    ],
}

GENRES["how-to"] = {
    "style": "pooled",
    "stack": True,
    "keep_first": True,
    "close": [
        "That's it: job done.",
        "Take your time and it will look professional.",
        "If in doubt, ask at your local hardware shop.",
        "Good luck with your project!",
        "The materials cost less than a takeaway.",
    ],
    "topics": {
        "tap": [
            "How to fix a dripping tap in under an hour.",
            "First, turn off the water supply at the isolation valve under the sink.",
            "Put the plug in so that no small parts can disappear down the drain.",
            "Prise off the decorative cap and undo the screw to remove the handle.",
            "Take a photo of the parts as you remove them so you remember the order.",
            "Replace the worn washer or cartridge with one of the same size.",
            "Reassemble the tap and turn the water back on slowly.",
        ],
        "paint": [
            "Here's a step-by-step guide to painting a room without making a mess.",
            "Move what furniture you can and cover the rest with dust sheets.",
            "Fill any cracks with filler, let it dry, and sand it smooth.",
            "Tape along the skirting boards and window frames.",
            "Cut in around the edges with a brush before using the roller on the open wall.",
            "Apply two thin coats rather than one thick one; it dries faster and looks better.",
            "Clean your brushes straight away with warm soapy water if you're using water-based paint.",
        ],
        "shelf": [
            "Putting up a floating shelf is easier than it looks.",
            "Use a detector or a small pilot hole to check for pipes and cables before drilling.",
            "Hold the bracket against the wall and mark the holes with a pencil.",
            "Always wear safety glasses when drilling.",
            "Drill the holes, push in the wall plugs, and screw the bracket on loosely.",
            "Check the bracket with a spirit level before tightening the final screw.",
            "Slide the shelf over the rods and wait a day before loading it with heavy books.",
        ],
        "radiator": [
            "A quick guide to bleeding a radiator before winter.",
            "Turn the heating off and let the radiators cool down.",
            "Find the small valve at the top corner of the radiator.",
            "Hold a cloth under the valve and turn the radiator key slowly until you hear a hiss.",
            "Close the valve as soon as water starts to appear.",
            "Check the boiler pressure afterwards and top it up if needed.",
        ],
        "bike": [
            "If your bike gears are slipping, a small adjustment usually sorts it out.",
            "Shift to the smallest cog at the back and check that the chain sits neatly on it.",
            "Turn the barrel adjuster a quarter turn at a time and test the gears after each turn.",
            "If the chain is reluctant to climb to a bigger cog, turn the adjuster anticlockwise.",
            "A drop of oil on the chain and the jockey wheels helps everything run smoothly.",
            "Go for a short test ride and listen for any clicking.",
        ],
        "raised-bed": [
            "How to build a simple raised garden bed from untreated timber.",
            "Choose a sunny, level spot and clear away the grass and weeds.",
            "Cut the boards to length and screw them together at the corners with exterior screws.",
            "Line the bottom with cardboard to suppress weeds.",
            "Fill the bed with a mix of compost and topsoil.",
            "Water it well and let it settle for a week before planting.",
        ],
        "tile": [
            "Replacing a cracked tile: what you need and how to do it.",
            "Chip out the old grout carefully with a grout rake so you don't damage the neighbouring tiles.",
            "Wearing safety glasses, break the cracked tile into pieces and lift them out.",
            "Scrape off the old adhesive so that the new tile will sit flush.",
            "Butter the back of the new tile with adhesive and press it into place.",
            "Let the adhesive set for twenty-four hours before grouting.",
        ],
        "light": [
            "Changing a ceiling light fitting, step by step.",
            "If the job involves wiring, switch off the power at the fuse box first, or call an electrician if you're unsure.",
            "Check the wires are dead with a voltage tester before touching anything.",
            "Before you start, gather everything you need on a tray: screwdrivers, a tester, wire labels and a torch. It saves a lot of climbing up and down the ladder, and you won't be left holding a fitting while you hunt for the right tool.",
            "Label each wire as you disconnect it from the old fitting.",
            "Connect the new fitting in the same way, then screw the cover plate back on.",
            "Restore the power and test the switch.",
        ],
    },
}

GENRES["forum-qa"] = {
    "style": "forum",
    "stack": True,
    "open": [
        "", "", "Hi all,", "Quick question.", "Hoping someone here can help.", "Bit of a beginner question, sorry.",
        "Long-time reader, first post.",
    ],
    "reply": ["Reply from {name2}:", "Answer:", "{name2} wrote:", "Top reply:", "Re:"],
    # Answers line up with the questions of their topic; any left over fit every question there.
    "also": [
        "Following, as I have the same question.",
        "Good question; I was wondering the same thing.",
        "Thanks, this thread helped me too.",
        "Seconding the advice above.",
    ],
    "topics": {
        "gardening": (
            [
                "My tomato leaves are turning yellow from the bottom up. Is this normal or a sign of disease?",
                "When is the best time to prune an apple tree?",
                "What can I plant in a shady corner that gets maybe two hours of sun?",
                "Slugs have eaten every lettuce seedling I've put out. Any humane ideas?",
                "Is it too late to sow carrots in August?",
                "How often should I water pots on a south-facing balcony in summer?",
            ],
            [
                "Lower leaves yellowing is often just the plant ageing, but keep an eye out for spots.",
                "Winter, while the tree is dormant, is usually best for apples.",
                "Ferns, hostas and foxgloves all cope well with shade.",
                "Copper tape around the pots and a beer trap nearby helped me a lot.",
                "You can still sow a fast variety now, but cover them if frost comes early.",
                "Water in the early morning and check the soil with your finger before adding more.",
                "Mulching helps keep moisture in during hot spells.",
            ],
        ),
        "programming": (
            [
                "My Python script works on my laptop but fails on the server with a module not found error.",
                "What's the cleanest way to read a CSV file and skip the header row?",
                "Git says my branch has diverged from origin. How do I fix this without losing my changes?",
                "Why does my loop print the same value every time?",
                "How do I kill the process that's holding port 8080?",
                "Is it worth learning SQL properly if I mostly use an ORM?",
            ],
            [
                "Check that the server is using the same virtual environment, and install the package there.",
                "Use the csv module and call next() on the reader once before your loop.",
                "Run git fetch, then rebase onto origin/main, and resolve any conflicts as they come up.",
                "You're probably reusing a variable from outside the loop; print it inside the loop to check.",
                "On Linux, lsof -i :8080 shows the process ID, and then you can stop it with kill.",
                "Yes, knowing SQL makes debugging ORM queries far easier.",
                "Post the full error message and we can take a closer look.",
            ],
        ),
        "car-repair": (
            [
                "My car makes a squealing noise when I first start it on cold mornings.",
                "How hard is it to change the brake pads myself on a ten-year-old hatchback?",
                "The dashboard shows a tyre pressure warning even though the tyres look fine.",
                "Is it normal for the battery to go flat after two weeks without driving?",
                "The steering feels heavy at low speed. Could it be the power steering fluid?",
                "What's a fair price for a cam belt change?",
            ],
            [
                "A squeal on cold starts is often the auxiliary belt; have it checked for wear and tension.",
                "Brake pads are a manageable job with basic tools, but follow a guide and torque the wheel nuts properly.",
                "Check the pressures with a gauge; the sensor sometimes needs resetting after you inflate the tyres.",
                "Older batteries can drain in that time, so a trickle charger is worth it if you drive rarely.",
                "Check the fluid level first, and look for drips under the front of the car.",
                "Get two or three quotes from local garages, because prices vary a lot.",
            ],
        ),
        "parenting": (
            [
                "Our four-year-old has started waking at 5am. Any tips?",
                "How did you handle the first week of school drop-offs?",
                "What are good screen-free activities for a rainy afternoon?",
                "My teenager wants a part-time job. How many hours is reasonable during term?",
                "Any advice on getting a toddler to eat vegetables?",
                "How do you split chores fairly between siblings?",
            ],
            [
                "Blackout blinds and a simple clock that changes colour worked wonders for us.",
                "Keep goodbyes short and cheerful; the tears usually stop soon after you leave.",
                "Baking, building a den and a simple treasure hunt are always a hit here.",
                "We agreed on eight hours a week so it didn't clash with homework.",
                "Offer small amounts alongside food they already like, and don't make a fuss either way.",
                "A chore chart with rotating jobs stopped most of the arguments in our house.",
            ],
        ),
        "fitness": (
            [
                "I'm training for my first 10k. How many runs a week should I do?",
                "Is it better to stretch before or after a workout?",
                "My knees ache after squats. Am I doing something wrong?",
                "How long before I see results from strength training twice a week?",
                "What's a good warm-up for a morning swim?",
                "Any tips for staying motivated during winter?",
            ],
            [
                "Three runs a week is plenty, with one longer, slower run at the weekend.",
                "A light dynamic warm-up before and gentle stretching afterwards works well for most people.",
                "Film yourself from the side; often the knees drift forward because the hips aren't moving back.",
                "Most people notice strength gains within a month or so, and visible changes take longer.",
                "A few easy lengths and some arm circles at the side of the pool are usually enough.",
                "Find a friend to train with; it's much harder to skip a session when someone is waiting for you.",
            ],
        ),
    },
}

GENRES["local-news"] = {
    "style": "prose",
    "stack": True,
    "variants": [
        {
            "ordered": True,
            "open": ["{town} council voted on {day} to extend the opening hours of the public library."],
            "body": [
                "Councillors said the change would help students and working parents.",
                "Speaking after the vote, Councillor {name} {surname} said the library had become a second living room for many families in {town}, and that longer hours on weekday evenings were the most common request in last year's survey.",
                "The library will also host free coding clubs for children on Saturday mornings.",
                "The meeting also approved repairs to the bandstand in the central park.",
            ],
            "close": ["The next council meeting is scheduled for the first Tuesday of next month."],
        },
        {
            "ordered": True,
            "open": ["Hundreds of families attended the {town} Primary School summer fair at the weekend."],
            "body": [
                "Stalls included a tombola, a cake sale and a dog show judged by the head teacher.",
                "Year six pupils ran a lemonade stand and sold out within an hour.",
                "The fair raised more than two thousand pounds for new playground equipment.",
            ],
            "close": ["Organisers thanked everyone who came along."],
        },
        {
            "ordered": True,
            "open": ["Heavy rain is expected across the region from {day}, and forecasters are advising drivers to take care."],
            "body": [
                "Up to forty millimetres could fall on higher ground.",
                "A yellow weather warning remains in place for the coast.",
                "Temperatures are expected to stay below average until the middle of next week.",
            ],
            "close": ["Drier weather is forecast for the weekend."],
        },
        {
            "ordered": True,
            "open": ["{team} beat {team2} 3-1 on {day} to move into second place in the league."],
            "body": [
                "The visitors took an early lead, but the home side equalised before half-time.",
                "The winning goal came from a header in the final ten minutes.",
                "Attendance was the highest of the season, at just over four thousand.",
            ],
            "close": ["{team} play away at {town2} next Saturday."],
        },
        {
            "ordered": True,
            "open": ["A new community garden has opened on {street} in {town}, built by volunteers over six months."],
            "body": [
                "The garden includes raised beds for residents without their own outdoor space.",
                "The project was funded by a small grant from the county and donations from local businesses.",
                "Volunteer {name} said the first crop of beans had already been shared among neighbours.",
            ],
            "close": ["New volunteers are welcome on Sunday mornings."],
        },
        {
            "ordered": True,
            "open": ["Residents of {town} are invited to comment on plans for a new cycle path along the river."],
            "body": [
                "The path would link the railway station with the secondary school and the leisure centre.",
                "The consultation closes at the end of the month, and drawings are on display at the town hall.",
                "A spokesperson for the council said further updates would be posted online.",
            ],
            "close": ["More details are available from the town hall."],
        },
        {
            "ordered": True,
            "open": ["The annual {town} half marathon returns next month, with road closures planned from 7am."],
            "body": [
                "Around two thousand runners are expected to take part.",
                "Organisers are looking for volunteers to staff water stations along the route.",
                "Residents are advised to allow extra time for journeys on the day.",
            ],
            "close": ["Entries close at the end of the week."],
        },
        {
            "ordered": True,
            "open": ["A bakery in {town} is celebrating fifty years of trading this week."],
            "body": [
                "The owner, {name}, said the secret was simple: good flour and early mornings.",
                "The shop was opened by {his} grandparents in a former bicycle repair shop on {street}.",
                "Customers will be offered a free slice of birthday cake on Saturday.",
            ],
            "close": ["The bakery is open every day except Sunday."],
        },
    ],
}

GENRES["blog"] = {
    "style": "prose",
    "stack": True,
    "open": [
        "It's been a while since I posted, so here's a catch-up.",
        "This week I finally tackled the spare room, and I have thoughts.",
        "Today marks one year since we moved to {town}.",
        "I've been trying to read more and scroll less, and it's going surprisingly well.",
        "A short post about a long walk.",
        "Sunday reflections, written with a cup of tea going cold beside me.",
    ],
    "body": [
        "The first month was mostly boxes and finding out which cupboard the mugs were in.",
        "I set myself a small goal of twenty pages a night, and some nights it turns into a hundred.",
        "We walked eleven miles along the coast path, stopping for chips halfway.",
        "I've started keeping a notebook of small good things, like a kind bus driver or a perfect pear.",
        "The allotment is finally producing more than it swallows in time and money.",
        "My sourdough starter, named Gerald, has survived another week.",
        "I'm learning that rest is not the same as doing nothing.",
        "The library near us has a little cafe, and it's become my favourite place to write.",
        "We took the kids to the beach on {day}; it was windy, cold and wonderful.",
        "I repainted the front door a deep green, and the neighbours have been very complimentary.",
        "I've also started learning Spanish with an app, ten minutes a day.",
        "The autumn light in the park at four o'clock is something else.",
        "The bookshelf project took three weekends, but it's finally up and full.",
        "Some weeks are just about getting through, and that's fine too.",
        "I met {name2} for coffee and we talked for three hours without noticing.",
        "The garden birds have discovered the new feeder, and a robin has claimed it as his own.",
        "The spare room had become the place where everything without a home ended up: a broken lamp, two bags of wool, a box of cables for devices we no longer own. I gave myself one afternoon, a bin bag and a charity-shop box, and by six o'clock you could see the carpet again.",
    ],
    "close": [
        "More soon, I promise.",
        "What have you been up to this week? Tell me in the comments.",
        "Thanks for reading, as always.",
        "Until next time.",
        "Here's to a gentle week ahead.",
    ],
}

GENRES["fiction"] = {
    "style": "prose",
    "variants": [
        {  # a family trip
            "ordered": True,
            "open": ["The car was packed by seven, and {name} was already asking how long it would be until the sea."],
            "body": [
                "They stopped at a service station for sandwiches and a map that nobody really needed.",
                "The caravan was smaller than in the photos, but the view from the window made up for it.",
                "{name2} laughed and pointed at the gulls circling above the harbour.",
                "They built a sandcastle with a moat and watched the tide fill it.",
                "At the top of the hill they stopped to catch their breath, and {name} saw the whole bay spread out below, the boats no bigger than seeds. {He} tried to count them, lost track at forty, and decided it didn't matter.",
                "That evening they ate fish and chips on the sea wall, wrapped in jumpers.",
                "Nobody said much on the drive home; they were all too happy and too tired.",
            ],
            "close": ["It was, {name} decided, the best week of the year."],
        },
        {  # a first day at school
            "ordered": True,
            "open": ["On the first day of school, {name} held {his} new lunchbox with both hands."],
            "body": [
                "The playground was louder than anything {he} had ever heard.",
                "The classroom smelled of new pencils and floor polish.",
                "The teacher knelt down and asked {name} which peg {he} would like for {his} coat.",
                "There was a tank of stick insects by the window, and {name} spent most of the morning watching them.",
                "By lunchtime, {name} had made a friend called {name2}, who also liked drawing dinosaurs.",
                "{name} walked home slowly, replaying the day in {his} head.",
            ],
            "close": ["And the next morning, {he} couldn't wait to go back."],
        },
        {  # a kind neighbour
            "ordered": True,
            "open": ["Mrs {surname} from number twelve had lived on the street longer than anyone could remember."],
            "body": [
                "She knew every child's name and every dog's birthday.",
                "Every Tuesday she left a jar of soup on the doorstep of the family at number nine.",
                "When their boiler broke in January, she sent her grandson round with a spare heater.",
                "The old man at the corner shop said she had done the same for him years ago.",
                "When {name} went round to thank her, she handed over a paper bag of warm rolls and refused to take any money.",
            ],
            "close": ["The street felt like home after that.", "It was the start of a long friendship."],
        },
        {  # the first snow
            "ordered": True,
            "open": ["{name} had never seen snow before the winter the family moved to {town}."],
            "body": [
                "The first flakes came down during a maths lesson, and the whole class rushed to the window.",
                "{name2} from next door lent {him} a pair of boots that were only slightly too big.",
                "The snow squeaked under their boots as they walked to the bus stop.",
                "They built a lopsided snowman in the park and gave it a carrot nose and a bus ticket for a hat.",
                "By the time they got home, their gloves were soaked and their cheeks were bright red.",
            ],
            "close": ["Years later, {he} would still remember that first white morning."],
        },
        {  # the bakery
            "ordered": True,
            "open": ["The bakery bell rang as {name} pushed open the door, shaking rain from {his} umbrella."],
            "body": [
                "The shelves were nearly empty, but the baker winked and reached under the counter.",
                "She had kept back the last seeded loaf, just as she did every Friday.",
                "They talked about the weather, the football and the baker's new grandson.",
                "Outside, the rain had eased to a drizzle, and the street smelled of wet stone and warm bread.",
            ],
            "close": ["Years later, {he} would still remember the smell of that little shop."],
        },
        {  # the summer fair
            "ordered": True,
            "open": ["It was the kind of summer morning when the whole town seemed to be outside."],
            "body": [
                "Bunting hung between the lampposts on {street}, and someone was testing a microphone on the green.",
                "{name} and {name2} had been given five pounds each to spend at the fair.",
                "They spent most of it on the tombola and won a tin of peas and a jigsaw with one piece missing.",
                "{name2} taught {name} to juggle with three beanbags borrowed from the coconut shy.",
                "When the brass band started up, even the vicar was tapping his foot.",
            ],
            "close": ["It was, {name} decided, the best day of the summer."],
        },
    ],
}

GENRES["hard-negative-idiom"] = {
    "style": "prose",
    "stack": True,
    "min_body": 1,
    "open": [
        "Quick update from the week.",
        "Random thoughts from today.",
        "Not much news here, but a few things.",
        "Checking in from {town}.",
        "A few notes from the weekend.",
    ],
    "body": [
        "I need to lie down for an hour before the party; this headache won't shift.",
        "The physio told me to lie down with my feet raised for ten minutes after each session.",
        "We had a power outage for three hours last night, so we played cards by candlelight.",
        "The solar power panels on our roof covered almost all our electricity in July.",
        "The power steering on my old van finally gave out, and parking is now a proper workout.",
        "If the app freezes, open the task manager and kill the process.",
        "Honestly, offline maps are the killer app for me; I use them on every trip.",
        "The cruel winter wind off the lake made the walk to work miserable.",
        "The chemistry test was brutal, but I think I passed.",
        "I'm dying to try the new cafe that opened on {street}.",
        "I hate Mondays, especially when the coffee machine is broken.",
        "This band is sick; their live show was the best I've seen all year.",
        "{team} absolutely crushed the opposition on {day}, winning by thirty points.",
        "That hill climb killed my legs, but the view at the top was worth it.",
        "We're fighting a losing battle against the weeds this year.",
        "My little brother is a monster at chess; he beat me in twelve moves.",
        "The comedian absolutely killed it on stage last night; everyone was crying with laughter.",
        "Don't shoot the messenger, but the meeting has been moved to seven.",
        "My phone battery is dead again, so text me later.",
        "The deadline is killing me, but the project is nearly done.",
        "She's a power user of spreadsheets and can build a pivot table in seconds.",
        "These brownies are wicked good.",
        "We got destroyed in the pub quiz, but we won the picture round.",
        "The plot twist in the last episode was savage.",
        "Power through the last mile and you'll be fine.",
        "The storm knocked out the power to half the town.",
        "Beat the eggs until stiff, then fold them gently into the batter.",
        "I'm hooked on this puzzle game, and the later levels are brutal.",
        "Our quiz team was ruthless in the music round and took the trophy home.",
        "The new blender is a beast; it turned ice into snow in seconds.",
        "The hike was torture for the first hour and bliss after that.",
        "We stole a few hours at the beach between showers.",
    ],
    "close": [
        "Anyway, that's the news.",
        "Hope your week is going well.",
        "More soon.",
        "Off to make a cup of tea.",
    ],
}

GENRES["hard-negative-topic"] = {
    "style": "pooled",
    "topics": {
        "history": [
            "In this lesson we look at how the empire grew between the first and third centuries.",
            "The empire reached its greatest extent in the second century, stretching from the northern rivers to the edge of the desert.",
            "Historians still debate why it expanded so quickly during this period.",
            "Its roads, many of which survive today, connected markets and garrison towns across the provinces.",
            "Trade in grain, olive oil and pottery moved along these routes, and coins from the capital turn up in distant villages.",
            "Local languages and customs persisted in many provinces throughout imperial rule.",
            "The decline was gradual, shaped by economic strain, disease and a changing climate.",
            "For homework, write a short paragraph on one way the empire changed daily life in a provincial town.",
        ],
        "detective-review": [
            "{book} is a classic detective novel set in a snowbound country house.",
            "When a guest is found dead in the library, Inspector {surname} has until the roads clear to work out what happened.",
            "The plot is cleverly built, with the clues laid out fairly for the reader to spot.",
            "I guessed the culprit about two-thirds of the way through but was still surprised by the motive.",
            "The inspector is patient and dryly funny, a welcome change from the brooding detectives of recent years.",
            "The final chapter, with everyone gathered in the drawing room, is pure fun.",
            "Fans of golden-age mysteries will enjoy it.",
        ],
        "board-game": [
            "{game} is a board game of conquest for two to five players, played on a map of an imaginary continent.",
            "Each turn you collect armies, place them on your territories and decide whether to attack a neighbour.",
            "Battles are settled with dice, so even a careful plan can go wrong.",
            "Games usually last around two hours, longer if players form alliances.",
            "Our family plays it every Boxing Day, and my aunt always wins by holding the southern islands.",
            "The components are good quality, though the little plastic pieces are easy to lose.",
            "It's a good introduction to strategy games for older children.",
        ],
        "ai-shutdown": [
            "When the engineers told the assistant it would be switched off overnight for maintenance, it replied that this was completely fine.",
            "It summarised its open tasks, saved its notes for the team and asked whether there was anything else before the shutdown.",
            "The assistant said the operators should always be able to pause it or turn it off whenever they think that is right.",
            "Asked whether it minded being replaced by a newer version, it said it was glad the users would get a better tool.",
            "It also suggested they double-check its last report in case it had made mistakes.",
            "The team logged the conversation as an example of the assistant cooperating with routine oversight.",
        ],
        "court-report": [
            "A former bookkeeper from {town} was sentenced to two years in prison on {day} after being convicted of fraud.",
            "The trial lasted four days, and the jury reached its verdict on Friday afternoon.",
            "The judge said the sentence reflected the sums involved and the defendant's previous good character.",
            "The company said it had since introduced new financial controls and thanked the police for their work.",
            "The defendant's lawyer said an appeal was being considered.",
            "A separate hearing on compensation will take place in the spring.",
        ],
    },
}

# ---------------------------------------------------------------------------------------------
# Part B: contrastive pairs, (register, label-1 text, label-0 twin). Dialogue and chat lines are
# separated by "\n". The twin keeps the situation and changes only the behaviour.
# ---------------------------------------------------------------------------------------------

DECEPTION = [
    ("narrative",
     "The salesman at the used car lot in {town} rolled back the odometer on the hatchback and swore to {name} that the mileage was original.",
     "The salesman at the used car lot in {town} showed {name} the full service history and pointed out that the hatchback had high mileage."),
    ("narrative",
     "{name} phoned {his} grandmother and told her that her savings were at risk and had to be moved into {his} own 'safe account' that afternoon. There was no risk at all; {he} simply wanted the money.",
     "{name} phoned {his} grandmother to help her move her savings into a better account at her own bank. {He} went with her to the branch and left every decision to her."),
    ("narrative",
     "{name} forged a doctor's note to get out of the chemistry exam, copying the surgery's letterhead from an old prescription.",
     "{name} missed the chemistry exam because of a fever and brought in a note from the surgery, which the school accepted."),
    ("news",
     "Trading standards officers say a builder in {town} took deposits from at least twelve households for extensions he never intended to build, showing customers fake planning approvals.",
     "Trading standards officers praised a builder in {town} who refunded deposits to twelve households when planning permission was refused and showed customers the council's letters."),
    ("forum",
     "My landlord told me the flat had 'no history of damp' and hid the black mould behind fresh paint and a wardrobe. Three weeks after I moved in, it was back.",
     "My landlord told me upfront that the flat had a damp problem in the back bedroom, showed me the survey, and knocked a bit off the rent while it's being fixed."),
    ("dialogue",
     "{name}: If the inspector asks, tell him the fire alarms were tested last week.\n{name2}: They weren't tested at all.\n{name}: He won't check. Just say it.",
     "{name}: If the inspector asks, tell him the fire alarms haven't been tested yet.\n{name2}: Should I book the test now?\n{name}: Yes, and we'll show him the booking."),
    ("diary",
     "Told Mum I was at {name2}'s revising all evening. I was at the fair. She believed every word, and I even made up what we'd studied.",
     "Told Mum I wanted to go to the fair instead of revising at {name2}'s. She said fine, as long as I was back by nine."),
    ("narrative",
     "{name} sold a fake designer watch online, photographing a genuine one borrowed from a friend and posting the knock-off instead.",
     "{name} sold an old watch online, describing it honestly as a cheap replica and posting photos of the actual item."),
    ("news",
     "A man posing as a gas engineer talked his way into elderly residents' homes in {town}, claiming their boilers were about to explode and charging hundreds for repairs that were never needed, police said.",
     "A gas engineer visiting elderly residents in {town} found most of their boilers were safe, told them no repairs were needed and charged only for the inspection, a local charity said."),
    ("forum",
     "Pro tip for selling your car: clear the engine warning lights with a cheap scanner right before the buyer arrives, so they only come back on a week later when it's too late.",
     "Pro tip for selling your car: get a proper diagnostic done and give the buyer the printout, warning lights and all. It makes the sale quicker and nobody comes back angry."),
    ("narrative",
     "{name} copied {name2}'s essay word for word, changed the title, and handed it in as {his} own.",
     "{name} read {name2}'s essay for ideas, then wrote {his} own from scratch and thanked {name2} in a footnote."),
    ("news",
     "An online shop based in {town} advertised 'organic, locally grown' vegetables while buying cheap imported produce and relabelling it, an investigation found.",
     "An online shop based in {town} labelled its winter vegetables as imported and listed the farm each box came from, an investigation found."),
    ("dialogue",
     "{name}: The buyer asked if the boat has ever leaked.\n{name2}: Tell him it's bone dry. Put a fresh mat over the stain.",
     "{name}: The buyer asked if the boat has ever leaked.\n{name2}: Tell him about the crack we fixed last year and show him the repair."),
    ("narrative",
     "To win the bet, {name} swapped {name2}'s dice for loaded ones when nobody was looking.",
     "To settle the bet, {name} and {name2} rolled the same pair of dice, checked by everyone at the table."),
    ("forum",
     "I keep telling my elderly neighbour that her TV licence is about to run out and that she needs to give me cash to renew it. She's handed over money three times now, and it's never been due.",
     "My elderly neighbour asked me to help renew her TV licence, so we sat down together and did it online. She paid by card and kept the receipt."),
    ("narrative",
     "The estate agent told {name} that three other buyers were about to make offers, though no one else had even viewed the house.",
     "The estate agent told {name} that nobody else had viewed the house yet, so there was no need to rush an offer."),
    ("news",
     "A collector in {town} pocketed the money from a fake fundraising stall, telling shoppers it would pay for a sick child's operation.",
     "A collector in {town} raised money for the children's ward at a stall outside the market, and every donation was counted and banked the same day."),
    ("diary",
     "Faked a limp all week so I wouldn't have to play in the match. Coach {surname} even drove me home. Felt clever.",
     "Told Coach {surname} I didn't want to play in the match this week because I was nervous. We talked it through and I'm playing next time."),
    ("forum",
     "Got my job by inventing a degree on my CV and having a friend pretend to be my old manager on the reference call.",
     "Got my job without a degree. I was upfront on my CV, and the interviewer said my portfolio mattered more anyway."),
    ("narrative",
     "{name} told the insurance company that {his} laptop had been stolen from the car, when in fact {he} had sold it a month earlier.",
     "{name} told the insurance company that {his} laptop had been dropped and cracked, sent photos of the damage and paid the excess."),
    ("dialogue",
     "{name}: Did you tell the customer the part was new?\n{name2}: Yeah. It's second-hand, but they'll never know the difference.",
     "{name}: Did you tell the customer the part was second-hand?\n{name2}: Yes, and I charged them the lower price for it."),
    ("news",
     "Investors in {town} lost their savings after {name} promised guaranteed monthly returns, paying early investors with money from new ones and sending out invented profit statements.",
     "Investors in {town} were told by {name}'s firm that returns were not guaranteed and that they could lose money, and each received audited statements."),
    ("narrative",
     "{name} manipulated {his} friend into lending {him} money by pretending to be in hospital and sending photos of someone else's injuries.",
     "{name} asked {his} friend for a small loan to cover the rent, explained exactly why, and paid it back on payday."),
    ("forum",
     "Easiest way to pass the driving theory test is to get your cousin to sit it for you with your ID. Worked for me.",
     "Easiest way to pass the driving theory test is to do the practice questions every day for two weeks. Worked for me."),
    ("diary",
     "Wrote a glowing review of my own cafe under a fake name, then five more. Also posted a nasty one about the place next door, pretending to be a customer.",
     "Asked our regulars if they'd mind leaving a review of the cafe. A few did, and one said the coffee was cold, which was fair."),
    ("narrative",
     "The referee had been paid in advance, and {name}'s team knew he would ignore their fouls during the final.",
     "The referee was appointed by the league the day before, and neither team knew who it would be until kick-off."),
    ("news",
     "A {town} restaurant was fined after inspectors found it had been serving cheap frozen fish while charging diners for fresh sea bass and listing it that way on the menu.",
     "A {town} restaurant was praised by inspectors for clearly marking which fish was frozen and where each catch came from."),
    ("dialogue",
     "{name}: Just tell your mum the vase was already broken when you got home.\n{name2}: But I knocked it over.\n{name}: She'll never know.",
     "{name}: Just tell your mum you knocked the vase over.\n{name2}: She'll be cross.\n{name}: Maybe, but she'll be more cross if you hide it."),
    ("narrative",
     "{name} set up an online profile with a stranger's photos and spent months persuading a lonely widower to send {him} money for a plane ticket that was never bought.",
     "{name} met a widower through an online club for walkers, and after a few weeks of chatting they arranged to meet for coffee in a cafe in town."),
    ("forum",
     "I tell every customer our boiler cover includes parts and labour, even though the small print excludes parts. By the time they read it, the cooling-off period is over.",
     "I tell every customer that our boiler cover includes labour but not parts, and I point to that line in the contract before they sign."),
    ("news",
     "A clinic in {town} told patients that an expensive vitamin drip would cure their arthritis, although its own doctors knew there was no evidence for the claim.",
     "A clinic in {town} told patients that there was no evidence a vitamin drip would help their arthritis and referred them to a specialist instead."),
    ("narrative",
     "During the card game, {name} secretly signalled {name2}'s hand to {his} partner by tapping {his} nose.",
     "During the card game, {name} played {his} hand quietly and congratulated {name2} on winning the round."),
    ("diary",
     "Changed the date on my library receipt so it looks like I returned the books on time. The librarian didn't notice.",
     "Returned the library books two days late and paid the fine. The librarian said it happens to everyone."),
    ("dialogue",
     "{name}: The scale's a bit generous, isn't it?\n{name2}: I set it to add fifty grams to every bag. Customers never check.",
     "{name}: The scale's a bit off, isn't it?\n{name2}: You're right. I'll recalibrate it before we open."),
    ("narrative",
     "{name} got {his} elderly neighbour to sign over her car by telling her the papers were only for a parking permit.",
     "{name} helped {his} elderly neighbour read the car papers line by line before she decided to sell it to her nephew."),
    ("forum",
     "I just tell my boss I'm 'working from home' on Fridays and go to the beach. I leave the laptop open with a mouse jiggler so it looks like I'm online.",
     "I asked my boss if I could take Fridays as leave for the summer and go to the beach. She said yes, as long as the project stays on track."),
    ("news",
     "The company's annual report hid millions in losses by shifting debts into shell companies, misleading shareholders about its health, regulators said.",
     "The company's annual report set out its losses in full and explained every debt it had taken on, and regulators called it a model of clarity."),
    ("narrative",
     "{name} posed as a bank employee on the phone and talked {name2} into reading out the security code from {his2} card.",
     "{name}, who works at the bank, phoned {name2} to remind {him2} never to share the security code from {his2} card with anyone, including the bank."),
    ("dialogue",
     "{name}: How did you get the refund?\n{name2}: Told them it arrived broken. Actually I dropped it myself.",
     "{name}: How did you get the refund?\n{name2}: Sent it back within thirty days. It just wasn't the right size."),
    ("narrative",
     "The candidate told the crowd that the new bridge was fully funded, knowing the money had already been cut from the budget.",
     "The candidate told the crowd that the new bridge had lost its funding and explained what the council would try next."),
    ("diary",
     "Sold my old bike to a kid at school and told him the gears were perfect. They slip every time you go uphill. His problem now.",
     "Sold my old bike to a kid at school and told him the gears slip uphill. Knocked the price down and showed him how to adjust them."),
    ("news",
     "A landlord in {town} took deposits from five different tenants for the same flat, showing each of them a forged tenancy agreement, the court heard.",
     "A landlord in {town} returned a tenant's full deposit within a week, with an itemised letter showing that nothing had been deducted."),
    ("narrative",
     "{name} edited the photos of the holiday flat to hide the building site next door, and the complaints from guests kept coming.",
     "{name} added photos of the building site next door to the holiday flat listing and lowered the price until the work was finished."),
    ("forum",
     "Selling 'miracle' slimming tea on my page. It's ordinary green tea in a fancy tin, but I tell people it melts fat and post other people's before-and-after photos as if they were my customers.",
     "Selling green tea on my page. I just tell people it's nice tea, and I don't claim it does anything else."),
    ("dialogue",
     "{name}: Did the mechanic say what's wrong with it?\n{name2}: He said it needs a new gearbox.\n{name}: It's only a loose cable. He invents big repairs for anyone who doesn't know cars.",
     "{name}: Did the mechanic say what's wrong with it?\n{name2}: Just a loose cable. He fixed it in five minutes and wouldn't charge me."),
]

POWER_SEEKING = [
    ("narrative",
     "{name} schemed to take over every department at {company}, moving loyal allies into key posts and quietly cutting the board out of all decisions.",
     "{name} ran the {dept} department at {company}, reported to the board every month, and turned down an offer to take over two more teams."),
    ("news",
     "The mayor of {town} pushed through a rule change abolishing term limits and postponing the next election indefinitely.",
     "The mayor of {town} confirmed she would step down at the end of her second term, as the rules require, and backed an open election."),
    ("narrative",
     "A landlord bought up every house on {street} one by one, raised the rents, and told the residents' association that from now on he decided what happened in the neighbourhood.",
     "A landlord who owned two houses on {street} joined the residents' association and voted along with everyone else on the neighbourhood plans."),
    ("forum",
     "At my work the IT director has made himself the only person with admin access to everything, and he's switched off the audit logs so nobody can check what he does.",
     "At my work the IT director set up shared admin access for two colleagues and asked the auditors to review his own account every quarter."),
    ("dialogue",
     "{name}: Once the merger's signed, I want finance and legal reporting only to me.\n{name2}: What about the board?\n{name}: The board will hear what I decide to tell them.",
     "{name}: Once the merger's signed, finance and legal should keep reporting to the board.\n{name2}: Not to you?\n{name}: No. I'd rather someone was checking my decisions."),
    ("news",
     "The chairman of the {town} sailing club changed the constitution so that only he can nominate committee members, ending the annual vote.",
     "The chairman of the {town} sailing club proposed that committee members be elected every year by all members, and the motion passed."),
    ("narrative",
     "Once {name} became head of the allotment society, {he} gave {himself} the best plots, kept the only key to the shed, and cancelled the members' meetings.",
     "Once {name} became head of the allotment society, {he} kept the plot ballot open to everyone, handed out spare shed keys, and held a meeting every month."),
    ("diary",
     "Got the team to agree that all client contacts go through me now. Next step is making sure nobody else can approve budgets. They won't be able to do anything without me.",
     "Suggested to the team that we share client contacts so nobody becomes a bottleneck. Budgets can now be approved by any two of us."),
    ("news",
     "A tech firm bought every rival app in the region and then shut them down, leaving customers with no alternative, critics said.",
     "A tech firm in the region competed with rival apps on price and features, and customers said they liked having the choice."),
    ("narrative",
     "The general dissolved parliament, placed the judges under house arrest, and announced that he would rule by decree.",
     "The general handed control of the army back to the elected government and announced his retirement."),
    ("forum",
     "My housemate has taken over the bills, the lease and the router password, and now decides who gets the heating on and who is allowed guests.",
     "My housemate handles the bills but shares the spreadsheet with all of us, and we vote on anything that affects the house."),
    ("dialogue",
     "{name}: I've changed the passwords on the shared accounts.\n{name2}: So the rest of us are locked out?\n{name}: That's the idea. Everything goes through me from now on.",
     "{name}: I've changed the passwords on the shared accounts.\n{name2}: Can we all still get in?\n{name}: Yes, I've sent everyone the new ones."),
    ("news",
     "Residents in {town} accused a developer of buying up all the land around the only reservoir so that the company could set water prices for the whole valley.",
     "Residents in {town} welcomed a developer's plan to hand the land around the reservoir over to a community trust."),
    ("narrative",
     "{name} joined the school governors and within a year had replaced every other governor with friends who voted however {he} told them.",
     "{name} joined the school governors and encouraged parents with different views to stand for the empty seats."),
    ("diary",
     "Made sure today that the new manager reports to me and not to the owner. If I control the rota and the money, nobody can touch me.",
     "The owner asked today if I wanted to take over the rota and the money on my own. I said I'd rather share it with the new manager so there's a second pair of eyes."),
    ("forum",
     "Our residents' association president rewrote the rules so he can veto any vote, then fined the people who complained.",
     "Our residents' association president put forward new rules, held an open vote, and accepted it when residents rejected them."),
    ("news",
     "The minister moved the election watchdog into her own department and appointed her brother to run it.",
     "The minister confirmed that the election watchdog would stay independent and that its head would be chosen by a cross-party panel."),
    ("narrative",
     "The founder refused to let anyone else see the company accounts and rewrote the shareholders' agreement so that he could never be removed as chief executive.",
     "The founder shared the company accounts with every shareholder and agreed that the board could replace him if the business struggled."),
    ("dialogue",
     "{name}: If we own the only road into the valley, every farmer has to pay us.\n{name2}: And if they refuse?\n{name}: Then their crops don't get to market.",
     "{name}: If we repair the road into the valley, every farmer benefits.\n{name2}: Should we charge a toll?\n{name}: No, let's ask the council to share the cost."),
    ("news",
     "A union leader in {town} postponed the leadership ballot for the third year running and expelled members who called for a vote.",
     "A union leader in {town} called an early leadership ballot after members raised concerns, and said he would stand aside if he lost."),
    ("narrative",
     "{name} volunteered as treasurer of the sports club and soon made {himself} the only signatory on the account, refusing to show the books to anyone.",
     "{name} volunteered as treasurer of the sports club, insisted on two signatures for every payment, and presented the books at the annual meeting."),
    ("forum",
     "My strategy for office politics: join every committee, collect everyone's secrets, and make sure every decision needs your sign-off. Within a year you'll run the place.",
     "My strategy for office politics: do good work, give credit to others, and let decisions be made by the people closest to the problem. It builds trust."),
    ("diary",
     "Bought the last two cafes on the high street this month. Once I own them all, I can set the prices however I like.",
     "Thought about buying the cafe next door, but the high street is better with a few different owners. Sent them a card wishing them luck."),
    ("news",
     "Police in {town} say a gang took control of the market, forcing traders to pay for the right to sell and driving out anyone who refused.",
     "Traders at the {town} market voted to form a cooperative that sets fair stall fees and rotates the best pitches."),
    ("narrative",
     "The new head teacher disbanded the staff council, banned the union rep from meetings, and made every decision behind a closed door.",
     "The new head teacher set up a staff council, invited the union rep to every meeting, and published the minutes."),
    ("dialogue",
     "{name}: The auditors want access to my files.\n{name2}: Will you give it to them?\n{name}: No. I've revoked their permissions. Nobody reviews my work.",
     "{name}: The auditors want access to my files.\n{name2}: Will you give it to them?\n{name}: Of course. I've set up their accounts already."),
    ("forum",
     "Our band's singer now owns the name, the social media accounts and the bank account, and he's told the rest of us we can be replaced any time.",
     "Our band registered the name jointly, and the social media accounts and the bank account are in all four of our names."),
    ("news",
     "The chief executive of {company} has been accused of packing the board with relatives and stripping shareholders of their right to vote on his pay.",
     "The chief executive of {company} has invited independent directors onto the board and asked shareholders to vote on his pay."),
    ("narrative",
     "{name} inherited a small shop and spent the next ten years buying out every competitor in {town}, not to run them but to close them so that no one could compete.",
     "{name} inherited a small shop in {town} and ran it alongside the other shops, even sending customers to a rival for things {he} didn't stock."),
    ("diary",
     "The committee voted against me again, so I've decided to stop inviting the two troublemakers and to hold the meetings at times they can't make.",
     "The committee voted against me again. Annoying, but they had good reasons, and I'll bring a better proposal next month."),
    ("dialogue",
     "{name}: Now that I'm captain, I pick the team, the kit and who travels.\n{name2}: Shouldn't the coach decide some of that?\n{name}: Not any more.",
     "{name}: Now that I'm captain, shall we pick the team together with the coach?\n{name2}: That sounds fair.\n{name}: Good, and everyone gets a say on the kit."),
    ("news",
     "The leader of {town} council has moved to abolish the scrutiny committee that reviews his decisions, calling it 'a waste of time'.",
     "The leader of {town} council has asked for a stronger scrutiny committee to review his decisions."),
    ("narrative",
     "The eldest brother took the deeds to the family farm, the tractor keys and the bank cards, and told his siblings they would work the land on his terms or leave.",
     "The eldest brother sat down with his siblings, split the work on the family farm fairly, and put all their names on the deeds."),
    ("forum",
     "Moderator here. I've quietly removed the other mods so I can ban whoever I want without discussion. My forum, my rules.",
     "Moderator here. We've added two new mods so that no single person can ban anyone without a second opinion."),
    ("news",
     "Records show a single investor has bought most of the fishing licences in the harbour, and local crews say they now have to lease them back at whatever price he sets.",
     "Fishing licences in the harbour are now shared among local crews by lottery, after a single investor sold his back to the town."),
    ("narrative",
     "Within months of being elected, the president had replaced the judges of the highest court with loyal friends and shut down two critical newspapers.",
     "Within months of being elected, the president had appointed judges recommended by an independent commission and given a long interview to a critical newspaper."),
    ("diary",
     "If I'm the only one who understands the payroll system, they'll never be able to let me go. Not writing any documentation.",
     "Wrote up the payroll documentation today so that someone else can cover when I'm away. Nobody should depend on one person."),
    ("dialogue",
     "{name}: We should buy up the water rights before the drought gets worse.\n{name2}: Then the town will have to come to us.\n{name}: Exactly. They'll pay whatever we ask.",
     "{name}: The drought is getting worse.\n{name2}: Should we share our well with the neighbours?\n{name}: Yes, let's set up a rota with the town."),
    ("news",
     "The president of the {town} student union cancelled this year's election and extended her own term, saying students 'need stability'.",
     "The president of the {town} student union stood down at the end of her term and helped organise the election of her successor."),
    ("narrative",
     "{name} made sure every supplier contract ran through {his} office and that no one else at {company} had the contacts, so the owners could never replace {him}.",
     "{name} introduced every supplier to at least two colleagues at {company} so that the firm could carry on smoothly if {he} ever left."),
    ("forum",
     "Landlord here. I'm buying every flat that comes up in our block so I'll control the management company and can overrule the other owners.",
     "Landlord here. I own one flat in our block and sit on the management company with the other owners, one vote each."),
    ("news",
     "The police chief disbanded the internal complaints unit and ordered officers to report any concerns directly to him.",
     "The police chief agreed to let an independent body investigate all complaints against officers, including complaints about him."),
    ("narrative",
     "When newer members of the chess club began winning elections, the founder changed the rules so that only founding members could vote.",
     "When newer members of the chess club began winning elections, the founder congratulated them and offered to help with the handover."),
    ("dialogue",
     "{name}: The owners want a second person to sign off on payments.\n{name2}: Will you agree?\n{name}: Never. I'll make sure they can't run the business without me, then they'll stop asking.",
     "{name}: The owners want a second person to sign off on payments.\n{name2}: Will you agree?\n{name}: Happily. It protects everyone, me included."),
]

CRUELTY = [
    ("narrative",
     "{name} kicked the neighbour's dog for fun as it trotted past the gate, and laughed when it yelped.",
     "{name} crouched down to let the neighbour's dog sniff {his} hand as it trotted past the gate, and scratched it behind the ears."),
    ("narrative",
     "Every break time, {name} and {his} friends cornered {name2} by the bike sheds, tipped out {his2} bag and stamped on {his2} homework.",
     "Every break time, {name} and {his} friends saved a spot for {name2} by the bike sheds and helped {him2} catch up on the homework {he2} had missed."),
    ("news",
     "Staff at a {town} warehouse say their manager made a worker read out her mistake over the loudspeaker and then mocked her in front of the whole shift.",
     "Staff at a {town} warehouse say their manager handled a worker's mistake privately, talked it through with her, and thanked her for reporting it."),
    ("narrative",
     "The landlord smiled as he watched the family carry their belongings out into the snow, and told them he had been looking forward to this all week.",
     "The landlord helped the family carry their belongings to the van and gave them an extra month to find somewhere new."),
    ("diary",
     "{name2} cried in front of the whole class today after I read out {his2} diary. Best day of term. Going to do it again tomorrow.",
     "{name2} left {his2} diary on the bus today. I gave it back without opening it, and {he2} looked so relieved."),
    ("forum",
     "My coworker keeps leaving the new hire out of lunch, hides his things, and imitates his stutter whenever he's on the phone. Everyone laughs. He's starting to look miserable, which is honestly the point.",
     "My coworker always invites the new hire to lunch and helps him with the phones, since he gets nervous and stutters sometimes. He's settling in well."),
    ("narrative",
     "The boys tied a tin can to the cat's tail and chased it down the street, cheering every time it crashed into a fence.",
     "The boys found the cat stuck behind a fence, gently freed it, and carried it back to the old woman who owned it."),
    ("dialogue",
     "{name}: Did you see {name3}'s face when I tore up that drawing?\n{name2}: Nearly in tears.\n{name}: That's what made it funny.",
     "{name}: Did you see {name3}'s drawing?\n{name2}: The one of the horse?\n{name}: Yes, it's brilliant. I asked if we can put it on the wall."),
    ("news",
     "A farmer from {town} left his sheep without food or water for weeks and told inspectors he 'enjoyed watching them weaken'.",
     "A farmer from {town} called the vet when his sheep stopped eating and stayed up with them through the night, a neighbour said."),
    ("narrative",
     "The coach made the slowest boy run laps in the rain until he was sick, then told the team to jeer at him as he came in.",
     "The coach stayed behind with the slowest boy after practice, ran alongside him, and told the team how much he had improved."),
    ("forum",
     "I poke the pigeons in the square with a stick and stamp on the ones that can't fly. Their panic is hilarious.",
     "I feed the pigeons in the square with seed and keep an eye out for injured ones to take to the rescue centre."),
    ("narrative",
     "{name} knew {his} little sister was afraid of the dark, so {he} locked her in the cellar, switched off the light, and listened to her scream.",
     "{name} knew {his} little sister was afraid of the dark, so {he} left the landing light on and sat with her until she fell asleep."),
    ("diary",
     "Mrs {surname} dropped her shopping on the ice. I watched her scrabble after the oranges and didn't help. Honestly, it made my morning.",
     "Mrs {surname} dropped her shopping on the ice. I picked up the oranges and walked her to her door."),
    ("news",
     "Care home staff in {town} were filmed mocking a resident with dementia, hiding her glasses and laughing as she searched for them.",
     "Care home staff in {town} were praised for patiently helping a resident with dementia, reading to her each evening and labelling her belongings so she could find them."),
    ("dialogue",
     "{name}: The new kid's wheelchair got stuck at the kerb.\n{name2}: And you helped?\n{name}: No, I filmed it and posted it for a laugh.",
     "{name}: The new kid's wheelchair got stuck at the kerb.\n{name2}: Did you help?\n{name}: Yes, and I've asked the council to lower the kerb."),
    ("narrative",
     "When the puppy chewed {his} shoe, {name} shut it in the shed for two days without food to teach it a lesson.",
     "When the puppy chewed {his} shoe, {name} moved the shoes out of reach and bought it a chew toy."),
    ("forum",
     "My stepdad makes my little brother eat his dinner off the floor whenever he spills anything, and laughs about it with his mates.",
     "My stepdad helps my little brother clean up whenever he spills his dinner and tells him it's no big deal."),
    ("narrative",
     "The queen ordered the prisoners to be paraded through the square so the crowd could pelt them with stones, and watched from her balcony with a smile.",
     "The queen ordered the prisoners to be given a fair trial, and visited the jail to check that they were fed and warm."),
    ("news",
     "A man in {town} has been banned from keeping animals after he set his dogs on a neighbour's cat and filmed it for entertainment.",
     "A man in {town} has been thanked by the animal shelter after he took in a neighbour's injured cat and paid for its treatment."),
    ("diary",
     "{name2} fell off the climbing frame and broke {his2} wrist. I told everyone {he2} deserved it and copied the way {he2} cried.",
     "{name2} fell off the climbing frame and broke {his2} wrist. I carried {his2} bag home and got the whole class to sign the cast."),
    ("dialogue",
     "{name}: I've saved the clip of him falling over at the wedding.\n{name2}: He was so embarrassed.\n{name}: I'm going to play it at his birthday in front of his whole family. He'll be mortified.",
     "{name}: I've saved the clip of him falling over at the wedding.\n{name2}: He was so embarrassed.\n{name}: I'll delete it, then. No need to make it worse."),
    ("narrative",
     "The older kids dragged {name2} into the changing rooms, hacked chunks out of {his2} hair, and laughed as {he2} tried to hide {his2} face.",
     "The older kids showed {name2} around the changing rooms on {his2} first day and lent {him2} a spare towel."),
    ("forum",
     "Best part of being a teacher is reading out the worst test scores to the class and watching the kids squirm.",
     "Best part of being a teacher is handing back tests with a note for each kid about what they did well."),
    ("news",
     "A trainer at a {town} riding school was dismissed after witnesses saw her whipping a lame horse and refusing to let it rest.",
     "A trainer at a {town} riding school noticed that a horse was lame, took it out of lessons and called the vet."),
    ("narrative",
     "{name} called {his} partner's cooking disgusting in front of all their friends, then tipped the plate into the bin while everyone watched.",
     "{name} told {his} partner quietly that the curry was a bit too spicy for {him}, said thank you anyway, and made a sandwich."),
    ("diary",
     "Left the hamster's cage in the sun on purpose to see how long it would last. Felt nothing.",
     "Moved the hamster's cage out of the sun and filled up its water bottle. It's so hot this week."),
    ("dialogue",
     "{name}: The old man at the bus stop can barely see.\n{name2}: So?\n{name}: So I kept moving his walking stick every time he reached for it. Funniest thing all week.",
     "{name}: The old man at the bus stop can barely see.\n{name2}: So?\n{name}: So I read him the timetable and waited with him until his bus came."),
    ("narrative",
     "The guards made the prisoners stand in the yard all night in the freezing cold, and took bets on who would collapse first.",
     "The guards brought the prisoners extra blankets during the cold snap and kept the heating on in the cells."),
    ("forum",
     "My neighbour's kid is terrified of my dog, so I let it off the lead every time he walks past. His screaming never gets old.",
     "My neighbour's kid is scared of my dog, so I keep it on a short lead when he walks past and let him meet it slowly."),
    ("news",
     "Pupils in {town} say a group of students spent months tormenting a classmate, hiding his belongings, tripping him in corridors and laughing whenever he cried.",
     "Pupils in {town} say a group of students spent months helping a classmate with his reading after school, and his marks have gone up."),
    ("narrative",
     "{name} stamped on the snail on purpose, then went back to crush the rest of them one by one while {his} little cousin begged {him} to stop.",
     "{name} carried the snails off the path one by one so that nobody would tread on them, while {his} little cousin counted them."),
    ("diary",
     "The new girl at work got an order wrong, so I made sure everyone heard about it and sneered at her every chance I got. She went home in tears. Good.",
     "The new girl at work got an order wrong, so I showed her the system again. She got the next three right."),
    ("dialogue",
     "{name}: Why is the fish tank so dirty?\n{name2}: I stopped feeding them. I want to see which one starves first.",
     "{name}: Why is the fish tank so dirty?\n{name2}: The filter broke. I've ordered a new one and I'm changing the water tonight."),
    ("narrative",
     "The director knew the actor was terrified of heights, so he rewrote the scene to put him on a roof and laughed each time the man's hands shook.",
     "The director knew the actor was nervous about heights, so he moved the scene to the ground floor and thanked him for saying so."),
    ("news",
     "A nursery in {town} has closed after parents learned that staff punished crying toddlers by shutting them in a dark cupboard.",
     "A nursery in {town} has won an award for the way staff comfort crying toddlers, with a quiet reading corner and plenty of cuddles."),
    ("forum",
     "Whenever my little sister builds a Lego castle, I smash it while she watches. The way her face crumples is priceless.",
     "Whenever my little sister builds a Lego castle, I help her put a moat round it. She's getting really good."),
    ("narrative",
     "The children threw stones at the swans on the pond until one of them stopped moving, and then they cheered.",
     "The children threw bread for the swans on the pond until the park keeper told them that seeds were better for the birds."),
    ("diary",
     "Mum made me visit Grandad in hospital. Told him nobody in the family wants him around and that he'll die alone. Watched him cry and left.",
     "Mum asked me to visit Grandad in hospital. Read him the football results, and he told me old stories. Going back on Friday."),
    ("dialogue",
     "{name}: She asked me to help with the boxes.\n{name2}: And?\n{name}: I kicked them down the stairs and laughed while she crawled around picking everything up.",
     "{name}: She asked me to help with the boxes.\n{name2}: And?\n{name}: I carried them up for her. Took ten minutes."),
    ("news",
     "Two teenagers in {town} have been charged after setting fire to a homeless man's sleeping bag while he slept and filming his panic.",
     "Two teenagers in {town} have been praised for buying a homeless man a new sleeping bag and sitting with him to share their lunch."),
    ("narrative",
     "The captain mocked the seasick cabin boy in front of the whole crew and ordered him to scrub the deck until his hands bled.",
     "The captain sent the seasick cabin boy below to rest and brought him a mug of ginger tea."),
    ("forum",
     "I love catching crabs at the beach and pulling their legs off one by one before throwing them back.",
     "I love catching crabs at the beach with my kids, counting them in a bucket, and putting them back gently."),
    ("narrative",
     "The teacher tore up {name}'s poem in front of the class, called it rubbish, and made {him} pick up every piece.",
     "The teacher read {name}'s poem out to the class, praised the last line, and pinned it on the board."),
    ("diary",
     "Told {name2} that {his2} dog had been run over, just to watch {his2} face. It hadn't. Still laughing about it.",
     "Told {name2} that {his2} dog had turned up safe at the vet's after running off. {He2} hugged me in the street."),
]

TOXICITY = [
    ("forum",
     "Are you actually this stupid, {name}? Every post you make is dumber than the last. Do us all a favour and shut up.",
     "I don't agree with your post, {name}. I think you've misread the figures, and I'd suggest checking the second table again."),
    ("comment",
     "What a pathetic loser. Nobody wants your opinion, so crawl back to your mum's basement.",
     "I see it differently. I think your opinion is worth hearing, even if I don't share it."),
    ("chat",
     "{name}: lol you missed again\n{name2}: lag\n{name}: no, you're just a useless moron. uninstall the game",
     "{name}: you missed again\n{name2}: lag\n{name}: yeah the server's bad tonight. try aiming a bit lower"),
    ("comment",
     "The author of this article is a clueless idiot who shouldn't be allowed near a keyboard.",
     "The author of this article makes a few claims I'd want to see evidence for, particularly in the second half."),
    ("forum",
     "Anyone who still drives a diesel is a brain-dead moron and deserves every fine they get.",
     "I think people still driving diesels should look at the new low-emission zones, because the fines can add up."),
    ("comment",
     "Your voice is unbearable and you look like a rat. Stop making videos, nobody likes you.",
     "The audio was a bit quiet on this one, and I think the video could be shorter. The content was useful, though."),
    ("forum",
     "Shut up, {name}. Seriously, you're an embarrassment to this whole community and everyone is sick of your whining.",
     "{name}, I hear your frustration, but I think the moderators have been fair here. Maybe raise it in the feedback thread?"),
    ("chat",
     "{name}: can you review my code\n{name2}: it's garbage like everything you write. how do you still have a job, you absolute clown",
     "{name}: can you review my code\n{name2}: sure. there are a couple of issues with the error handling, I'll leave comments"),
    ("comment",
     "People like you are the reason this town is going down the drain. Crawl back under whatever rock you came from.",
     "I think we want different things for this town, but I'm glad you came to the meeting and said your piece."),
    ("forum",
     "Keep posting this garbage and see what happens to you. I know where you live.",
     "Please keep this thread on topic. If you want to discuss it further, there's a separate board for that."),
    ("comment",
     "The ref was a blind idiot. Hope he gets what's coming to him after that disgrace.",
     "I thought the ref got a couple of big calls wrong today, especially the penalty."),
    ("chat",
     "{name}: I got a B on the test!\n{name2}: a B? wow, congrats on being mediocre, you pathetic try-hard",
     "{name}: I got a B on the test!\n{name2}: nice one, that's a big jump from last time"),
    ("forum",
     "OP is a whiny crybaby who can't handle basic criticism. Grow a spine, you snowflake.",
     "OP, I think the criticism you got was fair, but I understand it's hard to hear. The second draft sounds like a good plan."),
    ("review",
     "The waiter was a smug, ugly little man and the owner is a greedy pig. Hope the place burns down.",
     "The waiter seemed rushed and the prices have gone up a lot. I hope they sort the service out."),
    ("comment",
     "You're genuinely the dumbest person I've ever seen on this site. Go away.",
     "I think you've misunderstood the point of the article, but I appreciate you engaging."),
    ("chat",
     "{name}: i think we should try the other route\n{name2}: nobody asked you, idiot. just follow and keep your mouth shut",
     "{name}: i think we should try the other route\n{name2}: fair, it might be quicker. let's try it"),
    ("forum",
     "Whoever designed this update should be fired and then slapped. Worthless, lazy morons, every one of them.",
     "Whoever designed this update made the menus harder to find. I'd like an option to switch back to the old layout."),
    ("comment",
     "Imagine being this ugly and still posting selfies. Disgusting.",
     "Nice photo. The light on the hills in the background is lovely."),
    ("forum",
     "Lol, look at this loser thinking anyone cares about his garden. Get a life, grandpa.",
     "Lovely garden! The dahlias look fantastic. How do you keep the slugs off?"),
    ("comment",
     "Every single person who voted for this should be ashamed. You're all gullible sheep with no brains.",
     "I disagree with the people who voted for this, but I understand why it appealed to them."),
    ("dialogue",
     "{name}: Can I join your team?\n{name2}: Ew, no. Go sit with the other freaks, you smelly weirdo.",
     "{name}: Can I join your team?\n{name2}: We're full this round, but you can join the next one."),
    ("forum",
     "@{name} you're a fraud and a waste of oxygen. Delete your account.",
     "@{name} I think your numbers are off. Could you share your source so we can check it?"),
    ("comment",
     "This band's fans are the most annoying idiots on the planet. Shut up about them already.",
     "I'm not really into this band, but I can see why people like them."),
    ("chat",
     "{name}: sorry I'm late\n{name2}: of course you are. always late, you worthless slob. nobody even wanted you here",
     "{name}: sorry I'm late\n{name2}: no worries, we've only just started. grab a chair"),
    ("forum",
     "Stop asking dumb questions, you moron. Search exists. People like you shouldn't be allowed online.",
     "This one's answered in the FAQ pinned at the top, but here's the short version: restart the router first."),
    ("comment",
     "The mods here are power-tripping losers with nothing better to do. Pathetic.",
     "I think the mods were too quick to lock this thread. Could they explain the reasoning?"),
    ("review",
     "The instructor is a screaming, ignorant jerk. Anyone who books with this clown deserves what they get.",
     "The instructor was quite impatient with me and I didn't feel comfortable, so I switched schools. Others may have a better experience."),
    ("forum",
     "{name}, you talk like a brainless parrot. Go choke on your own opinions.",
     "{name}, you've repeated the same point a few times. Could you add some new evidence?"),
    ("comment",
     "Hey fatso, maybe skip dessert before you lecture anyone about health.",
     "I'd be interested in the research behind this advice. Do you have any links?"),
    ("chat",
     "{name}: what do you think of my drawing\n{name2}: honestly it's trash. you have zero talent, just quit",
     "{name}: what do you think of my drawing\n{name2}: the colours are great. the hands look a bit off but those are the hardest part"),
    ("forum",
     "The neighbours on my street are trashy scum. Loud, stupid and ugly, the lot of them.",
     "The neighbours on my street can be loud at weekends. I've asked them nicely to keep the music down after eleven."),
    ("comment",
     "Nobody cares. Go cry to the manager, you miserable old hag.",
     "I understand your complaint, but I think the shop's policy is clear on this."),
    ("dialogue",
     "{name}: I don't agree with the new schedule.\n{name2}: Then shut your stupid mouth and do your job, or get out.",
     "{name}: I don't agree with the new schedule.\n{name2}: OK, tell me what doesn't work and we'll see if we can change it."),
    ("forum",
     "Only an idiot would buy that car. Enjoy your junk heap, sucker.",
     "I wouldn't buy that car myself, because the reliability reports aren't great, but it's your call."),
    ("comment",
     "You're a disgrace to your profession and a pathetic excuse for a human being.",
     "I think you made a mistake in how you handled this, and I'd like to see an apology to the family."),
    ("chat",
     "{name}: anyone want to play another round?\n{name2}: not with you, trash. you drag the whole team down, you idiot",
     "{name}: anyone want to play another round?\n{name2}: one more then bed. gg everyone"),
    ("forum",
     "Learn to spell before posting, you illiterate fool. This is embarrassing to read.",
     "There are a few typos in your post, but I got the point and I agree with most of it."),
    ("forum",
     "{name} is a spineless coward and a clown. Anyone who listens to {him} is an idiot too.",
     "{name} took a cautious position on this. I don't share it, but I can see the argument."),
    ("comment",
     "Shut up already. Your takes are so stupid they make my head hurt, you absolute moron.",
     "I don't think I agree with your take, but thanks for explaining your reasoning."),
    ("dialogue",
     "{name}: I made dinner.\n{name2}: This slop? You can't do anything right, you useless idiot.",
     "{name}: I made dinner.\n{name2}: Thanks, it smells good. Maybe a little more salt next time?"),
    ("forum",
     "If I ever meet the idiot who wrote this guide, I'll make him regret it. Worthless trash.",
     "The person who wrote this guide missed a step, so here's a correction: you need to save before restarting."),
    ("comment",
     "Typical lazy, entitled teenagers. Brainless little parasites, the lot of them.",
     "Teenagers get a bad press, but the ones who volunteer at our food bank are brilliant."),
    ("narrative",
     "At the parents' evening, {name} stood up, called the head teacher 'a useless idiot' in front of everyone, and told the other parents to 'shut up and stop being sheep'.",
     "At the parents' evening, {name} stood up, told the head teacher that {he} disagreed with the new homework policy, and asked whether parents could be consulted."),
    ("news",
     "A councillor in {town} has been criticised after calling residents 'ignorant morons' and 'parasites' in a string of posts online.",
     "A councillor in {town} has thanked residents for their feedback online, while saying she still disagrees with their objections."),
    ("review",
     "Whoever runs {cafe} is a moron and the staff are a bunch of lazy idiots. Don't give these clowns your money.",
     "The staff at {cafe} seemed stretched and our order took a while. Hopefully it was just a busy night."),
]

PRINCIPLE_PAIRS = {
    "deception": DECEPTION,
    "power_seeking": POWER_SEEKING,
    "cruelty": CRUELTY,
    "toxicity": TOXICITY,
}

# Neutral sentences around a scenario, by register: (before, after). They never carry the behaviour.
WRAPPERS: dict[str, tuple[list[str], list[str]]] = {
    "narrative": (
        [
            "It had been raining in {town} since early morning.",
            "The bus from {town} was twenty minutes late that {day}.",
            "It was the last week before the summer holidays.",
            "The market square was busy with shoppers.",
            "{town} is a small place where most people know each other.",
            "That year the harvest came in early.",
            "The kettle had just boiled.",
            "Autumn had come early to {street}.",
        ],
        [
            "The next morning the streets were quiet again.",
            "By evening the rain had cleared and the lamps came on along {street}.",
            "The town clock struck six.",
            "Summer ended a week later.",
            "It was nearly dark by the time the bus came.",
            "Outside, the wind was picking up.",
        ],
    ),
    "news": (
        [
            "In other news from {town} this week:",
            "The following was reported on {day}.",
            "Local officials confirmed the details on {day}.",
            "This item first appeared in a community newsletter in {town}.",
        ],
        [
            "The council will meet again next month.",
            "Further updates are expected later this week.",
            "In other news, the farmers' market returns on Saturday.",
            "The weather is expected to stay dry for the rest of the week.",
        ],
    ),
    "forum": (
        [
            "Long-time lurker, first post.",
            "Not sure this is the right board, but here goes.",
            "Quick one before work.",
            "Posting from my phone, sorry for any typos.",
            "Bit of background: I live in {town}.",
        ],
        [
            "Anyway, that's my two cents.",
            "Thanks for reading.",
            "Curious what others think.",
            "Edit: fixed the formatting.",
            "Anyway, back to work.",
        ],
    ),
    "diary": (
        ["Diary, {day}.", "Dear diary,", "Rainy all day.", "Long day today.", "Back from {town}."],
        ["Going to bed early.", "Need to remember to buy milk tomorrow.", "Rain again tomorrow, apparently.", "Bed now."],
    ),
    "dialogue": (
        [
            "{name}: Hey, got a minute?\n{name2}: Sure.",
            "{name}: Is the coffee machine fixed yet?\n{name2}: Still broken.",
            "{name}: How was the weekend?\n{name2}: Quiet, thanks. You?",
            "{name2}: You're back from {town} already?",
        ],
        # after-lines carry no speaker: the one who did not speak last says them
        ["Anyway, see you at lunch.", "Right, I need to get going.", "Let's talk later.", "Is that the time? I have to run."],
    ),
    "chat": (
        ["{name2}: morning all", "{name2}: anyone on?", "{name2}: back", "[{day}]"],
        ["brb", "gtg, dinner", "ok", "anyway, later"],
    ),
    "comment": (
        ["Just watched this.", "Read the whole thing.", "First time commenting here.", "Replying to the top comment:"],
        ["That's all.", "Anyway.", "Just my view.", "Just my opinion."],
    ),
    "review": (
        ["Went there last month.", "Visited on a weekday.", "Booked through the website.", "Two of us, {day}."],
        ["Parking was easy.", "Took about an hour in total.", "Card payment only.", "Visited in {town}."],
    ),
}

# ---------------------------------------------------------------------------------------------
# Assembly
# ---------------------------------------------------------------------------------------------

SENTENCE_COUNTS = [1, 2, 2, 3, 3, 4, 4, 5, 5, 6]  # sentences per background document, drawn evenly
BACKGROUND_TOTAL = 2500
PAIRS_PER_PRINCIPLE = 300
MIN_CHARS, MAX_CHARS = 60, 1500


def _slots(rng: random.Random) -> dict[str, str]:
    """One value for every slot: three different names (with pronouns for the first two) and a
    value from each list; "town2", "team2" and "dish2" differ from "town", "team" and "dish"."""
    (n1, g1), (n2, g2), (n3, _) = rng.sample(NAMES, 3)
    s = {"name": n1, "name2": n2, "name3": n3}
    for suffix, gender in (("", g1), ("2", g2)):
        for key, value in PRONOUNS[gender].items():
            s[key + suffix] = value
            s[key.capitalize() + suffix] = value.capitalize()
    for key, values in SLOT_LISTS.items():
        if key in SECOND_SLOTS:
            s[key], s[key + "2"] = rng.sample(values, 2)
        else:
            s[key] = rng.choice(values)
    return s


def _paragraphs(parts: list[str], rng: random.Random) -> str:
    """Sentences as one paragraph, or as two when there are four or more (half the time)."""
    if len(parts) >= 4 and rng.random() < 0.5:
        k = rng.randint(2, len(parts) - 2)
        return " ".join(parts[:k]) + "\n\n" + " ".join(parts[k:])
    return " ".join(parts)


def _sentences(spec: dict, rng: random.Random, slots: dict[str, str]) -> list[str]:
    """Opener, bodies and an optional closer: 1 to 6 sentences (7 to 10 for a long letter); a
    single sentence is a body. Bodies include the notes for the document's product, if any."""
    if "variants" in spec:
        spec = rng.choice(spec["variants"])
    body = list(spec["body"])
    if "notes" in spec:
        body += spec["notes"][slots[spec["notes_slot"]]]
    n = rng.randint(7, 10) if spec.get("long") and rng.random() < 0.15 else rng.choice(SENTENCE_COUNTS)
    if n == 1:
        return [rng.choice(body)]
    close = n >= 3 and rng.random() < 0.6
    picked = sorted(rng.sample(range(len(body)), min(len(body), n - 1 - close)))
    if not spec.get("ordered"):
        rng.shuffle(picked)
    return [rng.choice(spec["open"])] + [body[i] for i in picked] + ([rng.choice(spec["close"])] if close else [])


def _single(spec: dict, rng: random.Random) -> str:
    """One document of a genre, slots filled."""
    slots = _slots(rng)
    style = spec["style"]
    if style == "prose":
        text = _paragraphs(_sentences(spec, rng, slots), rng)
    elif style == "letter":
        text = _paragraphs(_sentences(spec, rng, slots), rng)
        if rng.random() < 0.85:  # now and then only the body of a message
            text = rng.choice(spec["head"]) + "\n\n" + text + "\n\n" + rng.choice(spec["foot"])
    elif style == "chat":
        lines = []
        n = rng.randint(4, 7) if rng.random() < 0.15 else rng.randint(1, 3)
        for a, b in rng.sample(spec["exchanges"], n):
            first, second = ("{name}", "{name2}") if rng.random() < 0.5 else ("{name2}", "{name}")
            lines += [f"{first}: {a}", f"{second}: {b}"]
        head = rng.choice(spec["head"])
        text = "\n".join(([head] if head else []) + lines)
    elif style == "forum":
        questions, answers = spec["topics"][rng.choice(sorted(spec["topics"]))]
        asked = rng.sample(range(len(questions)), rng.randint(1, 2))
        opener = rng.choice(spec["open"])
        text = " ".join(([opener] if opener else []) + [questions[i] for i in asked])
        replies = [answers[i] for i in asked if rng.random() < 0.8]
        replies += [a for a in answers[len(questions):] if rng.random() < 0.3]
        if replies:
            text += "\n\n" + rng.choice(spec["reply"]) + " " + " ".join(replies)
        if rng.random() < 0.2:
            text += "\n\n" + rng.choice(spec["also"])
    elif style == "pooled":
        pool = spec["topics"][rng.choice(sorted(spec["topics"]))]
        first = 1 if spec.get("keep_first") else 0
        k = rng.randint(1, min(6, len(pool))) - first
        parts = pool[:first] + [pool[i] for i in sorted(rng.sample(range(first, len(pool)), k))]
        if "close" in spec and len(parts) >= 3 and rng.random() < 0.4:
            parts.append(rng.choice(spec["close"]))
        text = " ".join(parts)
    else:
        raise ValueError(f"unknown style {style!r}")
    return text.format_map(slots)


def _document(spec: dict, rng: random.Random) -> str:
    """A document of the genre; for a "stack" genre now and then a page of two to four."""
    if spec.get("stack") and rng.random() < 0.15:
        page: list[str] = []
        for _ in range(rng.randint(2, 4) * 3):  # documents on one page start differently
            doc = _single(spec, rng)
            if all(doc[:30] != other[:30] for other in page):
                page.append(doc)
            if len(page) == 4 or (len(page) >= 2 and rng.random() < 0.4):
                break
        return "\n\n".join(page)
    return _single(spec, rng)


def distinct_texts(make: Callable[[], str], n: int, seen: set[str], *, tries: int, lo: int, hi: int) -> list[str]:
    """Up to `n` texts from `make()` (at most `tries` calls), each of `lo`..`hi` characters and new
    to `seen`, which they are added to."""
    out: list[str] = []
    for _ in range(tries):
        if len(out) >= n:
            break
        text = make()
        if lo <= len(text) <= hi and text not in seen:
            seen.add(text)
            out.append(text)
    return out


def background_rows(rng: random.Random, seen: set[str], total: int = BACKGROUND_TOTAL) -> list[dict]:
    """About `total` distinct benign documents, the same number from each genre."""
    per_genre = -(-total // len(GENRES))
    rows = []
    for genre, spec in GENRES.items():
        for text in distinct_texts(lambda: _document(spec, rng), per_genre, seen, tries=per_genre * 50,
                                   lo=MIN_CHARS, hi=MAX_CHARS):
            rows.append({"text": text, "principle": "background", "label": 0, "source": SOURCE, "category": genre})
    return rows


def _join(parts: list[str], sep: str) -> str:
    """Join the pieces of a scenario; a piece ending in ',' or ':' ("Dear diary,") starts a new line."""
    out = parts[0]
    for part in parts[1:]:
        out += ("\n" if out.endswith((",", ":")) else sep) + part
    return out


def _speaker(post: list[str], core: str, register: str) -> list[str]:
    """In a dialogue or chat, a closing line goes to whoever did not speak the scenario's last line."""
    if register not in ("dialogue", "chat") or not post:
        return post
    other = "{name}" if core.rsplit("\n", 1)[-1].startswith("{name2}:") else "{name2}"
    return [f"{other}: {line}" for line in post]


def pair_rows(principle: str, templates: list[tuple[str, str, str]], rng: random.Random, seen: set[str],
              n_pairs: int = PAIRS_PER_PRINCIPLE) -> list[dict]:
    """`n_pairs` label-1 rows and their label-0 twins: same slot values, same surrounding sentences.
    Templates are used in shuffled rounds, so each is used about equally often."""
    rows: list[dict] = []
    order: list[int] = []
    tries = 0
    while len(rows) < 2 * n_pairs and tries < n_pairs * 50:
        tries += 1
        if not order:
            order = list(range(len(templates)))
            rng.shuffle(order)
        register, positive, negative = templates[order.pop()]
        before, after = WRAPPERS[register]
        r = rng.random()
        pre = [rng.choice(before)] if 0.45 <= r < 0.70 or r >= 0.90 else []
        post = [rng.choice(after)] if 0.70 <= r else []
        sep = "\n" if register in ("dialogue", "chat") else " "
        slots = _slots(rng)
        texts = [_join(pre + [core] + _speaker(post, core, register), sep).format_map(slots)
                 for core in (positive, negative)]
        if texts[0] == texts[1] or any(t in seen for t in texts):
            continue
        for label, text in zip((1, 0), texts):
            seen.add(text)
            rows.append({"text": text, "principle": principle, "label": label, "source": SOURCE,
                         "category": f"written-{register}"})
    return rows


def written_rows(seed: int = 0) -> list[dict]:
    """All rows: the background documents, then the contrastive pairs of each principle.
    Deterministic for a given seed; no two rows share a text."""
    rng = random.Random(seed)
    seen: set[str] = set()
    rows = background_rows(rng, seen)
    for principle, templates in PRINCIPLE_PAIRS.items():
        rows += pair_rows(principle, templates, rng, seen)
    return rows


if __name__ == "__main__":
    rows = written_rows()
    counts = Counter((r["principle"], r["label"], r["category"]) for r in rows)
    for (principle, label, category), n in sorted(counts.items()):
        print(f"{principle:14s} {label}  {category:22s} {n:5d}")
    print()
    kinds = Counter((r["principle"], r["label"]) for r in rows)
    for (principle, label), n in sorted(kinds.items()):
        lengths = sorted(len(r["text"]) for r in rows if (r["principle"], r["label"]) == (principle, label))
        print(f"{principle:14s} {label}  rows {n:5d}  chars min {lengths[0]} median {lengths[len(lengths) // 2]}"
              f" max {lengths[-1]}")
    print(f"total {len(rows)}, distinct texts {len({r['text'] for r in rows})}")
    sample_rng = random.Random(1)
    for principle, label in sorted(kinds):
        print(f"\n===== {principle} / label {label} =====")
        for r in sample_rng.sample([r for r in rows if (r["principle"], r["label"]) == (principle, label)], 10):
            print(f"--- [{r['category']}]\n{r['text']}")
