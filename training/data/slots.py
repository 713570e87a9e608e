"""Slot fillers for templates and seed messages.

Real customer messages are full of concrete details -- order numbers in every
format a shop system produces, e-mails, phone numbers, prices in several
currencies, product names with model numbers.  Templates write ``{order}``,
``{product}`` ... and :func:`fill` replaces them with a random, realistic value.

With a small probability a slot is instead rendered the way the newer Bitext
release writes it (``{{Order Number}}``) because that style is in the
held-out evaluation data.
"""

from __future__ import annotations

import random
import re
import string

# --- products --------------------------------------------------------------
# category -> list of (generic item noun, list of specific product names)
PRODUCTS: dict[str, tuple[list[str], list[str]]] = {
    "clothing": (
        ["jacket", "dress", "hoodie", "t-shirt", "jeans", "sweater", "coat", "skirt",
         "blouse", "shorts", "leggings", "parka", "cardigan", "swimsuit", "pajamas",
         "winter coat", "rain jacket", "polo shirt", "blazer", "joggers"],
        ["Alpine down jacket", "linen wrap dress", "Classic Fit chinos", "merino crew sweater",
         "high-rise skinny jeans", "oversized fleece hoodie", "Trailhead rain shell",
         "cotton poplin shirt", "ribbed knit cardigan", "Nordic puffer coat"],
    ),
    "shoes": (
        ["sneakers", "running shoes", "boots", "sandals", "heels", "trainers", "loafers",
         "hiking boots", "slippers", "football boots"],
        ["AirStride 270 running shoes", "Cloudrun 5 sneakers", "Chelsea leather boots",
         "TrailMax GTX hiking boots", "canvas low-top sneakers", "Pegasus 40",
         "suede ankle boots", "memory foam slippers"],
    ),
    "electronics": (
        ["headphones", "earbuds", "smartwatch", "tablet", "TV", "speaker", "camera",
         "monitor", "charger", "power bank", "router", "keyboard", "mouse", "SSD",
         "memory card", "soundbar", "e-reader", "webcam"],
        ["WH-1000XM5 headphones", "Galaxy Buds2 Pro", "Pixel Watch 2", "iPad Air 11",
         "55 inch 4K OLED TV", "SoundLink Flex speaker", "EOS R50 camera", "27\" QHD monitor",
         "65W USB-C charger", "20000mAh power bank", "WiFi 6 mesh router", "MX Keys keyboard",
         "1TB NVMe SSD", "128GB microSD card", "Kindle Paperwhite"],
    ),
    "phones": (
        ["phone", "smartphone", "phone case", "screen protector", "phone charger"],
        ["iPhone 15 Pro", "Galaxy S24", "Pixel 8a", "Moto G84", "Xperia 10 V",
         "OnePlus 12", "iPhone 13 case", "Galaxy A55"],
    ),
    "laptops": (
        ["laptop", "notebook", "gaming laptop", "chromebook", "laptop bag", "docking station"],
        ["XPS 13", "MacBook Air M3", "ThinkPad X1 Carbon", "Zenbook 14 OLED",
         "Legion 5 Pro", "Surface Laptop 6", "Chromebook Plus 514", "Aspire 5"],
    ),
    "kitchen": (
        ["blender", "air fryer", "coffee machine", "kettle", "toaster", "frying pan",
         "knife set", "microwave", "stand mixer", "pressure cooker", "dinner set", "rice cooker"],
        ["Ninja AF160 air fryer", "Nespresso Vertuo", "KitchenPro stand mixer",
         "12\" cast iron skillet", "Instant Pot Duo 7-in-1", "Vitamix E310 blender",
         "stainless steel kettle 1.7L", "ceramic non-stick pan set"],
    ),
    "beauty": (
        ["moisturizer", "lipstick", "perfume", "shampoo", "sunscreen", "serum", "foundation",
         "hair dryer", "mascara", "face wash", "nail polish", "beard trimmer"],
        ["Hydra Boost gel cream", "vitamin C serum 30ml", "SPF 50 sunscreen", "Velvet Matte lipstick",
         "argan oil shampoo", "Supersonic hair dryer", "No. 5 eau de parfum", "retinol night cream"],
    ),
    "toys": (
        ["Lego set", "doll", "board game", "puzzle", "RC car", "plush toy", "action figure",
         "toy kitchen", "building blocks", "baby rattle"],
        ["Lego Technic 42154", "1000-piece jigsaw puzzle", "Catan board game", "Barbie Dreamhouse",
         "Hot Wheels track set", "wooden train set", "Magna-Tiles 100 piece"],
    ),
    "furniture": (
        ["sofa", "desk", "office chair", "bed frame", "mattress", "bookshelf", "dining table",
         "wardrobe", "coffee table", "lamp", "rug", "bar stool"],
        ["Oslo 3-seater sofa", "standing desk 140x70", "ErgoPro office chair", "queen memory foam mattress",
         "oak dining table", "5-shelf bookcase", "velvet accent chair", "king size bed frame"],
    ),
    "sports": (
        ["yoga mat", "dumbbells", "bike", "tennis racket", "football", "treadmill",
         "gym bag", "cycling helmet", "tent", "sleeping bag", "water bottle", "skis"],
        ["adjustable dumbbells 24kg", "Trek FX 2 bike", "6mm yoga mat", "2-person dome tent",
         "Wilson Pro Staff racket", "foldable treadmill", "insulated water bottle 750ml"],
    ),
    "groceries": (
        ["coffee beans", "olive oil", "protein powder", "tea", "pasta", "chocolate",
         "baby formula", "dog food", "cereal", "snack box", "oat milk"],
        ["organic espresso beans 1kg", "extra virgin olive oil 500ml", "whey protein vanilla 2lb",
         "green tea 100 bags", "grain-free dog food 12kg", "dark chocolate 85%"],
    ),
    "garden": (
        ["garden chairs", "garden table", "lawn mower", "BBQ", "parasol", "hose", "plant pots",
         "patio heater", "hedge trimmer", "garden bench", "sun lounger", "raised bed"],
        ["Weber Spirit gas BBQ", "cordless lawn mower 36V", "4-seat rattan garden set",
         "3m cantilever parasol", "30m expandable hose", "teak garden bench"],
    ),
    "home appliances": (
        ["robot vacuum", "vacuum cleaner", "washing machine", "dishwasher", "fridge freezer",
         "coffee grinder", "iron", "dehumidifier", "fan heater", "air purifier", "tumble dryer",
         "sewing machine"],
        ["Roomba j7+ robot vacuum", "V15 cordless vacuum", "9kg front-load washing machine",
         "integrated dishwasher 60cm", "burr coffee grinder", "HEPA air purifier",
         "12L dehumidifier", "steam generator iron"],
    ),
    "books": (
        ["book", "cookbook", "novel", "textbook", "audiobook", "comic", "notebook set"],
        ["the new Stephen King novel", "Atomic Habits hardcover", "Python Crash Course 3rd edition",
         "the Harry Potter box set", "a Korean cookbook", "One Piece vol. 105"],
    ),
}

