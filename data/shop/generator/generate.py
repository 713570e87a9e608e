#!/usr/bin/env python3
"""Deterministic generator for the sample shop's seed data (data/shop/*.json).

Run from anywhere: `python3 data/shop/generator/generate.py`. Same code, same output: every random choice
comes from one seeded Random, and every date is relative to REFERENCE (the loader shifts all dates so that
REFERENCE becomes "today"; see data/shop/README.md). Hand-written fixtures come first so their ids are stable.
"""
import json
import re
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent
REFERENCE = datetime(2025, 6, 2, 12, 0, tzinfo=timezone.utc)  # a Monday, noon UTC: "today" in the seed
CURRENCY = "EUR"
# The sample shop's own web site (a reserved .example name: links in cards point somewhere plausible, never
# at a real shop) and where the bot serves the sample product pictures (see write_images).
SHOP_SITE = "https://northwind-goods.example"
IMAGE_BASE = "/shop-images/"
rng = random.Random(20250602)


def iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def day(dt):
    return dt.strftime("%Y-%m-%d")


def ago(days, hours=0):
    return REFERENCE - timedelta(days=days, hours=hours)


def price(lo, hi):
    return round(rng.randint(int(lo), int(hi)) + 0.99, 2) if hi > 20 else round(rng.uniform(lo, hi), 1) + 0.09


# ---------------------------------------------------------------- catalog

CATEGORIES = [
    ("electronics", "Electronics", ["Headphones", "Laptops", "TVs", "Cameras", "Smart Home", "Speakers"]),
    ("phones", "Phones & Accessories", ["Smartphones", "Phone Cases", "Chargers", "Cables", "Screen Protectors"]),
    ("home-kitchen", "Home & Kitchen", ["Coffee Machines", "Cookware", "Blenders", "Vacuum Cleaners", "Bedding"]),
    ("fashion", "Fashion", ["T-Shirts", "Jeans", "Jackets", "Dresses", "Sweaters"]),
    ("shoes", "Shoes", ["Running Shoes", "Sneakers", "Boots", "Sandals"]),
    ("sports", "Sports & Outdoors", ["Yoga", "Fitness", "Cycling", "Camping"]),
    ("beauty", "Beauty", ["Skincare", "Hair Care", "Fragrance"]),
    ("toys", "Toys & Games", ["Building Sets", "Puzzles", "Board Games", "Plush Toys"]),
    ("books", "Books", ["Fiction", "Cookbooks", "Children's Books", "Non-Fiction"]),
]
CATEGORY_CODE = {"electronics": "EL", "phones": "PH", "home-kitchen": "HK", "fashion": "FA", "shoes": "SH",
                 "sports": "SP", "beauty": "BE", "toys": "TO", "books": "BK"}

COLOURS = ["Black", "White", "Navy", "Grey", "Red", "Green", "Beige", "Blue"]
PHONES = ["iPhone 15", "iPhone 15 Pro", "iPhone 14", "Galaxy S24", "Galaxy S23", "Pixel 8", "Pixel 8 Pro"]
APPAREL_SIZES = "XS, S, M, L, XL, XXL"
SHOE_SIZES = "38, 39, 40, 41, 42, 43, 44, 45, 46"

# subcategory -> (brands, name patterns, price range, attribute maker)
def colour():
    return rng.choice(COLOURS)


