# One-off edit of catalog/interests.json (kept only for the record of what changed; not run by the build).
import json, re
path = "catalog/interests.json"
d = json.load(open(path))
by = {i["id"]: i for i in d}

SYN = {
 "dinosaurs": ["paleontology"], "space": ["astronomy", "stargazing", "outer space", "cosmos"], "science": ["stem"],
 "coding": ["programming", "programmer", "coder", "coders", "learn to code", "computer science"],
 "math": ["arithmetic"], "nature": ["wildlife"], "ocean": ["marine", "marine life", "underwater"],
 "insects": ["bug", "entomology"], "birds": ["ornithology"], "gardening": ["grow your own"], "pets": ["pet"],
 "horses": ["pony", "ponies", "equestrian"], "cooking": ["chef", "chefs", "culinary", "foodie"],
 "baking": ["bake", "baker", "bakers"], "art": ["artist", "artists", "artistic", "arty", "artsy", "fine art"],
 "drawing": ["sketch", "sketching", "doodle", "doodling", "illustration"], "crafts": ["diy", "arts and crafts"],
 "sewing": ["sew", "needlework", "stitching"], "pottery": ["ceramics"], "woodworking": ["carpentry", "carpenter", "joinery"],
 "theater": ["drama", "acting", "performing arts"], "magic": ["illusion", "illusions", "illusionist", "conjuring"],
 "reading": ["book", "books", "bookworm", "literature", "bookish"], "writing": ["author", "creative writing"],
 "travel": ["wanderlust", "globetrotter"], "languages": ["foreign language", "foreign languages", "learn a language", "polyglot", "linguist", "linguistics"],
 "board-games": ["tabletop", "tabletop games"], "card-games": ["playing cards", "deck of cards"],
 "video-games": ["gaming", "console", "consoles"], "building": ["bricks", "brick", "construction set", "construction toy"],
 "trains": ["railway", "railways", "railroad", "locomotive", "locomotives", "rail"], "vehicles": ["car"],
 "aviation": ["airplane", "airplanes", "aeroplane", "aeroplanes", "aircraft"], "basketball": ["hoops", "b-ball"],
 "racket-sports": ["racquet", "racquets"], "cycling": ["bike", "bikes", "bicycle", "bicycles", "biking"],
 "running": ["jogging", "jogger"], "hiking": ["hike", "hikes", "hiker", "hikers", "trekking", "trek", "hillwalking", "hill walking", "rambling", "rambler"],
 "fishing": ["angler", "anglers", "angling"], "yoga": ["yogi"], "fitness": ["gym", "workout", "workouts", "exercise"],
 "film": ["cinema", "cinephile"], "fashion": ["clothes", "clothing", "stylish"], "self-care": ["pampering", "wellness"],
 "mindfulness": ["meditation", "meditate", "calm", "relaxation", "wellbeing", "well-being"],
 "pretend-play": ["role play", "roleplay", "role-play", "imaginative play", "make believe", "make-believe"],
 "plush": ["teddy", "teddy bear", "teddy bears", "stuffed animal", "stuffed animals", "stuffed toy", "cuddly toy", "cuddly toys", "cuddly"],
}
for k, v in SYN.items():
    for a in v: assert a in by[k]["aliases"], (k, a)
    by[k]["synonyms"] = v

def drop(iid, words):
    by[iid]["aliases"] = [a for a in by[iid]["aliases"] if a not in words]

# Franchises and specific worlds move out of the genre they were aliases of: "super mario" is not
# "any video game", "harry potter" is not "any fantasy".
drop("vehicles", ["fire engine", "fire truck", "police car"])
drop("video-games", ["mario", "super mario", "minecraft", "pokemon"])
drop("fantasy", ["harry potter", "hogwarts", "lord of the rings", "hobbit", "knight", "knights", "castle"])
drop("pretend-play", ["pirate", "pirates"])
drop("superheroes", ["batman"])
drop("swimming", ["diving"])
drop("ocean", ["scuba", "snorkeling", "snorkelling"])
drop("collecting", ["pokemon cards"])
drop("building", ["model kit", "model kits", "model building"])
drop("dinosaurs", ["jurassic"])