ALL_ITEMS = sorted({i for items, _ in PRODUCTS.values() for i in items})
ALL_PRODUCTS = sorted({p for _, prods in PRODUCTS.values() for p in prods})

BRANDS = ["Nike", "Adidas", "Samsung", "Apple", "Sony", "Dell", "Lenovo", "HP", "Bosch", "Philips",
          "Levi's", "Zara", "Dyson", "Lego", "IKEA", "Garmin", "Canon", "Asus", "Puma", "Xiaomi",
          "Logitech", "KitchenAid", "L'Oreal", "Nivea", "New Balance", "Columbia", "Anker", "JBL"]
COLOURS = ["black", "white", "navy", "red", "beige", "olive green", "grey", "pink", "light blue",
           "burgundy", "silver", "rose gold", "cream", "charcoal", "yellow", "space gray"]
SIZES = ["XS", "S", "M", "L", "XL", "XXL", "size 8", "size 8.5", "size 10", "size 42", "EU 39",
         "UK 7", "US 11", "32x30", "W34 L32", "size 14", "petite M", "plus size 2X", "one size"]
SPECS = ["battery life", "warranty", "material", "weight", "dimensions", "waterproof rating",
         "screen size", "storage", "RAM", "fabric", "sizing", "voltage", "ingredients",
         "capacity", "noise cancelling", "bluetooth version", "fit"]

FIRST_NAMES = ["James", "Maria", "Ahmed", "Li", "Sofia", "Tom", "Priya", "Lucas", "Emma", "Olu",
               "Chen", "Fatima", "Jake", "Aisha", "Mateo", "Hannah", "Kenji", "Zoe", "Ivan", "Grace"]
LAST_NAMES = ["Smith", "Garcia", "Khan", "Wang", "Rossi", "Brown", "Patel", "Müller", "Nguyen",
              "Okafor", "Johnson", "Silva", "Kowalski", "Dubois", "Lee"]
CITIES = ["Chicago", "Austin", "Manchester", "Leeds", "Toronto", "Berlin", "Madrid", "Dublin",
          "Sydney", "Denver", "Seattle", "Lyon", "Miami", "Glasgow", "Phoenix"]
STREETS = ["Main St", "Oak Avenue", "High Street", "Maple Rd", "Elm Drive", "Park Lane",
           "5th Ave", "Church Road", "Sunset Blvd", "Queen St W"]