SPEC = {
    "Headphones": (["Sonora", "Auralis", "Bassline"], ["{b} {m} Wireless Noise-Cancelling Headphones", "{b} {m} True Wireless Earbuds", "{b} {m} Over-Ear Studio Headphones"], (39, 349),
                   lambda: {"colour": colour(), "connectivity": rng.choice(["Bluetooth 5.3", "Bluetooth 5.2", "Wired 3.5 mm"]), "battery": f"{rng.choice([20, 30, 40, 60])} h"}),
    "Laptops": (["Voltra", "Nimbus", "Keystone"], ["{b} {m} 14\" Laptop", "{b} {m} 16\" Laptop", "{b} {m} Ultrabook 13\""], (499, 1999),
                lambda: {"ram": rng.choice(["8 GB", "16 GB", "32 GB"]), "storage": rng.choice(["256 GB SSD", "512 GB SSD", "1 TB SSD"]), "colour": rng.choice(["Silver", "Space Grey", "Black"])}),
    "TVs": (["Lumen", "Visio Prime"], ["{b} {m} 55\" 4K UHD Smart TV", "{b} {m} 65\" OLED TV", "{b} {m} 43\" Full HD TV"], (299, 1899),
            lambda: {"resolution": rng.choice(["4K UHD", "Full HD"]), "hdr": rng.choice(["HDR10", "Dolby Vision"])}),
    "Cameras": (["Optiq", "Framewell"], ["{b} {m} Mirrorless Camera", "{b} {m} Action Camera 4K", "{b} {m} Instant Camera"], (89, 1499),
                lambda: {"sensor": rng.choice(["24 MP APS-C", "20 MP 1\"", "45 MP full frame"]), "colour": rng.choice(["Black", "Silver"])}),
    "Smart Home": (["Homely", "Nestor"], ["{b} {m} Smart Plug (2-pack)", "{b} {m} Video Doorbell", "{b} {m} Smart Thermostat", "{b} {m} Wi-Fi Security Camera"], (19, 249),
                   lambda: {"compatibility": rng.choice(["Alexa, Google Home", "Apple HomeKit, Alexa", "Google Home"]), "connectivity": "Wi-Fi"}),
    "Speakers": (["Sonora", "Bassline"], ["{b} {m} Portable Bluetooth Speaker", "{b} {m} Smart Speaker", "{b} {m} Soundbar"], (29, 499),
                 lambda: {"colour": colour(), "waterproof": rng.choice(["IP67", "no"])}),
    "Smartphones": (["Pixelon", "Orbit", "Nova"], ["{b} {m} 128 GB Smartphone", "{b} {m} 256 GB Smartphone", "{b} {m} Lite 64 GB"], (149, 1199),
                    lambda: {"colour": rng.choice(["Midnight", "Silver", "Blue", "Green"]), "storage": rng.choice(["64 GB", "128 GB", "256 GB"]), "network": "5G"}),
    "Phone Cases": (["Shieldo", "Casewise"], ["{b} Clear Case for {p}", "{b} Leather Wallet Case for {p}", "{b} Rugged Case for {p}"], (9, 49),
                    None),
    "Chargers": (["Voltcharge", "Ampere"], ["{b} {w} W USB-C Fast Charger", "{b} {w} W Wireless Charging Pad", "{b} 3-in-1 Charging Stand"], (12, 79),
                 lambda: {"compatibility": "USB-C phones, iPhone 15, Galaxy S24, Pixel 8", "colour": rng.choice(["White", "Black"])}),
    "Cables": (["Voltcharge", "Linky"], ["{b} USB-C to USB-C Cable {l} m", "{b} USB-C to Lightning Cable {l} m", "{b} Braided USB-A to USB-C Cable {l} m"], (7, 29),
               lambda: {"colour": rng.choice(["White", "Black", "Red"])}),
    "Screen Protectors": (["Shieldo", "Glassa"], ["{b} Tempered Glass Screen Protector for {p} (2-pack)", "{b} Privacy Screen Protector for {p}"], (8, 29),
                          None),
    "Coffee Machines": (["Barista Co", "Crema"], ["{b} {m} Espresso Machine", "{b} {m} Bean-to-Cup Coffee Machine", "{b} {m} Filter Coffee Maker"], (49, 899),
                        lambda: {"colour": rng.choice(["Stainless Steel", "Black", "White"]), "capacity": f"{rng.choice([1.2, 1.5, 1.8])} l"}),
    "Cookware": (["Ferro", "Cucina"], ["{b} Non-Stick Frying Pan {s} cm", "{b} Cast Iron Casserole {s} cm", "{b} Stainless Steel Pot Set (5 pieces)"], (19, 229),
                 lambda: {"material": rng.choice(["Aluminium, non-stick", "Cast iron", "Stainless steel"]), "induction": rng.choice(["yes", "no"])}),
    "Blenders": (["Vortex", "Crema"], ["{b} {m} High-Speed Blender", "{b} {m} Hand Blender Set", "{b} {m} Smoothie Maker"], (25, 299),
                 lambda: {"power": f"{rng.choice([600, 800, 1200, 1500])} W", "colour": rng.choice(["Black", "White", "Red"])}),
    "Vacuum Cleaners": (["Cyclo", "Dustaway"], ["{b} {m} Cordless Stick Vacuum", "{b} {m} Robot Vacuum", "{b} {m} Bagless Vacuum Cleaner"], (99, 699),
                        lambda: {"runtime": f"{rng.choice([40, 60, 90])} min", "colour": rng.choice(["Grey", "Purple", "White"])}),
    "Bedding": (["Dreamwell", "Linea"], ["{b} Cotton Duvet Cover Set {z}", "{b} Linen Sheet Set {z}", "{b} Memory Foam Pillow"], (19, 149),
                lambda: {"material": rng.choice(["100% cotton", "Linen", "Memory foam"]), "colour": rng.choice(["White", "Grey", "Sage", "Sand"])}),
    "T-Shirts": (["Northwind", "Urbanline", "Basico"], ["{b} Organic Cotton T-Shirt", "{b} Slim Fit Crew Neck T-Shirt", "{b} Oversized Graphic Tee"], (12, 39),
                 lambda: {"sizes": APPAREL_SIZES, "colour": colour(), "material": rng.choice(["100% organic cotton", "Cotton blend"]), "fit": rng.choice(["Regular", "Slim", "Oversized"])}),
    "Jeans": (["Urbanline", "Denimco"], ["{b} Slim Fit Jeans", "{b} Straight Leg Jeans", "{b} Relaxed Fit Jeans"], (39, 119),
              lambda: {"sizes": "W28, W30, W32, W34, W36, W38", "colour": rng.choice(["Dark Blue", "Light Blue", "Black"]), "material": "98% cotton, 2% elastane"}),
    "Jackets": (["Northwind", "Alpina"], ["{b} Waterproof Rain Jacket", "{b} Down Puffer Jacket", "{b} Denim Jacket"], (59, 299),
                lambda: {"sizes": APPAREL_SIZES, "colour": colour(), "waterproof": rng.choice(["yes", "no"])}),
    "Dresses": (["Floria", "Basico"], ["{b} Linen Summer Dress", "{b} Wrap Midi Dress", "{b} Knitted Sweater Dress"], (29, 149),
                lambda: {"sizes": "XS, S, M, L, XL", "colour": colour(), "material": rng.choice(["Linen", "Viscose", "Wool blend"])}),
    "Sweaters": (["Northwind", "Alpina"], ["{b} Merino Wool Sweater", "{b} Cotton Knit Cardigan", "{b} Hooded Sweatshirt"], (29, 129),
                 lambda: {"sizes": APPAREL_SIZES, "colour": colour(), "material": rng.choice(["Merino wool", "Cotton", "Cotton/polyester"])}),
    "Running Shoes": (["Stride", "Pacer", "Aerofoot"], ["{b} {m} Running Shoes", "{b} {m} Trail Running Shoes"], (59, 189),
                      lambda: {"sizes": SHOE_SIZES, "colour": colour(), "drop": f"{rng.choice([4, 6, 8, 10])} mm"}),
    "Sneakers": (["Urbanline", "Kicks"], ["{b} {m} Leather Sneakers", "{b} {m} Canvas Sneakers"], (49, 149),
                 lambda: {"sizes": SHOE_SIZES, "colour": colour(), "material": rng.choice(["Leather", "Canvas", "Suede"])}),
    "Boots": (["Alpina", "Timberfield"], ["{b} {m} Chelsea Boots", "{b} {m} Hiking Boots", "{b} {m} Winter Boots"], (79, 229),
              lambda: {"sizes": SHOE_SIZES, "colour": rng.choice(["Brown", "Black", "Tan"]), "waterproof": rng.choice(["yes", "no"])}),
    "Sandals": (["Solea", "Kicks"], ["{b} {m} Sport Sandals", "{b} {m} Leather Sandals"], (25, 89),
                lambda: {"sizes": SHOE_SIZES, "colour": rng.choice(["Brown", "Black", "Tan"])}),
    "Yoga": (["Zenfit", "Lotus"], ["{b} Non-Slip Yoga Mat {t} mm", "{b} Cork Yoga Block (2-pack)", "{b} Yoga Strap"], (9, 89),
             lambda: {"material": rng.choice(["TPE", "Natural rubber", "Cork"]), "colour": rng.choice(["Purple", "Teal", "Grey", "Black"])}),
    "Fitness": (["Ironcore", "Zenfit"], ["{b} Adjustable Dumbbells {k} kg", "{b} Resistance Band Set", "{b} Kettlebell {k} kg", "{b} Jump Rope"], (9, 299),
                lambda: {"material": rng.choice(["Cast iron", "Latex", "Steel"])}),
    "Cycling": (["Velo", "Ridgeline"], ["{b} Bike Helmet", "{b} LED Bike Light Set", "{b} Mini Bike Pump", "{b} Cycling Gloves"], (12, 129),
                lambda: {"sizes": "S, M, L", "colour": colour()}),
    "Camping": (["Ridgeline", "Trailhead"], ["{b} {n}-Person Tent", "{b} Down Sleeping Bag", "{b} Camping Stove", "{b} Headlamp"], (19, 399),
                lambda: {"weight": f"{rng.choice([0.3, 1.2, 2.4, 3.1])} kg", "season": rng.choice(["3-season", "4-season"])}),
    "Skincare": (["Glowa", "Puressence"], ["{b} Hydrating Face Cream 50 ml", "{b} Vitamin C Serum 30 ml", "{b} Gentle Cleansing Gel 200 ml", "{b} SPF 50 Sunscreen 100 ml"], (9, 59),
                 lambda: {"skin type": rng.choice(["All skin types", "Dry skin", "Sensitive skin", "Oily skin"]), "vegan": rng.choice(["yes", "no"])}),
    "Hair Care": (["Silka", "Puressence"], ["{b} Repair Shampoo 250 ml", "{b} Argan Oil Conditioner 250 ml", "{b} Ionic Hair Dryer", "{b} Ceramic Hair Straightener"], (7, 149),
                  lambda: {"hair type": rng.choice(["All hair types", "Curly hair", "Damaged hair"])}),
    "Fragrance": (["Maison Lune", "Aria"], ["{b} {m} Eau de Parfum 50 ml", "{b} {m} Eau de Toilette 100 ml"], (29, 129),
                  lambda: {"notes": rng.choice(["Citrus, bergamot", "Vanilla, amber", "Rose, jasmine", "Cedar, vetiver"])}),
    "Building Sets": (["Brickly", "Constructa"], ["{b} {m} Space Station Building Set", "{b} {m} City Fire Station", "{b} {m} Dinosaur Park Set"], (19, 149),
                      lambda: {"age": rng.choice(["6+", "8+", "12+"]), "pieces": str(rng.choice([250, 540, 1200, 2100]))}),
    "Puzzles": (["Puzzleworks", "Ravena"], ["{b} {n}-Piece Jigsaw Puzzle: {m}"], (9, 39),
                lambda: {"age": rng.choice(["8+", "12+"]), "pieces": str(rng.choice([500, 1000, 1500]))}),
    "Board Games": (["Meeple House", "Tabletop Co"], ["{b} {m}: Strategy Board Game", "{b} {m}: Family Card Game", "{b} {m}: Cooperative Adventure"], (14, 69),
                    lambda: {"players": rng.choice(["2-4", "2-6", "1-5"]), "age": rng.choice(["8+", "10+", "14+"])}),
    "Plush Toys": (["Cuddle Co", "Fluffin"], ["{b} {m} Plush Bear 30 cm", "{b} {m} Plush Unicorn", "{b} {m} Plush Dinosaur"], (12, 39),
                   lambda: {"age": "0+", "material": "Recycled polyester"}),
    "Fiction": (["Harbor Press", "Quill Books"], ["{m}: A Novel (Paperback)", "{m} (Hardcover)"], (9, 29),
                lambda: {"format": rng.choice(["Paperback", "Hardcover", "E-book"]), "language": rng.choice(["English", "German"])}),
    "Cookbooks": (["Harbor Press", "Saffron Books"], ["{m}: 100 Easy Recipes", "The {m} Kitchen"], (14, 39),
                  lambda: {"format": "Hardcover", "language": rng.choice(["English", "German"])}),
    "Children's Books": (["Little Owl", "Quill Books"], ["{m} and the Moonlight Garden", "Goodnight, {m}"], (7, 19),
                         lambda: {"format": rng.choice(["Board book", "Hardcover"]), "age": rng.choice(["2+", "4+", "6+"])}),
    "Non-Fiction": (["Harbor Press", "Meridian"], ["The Science of {m}", "{m}: A Short History"], (12, 34),
                    lambda: {"format": rng.choice(["Paperback", "Hardcover"]), "language": "English"}),
}
MODELS = ["Aero", "Nova", "Pulse", "Edge", "Flux", "Zen", "Vista", "Orion", "Atlas", "Echo", "Luma", "Terra", "Quest", "Drift", "Summit"]
BOOK_WORDS = ["Sleep", "Habits", "Salt", "Stars", "Rivers", "Bread", "Memory", "Oceans", "Mushrooms", "Pasta", "Orchard", "Lighthouse", "Winter"]
ADJ = {"electronics": "Reliable", "phones": "Practical", "home-kitchen": "Everyday", "fashion": "Comfortable", "shoes": "Comfortable",
       "sports": "Durable", "beauty": "Gentle", "toys": "Fun", "books": "Engaging"}