NEW = [
 dict(id="diving", label="Scuba & Snorkelling", phrase="loves diving",
      aliases=["scuba", "scuba diving", "scuba diver", "diver", "divers", "diving", "snorkel", "snorkels", "snorkeling", "snorkelling", "snorkel set", "dive mask", "diving mask", "freediving", "free diving", "wetsuit", "dive computer"],
      synonyms=["scuba", "scuba diving", "diving", "snorkeling", "snorkelling", "diver", "divers", "scuba diver", "freediving", "free diving"],
      related={"ocean": 0.6, "swimming": 0.6}),
 dict(id="firefighters", label="Firefighters", phrase="loves firefighters",
      aliases=["firefighter", "fire fighter", "fire fighters", "fireman", "firemen", "firefighting", "fire station", "fire truck", "fire trucks", "fire engine", "fire engines", "fire brigade", "fire department", "fire rescue", "fire chief", "fire boat", "fire helicopter", "fire hose", "fire hydrant", "fire plane"],
      synonyms=["firefighter", "fire fighter", "fire fighters", "fireman", "firemen", "firefighting"],
      related={"vehicles": 0.5, "pretend-play": 0.3}),
 dict(id="police", label="Police", phrase="loves police stories",
      aliases=["policeman", "police officer", "police officers", "cops", "police station", "police car", "police cars", "police van", "police boat", "police helicopter", "police dog", "detective", "detectives", "sheriff", "jail", "prison"],
      synonyms=["policeman", "police officer", "police officers", "cops"], related={"vehicles": 0.4, "pretend-play": 0.3}),
 dict(id="architecture", label="Architecture & Landmarks", phrase="loves architecture",
      aliases=["architect", "architects", "architectural", "landmark", "landmarks", "famous buildings", "famous landmarks", "monument", "monuments", "skyline", "skylines", "skyscraper", "skyscrapers", "cathedral", "eiffel tower", "big ben", "empire state building", "taj mahal", "tower bridge", "statue of liberty", "white house", "colosseum", "leaning tower of pisa", "sydney opera house", "burj khalifa", "great wall", "arc de triomphe", "brandenburg gate", "louvre", "trafalgar square", "notre-dame", "golden gate bridge", "flatiron building", "chrysler building", "space needle", "fallingwater", "guggenheim", "burj al arab", "sears tower", "willis tower", "capitol building"],
      synonyms=["architect", "architects", "architectural", "landmark", "landmarks", "famous buildings", "famous landmarks"],
      related={"history": 0.4, "travel": 0.4, "building": 0.3, "engineering": 0.3}),
 dict(id="pirates", label="Pirates", phrase="loves pirates",
      aliases=["pirate", "pirate ship", "pirate ships", "buccaneer", "buccaneers", "treasure island", "treasure chest", "jolly roger", "shipwreck", "captain hook", "skull island", "pirates of the caribbean"],
      synonyms=["pirate", "buccaneer", "buccaneers"], related={"pretend-play": 0.4, "ocean": 0.3, "history": 0.3}),
 dict(id="knights", label="Knights & Castles", phrase="loves knights and castles",
      aliases=["knight", "knights", "castle", "castles", "medieval castle", "king's castle", "kingdom", "kingdoms", "jousting", "joust", "crusader", "crusaders", "catapult siege", "drawbridge", "armour", "armor", "sword and shield", "lion knights", "black falcons"],
      synonyms=["knight", "castle", "castles"], related={"history": 0.5, "fantasy": 0.5, "pretend-play": 0.3},
      ambiguous=["kingdom", "kingdoms"]),
 dict(id="star-wars", label="Star Wars", phrase="loves Star Wars",
      aliases=["star wars", "starwars", "jedi", "jedis", "sith", "lightsaber", "lightsabers", "darth vader", "vader", "luke skywalker", "skywalker", "han solo", "chewbacca", "wookiee", "yoda", "baby yoda", "grogu", "mandalorian", "boba fett", "jango fett", "stormtrooper", "stormtroopers", "clone trooper", "clone troopers", "clone wars", "death star", "millennium falcon", "x-wing", "x wing", "tie fighter", "tie interceptor", "y-wing", "a-wing", "b-wing", "at-at", "at-st", "at-te", "star destroyer", "slave i", "r2-d2", "c-3po", "bb-8", "ewok", "ewoks", "tatooine", "naboo", "hoth", "endor", "kashyyyk", "mustafar", "kylo ren", "first order", "obi-wan", "obi wan kenobi", "anakin", "palpatine", "droid", "droids", "battle droid", "republic gunship", "snowspeeder", "landspeeder", "speeder bike", "podracer", "sandcrawler", "imperial shuttle", "rebel alliance", "galactic empire", "the force awakens", "rogue one", "jabba", "ahsoka"],
      synonyms=["star wars", "starwars"], related={"space": 0.5, "film": 0.4, "collecting": 0.3},
      ambiguous=["droid", "droids"]),
 dict(id="harry-potter", label="Harry Potter", phrase="loves Harry Potter",
      aliases=["harry potter", "hogwarts", "hogsmeade", "diagon alley", "quidditch", "gryffindor", "slytherin", "hufflepuff", "ravenclaw", "dumbledore", "hagrid", "voldemort", "hermione", "ron weasley", "weasley", "weasleys", "dobby", "hedwig", "gringotts", "knight bus", "hogwarts express", "whomping willow", "forbidden forest", "privet drive", "buckbeak", "triwizard", "chamber of secrets", "prisoner of azkaban", "goblet of fire", "deathly hallows", "half-blood prince", "philosopher's stone", "sorcerer's stone", "azkaban", "dementor", "dementors", "fantastic beasts", "platform 9 3/4", "marauder's map", "sirius black", "snape", "aragog", "fawkes", "norbert", "the burrow", "ollivanders", "shrieking shack", "great hall", "astronomy tower"],
      synonyms=["harry potter"], related={"fantasy": 0.6, "reading": 0.3, "film": 0.3}),
 dict(id="lord-of-the-rings", label="The Lord of the Rings", phrase="loves The Lord of the Rings",
      aliases=["lord of the rings", "lotr", "the hobbit", "hobbit", "hobbits", "middle-earth", "middle earth", "tolkien", "frodo", "bilbo", "gandalf", "aragorn", "legolas", "gimli", "gollum", "sauron", "saruman", "mordor", "rivendell", "the shire", "bag end", "helm's deep", "weathertop", "orthanc", "minas tirith", "barad-dur", "isengard", "moria", "mines of moria", "balrog", "uruk-hai", "nazgul", "ringwraith", "ringwraiths", "smaug", "lake-town", "lake town", "mirkwood", "erebor", "lonely mountain", "dol guldur", "goblin town", "beorn", "thorin", "tower of orthanc", "black gate", "dead marshes", "shelob", "ents", "treebeard", "watcher in the water", "tomb of balin"],
      synonyms=["lord of the rings", "lotr"], related={"fantasy": 0.6, "reading": 0.3, "film": 0.3}),
 dict(id="super-mario", label="Super Mario", phrase="loves Super Mario",
      aliases=["super mario", "mario", "mario bros", "mario kart", "luigi", "bowser", "bowser jr", "yoshi", "princess peach", "peach", "toad", "toadette", "koopa", "koopa troopa", "goomba", "goombas", "piranha plant", "boo", "shy guy", "dry bones", "donkey kong", "diddy kong", "wario", "waluigi", "lakitu", "bob-omb", "thwomp", "chain chomp", "wiggler", "power-up", "mushroom kingdom", "whomp", "kamek", "petey piranha", "king boo", "rosalina", "cat mario", "builder mario", "fire mario"],
      synonyms=["super mario", "mario", "mario bros"], related={"video-games": 0.6, "collecting": 0.3},
      ambiguous=["peach", "toad", "boo", "power-up"]),
 dict(id="minecraft", label="Minecraft", phrase="loves Minecraft",
      aliases=["minecraft", "creeper", "creepers", "steve and alex", "enderman", "ender dragon", "the nether", "nether", "the end portal", "mooshroom", "zombie pigman", "wither", "the crafting box", "ghast"],
      synonyms=["minecraft"], related={"video-games": 0.6, "building": 0.4},
      ambiguous=["wither", "nether"]),
 dict(id="pokemon", label="Pokémon", phrase="loves Pokémon",
      aliases=["pokemon", "pokémon", "pikachu", "pokeball", "poke ball", "charizard", "eevee", "bulbasaur", "squirtle", "charmander", "mewtwo", "jigglypuff", "snorlax", "pokemon cards", "pokemon go"],
      synonyms=["pokemon", "pokémon"], related={"video-games": 0.5, "collecting": 0.5, "card-games": 0.4}),
 dict(id="batman", label="Batman", phrase="loves Batman",
      aliases=["batman", "the batman", "batmobile", "batcave", "batwing", "batcopter", "bat-pod", "batboat", "gotham", "gotham city", "joker", "the joker", "robin", "batgirl", "catwoman", "penguin", "riddler", "harley quinn", "bane", "poison ivy", "scarecrow", "two-face", "mr. freeze", "arkham", "arkham asylum", "alfred", "bruce wayne", "killer croc", "man-bat"],
      synonyms=["batman", "the batman"], related={"superheroes": 0.7, "film": 0.3},
      ambiguous=["robin", "penguin", "scarecrow", "alfred", "bane"]),
 dict(id="model-kits", label="Model Kits", phrase="loves building model kits",
      aliases=["model kit", "model kits", "scale model", "scale models", "model building", "plastic model", "plastic model kit", "model making", "modelling kit", "airfix", "revell", "tamiya", "gundam", "gunpla", "1/144", "1/72", "1/35", "1/48", "1/24", "model ship", "ship in a bottle", "model car kit"],
      synonyms=["model kit", "model kits", "scale model", "scale models", "model building", "plastic model", "plastic model kit", "model making", "modelling kit"],
      related={"building": 0.5, "engineering": 0.4, "aviation": 0.3, "vehicles": 0.3, "crafts": 0.3}),
 dict(id="racing", label="Racing Cars", phrase="loves racing cars",
      aliases=["racing", "race car", "race cars", "racing car", "racing cars", "racecar", "formula 1", "formula one", "f1", "grand prix", "nascar", "rally car", "drag racer", "dragster", "go-kart", "go kart", "karting", "slot car", "slot cars", "scalextric", "race track", "racing track", "speed champions", "supercar", "supercars", "sports car", "sports cars", "ferrari", "lamborghini", "porsche", "mclaren", "bugatti"],
      synonyms=["racing", "race car", "race cars", "racing car", "racing cars", "racecar"],
      related={"vehicles": 0.7, "video-games": 0.2}),
 dict(id="jurassic", label="Jurassic Park", phrase="loves Jurassic Park",
      aliases=["jurassic park", "jurassic world", "jurassic", "indominus rex", "blue the raptor", "isla nublar", "dominion"],
      synonyms=["jurassic park", "jurassic world"], related={"dinosaurs": 0.8, "film": 0.3}),
]
drop("vehicles", ["race car", "racing car"])
drop("outdoor-play", [])
for n in NEW:
    assert n["id"] not in by
    for s in n.get("synonyms", []): assert s in n["aliases"], (n["id"], s)
    d.append(n)
    by[n["id"]] = n

