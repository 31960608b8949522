"""A synthetic but realistic news corpus for the build benchmarks: N seeds of ~600 words.

    .venv/bin/python benchmarks/corpus.py OUT_DIR --articles 5000 [--seed 1]

Seeds use the plain-text format (headline, blank line, optional photo caption ending in
"[AGENCY]", paragraphs) with a YAML sidecar. Sentences are recombined from the word lists
below, written for this generator: ~300 people with Zipf-like frequency (so person pages
vary in size), organizations, real places, dates written in text, quotes with speakers, and
six news topics. The same --seed always gives byte-identical files."""
from __future__ import annotations

import argparse
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

FIRST_NAMES = [
    "Anna", "Peter", "Maria", "David", "Elena", "James", "Sofia", "Michael", "Laura", "Thomas",
    "Olga", "Daniel", "Fatima", "Ahmed", "Chen", "Yuki", "Carlos", "Isabel", "Jean", "Claire",
    "Hans", "Ingrid", "Rajesh", "Priya", "Kwame", "Amara", "Lars", "Astrid", "Pavel", "Irina",
    "Mateo", "Lucia", "Omar", "Leila", "Samuel", "Grace", "Viktor", "Natalia", "George", "Helen",
    "Kenji", "Mei", "Andrzej", "Katarzyna", "Tomas", "Eva", "Robert", "Susan", "Ali", "Zainab",
    "Paolo", "Giulia", "Henrik", "Sanna", "Diego", "Camila", "Nikolai", "Tatiana", "Hassan",
    "Noura", "William", "Margaret", "Arjun", "Ananya", "Felix", "Charlotte", "Emeka", "Ngozi",
    "Jorge", "Beatriz", "Stefan", "Monika", "Patrick", "Aoife", "Mustafa", "Ayse", "Brian",
    "Karen", "Luis", "Rosa",
]
LAST_NAMES = [
    "Kowalski", "Schmidt", "Novak", "Fischer", "Moreau", "Rossi", "Garcia", "Martinez", "Silva",
    "Okafor", "Mensah", "Haddad", "Rahman", "Tanaka", "Sato", "Wang", "Li", "Kim", "Park",
    "Nguyen", "Petrov", "Ivanova", "Kovalenko", "Horvath", "Larsen", "Johansson", "Virtanen",
    "O'Brien", "Murphy", "Walsh", "Thompson", "Bennett", "Carter", "Hughes", "Mitchell",
    "Fernandes", "Costa", "Pereira", "Yilmaz", "Demir", "Kaya", "Sharma", "Patel", "Gupta",
    "Iyer", "Adeyemi", "Balogun", "Mwangi", "Otieno", "Dubois", "Lefebvre", "Bernard",
    "Weber", "Becker", "Hoffmann", "Bianchi", "Romano", "Esposito", "Jansen", "de Vries",
    "Andersen", "Nielsen", "Popescu", "Ionescu", "Dimitrov", "Georgiou", "Papadopoulos",
    "Khan", "Hussain", "Suzuki", "Watanabe", "Castillo", "Morales", "Herrera", "Navarro",
    "Ramos", "Lindqvist", "Berg", "Sokolov", "Morozov",
]
ROLES = {
    "politics": ["Prime Minister", "Foreign Minister", "Interior Minister", "President",
                 "opposition leader", "Senator", "party spokesperson", "Mayor"],
    "economy": ["Finance Minister", "central bank governor", "chief economist",
                "chief executive", "trade minister", "analyst", "union leader"],
    "sport": ["coach", "captain", "striker", "goalkeeper", "sprinter", "team manager",
              "tennis player"],
    "science": ["researcher", "professor", "lead author", "astronomer", "epidemiologist",
                "climate scientist", "mission director"],
    "conflict": ["Defence Minister", "army spokesman", "military analyst", "aid worker",
                 "ceasefire envoy", "regional governor"],
    "culture": ["director", "novelist", "curator", "singer", "actor", "festival director",
                "composer"],
}
ORGANIZATIONS = {
    "politics": ["the United Nations", "the European Union", "the European Commission",
                 "NATO", "the African Union", "the Electoral Commission", "the Supreme Court",
                 "the Parliament", "the Social Democratic Party", "the Green Party",
                 "the Ministry of Foreign Affairs"],
    "economy": ["the World Bank", "the International Monetary Fund", "the European Central Bank",
                "the Federal Reserve", "the World Trade Organization", "OPEC", "Siemens",
                "Toyota", "Shell", "Deutsche Bank", "Nestle", "Samsung Electronics"],
    "sport": ["FIFA", "UEFA", "the International Olympic Committee", "Real Madrid",
              "Bayern Munich", "Manchester United", "World Athletics", "Juventus"],
    "science": ["NASA", "the European Space Agency", "the World Health Organization", "CERN",
                "Max Planck Society", "the University of Oxford", "Stanford University",
                "the Royal Society"],
    "conflict": ["the Red Cross", "Amnesty International", "Human Rights Watch", "UNICEF",
                 "the World Food Programme", "Doctors Without Borders",
                 "the UN Security Council"],
    "culture": ["UNESCO", "the British Museum", "the Louvre", "the Cannes Film Festival",
                "the BBC", "the Berlin Philharmonic", "Netflix", "the Royal Opera House"],
}
# (city, country): real places, so the place pages look like a real digest's.
PLACES = [
    ("London", "Britain"), ("Paris", "France"), ("Berlin", "Germany"), ("Madrid", "Spain"),
    ("Rome", "Italy"), ("Warsaw", "Poland"), ("Kyiv", "Ukraine"), ("Moscow", "Russia"),
    ("Beijing", "China"), ("Tokyo", "Japan"), ("Seoul", "South Korea"), ("New Delhi", "India"),
    ("Nairobi", "Kenya"), ("Lagos", "Nigeria"), ("Cairo", "Egypt"), ("Johannesburg",
    "South Africa"), ("Brasilia", "Brazil"), ("Buenos Aires", "Argentina"), ("Mexico City",
    "Mexico"), ("Washington", "the United States"), ("Ottawa", "Canada"),
    ("Canberra", "Australia"),
    ("Jakarta", "Indonesia"), ("Manila", "the Philippines"), ("Ankara", "Turkey"), ("Tehran",
    "Iran"), ("Riyadh", "Saudi Arabia"), ("Stockholm", "Sweden"), ("Oslo", "Norway"),
    ("Helsinki", "Finland"), ("Vienna", "Austria"), ("Prague", "the Czech Republic"),
    ("Budapest", "Hungary"), ("Athens", "Greece"), ("Lisbon", "Portugal"), ("Dublin",
    "Ireland"), ("Brussels", "Belgium"), ("Geneva", "Switzerland"), ("Hanoi", "Vietnam"),
    ("Bangkok", "Thailand"), ("Addis Ababa", "Ethiopia"), ("Accra", "Ghana"), ("Lima", "Peru"),
    ("Santiago", "Chile"), ("Bogota", "Colombia"),
]
AGENCIES = ["AFP", "Reuters", "AP", "EPA", "Getty Images", "Anadolu"]
SOURCES = ["VOA", "Reuters", "AP", "BBC", "AFP", "Al Jazeera", "The Guardian", "DW"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

# Per topic: nouns for {thing}, verb phrases for {act}, headline and body templates.
TOPICS = {
    "politics": {
        "things": ["the coalition agreement", "the election law", "the budget vote",
                   "the referendum", "the new cabinet", "the constitutional reform",
                   "the immigration bill", "the sanctions package", "the peace talks"],
        "acts": ["called for early elections", "won a confidence vote",
                 "rejected the proposal", "announced a cabinet reshuffle",
                 "signed a cooperation agreement", "resigned after weeks of pressure",
                 "promised to cut taxes", "criticised the government's plan"],
        "quotes": ["We will not accept a deal that ignores the voters",
                   "This government has lost the trust of the people",
                   "The agreement is a first step, not the last one",
                   "Our doors remain open to dialogue",
                   "Nobody should doubt our commitment to reform"],
    },
    "economy": {
        "things": ["inflation", "interest rates", "the trade deficit", "oil prices",
                   "the jobs report", "the merger", "quarterly earnings", "the bond market",
                   "the minimum wage", "energy subsidies"],
        "acts": ["raised interest rates by a quarter point", "cut its growth forecast",
                 "reported record profits", "announced thousands of job cuts",
                 "agreed a takeover worth billions", "warned of a slowdown",
                 "kept rates on hold", "lowered its inflation outlook"],
        "quotes": ["Inflation is still too high for comfort",
                   "Households will feel the pressure for months",
                   "The fundamentals of the economy remain strong",
                   "We expect demand to recover in the second half",
                   "Markets had already priced in the decision"],
    },
    "sport": {
        "things": ["the championship", "the final", "the transfer window", "the world record",
                   "the qualifying round", "the Olympic trials", "the derby",
                   "the league title"],
        "acts": ["won the final on penalties", "broke the world record",
                 "signed a three-year contract", "was sent off in the second half",
                 "retired from international football", "reached the semi-finals",
                 "scored twice in the first half", "was ruled out with an injury"],
        "quotes": ["The players showed incredible character tonight",
                   "We knew it would be a difficult game",
                   "I have dreamed of this moment since I was a child",
                   "We have to learn from this defeat and move on",
                   "The fans deserved a performance like this"],
    },
    "science": {
        "things": ["the vaccine trial", "the climate report", "the Mars mission",
                   "the telescope images", "the gene therapy study", "the fusion experiment",
                   "the ocean survey", "the satellite launch"],
        "acts": ["published the findings in a peer-reviewed journal",
                 "detected signs of water", "launched a new satellite",
                 "reported promising early results", "warned of rising sea levels",
                 "mapped the genome of a rare species", "delayed the launch by a week"],
        "quotes": ["The data are clearer than we ever expected",
                   "This is an important step, but more research is needed",
                   "We are seeing changes faster than the models predicted",
                   "The results could change how we treat the disease",
                   "It took a decade of work to get here"],
    },
    "conflict": {
        "things": ["the ceasefire", "the offensive", "the humanitarian corridor",
                   "the drone attacks", "the prisoner exchange", "the border clashes",
                   "the evacuation", "the peace plan"],
        "acts": ["reported heavy shelling overnight", "agreed a temporary ceasefire",
                 "evacuated thousands of civilians", "accused the other side of violations",
                 "delivered food and medicine", "called for an independent investigation",
                 "withdrew troops from the area"],
        "quotes": ["Civilians are paying the highest price",
                   "We need safe access to reach the wounded",
                   "There can be no military solution to this conflict",
                   "The situation on the ground is getting worse every day",
                   "Both sides must respect the truce"],
    },
    "culture": {
        "things": ["the film festival", "the new exhibition", "the literary prize",
                   "the opera season", "the restoration project", "the world tour",
                   "the streaming series", "the music awards"],
        "acts": ["won the top prize", "opened a major retrospective",
                 "announced a new world tour", "returned looted artefacts",
                 "premiered a new opera", "broke box office records",
                 "was shortlisted for the award"],
        "quotes": ["Art has to speak to the moment we live in",
                   "I wanted to tell a story about ordinary people",
                   "This prize belongs to everyone who worked on the film",
                   "The collection finally comes home",
                   "Audiences have been waiting years for this"],
    },
}
HEADLINES = [
    "{Last} says {thing} will go ahead despite criticism",
    "{org} {act}",
    "{City} braces for {thing}",
    "{Full} {act}",
    "What {thing} means for {country}",
    "{country} and {org} clash over {thing}",
    "{Last}: {quote_short}",
    "Questions grow over {thing} in {country}",
]
SENTENCES = [
    "{Role} {Full} {act} on {weekday}, according to officials in {City}.",
    "{org} {act} in {month}, a move that surprised observers in {country}.",
    "{Full}, {role} at {org}, said {thing} had been discussed for months.",
    "Talks on {thing} are expected to continue in {City} next week.",
    "Officials in {country} said on {weekday} that {thing} would be reviewed by {month}.",
    "The decision came after {Last} met representatives of {org} in {City}.",
    "Critics said {thing} had been rushed, while supporters praised the speed of the talks.",
    "On {date}, {org} {act}, its first such step in nearly a decade.",
    "{Full} {act} last year, and analysts expect similar moves in {month}.",
    "About {number} people gathered in {City} on {weekday} to follow {thing}.",
    "The figures, released on {date}, showed a change of {percent} percent.",
    "{Last} has been under pressure since {month}, when {thing} first drew attention.",
    "Neither {org} nor the government of {country} commented on the report.",
    "A spokesperson for {org} declined to give details of {thing}.",
    "In {City}, residents said they were watching {thing} closely.",
    "{org} is expected to publish its assessment in {month} {year}.",
    "{Full} travelled to {City} in {month} to discuss {thing} with {Full2}.",
    "Earlier this month, {Full2} said {thing} would need the support of {org}.",
    "Observers in {City} noted that {thing} had divided opinion across {country}.",
    "The debate over {thing} intensified in {month}, after {org} {act}.",
    "According to {org}, more than {number} people were directly affected by {thing}.",
    "{Full} and {Full2} are due to meet in {City} on {weekday}.",
    "Local media in {country} described {thing} as a turning point.",
    "Last week, {Last} told a news conference in {City} that there was no alternative.",
    "The plan was first presented on {date} and revised twice since then.",
]
QUOTE_FORMS = [
    "\u201c{quote},\u201d {Full} said.",
    "\u201c{quote},\u201d said {Full}, {role} at {org}.",
    "\u201c{quote},\u201d {Last} told reporters in {City} on {weekday}.",
    "{Full} said: \u201c{quote}.\u201d",
]
CAPTIONS = [
    "{Full} speaks to reporters in {City}.",
    "People gather outside the headquarters of {org} in {City}.",
    "{Role} {Full} arrives for a meeting in {City}.",
    "A view of {City}, {country}, where {thing} is under way.",
]


@dataclass(frozen=True)
class Person:
    full: str
    last: str
    topic: str
    role: str


def make_people(rng: random.Random, count: int) -> list[Person]:
    """`count` distinct people, each with a home topic and role, in Zipf rank order."""
    pairs = [(f, l) for f in FIRST_NAMES for l in LAST_NAMES]
    rng.shuffle(pairs)
    people, lasts = [], set()
    for first, last in pairs:
        if last in lasts:  # distinct surnames: "Kowalski said" stays unambiguous
            continue
        lasts.add(last)
        topic = rng.choice(sorted(TOPICS))
        people.append(Person(f"{first} {last}", last, topic, rng.choice(ROLES[topic])))
        if len(people) == min(count, len(LAST_NAMES)):
            break
    # more people than surnames: later ones share surnames but never full names
    for first, last in pairs:
        if len(people) >= count:
            break
        if any(p.full == f"{first} {last}" for p in people):
            continue
        topic = rng.choice(sorted(TOPICS))
        people.append(Person(f"{first} {last}", last, topic, rng.choice(ROLES[topic])))
    return people


class Writer:
    """Writes one article at a time; all randomness comes from one random.Random."""

    def __init__(self, seed: int, people: int = 300) -> None:
        self.rng = random.Random(seed)
        self.people = make_people(self.rng, people)
        self.weights = [1.0 / (rank + 1) for rank in range(len(self.people))]  # Zipf, s=1
        self.start = dt.date(2023, 1, 1)

    def person(self, topic: str) -> Person:
        rng = self.rng
        for _ in range(3):  # prefer people from the article's topic, keep the Zipf ranks
            person = rng.choices(self.people, self.weights)[0]
            if person.topic == topic:
                return person
        return person

    def slots(self, topic: str, cast: list[Person]) -> dict[str, str]:
        rng = self.rng
        vocab = TOPICS[topic]
        lead = rng.choice(cast)
        other = rng.choice([p for p in cast if p != lead] or cast)
        city, country = rng.choice(PLACES)
        day = self.start + dt.timedelta(days=rng.randrange(730))
        return {
            "Full": lead.full, "Last": lead.last, "role": lead.role,
            "Role": lead.role[0].upper() + lead.role[1:], "Full2": other.full,
            "org": rng.choice(ORGANIZATIONS[topic]), "City": city, "country": country,
            "thing": rng.choice(vocab["things"]), "act": rng.choice(vocab["acts"]),
            "quote": rng.choice(vocab["quotes"]), "weekday": rng.choice(WEEKDAYS),
            "month": rng.choice(MONTHS), "year": str(rng.choice([2023, 2024, 2025])),
            "date": f"{MONTHS[day.month - 1]} {day.day}, {day.year}",
            "number": f"{rng.randrange(2, 90) * 100:,}", "percent": f"{rng.uniform(0.1, 9.9):.1f}",
        }

    def fill(self, template: str, topic: str, cast: list[Person]) -> str:
        text = template.format(**self.slots(topic, cast))
        return text[0].upper() + text[1:]

    def article(self, index: int) -> tuple[str, str, dict[str, object]]:
        """(file stem, seed text, sidecar data) for article number `index`."""
        rng = self.rng
        topic = rng.choice(sorted(TOPICS))
        cast = [self.person(topic) for _ in range(rng.randint(2, 5))]
        head = self.slots(topic, cast)
        head["quote_short"] = head["quote"].split(",")[0]
        headline = rng.choice(HEADLINES).format(**head)
        headline = headline[0].upper() + headline[1:]
        parts = [headline]
        if rng.random() < 0.4:
            parts.append(f"{self.fill(rng.choice(CAPTIONS), topic, cast)} "
                         f"[{rng.choice(AGENCIES)}]")
        day = self.start + dt.timedelta(days=rng.randrange(730))
        kind = rng.random()
        meta: dict[str, object] = {}
        if kind < 0.05:  # wire copy: the dateline gives the date
            city = rng.choice(PLACES)[0]
            parts.append(f"{city.upper()} {day.isoformat()}")
            meta["source"] = rng.choice(SOURCES)
        elif kind < 0.15:  # undated: no sidecar date, no dateline
            if rng.random() < 0.5:
                meta["source"] = rng.choice(SOURCES)
        else:
            meta["date"] = day.isoformat()
            meta["source"] = rng.choice(SOURCES)
        target, words, deck = rng.randint(500, 700), 0, []
        while words < target:
            sentences = []
            for _ in range(rng.randint(1, 3)):
                if not deck:  # every template once before any repeats
                    deck = rng.sample(SENTENCES, len(SENTENCES))
                sentences.append(self.fill(deck.pop(), topic, cast))
            if rng.random() < 0.45:
                sentences.insert(rng.randrange(len(sentences) + 1),
                                 self.fill(rng.choice(QUOTE_FORMS), topic, cast))
            paragraph = " ".join(sentences)
            parts.append(paragraph)
            words += len(paragraph.split())
        stem = f"{index:05d}_{rng.getrandbits(64):016x}"
        return stem, "\n\n".join(parts) + "\n", meta


def sidecar_text(meta: dict[str, object]) -> str:
    return "".join(f"{key}: {value}\n" for key, value in meta.items())


def write_corpus(out: Path, articles: int, seed: int = 1) -> list[Path]:
    """Write `articles` seeds (and sidecars) into `out`; return the seed paths."""
    out.mkdir(parents=True, exist_ok=True)
    writer = Writer(seed)
    paths = []
    for index in range(articles):
        stem, text, meta = writer.article(index)
        path = out / f"{stem}.txt"
        path.write_text(text, encoding="utf-8")
        if meta:
            (out / f"{stem}.yml").write_text(sidecar_text(meta), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the seeds into")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same corpus)")
    args = parser.parse_args()
    paths = write_corpus(args.out, args.articles, args.seed)
    print(f"wrote {len(paths)} seeds to {args.out}")


if __name__ == "__main__":
    main()