# Fixtures first (stable ids P1001..): the README lists them for demos and conversation tests.
FIXTURE_PRODUCTS = [
    ("electronics", "Headphones", "Sonora", "Sonora QuietPro 700 Wireless Noise-Cancelling Headphones", 249.99, 37,
     {"colour": "Black", "connectivity": "Bluetooth 5.3", "battery": "40 h", "noise cancelling": "active"}, 4.7, 1284,
     "Over-ear headphones with adaptive noise cancelling, 40-hour battery and multipoint Bluetooth."),
    ("electronics", "Headphones", "Sonora", "Sonora QuietPro 700 Wireless Noise-Cancelling Headphones (White)", 249.99, 0,
     {"colour": "White", "connectivity": "Bluetooth 5.3", "battery": "40 h", "noise cancelling": "active"}, 4.7, 312,
     "The white edition of the QuietPro 700: same adaptive noise cancelling and 40-hour battery."),
    ("shoes", "Running Shoes", "Stride", "Stride Cloudrunner 3 Running Shoes", 129.99, 58,
     {"sizes": SHOE_SIZES, "colour": "Blue", "drop": "8 mm", "surface": "Road"}, 4.5, 876,
     "Cushioned road running shoes with a breathable mesh upper, for daily training and long runs."),
    ("fashion", "Jackets", "Northwind", "Northwind Stormshell Waterproof Rain Jacket", 149.0, 4,
     {"sizes": APPAREL_SIZES, "colour": "Navy", "waterproof": "yes", "material": "Recycled nylon"}, 4.4, 203,
     "Lightweight waterproof and breathable rain jacket with taped seams and a packable hood."),
    ("home-kitchen", "Coffee Machines", "Barista Co", "Barista Co Milano Espresso Machine", 399.0, 12,
     {"colour": "Stainless Steel", "capacity": "1.8 l", "pressure": "15 bar"}, 4.6, 541,
     "Semi-automatic espresso machine with a steam wand for milk foam and a 1.8 l water tank."),
    ("phones", "Phone Cases", "Shieldo", "Shieldo Clear Case for iPhone 15", 19.99, 240,
     {"compatibility": "iPhone 15", "colour": "Clear", "material": "TPU"}, 4.3, 2310,
     "Slim transparent case with raised edges that protect the screen and camera."),
    ("phones", "Smartphones", "Pixelon", "Pixelon 8 Pro 256 GB Smartphone", 899.0, 0,
     {"colour": "Midnight", "storage": "256 GB", "network": "5G"}, 4.6, 988,
     "6.7\" OLED display, triple camera with 5x zoom and all-day battery."),
    ("books", "Cookbooks", "Saffron Books", "The Weeknight Pasta Kitchen", 24.99, 85,
     {"format": "Hardcover", "language": "English"}, 4.8, 156, "100 pasta recipes ready in 30 minutes or less."),
]