# Every alias must belong to one interest only: the first keeps it.
seen = {}
for i in d:
    keep = []
    for a in i.get("aliases", []):
        k = " ".join(re.findall(r"[a-z0-9]+", a.lower()))
        if k in seen and seen[k] != i["id"]:
            print("duplicate alias dropped:", a, "in", i["id"], "kept by", seen[k]); continue
        seen[k] = i["id"]; keep.append(a)
    i["aliases"] = keep
    i["synonyms"] = [s for s in i.get("synonyms", []) if s in keep]
    if not i["synonyms"]: i.pop("synonyms")

def dump(i):
    out = ["  {"]
    keys = [k for k in ["id", "label", "phrase", "aliases", "synonyms", "related", "ambiguous"] if k in i]
    for n, k in enumerate(keys):
        v = json.dumps(i[k], ensure_ascii=False).replace('", "', '", "')
        out.append(f'    "{k}": {v}' + ("," if n < len(keys) - 1 else ""))
    out.append("  }")
    return "\n".join(out)
open(path, "w").write("[\n" + ",\n".join(dump(i) for i in d) + "\n]\n")
print(len(d), "interests")
# Tidy: ambiguous words must still be the interest's own words.
d = json.load(open(path))
for i in d:
    words = {i["id"], i["label"].lower(), *i["aliases"]}
    if "ambiguous" in i:
        i["ambiguous"] = [a for a in i["ambiguous"] if a in words]
        if not i["ambiguous"]: i.pop("ambiguous")
open(path, "w").write("[\n" + ",\n".join(dump(i) for i in d) + "\n]\n")