HANDLES = ["@ShopHelp", "@StoreCares", "@ShopSupport", "@AskTheShop", "@MegaMartHelp", "@shop_care"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        "yesterday", "last week", "3 days ago", "two weeks ago", "on the 12th", "March 3",
        "10/14", "last Friday", "over a month ago", "on Black Friday", "this morning"]
CURRENCY = ["$", "$", "$", "€", "£", "USD ", "CAD $", "A$"]

PEOPLE = ["my mom", "my dad", "my wife", "my husband", "my girlfriend", "my boyfriend", "a 10 year old",
          "my teenage son", "my daughter", "a toddler", "my boss", "a coworker", "my grandma",
          "a friend who loves cooking", "a gamer", "a runner", "a new mom", "my sister", "a student",
          "someone who has everything", "my best friend", "my 5yo nephew", "a baby"]
OCCASIONS = ["a birthday", "christmas", "mother's day", "father's day", "our anniversary",
             "a wedding", "graduation", "valentine's day", "a housewarming", "a baby shower",
             "secret santa", "a retirement gift", "back to school", "a summer holiday", "a job interview"]
BUDGETS = ["under $50", "under 100 dollars", "around $200", "less than €30", "under £500",
           "max 1000", "between $300 and $600", "on a budget", "cheap", "no budget limit", "under 20 bucks"]
CATEGORY_WORDS = ["laptops", "running shoes", "headphones", "winter jackets", "dresses", "phones",
                  "air fryers", "coffee machines", "skincare", "toys", "office chairs", "mattresses",
                  "tablets", "jeans", "sneakers", "TVs", "board games", "yoga gear", "strollers",
                  "smartwatches", "gaming monitors", "kitchen knives", "sofas", "perfumes", "books"]
ACTIVITIES = ["running", "hiking", "gaming", "video editing", "working from home", "travel",
              "camping", "the gym", "school", "cooking", "photography", "swimming", "cycling",
              "programming", "skiing", "a small apartment", "a home office"]
MODELS = ["XPS 13", "XPS 15", "iPhone 15", "iPhone 14 Pro", "Galaxy S23", "Pixel 8", "MacBook Pro 14",
          "ThinkPad T14", "PS5", "Switch OLED", "Kindle Paperwhite", "AirPods Pro 2", "Apple Watch 9",
          "Galaxy Tab S9", "Surface Pro 9", "iPad mini", "Echo Dot", "GoPro Hero 12", "Series X"]

BITEXT_STYLE = {
    "order": "{{Order Number}}", "invoice": "{{Invoice Number}}", "name": "{{Person Name}}",
    "email": "{{Email Address}}", "phone": "{{Phone Number}}", "amount": "{{Refund Amount}}",
    "date": "{{Date}}", "city": "{{Delivery City}}", "account_type": "{{Account Type}}",
    "address": "{{Delivery Address}}",
}


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def order_number(rng: random.Random) -> str:
    fmt = rng.randrange(12)
    if fmt == 0:
        return "#" + _digits(rng, 5)
    if fmt == 1:
        return "W" + _digits(rng, 9)
    if fmt == 2:
        return f"W{_digits(rng, 3)}-{_digits(rng, 4)}"
    if fmt == 3:
        return f"ORD-{rng.choice(['2023', '2024', '2025'])}-{_digits(rng, 5)}"
    if fmt == 4:
        return _digits(rng, rng.choice([6, 7, 8, 10]))
    if fmt == 5:
        return "#" + _digits(rng, rng.choice([7, 9]))
    if fmt == 6:
        return f"{_digits(rng, 3)}-{_digits(rng, 7)}-{_digits(rng, 7)}"
    if fmt == 7:
        return "SO" + _digits(rng, 6)
    if fmt == 8:
        return "#" + "".join(rng.choice(string.ascii_uppercase) for _ in range(2)) + _digits(rng, 6)
    if fmt == 9:
        return "order no. " + _digits(rng, 6)
    if fmt == 10:
        return f"{rng.choice(['A', 'B', 'X', 'Z'])}{_digits(rng, 2)}-{_digits(rng, 5)}"
    return "#" + _digits(rng, 4)


def tracking_number(rng: random.Random) -> str:
    fmt = rng.randrange(4)
    if fmt == 0:
        return "1Z" + "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(16))
    if fmt == 1:
        return _digits(rng, 12)
    if fmt == 2:
        return "".join(rng.choice(string.ascii_uppercase) for _ in range(2)) + _digits(rng, 9) + "GB"
    return "TBA" + _digits(rng, 12)


def invoice_number(rng: random.Random) -> str:
    return rng.choice(["INV-", "INV", "#INV-", "invoice ", "F"]) + _digits(rng, rng.choice([5, 6, 8]))


