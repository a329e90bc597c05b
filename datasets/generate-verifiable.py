#!/usr/bin/env python3
"""Generates datasets/verifiable-qa.jsonl: 400 short questions with exact answers, for measuring
cascades (arithmetic, unit conversion, facts, multiple choice), split half calibration, half test.

Deterministic: `python3 datasets/generate-verifiable.py > datasets/verifiable-qa.jsonl` reproduces
the shipped file byte for byte. Every answer is a number, one option letter or one word, so Quorum's
`auto` verifier checks it without a judge. Difficulty leans easy (60% one-step, 25% two-step,
15% multi-step), like the traffic cascades are for: most requests a 0.5B model can answer, a
minority it cannot, so a gate has something to decide and a perfect one saves real money. Questions
are phrased more than one way ("Convert 3 liters to milliliters." beside "How many milliliters are
in 3 liters?"), as users phrase them; small models answer some phrasings better than others.
"""
import json
import random

NUMBER = "Answer with just the number."
LETTER = "Answer with just the letter."
WORD = "Answer with one word."


def arithmetic(rng, difficulty):
    if difficulty == "easy":
        a, b = rng.randint(2, 49), rng.randint(2, 49)
        kind = rng.choice(["+", "-", "*"])
        if kind == "*":
            a, b = rng.randint(2, 12), rng.randint(2, 12)
        if kind == "-" and b > a:
            a, b = b, a
        value = {"+": a + b, "-": a - b, "*": a * b}[kind]
        word = {"+": "plus", "-": "minus", "*": "times"}[kind]
        return f"What is {a} {word} {b}? {NUMBER}", value
    if difficulty == "medium":
        kind = rng.choice(["mul", "percent", "div"])
        if kind == "mul":
            a, b = rng.randint(13, 99), rng.randint(13, 99)
            return f"What is {a} times {b}? {NUMBER}", a * b
        if kind == "percent":
            percent = rng.choice([10, 15, 20, 25, 30, 40, 50, 75])
            base = rng.choice(range(20, 420, 20))
            return f"What is {percent}% of {base}? {NUMBER}", percent * base // 100
        b = rng.randint(3, 19)
        value = rng.randint(6, 40)
        return f"What is {b * value} divided by {b}? {NUMBER}", value
    kind = rng.choice(["three", "words", "chain"])
    if kind == "three":
        a, b = rng.randint(101, 999), rng.randint(11, 99)
        return f"What is {a} times {b}? {NUMBER}", a * b
    if kind == "words":
        boxes, per, eaten = rng.randint(3, 9), rng.randint(6, 24), rng.randint(2, 15)
        return (f"A shop has {boxes} boxes of {per} apples and sells {eaten} apples. "
                f"How many apples are left? {NUMBER}"), boxes * per - eaten
    a, b, c = rng.randint(12, 60), rng.randint(3, 9), rng.randint(5, 90)
    return f"What is ({a} times {b}) minus {c}? {NUMBER}", a * b - c


def units(rng, difficulty):
    if difficulty == "easy":
        kind = rng.choice(["km", "kg", "hours", "l"])
        n = rng.randint(2, 19)
        big, small, factor = {
            "km": ("kilometers", "meters", 1000), "kg": ("kilograms", "grams", 1000),
            "hours": ("hours", "minutes", 60), "l": ("liters", "milliliters", 1000),
        }[kind]
        if rng.random() < 0.5:
            return f"Convert {n} {big} to {small}. {NUMBER}", n * factor
        return f"How many {small} are in {n} {big}? {NUMBER}", n * factor
    if difficulty == "medium":
        kind = rng.choice(["days", "cm", "celsius", "minutes"])
        if kind == "days":
            n = rng.randint(2, 9)
            return f"How many hours are in {n} days? {NUMBER}", n * 24
        if kind == "cm":
            n = rng.randint(2, 40) * 5
            return f"How many centimeters are in {n / 100:g} meters? {NUMBER}", n
        if kind == "celsius":
            c = rng.choice(range(0, 101, 5))
            return f"What is {c} degrees Celsius in degrees Fahrenheit? {NUMBER}", c * 9 // 5 + 32
        n = rng.randint(2, 12) * 60
        return f"How many hours are in {n} minutes? {NUMBER}", n // 60
    kind = rng.choice(["seconds", "weeks", "mm"])
    if kind == "seconds":
        n = rng.randint(2, 9)
        return f"How many seconds are in {n} hours? {NUMBER}", n * 3600
    if kind == "weeks":
        n = rng.randint(2, 12)
        return f"How many hours are in {n} weeks? {NUMBER}", n * 7 * 24
    n = rng.randint(2, 30)
    return f"How many millimeters are in {n} kilometers? {NUMBER}", n * 1_000_000


