"""English sentence frames and connective fragments, aligned with the other languages' frames."""

from __future__ import annotations

GENERIC_SEEKS = {
    "KR": [
        "support for opening a representative office in {other_city} and, later, a local legal entity",
        "introductions to investors in {other}",
        "a business-development partner who speaks Korean and Chinese",
        "places at startup competitions and innovation forums in {other}",
        "advice on certification, IP protection and data rules in {other}",
        "a place in an incubation programme in {other_city}",
    ],
    "CN": [
        "support for setting up a subsidiary in {other_city}",
        "introductions to investors and corporate venture funds in {other}",
        "joint research with universities and institutes in {other}",
        "technology licences from companies in {other}",
        "a local distributor with after-sales capacity",
        "exhibitor places at trade fairs in {other}",
    ],
}

ACHIEVEMENTS_STARTUP = [
    "In {year2} it raised a Series A round of {round} led by a corporate venture fund.",
    "It went through a university startup camp and, in {year2}, a government accelerator programme.",
    "It won a prize at a Korea–China startup competition in {year2}.",
]
ACHIEVEMENTS = [
    "In {year2} it completed proof-of-concept projects with {poc} large manufacturers.",
    "Its quality management system has been ISO 9001-certified since {year2}.",
    "It exhibited at trade fairs in {other} in {year2}.",
    "It opened a liaison office in {other_city} in {year2}.",
    "Revenue grew by about {growth}% last year, to {revenue}.",
    "Since {year2} it has run a joint R&D project with a national research institute.",
]
EXPANSION = "It has recently expanded into {product2}."

SIZE = {"startup": "startup", "sme": "mid-sized company", "large": "large enterprise"}
STAGES = ["seed and early", "early and growth", "growth and pre-IPO"]
COUNTRY = {"KR": "Korea", "CN": "China"}
LANGUAGE_NAME = {"KR": "Korean", "CN": "Chinese"}

COMPANY = {
    "desc": [
        "{name} was founded in {year} in {city} and develops {product}.",
        "Based in {city}, {name} has specialised in {product} since {year}.",
        "{name} is a {size} from {city} building {product}; it was established in {year}.",
        "Since its founding in {year}, {name} has focused on {product} from its base in {city}.",
    ],
    "figures": [
        "The company has {staff} employees, {rd}% of them in R&D, and holds {patents} registered patents.",
        "It employs {staff} people. Track record: {metric}.",
        "With a team of {staff}, it serves {customers} customers and holds {patents} patents.",
    ],
    "offer": [
        "We offer {o1}, as well as {o2}.",
        "Partners can count on {o1}, plus {o2}.",
        "What we bring: {o1}; {o2}; references from {customers} customers.",
    ],
    "seek": [
        "We are looking for {s1}, as well as {s2}. We would also welcome {g}.",
        "Our priority is {s1}; we also seek {g}.",
        "We seek {s1}; {s2}; and {g}.",
    ],
}