def make_products():
    products = []
    counters = {}

    def add(cat, sub, brand, name, price_, stock, attrs, rating, reviews, desc):
        pid = f"P{1001 + len(products)}"
        code = CATEGORY_CODE[cat]
        counters[code] = counters.get(code, 0) + 1
        products.append({
            "id": pid, "sku": f"{code}-{1001 + len(products):04d}", "name": name, "brand": brand, "category": cat,
            "subcategory": sub, "price": round(price_, 2), "currency": CURRENCY, "stock": stock, "attributes": attrs,
            "rating": rating, "reviewCount": reviews, "description": desc,
            # A picture per subcategory (drawn by this script, served by the bot) and the product's page on the
            # shop's site; both only affect how cards look, never what the agent says.
            "imageUrl": f"{IMAGE_BASE}{url_slug(sub)}.svg",
            "url": f"{SHOP_SITE}/products/{pid.lower()}-{url_slug(name)}",
        })

    for p in FIXTURE_PRODUCTS:
        add(*p)

    seen = {p["name"] for p in products}
    per_sub = 8
    for cat, _, subs in CATEGORIES:
        for sub in subs:
            brands, patterns, (lo, hi), attrs = SPEC[sub]
            made = 0
            tries = 0
            while made < per_sub and tries < 200:
                tries += 1
                b = rng.choice(brands)
                m = rng.choice(BOOK_WORDS if cat == "books" else MODELS)
                if m == b:
                    continue  # "Nova Nova 6" reads like a typo
                phone = rng.choice(PHONES)
                name = rng.choice(patterns).format(
                    b=b, m=m if cat == "books" else f"{m} {rng.randint(1, 9)}" if cat in ("electronics", "phones", "home-kitchen") else m,
                    p=phone, w=rng.choice([20, 30, 45, 65]), l=rng.choice([1, 2]), s=rng.choice([20, 24, 28]),
                    z=rng.choice(["Single", "Double", "King"]), t=rng.choice([4, 6, 8]), k=rng.choice([8, 12, 16, 24]),
                    n=rng.choice([2, 3, 4, 1000, 1500]))
                if name in seen:
                    continue
                seen.add(name)
                a = attrs() if attrs else {"compatibility": phone, "colour": rng.choice(["Clear", "Black", "Blue"])}
                # ~1 in 9 out of stock, ~1 in 9 nearly gone: realistic enough to exercise availability answers.
                r = rng.random()
                stock = 0 if r < 0.11 else rng.randint(1, 5) if r < 0.22 else rng.randint(6, 400)
                rating = round(rng.uniform(3.4, 4.9), 1)
                desc = f"{ADJ[cat]} {sub.lower().rstrip('s')} from {b}" + (f" in {a['colour'].lower()}" if "colour" in a else "") + "."
                if cat == "books":
                    desc = f"{a.get('format', 'Book')} from {b}."
                add(cat, sub, b, name, price(lo, hi), stock, a, rating, rng.randint(3, 2500), desc)
                made += 1
    return products


# ---------------------------------------------------------------- customers

FIRST = ["Anna", "Lukas", "Mia", "Jonas", "Emma", "Leon", "Sofia", "Noah", "Lea", "Paul", "Marie", "Elias", "Hannah", "Felix",
         "Clara", "Ben", "Lena", "Tom", "Julia", "David", "Sarah", "Max", "Laura", "Finn", "Nora", "Oliver", "Chloe", "Liam",
         "Amelie", "Jakob", "Ella", "Samuel", "Ida", "Henry", "Zoe", "Louis", "Emily", "Theo", "Alice", "Oscar"]
LAST = ["Schmidt", "Müller", "Weber", "Fischer", "Wagner", "Becker", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Neumann",
        "Dubois", "Martin", "Janssen", "de Vries", "Smith", "Brown", "Rossi", "García", "Novak", "Berg", "Keller", "Lang"]
CITIES = {
    "DE": [("Berlin", "10115"), ("Hamburg", "20095"), ("München", "80331"), ("Köln", "50667"), ("Frankfurt am Main", "60311"), ("Leipzig", "04109")],
    "AT": [("Wien", "1010"), ("Graz", "8010")],
    "FR": [("Paris", "75001"), ("Lyon", "69001")],
    "NL": [("Amsterdam", "1012"), ("Utrecht", "3511")],
    "GB": [("London", "EC1A 1BB")],
    "US": [("New York, NY", "10001")],
    "CH": [("Zürich", "8001")],
}
STREETS = ["Hauptstraße", "Bahnhofstraße", "Gartenweg", "Lindenallee", "Schillerstraße", "Rue de la Paix", "Keizersgracht", "High Street", "Main Street"]


def address(name, country):
    city, postal = rng.choice(CITIES[country])
    street = rng.choice(STREETS)
    line1 = f"{rng.randint(1, 120)} {street}" if country in ("GB", "US", "FR") else f"{street} {rng.randint(1, 120)}"
    return {"name": name, "line1": line1, "line2": rng.choice([None, None, None, f"Apt {rng.randint(1, 40)}"]),
            "city": city, "postalCode": postal, "country": country}