# Stable facts only, each with one spelling.
CAPITALS = [("France", "Paris"), ("Japan", "Tokyo"), ("Italy", "Rome"), ("Germany", "Berlin"),
            ("Spain", "Madrid"), ("Egypt", "Cairo"), ("Russia", "Moscow"), ("Greece", "Athens"),
            ("Norway", "Oslo"), ("Kenya", "Nairobi"), ("Peru", "Lima"), ("Portugal", "Lisbon"),
            ("Austria", "Vienna"), ("Ireland", "Dublin"), ("Poland", "Warsaw"), ("Sweden", "Stockholm"),
            ("Canada", "Ottawa"), ("Australia", "Canberra"), ("Turkey", "Ankara"), ("Thailand", "Bangkok"),
            ("Cuba", "Havana"), ("Finland", "Helsinki"), ("Denmark", "Copenhagen"), ("Hungary", "Budapest"),
            ("Belgium", "Brussels"), ("Netherlands", "Amsterdam"), ("Vietnam", "Hanoi"), ("Indonesia", "Jakarta"),
            ("Iran", "Tehran"), ("Iraq", "Baghdad"), ("Morocco", "Rabat"), ("Philippines", "Manila"),
            ("Venezuela", "Caracas"), ("Afghanistan", "Kabul"), ("Pakistan", "Islamabad")]
COUNTS = [("How many legs does a spider have?", 8), ("How many legs does an insect have?", 6),
          ("How many days are in a week?", 7), ("How many months are in a year?", 12),
          ("How many sides does a hexagon have?", 6), ("How many sides does an octagon have?", 8),
          ("How many sides does a pentagon have?", 5), ("How many planets are in the Solar System?", 8),
          ("How many continents are there?", 7), ("How many days are in a leap year?", 366),
          ("How many minutes are in an hour?", 60), ("How many hours are in a day?", 24),
          ("How many degrees are in a right angle?", 90), ("How many degrees are in a full circle?", 360),
          ("How many cents are in a US dollar?", 100), ("How many players are on a soccer team on the field?", 11),
          ("How many strings does a standard violin have?", 4), ("How many keys does a standard piano have?", 88),
          ("At what temperature in degrees Celsius does water boil at sea level?", 100),
          ("At what temperature in degrees Celsius does water freeze?", 0),
          ("How many bones are in the adult human body?", 206), ("In what year did World War II end?", 1945),
          ("How many sides does a triangle have?", 3), ("How many days are in June?", 30)]
WORDS = [("Which planet is known as the Red Planet?", "Mars"),
         ("Which planet is the largest in the Solar System?", "Jupiter"),
         ("Which planet is closest to the Sun?", "Mercury"),
         ("What gas do plants absorb from the air for photosynthesis? Give its common name, e.g. oxygen.", "carbon dioxide"),
         ("What is the largest ocean on Earth?", "Pacific"), ("What is frozen water called?", "ice"),
         ("What color do you get by mixing blue and yellow?", "green"),
         ("What is the opposite of hot?", "cold"), ("Which animal is known as the king of the jungle?", "lion"),
         ("What is the chemical symbol for gold? Give the symbol.", "Au"),
         ("What is the chemical symbol for iron? Give the symbol.", "Fe"),
         ("What is the chemical symbol for sodium? Give the symbol.", "Na")]


