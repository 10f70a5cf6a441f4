"""Shared, stdlib-only helpers for the sample/demo generators (not used by referrald itself).

Identifier check rules and code lists follow /spec/extract.md.
"""
import datetime as dt

UPN_ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ"
ETHNICITY = ("WBRI WIRI WIRT WOTH WROM MWBC MWBA MWAS MOTH AIND APKN ABAN AOTH BCRB BAFR BOTH "
             "CHNE OOTH REFU NOBT").split()
ETHNICITY_LABEL = {
    "WBRI": "White British", "WIRI": "White Irish", "WIRT": "Traveller of Irish heritage",
    "WOTH": "Any other White background", "WROM": "Gypsy/Roma",
    "MWBC": "White and Black Caribbean", "MWBA": "White and Black African",
    "MWAS": "White and Asian", "MOTH": "Any other mixed background", "AIND": "Indian",
    "APKN": "Pakistani", "ABAN": "Bangladeshi", "AOTH": "Any other Asian background",
    "BCRB": "Black Caribbean", "BAFR": "Black African", "BOTH": "Any other Black background",
    "CHNE": "Chinese", "OOTH": "Any other ethnic group", "REFU": "Refused",
    "NOBT": "Information not yet obtained",
}
# rough population weights (an urban English council)
ETHNICITY_WEIGHTS = [62, 1, 0.3, 5, 0.5, 2, 1, 1.5, 1.5, 2.5, 5, 2, 1.5, 1.5, 3, 1, 0.7, 1.5, 0.5, 5]
SOURCES = ("1A 1B 1C 1D 2A 2B 3A 3B 3C 3D 3E 3F 4 5A 5B 5C 5D 6 7 8 9 10").split()
SOURCE_WEIGHTS = [6, 1, 1, 1, 17, 2, 3, 3, 1, 2, 3, 4, 3, 3, 1, 1, 3, 29, 1, 5, 2, 2]
NEEDS = ["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9", "N0"]
NEED_WEIGHTS = [55, 8, 5, 9, 12, 3, 1, 2, 3, 2]

FORENAMES_F = ("Olivia Amelia Isla Ava Mia Ivy Lily Isabella Rosie Sophia Grace Freya Willow Florence "
               "Emily Ella Poppy Evie Elsie Charlotte Evelyn Sienna Maisie Aisha Maryam Zara Amira "
               "Hannah Chloe Jessica Ruby Millie Leah Niamh Kacey Shanice Destiny Precious Oliwia "
               "Zuzanna Amelie Layla Harriet Imogen Tia Skye Paige Courtney Jade Kayla Hafsa Noor").split()
FORENAMES_M = ("Oliver George Noah Arthur Harry Leo Muhammad Jack Charlie Oscar Jacob Henry Thomas "
               "Freddie Alfie Theo William Theodore Archie Joshua Alexander James Isaac Edward Lucas "
               "Tommy Finley Max Logan Ethan Mason Riley Kai Tyler Jayden Kayden Reece Callum Liam "
               "Kacper Jakub Ibrahim Yusuf Zain Ayaan Hamza Tyrese Dylan Connor Ryan Bailey Lewis").split()
SURNAMES = ("Smith Jones Taylor Brown Williams Wilson Johnson Davies Patel Robinson Wright Thompson "
            "Evans Walker White Roberts Green Hall Thomas Clarke Jackson Wood Harris Edwards Turner "
            "Martin Cooper Hill Ward Hughes Moore Clark King Harrison Lewis Baker Lee Allen Morris "
            "Khan Scott Watson Davis Parker James Bennett Young Phillips Richardson Mitchell Bailey "
            "Carter Cook Singh Shaw Bell Collins Morgan Kelly Begum Miller Cox Hussain Marshall "
            "Simpson Price Anderson Adams Wilkinson Ali Ahmed Foster Ellis Murphy Chapman Mason "
            "Gray Richards Webb Griffiths Hunt Palmer Campbell Holmes Mills Rogers Barnes Knight "
            "Matthews Barker Powell Stevens Kaur Fisher Butler Dixon Russell Harvey Pearson Graham "
            "Akhtar Mahmood Nowak Kowalski Okafor Adeyemi Mensah Osei Ibrahim Hassan Rahman Iqbal "
            "O'Brien O'Neill McDonald Doherty Gallagher Kaczmarek Wiśniewski Ncube Moyo Achieng").split()
# plausible postcode districts (outward codes) for a northern English city and surroundings
OUTWARDS = ("LS1 LS2 LS4 LS6 LS7 LS8 LS9 LS10 LS11 LS12 LS13 LS14 LS15 LS17 LS25 LS27 LS28 "
            "BD1 BD3 BD4 BD5 BD7 BD8 BD9 BD10 WF1 WF2 WF3 WF10 WF12 WF13 WF17 HX1 HX3 HD1 HD2").split()
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"   # inward unit letters never use C I K M O V