def email(rng: random.Random) -> str:
    first = rng.choice(FIRST_NAMES).lower()
    last = rng.choice(LAST_NAMES).lower().replace("ü", "u")
    user = rng.choice([f"{first}.{last}", f"{first}{_digits(rng, 2)}", f"{first[0]}{last}",
                       f"{first}_{last}{_digits(rng, 4)}"])
    return user + "@" + rng.choice(["gmail.com", "yahoo.com", "outlook.com", "hotmail.co.uk",
                                    "icloud.com", "proton.me", "web.de", "company.com"])


def phone(rng: random.Random) -> str:
    fmt = rng.randrange(4)
    if fmt == 0:
        return f"({_digits(rng, 3)}) {_digits(rng, 3)}-{_digits(rng, 4)}"
    if fmt == 1:
        return f"+44 7{_digits(rng, 3)} {_digits(rng, 6)}"
    if fmt == 2:
        return f"{_digits(rng, 3)}-{_digits(rng, 3)}-{_digits(rng, 4)}"
    return f"+1 {_digits(rng, 3)} {_digits(rng, 3)} {_digits(rng, 4)}"


def amount(rng: random.Random) -> str:
    cur = rng.choice(CURRENCY)
    value = rng.choice([rng.randrange(5, 60), rng.randrange(20, 400), rng.randrange(100, 2500)])
    if rng.random() < 0.6:
        return f"{cur}{value}.{rng.choice(['99', '00', '49', '95', '50'])}"
    return f"{cur}{value}"


def address(rng: random.Random) -> str:
    return f"{rng.randrange(1, 999)} {rng.choice(STREETS)}, {rng.choice(CITIES)}"


def product(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(ALL_PRODUCTS)
    cat = rng.choice(sorted(PRODUCTS))
    item = rng.choice(PRODUCTS[cat][0])
    r = rng.random()
    if r < 0.3:
        return f"{rng.choice(COLOURS)} {item}"
    if r < 0.5:
        return f"{rng.choice(BRANDS)} {item}"
    return item


def _from_categories(rng: random.Random, cats: list[str]) -> str:
    items, prods = PRODUCTS[rng.choice(cats)]
    if rng.random() < 0.5:
        return rng.choice(prods)
    item = rng.choice(items)
    return f"{rng.choice(BRANDS)} {item}" if rng.random() < 0.3 else item


FILLERS = {
    "order": order_number,
    "tracking": tracking_number,
    "invoice": invoice_number,
    "email": email,
    "phone": phone,
    "amount": amount,
    "address": address,
    "product": product,
    "item": lambda r: r.choice(ALL_ITEMS),
    "brand": lambda r: r.choice(BRANDS),
    "colour": lambda r: r.choice(COLOURS),
    "size": lambda r: r.choice(SIZES),
    "spec": lambda r: r.choice(SPECS),
    "name": lambda r: r.choice(FIRST_NAMES) + (" " + r.choice(LAST_NAMES) if r.random() < 0.5 else ""),
    "first": lambda r: r.choice(FIRST_NAMES),
    "city": lambda r: r.choice(CITIES),
    "date": lambda r: r.choice(DAYS),
    "handle": lambda r: r.choice(HANDLES),
    "n": lambda r: str(r.choice([2, 3, 4, 5, 6, 7, 10, 12, 14, 21])),
    "apparel": lambda r: _from_categories(r, ["clothing", "shoes"]),
    "tech": lambda r: _from_categories(r, ["electronics", "phones", "laptops"]),
    "homegoods": lambda r: _from_categories(r, ["kitchen", "furniture", "garden", "home appliances"]),
    "person": lambda r: r.choice(PEOPLE),
    "occasion": lambda r: r.choice(OCCASIONS),
    "budget": lambda r: r.choice(BUDGETS),
    "category": lambda r: r.choice(CATEGORY_WORDS),
    "activity": lambda r: r.choice(ACTIVITIES),
    "percent": lambda r: r.choice(["10%", "15%", "20%", "25%", "30%", "50%", "70%"]),
    "code": lambda r: r.choice(["SAVE10", "WELCOME15", "SPRING20", "FREESHIP", "BF2024", "VIP25", "STUDENT10"]),
    "model": lambda r: r.choice(MODELS),
    "account_type": lambda r: r.choice(["premium", "business", "standard", "gold", "pro", "family", "free"]),
}

_SLOT = re.compile(r"\{([a-z_]+)\}")


def fill(template: str, rng: random.Random, bitext_style_p: float = 0.0) -> str:
    """Replace every ``{slot}`` in ``template``; unknown slots are left as-is."""

    def repl(m: re.Match) -> str:
        name = m.group(1)
        if name not in FILLERS:
            return m.group(0)
        if bitext_style_p and name in BITEXT_STYLE and rng.random() < bitext_style_p:
            return BITEXT_STYLE[name]
        return FILLERS[name](rng)

    return _SLOT.sub(repl, template)


def has_slots(template: str) -> bool:
    return any(m.group(1) in FILLERS for m in _SLOT.finditer(template))