def facts(rng, difficulty):
    kind = rng.choice(["capital", "count", "word"])
    if kind == "capital":
        country, capital = rng.choice(CAPITALS)
        return f"What is the capital of {country}? {WORD}", capital
    if kind == "count":
        question, value = rng.choice(COUNTS)
        return f"{question} {NUMBER}", value
    question, answer = rng.choice(WORDS)
    instruction = "Answer with just the name." if " " in answer else WORD
    return f"{question} {instruction}", answer


def question_of(prompt):
    """The question without its answer-format instruction: what makes two items the same question."""
    for instruction in (NUMBER, LETTER, WORD, "Answer with just the name."):
        prompt = prompt.replace(" " + instruction, "")
    return prompt


def choice(rng, difficulty):
    """A multiple-choice form of an arithmetic, unit or fact question with three distractors."""
    # Facts are few (each appears once in the file), so they are a fifth of the choices.
    source = facts if rng.random() < 0.2 else rng.choice([arithmetic, units])
    prompt, answer = source(rng, difficulty)
    stem = question_of(prompt)
    if isinstance(answer, int):
        offsets = rng.sample([-10, -2, -1, 1, 2, 10, answer // 10 or 3, -(answer // 10 or 3)], 3)
        options = [answer] + [answer + offset for offset in offsets if offset != 0 and answer + offset >= 0]
        while len(set(options)) < 4:
            options.append(answer + rng.randint(3, 30))
        options = list(dict.fromkeys(options))[:4]
    else:
        pool = [capital for _, capital in CAPITALS] if source is facts and answer in dict(CAPITALS).values() else \
            [word for _, word in WORDS] + [capital for _, capital in CAPITALS]
        options = [answer] + rng.sample([item for item in pool if item != answer], 3)
    return stem, options


def main():
    rng = random.Random(16)
    difficulties = ["easy"] * 60 + ["medium"] * 25 + ["hard"] * 15
    rows = []
    letters = "ABCD"
    seen = set()
    for category, count in (("arithmetic", 150), ("units", 110), ("facts", 50), ("choice", 90)):
        for index in range(count):
            # Facts have no steps to add: they are all easy. No prompt appears twice in the file,
            # so the test split never repeats a calibration question.
            difficulty = "easy" if category == "facts" else difficulties[index * 100 // count]
            for attempt in range(10_000):
                stem, options = choice(rng, difficulty) if category == "choice" else (None, None)
                key = stem
                if category != "choice":
                    prompt, answer = {"arithmetic": arithmetic, "units": units, "facts": facts}[category](rng, difficulty)
                    key = question_of(prompt)
                if key not in seen:
                    seen.add(key)
                    break
            else:
                raise SystemExit(f"generate-verifiable: ran out of distinct {category} questions")
            if category == "choice":
                correct = options[0]
                position = index % 4  # the right letter cycles A–D so no letter is favoured
                others = options[1:]
                rng.shuffle(others)
                ordered = others[:position] + [correct] + others[position:]
                lines = " ".join(f"{letter}) {option}" for letter, option in zip(letters, ordered))
                prompt, answer = f"{stem} {lines}. {LETTER}", letters[position]
            rows.append({"category": category, "difficulty": difficulty, "prompt": prompt, "answer": str(answer),
                         "split": "calibration" if index % 2 == 0 else "test"})
    # Interleave categories so any prefix (`limit:`) has every kind.
    by_category = {}
    for row in rows:
        by_category.setdefault(row["category"], []).append(row)
    ordered = []
    while any(by_category.values()):
        for category in ("arithmetic", "units", "facts", "choice"):
            for _ in range({"arithmetic": 5, "units": 4, "facts": 2, "choice": 3}[category]):
                if by_category[category]:
                    ordered.append(by_category[category].pop(0))
    for number, row in enumerate(ordered, start=1):
        record = {"id": f"vq-{number:03d}", "prompt": row["prompt"], "answer": row["answer"],
                  "category": row["category"], "difficulty": row["difficulty"], "split": row["split"]}
        print(json.dumps(record, ensure_ascii=False))


if __name__ == "__main__":
    main()