def ascii_slug(s):
    table = str.maketrans({"ü": "ue", "ö": "oe", "ä": "ae", "í": "i", "é": "e", " ": ""})
    return s.lower().translate(table)


def make_customers():
    customers = []
    fixtures = [("Anna Schmidt", "anna.schmidt@example.com", "DE"), ("Lukas Weber", "lukas.weber@example.com", "DE"),
                ("Sofia Rossi", "sofia.rossi@example.org", "AT")]
    for i in range(50):
        if i < len(fixtures):
            name, email, country = fixtures[i]
        else:
            first, last = rng.choice(FIRST), rng.choice(LAST)
            name = f"{first} {last}"
            email = f"{ascii_slug(first)}.{ascii_slug(last)}{i}@example.{rng.choice(['com', 'org', 'net'])}"
            country = rng.choices(list(CITIES), weights=[60, 10, 8, 8, 5, 4, 5])[0]
        addrs = [address(name, country)]
        if rng.random() < 0.2:
            addrs.append(address(name, country))
        customers.append({
            "id": f"c{1001 + i}", "name": name, "email": email,
            "phone": None if rng.random() < 0.15 else f"+49 {rng.randint(150, 179)} {rng.randint(1000000, 9999999)}",
            "addresses": addrs, "registered": iso(ago(rng.randint(60, 1500), rng.randint(0, 23))),
            "newsletter": i == 0 or rng.random() < 0.4,
        })
    return customers


# ---------------------------------------------------------------- orders

CARRIERS = {"standard": "DHL", "express": "UPS", "eu-standard": "DPD", "eu-express": "UPS", "intl-standard": "DHL", "intl-express": "UPS"}
PAYMENTS = ["card", "card", "card", "paypal", "paypal", "klarna", "apple_pay", "google_pay", "bank_transfer"]
REGION_OF = {"DE": "domestic", "AT": "eu", "FR": "eu", "NL": "eu", "GB": "international", "US": "international", "CH": "international"}
SHIP_PRICE = {"standard": 4.95, "express": 12.95, "eu-standard": 9.95, "eu-express": 24.95, "intl-standard": 19.95, "intl-express": 39.95}
FREE_ABOVE = {"standard": 50.0, "eu-standard": 100.0}


def tracking(carrier):
    if carrier == "DHL":
        return f"JJD{rng.randint(10**17, 10**18 - 1)}"
    if carrier == "UPS":
        return f"1Z{rng.randint(10**15, 10**16 - 1):X}"[:18]
    return f"{rng.randint(10**13, 10**14 - 1)}"