def nhs_check_digit(nine):
    """Modulus-11 check digit for a 9-digit string, or None when the remainder gives 10."""
    total = sum(map(int.__mul__, map(int, nine), (10, 9, 8, 7, 6, 5, 4, 3, 2)))
    c = 11 - (total % 11)
    if c == 11:
        c = 0
    return None if c == 10 else c


def nhs_valid(s):
    s = s.replace(" ", "").replace("-", "")
    if len(s) != 10 or not s.isdigit():
        return False
    c = nhs_check_digit(s[:9])
    return c is not None and c == int(s[9])


def make_nhs(rng, prefix="999"):
    """A valid NHS number in the synthetic test range (starts 999)."""
    while True:
        k = 9 - len(prefix)
        nine = prefix + "%0*d" % (k, int(rng.random() * 10 ** k))
        c = nhs_check_digit(nine)
        if c is not None:
            return nine + str(c)


def bad_nhs(rng, prefix="999"):
    """Ten digits whose last digit is not the check digit."""
    while True:
        good = make_nhs(rng, prefix)
        d = (int(good[9]) + rng.randint(1, 9)) % 10
        bad = good[:9] + str(d)
        if not nhs_valid(bad):
            return bad


def _upn_value(ch):
    return int(ch) if ch.isdigit() else UPN_ALPHABET.index(ch)


def upn_check_letter(twelve):
    """Check letter for characters 2..13 of a UPN."""
    total = sum(_upn_value(ch) * k for ch, k in zip(twelve, range(2, 14)))
    return UPN_ALPHABET[total % 23]


def upn_valid(s):
    s = s.strip().upper()
    if len(s) != 13 or s[0] not in UPN_ALPHABET or not s[1:12].isdigit():
        return False
    if not (s[12].isdigit() or s[12] in UPN_ALPHABET):
        return False
    return upn_check_letter(s[1:]) == s[0]


def make_upn(rng, la="383", temporary=False):
    """LA number (3) + establishment (4) + year allocated (2) + serial (3); a letter last = temporary."""
    estab = rng.choice(["2001", "2014", "2133", "2207", "2456", "3020", "3311", "4002", "4107", "5400"])
    year = "%02d" % rng.randint(0, 12)
    serial = "%03d" % rng.randint(0, 999)
    body = la + estab + year + serial
    if temporary:
        body = body[:11] + rng.choice(UPN_ALPHABET)
    return upn_check_letter(body) + body


def bad_upn(rng):
    good = make_upn(rng)
    i = UPN_ALPHABET.index(good[0])
    return UPN_ALPHABET[(i + rng.randint(1, 22)) % 23] + good[1:]


def make_postcode(rng):
    r = rng.random
    return "%s %d%s%s" % (OUTWARDS[int(r() * len(OUTWARDS))], 1 + int(r() * 9),
                          INWARD_LETTERS[int(r() * 20)], INWARD_LETTERS[int(r() * 20)])


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def fmt_date(d, style):
    if d is None:
        return ""
    if isinstance(d, str):      # deliberately impossible dates are passed through as text
        return d
    if style == "iso":
        return d.strftime("%Y-%m-%d")
    if style == "uk":
        return d.strftime("%d/%m/%Y")
    if style == "mmm":
        return "%02d-%s-%04d" % (d.day, MONTHS[d.month - 1], d.year)
    raise ValueError(style)


def add_years(d, years):
    try:
        return d.replace(year=d.year + years)
    except ValueError:          # 29 February
        return d.replace(year=d.year + years, day=28)


def child_dob(rng, referral, min_days=30, max_years=17):
    """A date of birth making the child between ~1 month and max_years (never 18) on referral."""
    earliest = add_years(referral, -max_years) + dt.timedelta(days=1)
    span = (referral - earliest).days - min_days
    return earliest + dt.timedelta(days=rng.randint(0, span))


REASONS = [
    "Concerns about home conditions raised at a home visit.",
    "Child disclosed that dad hit mum last night; child appeared withdrawn.",
    "Repeated missed health appointments; no response to letters.",
    "Unexplained bruising to upper arm noticed during PE.",
    "Mother disclosed low mood and is struggling to cope with the baby.",
    "Police attended a domestic incident; children present in the house.",
    "Young person reported missing overnight, returned next morning.",
    "Concerns about an older male collecting the young person from school.",
    "Parent attended appointment under the influence of alcohol.",
    "Child has head lice, poor hygiene and is often hungry at school.",
    "Self-harm disclosed to school nurse; superficial cuts to forearm.",
    "Pre-birth referral: late booking, previous children removed.",
    "Neighbour reports children left alone in the evenings.",
    "Attendance 61% this term; family not engaging with education welfare.",
    "Young carer for a parent with multiple sclerosis; tired and anxious.",
]
REASONS_QUOTED = [
    'Mum said "he only shouts when he\'s been drinking", children heard arguing, door damaged.',
    "Referred by ward staff, concerns re: supervision, bruising, and a delay in seeking care.",
    'Child told teacher, "I don\'t want to go home tonight".\nDSL spoke to child; parent contacted.',
    "Attended ED at 02:40 with a scald to the hand, explanation inconsistent, father present.",
]