INSTITUTIONS = {
    "investor": {
        "desc": [
            "{name} is a venture capital firm founded in {year} in {city}. It manages {fund} across {n_funds} "
            "funds and has backed {portfolio} companies, mainly in {sectors}.",
            "Headquartered in {city}, {name} invests in {sectors}; it has {fund} under management and a "
            "portfolio of {portfolio} companies.",
        ],
        "offer": [
            "Investment of {ticket} per company at {stages} stage, follow-on rounds, and introductions to "
            "corporate partners in {country} and {other}.",
            "First cheques of {ticket}, board-level support and a cross-border network for portfolio companies "
            "entering {other}.",
        ],
        "seek": [
            "Companies in {sectors} at {stages} stage with a credible plan for {other}, and co-investors in {other}.",
            "Deal flow in {sectors}; co-investment partners and limited partners in {other}.",
        ],
    },
    "incubator": {
        "desc": [
            "{name} operates a {area} m² incubation space in {city}. Since {year} it has supported {alumni} "
            "startups, with a focus on {sectors}.",
            "Founded in {year}, {name} is an accelerator in {city} focused on {sectors}; {alumni} startups have "
            "gone through its programmes.",
        ],
        "offer": [
            "The {programme} ({weeks} weeks, {cohort} startups per cohort): free desks, mentoring, an investor "
            "demo day, pilot introductions and soft-landing support for companies from {other}.",
            "Office space, legal and accounting help, investor matching and the {programme}, which admits "
            "{cohort} startups twice a year.",
        ],
        "seek": [
            "Startups in {sectors} from {country} and {other}; mentors, corporate partners and investors for "
            "demo days.",
            "Applicants for the next {programme} cohort, especially {sectors} teams from {other}.",
        ],
    },
    "support_agency": {
        "desc": [
            "{name} helps companies move between Korea and China. From its office in {city} it supported "
            "{firms} companies last year, in {sectors} and other fields.",
            "Founded in {year}, {name} is a market-entry service provider in {city} with {staff} consultants "
            "who speak Korean, Chinese and English.",
        ],
        "offer": [
            "From {city}: {services}.",
            "One-stop landing support in {other_city} and {city}: company registration, visas, office search, "
            "hiring and introductions to local government.",
        ],
        "seek": [
            "Companies in {sectors} preparing to enter {other}; partner institutions and law firms in {other}.",
            "Client companies in {sectors}, partner agencies in {other}, and speakers for our monthly "
            "market-entry seminars in {city}.",
        ],
    },
    "university": {
        "desc": [
            "{name} is a university in {city}, founded in {year}, with about {students} students. Its {labs} "
            "research labs are strongest in {sectors}.",
            "Founded in {year}, {name} in {city} runs a technology-transfer office and a startup camp; "
            "{spinoffs} companies have spun out of its labs.",
        ],
        "offer": [
            "Joint research, technology licensing, student internships and the {programme}, which offers "
            "training and mentoring for founders.",
            "Lab access, co-supervised graduate projects and {spinoffs} spin-off companies open to partnership.",
        ],
        "seek": [
            "Industry partners in {sectors} for joint research and licensing; partner universities in {other}.",
            "Companies from {other} that can host interns and pilot our research results.",
        ],
    },
    "research_institute": {
        "desc": [
            "{name} is a research institute in {city}, established in {year}, with {researchers} researchers "
            "working on {sectors}.",
            "With {researchers} researchers and {patents} patents, {name} in {city} turns applied research in "
            "{sectors} into products together with industry.",
        ],
        "offer": [
            "Technology transfer from a portfolio of {patents} patents, contract research, test beds and "
            "certification testing.",
            "For partners in {sectors}: {services}.",
        ],
        "seek": [
            "Companies in {country} and {other} to commercialise our technologies in {sectors}.",
            "Joint research partners in {other} and industry co-funding for {sectors} pilot projects.",
        ],
    },
    "association": {
        "desc": [
            "{name} brings together {members} member companies and experts in {sectors}. Founded in {year} in "
            "{city}, it holds {events} events a year.",
            "{name} is a membership body in {city} for companies working in {sectors}, with {members} members.",
        ],
        "offer": [
            "For members in {sectors}: {services}.",
            "An annual forum, a member directory, market reports and introductions to government bodies in "
            "{country} and {other}.",
        ],
        "seek": [
            "New member companies, partner associations in {other}, and sponsors for the annual forum in {city}.",
            "Speakers and exhibitors from {other}, and members' difficulties to bring to policy makers.",
        ],
    },
    "economic_zone": {
        "desc": [
            "{name} is an industrial and innovation park of {area} km² in {city}, home to {firms} companies, "
            "{foreign} of them foreign-invested, with clusters in {sectors}.",
            "Established in {year}, {name} in {city} hosts {firms} companies in {sectors}.",
        ],
        "offer": [
            "One-stop landing service for foreign companies: {services}.",
            "Ready-to-use factory and lab space, a public testing platform and an investment-promotion team "
            "that speaks {other_lang}.",
        ],
        "seek": [
            "Technology companies in {sectors} from {other} looking for a production or R&D base.",
            "Investment projects in {sectors} from {other}, and partner parks for exchange programmes.",
        ],
    },
}

PROGRAMMES = {
    "incubator": ["{brand} Launchpad", "{brand} Global Accelerator", "{brand} Soft-Landing Programme"],
    "university": ["{brand} Startup Camp"],
}

# Services an institution of a type offers; a few are combined per organisation.
SERVICES = {
    "support_agency": [
        "market research",
        "partner matching",
        "legal and tax advice",
        "representative-office set-up",
        "legal-entity registration",
        "interpretation",
        "delegation logistics",
        "trade-fair booths",
        "hiring and visa support",
    ],
    "research_institute": [
        "joint R&D projects",
        "access to pilot lines",
        "test facilities",
        "researcher exchanges",
        "certification testing",
        "technology licences",
    ],
    "association": [
        "networking events",
        "delegation visits",
        "policy briefings",
        "business matchmaking",
        "market reports",
        "a member directory",
    ],
    "economic_zone": [
        "company registration",
        "rent subsidies for the first three years",
        "tax incentives",
        "talent apartments",
        "pilot-application scenarios",
        "customs facilitation",
        "a {other_lang}-speaking service desk",
    ],
}