def make_orders(products, customers):
    orders = []
    by_id = {c["id"]: c for c in customers}
    buyable = [p for p in products if p["stock"] > 0]
    invoice_seq = [240001]
    return_seq = [5001]
    refund_seq = [7001]

    def next_invoice():
        invoice_seq[0] += 1
        return f"INV-{invoice_seq[0]}"

    def order(number, customer_id, status, placed_days, lines=None, payment=None, delivered_days=None, express=False,
              return_status=None, refund_status=None, cancelled_from=None):
        c = by_id[customer_id]
        addr = c["addresses"][0]
        region = REGION_OF[addr["country"]]
        option = {"domestic": "standard", "eu": "eu-standard", "international": "intl-standard"}[region]
        if express:
            option = option.replace("standard", "express")
        if lines is None:
            lines = []
            for p in rng.sample(buyable, rng.choice([1, 1, 1, 2, 2, 3])):
                variant = None
                if "sizes" in p["attributes"]:
                    size = rng.choice(p["attributes"]["sizes"].split(", "))
                    variant = f"Size {size}" + (f", {p['attributes']['colour']}" if "colour" in p["attributes"] else "")
                elif "colour" in p["attributes"]:
                    variant = p["attributes"]["colour"]
                lines.append((p, variant, rng.choice([1, 1, 1, 2])))
        line_objs = [{"productId": p["id"], "sku": p["sku"], "name": p["name"], "variant": v, "quantity": q, "unitPrice": p["price"]}
                     for p, v, q in lines]
        subtotal = round(sum(p["price"] * q for p, v, q in lines), 2)
        shipping = 0.0 if option in FREE_ABOVE and subtotal >= FREE_ABOVE[option] else SHIP_PRICE[option]
        total = round(subtotal + shipping, 2)
        tax = round(total - total / 1.19, 2)
        placed = ago(placed_days, rng.randint(1, 10))
        payment = payment or rng.choice(PAYMENTS)
        paid = status != "pending_payment" and not (status == "cancelled" and cancelled_from == "pending_payment")
        min_days, max_days = {"standard": (2, 3), "express": (1, 1), "eu-standard": (3, 5), "eu-express": (1, 2),
                              "intl-standard": (5, 10), "intl-express": (2, 4)}[option]
        eta = placed + timedelta(days=max_days + 1)
        o = {
            "number": number, "customerId": customer_id, "status": status, "placedAt": iso(placed), "lines": line_objs,
            "totals": {"subtotal": subtotal, "discount": 0.0, "shipping": shipping, "tax": tax, "total": total, "currency": CURRENCY, "promotionCode": None},
            "shippingAddress": addr, "shippingOptionId": option, "paymentMethod": payment,
            "invoiceNumber": next_invoice() if paid else None,
            "estimatedDelivery": day(eta), "shipment": None, "cancellation": None, "return": None, "refund": None,
        }
        if status in ("shipped", "out_for_delivery", "delivered", "return_requested", "returned", "refunded"):
            carrier = CARRIERS[option]
            tn = tracking(carrier)
            shipped_at = placed + timedelta(days=1, hours=rng.randint(2, 8))
            delivered_at = None
            if status == "out_for_delivery":
                o["estimatedDelivery"] = day(REFERENCE)
            elif status == "shipped":
                o["estimatedDelivery"] = day(max(eta, REFERENCE + timedelta(days=1)))
            else:
                delivered_at = ago(delivered_days, rng.randint(-4, 3)) if delivered_days is not None else shipped_at + timedelta(days=rng.randint(min_days, max_days))
                o["estimatedDelivery"] = day(delivered_at)
            o["shipment"] = {"carrier": carrier, "trackingNumber": tn, "trackingUrl": f"https://tracking.example.com/{carrier.lower()}/{tn}",
                             "shippedAt": iso(shipped_at), "deliveredAt": iso(delivered_at) if delivered_at else None}
        if status == "cancelled":
            cancelled_at = placed + timedelta(hours=rng.randint(1, 20))
            fee = 5.0 if cancelled_from == "processing" else 0.0
            o["cancellation"] = {"cancelledAt": iso(cancelled_at), "reason": rng.choice(["Ordered by mistake", "Found a better price", "No longer needed", "Payment not received in time"]) if cancelled_from != "pending_payment" else "Payment not received in time", "fee": fee}
            o["estimatedDelivery"] = None
            if paid:
                refund_seq[0] += 1
                o["refund"] = {"refundId": f"RF-{refund_seq[0]}", "amount": round(total - fee, 2), "currency": CURRENCY, "status": "completed",
                               "requestedAt": iso(cancelled_at), "expectedBy": day(cancelled_at + timedelta(days=5)),
                               "completedAt": iso(cancelled_at + timedelta(days=3)), "method": payment}
        if status in ("return_requested", "returned", "refunded"):
            delivered_at = datetime.strptime(o["shipment"]["deliveredAt"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
            requested = min(delivered_at + timedelta(days=rng.randint(1, 6)), REFERENCE - timedelta(hours=3))
            return_seq[0] += 1
            rid = f"R-{return_seq[0]}"
            rstatus = return_status or {"return_requested": rng.choice(["requested", "in_transit"]), "returned": "received", "refunded": "received"}[status]
            o["return"] = {"returnId": rid, "requestedAt": iso(requested), "reason": rng.choice(["Wrong size", "Not as described", "Changed my mind", "Arrived damaged"]),
                           "status": rstatus, "labelUrl": f"https://northwind-goods.example/returns/labels/{rid}.pdf"}
            refund_seq[0] += 1
            amount = round(subtotal, 2)
            rf_status = refund_status or {"return_requested": "pending", "returned": "processing", "refunded": "completed"}[status]
            o["refund"] = {"refundId": f"RF-{refund_seq[0]}", "amount": amount, "currency": CURRENCY, "status": rf_status,
                           "requestedAt": iso(requested),
                           "expectedBy": day(REFERENCE + timedelta(days=3)) if rf_status == "processing" else None if rf_status == "pending" else day(requested + timedelta(days=12)),
                           "completedAt": iso(min(requested + timedelta(days=10), REFERENCE - timedelta(hours=5))) if rf_status == "completed" else None,
                           "method": payment}
        orders.append(o)
        return o

    p = {x["id"]: x for x in products}
    # Fixtures W100001..W100012 (see README.md); Anna Schmidt (c1001) owns most of them.
    order("W100001", "c1001", "shipped", 2, lines=[(p["P1001"], "Black", 1)], payment="card")
    order("W100002", "c1001", "processing", 1, lines=[(p["P1003"], "Size 42, Blue", 1), (p["P1006"], "Clear", 1)], payment="paypal")
    order("W100003", "c1001", "delivered", 14, lines=[(p["P1004"], "Size M, Navy", 1)], payment="card", delivered_days=10)
    order("W100004", "c1002", "delivered", 65, lines=[(p["P1005"], "Stainless Steel", 1)], payment="klarna", delivered_days=60)
    order("W100005", "c1001", "cancelled", 20, lines=[(p["P1008"], None, 2)], payment="card", cancelled_from="paid")
    order("W100006", "c1002", "pending_payment", 0, lines=[(p["P1003"], "Size 44, Blue", 1)], payment="bank_transfer")
    order("W100007", "c1003", "paid", 0, lines=[(p["P1005"], "Stainless Steel", 1)], payment="paypal")
    order("W100008", "c1002", "out_for_delivery", 3, lines=[(p["P1006"], "Clear", 2)], payment="apple_pay")
    order("W100009", "c1003", "return_requested", 12, lines=[(p["P1004"], "Size L, Navy", 1)], payment="card", delivered_days=8, return_status="requested", refund_status="pending")
    order("W100010", "c1001", "returned", 30, lines=[(p["P1001"], "Black", 1)], payment="paypal", delivered_days=25, refund_status="processing")
    order("W100011", "c1003", "refunded", 45, lines=[(p["P1003"], "Size 40, Blue", 1)], payment="card", delivered_days=40, refund_status="completed")
    order("W100012", "c1003", "delivered", 34, lines=[(p["P1008"], None, 1)], payment="card", delivered_days=30)

    weights = {"pending_payment": 6, "paid": 8, "processing": 12, "shipped": 16, "out_for_delivery": 6, "delivered": 60,
               "cancelled": 12, "return_requested": 8, "returned": 6, "refunded": 8}
    statuses = list(weights)
    for i in range(13, 151):
        status = rng.choices(statuses, weights=[weights[s] for s in statuses])[0]
        customer = rng.choice(customers)["id"]
        placed = {"pending_payment": rng.randint(0, 2), "paid": rng.randint(0, 1), "processing": rng.randint(1, 3), "shipped": rng.randint(2, 5),
                  "out_for_delivery": rng.randint(2, 6), "delivered": rng.randint(5, 180), "cancelled": rng.randint(1, 120),
                  "return_requested": rng.randint(6, 30), "returned": rng.randint(15, 60), "refunded": rng.randint(20, 150)}[status]
        delivered_days = None
        if status == "return_requested":
            delivered_days = max(1, placed - rng.randint(3, 5))
        elif status in ("returned", "refunded"):
            delivered_days = placed - rng.randint(3, 6)
        elif status == "delivered":
            delivered_days = max(1, placed - rng.randint(3, 5))
        order(f"W{100000 + i}", customer, status, placed, express=rng.random() < 0.15, delivered_days=delivered_days,
              cancelled_from=rng.choice(["pending_payment", "paid", "processing"]) if status == "cancelled" else None)
    orders.sort(key=lambda o: o["number"])
    return orders


# ---------------------------------------------------------------- promotions and policies

def make_promotions():
    def promo(code, desc, kind, value, cats=(), prods=(), min_spend=0.0, start=-30, end=30, newsletter=False, first_order=False):
        return {"code": code, "description": desc, "kind": kind, "value": value, "categories": list(cats), "productIds": list(prods),
                "minSpend": min_spend, "validFrom": iso(REFERENCE + timedelta(days=start)), "validUntil": iso(REFERENCE + timedelta(days=end)),
                "newsletterOnly": newsletter, **({"firstOrderOnly": True} if first_order else {})}
    return [
        promo("WELCOME10", "10% off your first order for newsletter subscribers", "percent", 10, newsletter=True, first_order=True, start=-365, end=365),
        promo("SUMMER20", "20% off fashion and shoes", "percent", 20, cats=["fashion", "shoes"], start=-10, end=20),
        promo("TECH50", "€50 off electronics orders over €500", "amount", 50, cats=["electronics"], min_spend=500, start=-5, end=25),
        promo("BOOKWORM15", "15% off all books", "percent", 15, cats=["books"], start=-20, end=9),
        promo("QUIET25", "€25 off the Sonora QuietPro 700 headphones", "amount", 25, prods=["P1001", "P1002"], start=-3, end=11),
        promo("SAVE15", "€15 off any order over €100", "amount", 15, min_spend=100, start=-15, end=15),
        promo("SPRING15", "15% off home & kitchen (spring sale)", "percent", 15, cats=["home-kitchen"], start=-80, end=-20),
        promo("AUTUMN30", "30% off sports & outdoors (autumn sale)", "percent", 30, cats=["sports"], start=40, end=60),
    ]


def make_policies():
    return {
        "shopName": "Northwind Goods",
        "currency": CURRENCY,
        "refund": {
            "windowDays": 30,
            "conditions": [
                "Items must be unused, in their original packaging, with all tags attached.",
                "Beauty products can only be returned unopened and sealed.",
                "Start the return within 30 days of delivery; we email a prepaid return label.",
                "Refunds go to the original payment method once the return arrives at our warehouse.",
            ],
            "nonReturnableCategories": [],
            "returnShippingFee": 0.0,
            "refundProcessingDays": 5,
            "summary": "You can return items within 30 days of delivery for a full refund of the item price; return shipping is free. "
                       "The refund reaches your original payment method within 5 business days after the return arrives.",
        },
        "shipping": {
            "regions": [
                {"id": "domestic", "name": "Germany", "countries": ["DE"]},
                {"id": "eu", "name": "European Union", "countries": ["AT", "BE", "DK", "ES", "FI", "FR", "IE", "IT", "LU", "NL", "PL", "PT", "SE", "CZ"]},
                {"id": "international", "name": "Rest of the world", "countries": []},
            ],
            "options": [
                {"id": "standard", "name": "Standard", "regionId": "domestic", "price": 4.95, "freeAbove": 50.0, "minDays": 2, "maxDays": 3, "carrier": "DHL"},
                {"id": "express", "name": "Express (next business day)", "regionId": "domestic", "price": 12.95, "freeAbove": None, "minDays": 1, "maxDays": 1, "carrier": "UPS"},
                {"id": "eu-standard", "name": "EU Standard", "regionId": "eu", "price": 9.95, "freeAbove": 100.0, "minDays": 3, "maxDays": 5, "carrier": "DPD"},
                {"id": "eu-express", "name": "EU Express", "regionId": "eu", "price": 24.95, "freeAbove": None, "minDays": 1, "maxDays": 2, "carrier": "UPS"},
                {"id": "intl-standard", "name": "International Standard", "regionId": "international", "price": 19.95, "freeAbove": None, "minDays": 5, "maxDays": 10, "carrier": "DHL"},
                {"id": "intl-express", "name": "International Express", "regionId": "international", "price": 39.95, "freeAbove": None, "minDays": 2, "maxDays": 4, "carrier": "UPS"},
            ],
            "summary": "Orders placed on business days before 2 pm leave the warehouse the same day. Delivery times are business days after dispatch.",
        },
        "paymentMethods": [
            {"id": "card", "name": "Credit or debit card", "notes": "Visa, Mastercard and American Express; charged when the order ships."},
            {"id": "paypal", "name": "PayPal", "notes": "Pay with your PayPal balance or linked account."},
            {"id": "klarna", "name": "Klarna Pay Later", "notes": "Pay within 30 days of dispatch; subject to Klarna's approval."},
            {"id": "apple_pay", "name": "Apple Pay", "notes": "On Safari and in the iOS app."},
            {"id": "google_pay", "name": "Google Pay", "notes": "On Chrome and in the Android app."},
            {"id": "bank_transfer", "name": "Bank transfer (prepayment)", "notes": "We ship once the money arrives, usually 1-2 business days; unpaid orders are cancelled after 7 days."},
        ],
        "cancellation": {
            "rules": [
                {"status": "pending_payment", "allowed": True, "feeFlat": 0.0, "feePercent": 0.0, "note": "Free: nothing has been paid yet."},
                {"status": "paid", "allowed": True, "feeFlat": 0.0, "feePercent": 0.0, "note": "Free: the order has not been picked yet; the full amount is refunded."},
                {"status": "processing", "allowed": True, "feeFlat": 5.0, "feePercent": 0.0, "note": "A €5.00 handling fee applies because the order is already being packed."},
                {"status": "shipped", "allowed": False, "feeFlat": 0.0, "feePercent": 0.0, "note": "The parcel is on its way: refuse the delivery or return it for free after it arrives."},
                {"status": "out_for_delivery", "allowed": False, "feeFlat": 0.0, "feePercent": 0.0, "note": "The parcel is out for delivery today: refuse it at the door or return it for free."},
                {"status": "delivered", "allowed": False, "feeFlat": 0.0, "feePercent": 0.0, "note": "Delivered orders cannot be cancelled, but you can return them within 30 days."},
                {"status": "cancelled", "allowed": False, "feeFlat": 0.0, "feePercent": 0.0, "note": "The order is already cancelled."},
                {"status": "return_requested", "allowed": False, "feeFlat": 0.0, "feePercent": 0.0, "note": "A return is already under way for this order."},
                {"status": "returned", "allowed": False, "feeFlat": 0.0, "feePercent": 0.0, "note": "The order was returned; the refund is being processed."},
                {"status": "refunded", "allowed": False, "feeFlat": 0.0, "feePercent": 0.0, "note": "The order was already refunded."},
            ],
            "summary": "Cancelling is free until we start packing your order; while it is being packed a €5.00 handling fee applies. "
                       "Once shipped, an order cannot be cancelled, but you can return it for free within 30 days of delivery.",
        },
        "newsletter": {
            "summary": "Our newsletter brings new arrivals, exclusive offers and a 10% welcome code (WELCOME10).",
            "frequency": "About once a week",
            "welcomeDiscountPercent": 10,
            "howToSubscribe": "Tick 'Newsletter' under Account > Preferences, or enter your e-mail at the bottom of any page.",
            "howToUnsubscribe": "Click 'Unsubscribe' at the bottom of any newsletter, or untick 'Newsletter' under Account > Preferences.",
        },
        "accountFaq": [
            {"topic": "create_account", "question": "How do I create an account?", "answer": "Click 'Sign in' at the top of the page, then 'Create account', and enter your name, e-mail and a password. You can also create one at checkout."},
            {"topic": "delete_account", "question": "How do I delete my account?", "answer": "Go to Account > Privacy and choose 'Delete account'. We confirm by e-mail; open orders and invoices are kept as the law requires."},
            {"topic": "edit_account", "question": "How do I change my account details?", "answer": "Go to Account > Personal details to change your name, e-mail, phone or password; addresses are under Account > Addresses."},
            {"topic": "recover_password", "question": "I forgot my password.", "answer": "Click 'Sign in', then 'Forgot password?', and enter your e-mail. The reset link is valid for 24 hours; check your spam folder if it does not arrive."},
            {"topic": "registration_problems", "question": "I cannot register.", "answer": "Each e-mail can have one account: if yours is taken, reset the password instead. Passwords need at least 8 characters. If the confirmation e-mail does not arrive within 10 minutes, check spam or ask us to resend it."},
            {"topic": "switch_account", "question": "How do I switch to another account?", "answer": "Sign out under Account > Sign out, then sign in with the other e-mail. Orders cannot be moved between accounts."},
        ],
        "contact": {"email": "support@northwind-goods.example", "phone": "+49 30 1234 5678", "hours": "Mon-Fri 8:00-20:00, Sat 9:00-16:00 (CET)", "chatHours": "Every day 8:00-22:00 (CET)"},
    }


# ---------------------------------------------------------------- pictures

# One colour and one simple white pictogram (SVG path data in a 100x100 box) per category: small files,
# no fonts or network needed, and a shopper can tell a pan from a phone at a glance.
PICTURES = {
    "electronics": ("#3b5b92", "M22 62 V50 a28 28 0 0 1 56 0 V62 M16 60 h14 v22 h-14 z M70 60 h14 v22 h-14 z"),
    "phones": ("#5a4a8a", "M34 14 h32 a6 6 0 0 1 6 6 v60 a6 6 0 0 1 -6 6 h-32 a6 6 0 0 1 -6 -6 v-60 a6 6 0 0 1 6 -6 z M46 78 h8"),
    "home-kitchen": ("#b0553a", "M18 44 h64 v26 a12 12 0 0 1 -12 12 h-40 a12 12 0 0 1 -12 -12 z M10 48 h8 M82 48 h8 M40 36 h20"),
    "fashion": ("#a2456f", "M36 18 l-22 12 l8 16 l8 -4 v40 h40 v-40 l8 4 l8 -16 l-22 -12 a14 10 0 0 1 -28 0 z"),
    "shoes": ("#2f7d6a", "M12 70 v-28 l14 4 l10 -10 q8 18 26 22 l20 6 q8 3 8 10 v6 z M12 70 h78"),
    "sports": ("#c07a1c", "M14 42 v16 M24 34 v32 M76 34 v32 M86 42 v16 M24 50 h52"),
    "beauty": ("#b84f63", "M40 14 h20 v12 h-20 z M34 26 h32 a6 6 0 0 1 6 6 v48 a6 6 0 0 1 -6 6 h-32 a6 6 0 0 1 -6 -6 v-48 a6 6 0 0 1 6 -6 z"),
    "toys": ("#d0892a", "M20 54 h28 v28 h-28 z M52 54 h28 v28 h-28 z M36 24 h28 v28 h-28 z"),
    "books": ("#4c6b3c", "M50 28 q-16 -8 -36 -4 v52 q20 -4 36 4 q16 -8 36 -4 v-52 q-20 -4 -36 4 z M50 28 v52"),
}


def picture_svg(category, label):
    fill, path = PICTURES[category]
    text = label.replace("&", "&amp;").replace("<", "&lt;").replace("'", "&#39;")
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200" viewBox="0 0 320 200" role="img" '
        f'aria-label="{text}">'
        f'<rect width="320" height="200" fill="{fill}"/>'
        '<rect width="320" height="200" fill="url(#shade)"/>'
        '<defs><linearGradient id="shade" x1="0" y1="0" x2="1" y2="1">'
        '<stop offset="0" stop-color="#fff" stop-opacity=".18"/><stop offset="1" stop-color="#000" stop-opacity=".12"/>'
        '</linearGradient></defs>'
        f'<g transform="translate(110 22) scale(1)" fill="none" stroke="#fff" stroke-width="5" stroke-linecap="round" '
        f'stroke-linejoin="round"><path d="{path}"/></g>'
        '<text x="160" y="178" text-anchor="middle" fill="#fff" font-family="system-ui, sans-serif" font-size="18" '
        f'font-weight="600">{text}</text></svg>\n'
    )


LOGO_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64" role="img" aria-label="Northwind Goods">'
    '<circle cx="32" cy="32" r="32" fill="#fff"/>'
    '<path d="M32 10 l7 16 h-14 z" fill="#0f6b5c"/>'
    '<path d="M18 46 v-18 l14 18 v-18" fill="none" stroke="#0f6b5c" stroke-width="5" stroke-linecap="round" stroke-linejoin="round"/>'
    '<path d="M40 28 l4 18 l4 -12 l4 12 l4 -18" fill="none" stroke="#0a4c41" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round"/>'
    '</svg>\n'
)


def write_images():
    folder = OUT / "images"
    folder.mkdir(exist_ok=True)
    for cat, _, subs in CATEGORIES:
        for sub in subs:
            (folder / f"{url_slug(sub)}.svg").write_text(picture_svg(cat, sub), encoding="utf-8")
    (folder / "northwind-logo.svg").write_text(LOGO_SVG, encoding="utf-8")


def url_slug(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower().replace("'", "")).strip("-")


def write(name, data):
    (OUT / name).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main():
    products = make_products()
    customers = make_customers()
    orders = make_orders(products, customers)
    write("manifest.json", {"referenceDate": iso(REFERENCE), "generator": "data/shop/generator/generate.py",
                            "counts": {"products": len(products), "customers": len(customers), "orders": len(orders)}})
    write("categories.json", [{"id": i, "name": n, "subcategories": s} for i, n, s in CATEGORIES])
    write("products.json", products)
    write("customers.json", customers)
    write("orders.json", orders)
    write("promotions.json", make_promotions())
    write("policies.json", make_policies())
    write_images()
    print(f"{len(products)} products, {len(customers)} customers, {len(orders)} orders")


if __name__ == "__main__":
    main()
