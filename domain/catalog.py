"""The service catalog: what the business sells and the words customers use for it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from domain.errors import UnknownService


@dataclass(frozen=True)
class Service:
    """One bookable service: how long it takes, who can do it, how customers describe it."""

    id: str
    name: str
    duration: timedelta
    skill: str
    keywords: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Catalog:
    """The business's services, looked up by id."""

    services: tuple[Service, ...]

    def get(self, service_id: str) -> Service:
        for service in self.services:
            if service.id == service_id:
                return service
        known = ", ".join(s.id for s in self.services)
        raise UnknownService(f"Unknown service '{service_id}'. Known services: {known}")

    def ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.services)


DEMO_CATALOG = Catalog(
    services=(
        Service(
            id="hvac_repair",
            name="Heating & cooling repair",
            duration=timedelta(hours=2),
            skill="hvac",
            keywords=(
                "ac", "a/c", "air conditioner", "air conditioning", "furnace", "heat pump",
                "heater", "heating", "no heat", "not cooling", "blowing warm air",
                "thermostat", "hvac", "boiler not working", "compressor", "condenser",
                "boiler", "radiator", "radiators", "no heating", "not heating", "heat", "heat is out",
                "heat went out", "ac unit", "air con", "aircon", "central air", "mini split",
                "ductless", "blower", "vents", "ductwork", "ducts", "warm air", "not blowing",
                "frozen coil", "refrigerant", "freon", "cooling", "air handler", "evaporator coil",
                "short cycling", "heat exchanger", "ac not working", "baseboard heat",
                "short cycles", "short-cycling", "cycling on and off", "keeps cycling", "turns on and off",
                "not turning on", "wont turn on", "will not turn on", "won't kick on", "not kicking on",
                "not blowing cold", "blowing hot air", "blowing cold air", "house is freezing",
                "house wont warm up", "never gets warm", "not getting warm", "not getting cold",
                "no cold air", "no air", "no airflow", "weak airflow", "iced up", "icing up", "frozen up",
                "frozen line", "coil frozen", "condensate", "condensate pump", "condensate line",
                "drip pan", "ignitor", "igniter", "flame sensor", "pilot out", "limit switch",
                "inducer motor", "blower motor", "capacitor", "contactor", "outdoor unit", "indoor unit",
                "heating system", "cooling system", "central heating", "combi boiler", "combi",
                "boiler pressure", "boiler losing pressure", "boiler lockout", "boiler fault",
                "boiler error", "radiators cold", "cold radiators", "radiator cold", "heat pump not",
                "aux heat", "emergency heat", "ac leaking", "ac is leaking", "furnace leaking",
                "furnace making noise", "furnace noise", "ac noise", "ac making noise",
                "burning smell from vents", "smell from the vents", "air conditioner not",
                "heating not working", "heating is off", "no heating", "heating packed up",
                "air conditioning not", "window unit", "split system", "hvac system", "thermostat blank",
                "thermostat not working", "smart thermostat", "nest thermostat", "heat pump",
                "swamp cooler", "evaporative cooler", "ac compressor", "ac fan", "condenser fan",
                "humidifier", "dehumidifier", "air purifier", "damper",
            ),
        ),
        Service(
            id="hvac_maintenance",
            name="Heating & cooling tune-up",
            duration=timedelta(hours=1, minutes=30),
            skill="hvac",
            keywords=(
                "tune-up", "tune up", "tuneup", "maintenance", "annual service", "inspection",
                "boiler service", "check-up", "checkup", "filter change", "seasonal service",
                "annual maintenance", "yearly service", "servicing", "boiler servicing",
                "preventive maintenance", "preventative maintenance", "precision tune-up",
                "safety check", "gas safety check", "furnace cleaning", "ac cleaning",
                "furnace service", "ac service", "boiler check", "annual inspection",
                "maintenance plan", "service plan", "winterize", "winterizing", "spring tune-up",
                "annual", "yearly", "tune", "furnace inspection", "ac inspection", "boiler inspection",
                "hvac inspection", "duct cleaning", "clean and check", "service visit",
                "pre-season check", "pre season check", "spring check", "fall check", "autumn service",
                "winter check", "summer check", "annual check", "yearly check", "annual checkup",
                "boiler annual service", "furnace tune-up", "furnace tune up", "ac tune-up", "ac tune up",
                "heat pump service", "heat pump maintenance", "filter replacement", "replace the filter",
                "change the filter", "filters changed", "coil cleaning", "clean the coils",
                "system check", "routine service", "routine maintenance", "landlord gas safety",
                "gas safe check", "cp12", "service contract", "membership visit", "club visit",
                "maintenance visit", "maintenance agreement", "get it serviced", "needs servicing",
                "needs a service", "due a service", "due for service", "overdue for service",
            ),
        ),
        Service(
            id="plumbing_repair",
            name="Plumbing repair",
            duration=timedelta(hours=2),
            skill="plumbing",
            keywords=(
                "leak", "leaking", "pipe", "burst pipe", "faucet", "tap", "toilet", "running toilet",
                "plumber", "plumbing", "water pressure", "sump pump", "garbage disposal",
                "dishwasher", "washing machine", "dripping", "drip", "leaky", "burst",
                "frozen pipe", "frozen pipes", "pipes", "water line", "shut off valve", "shutoff valve",
                "valve", "water softener", "well pump", "hose bib", "spigot", "taps", "mixer tap",
                "cistern", "will not flush", "does not flush", "flush", "flooding", "flooded",
                "water everywhere", "gas line", "ice maker line", "repipe", "disposal", "waste disposal",
                "loo", "sink", "shower", "bath", "bathtub", "tub",
                "pipe burst", "pipes burst", "burst main", "water leak", "leak under the sink",
                "leaking under", "dripping tap", "dripping faucet", "leaky faucet", "leaky tap",
                "running water", "toilet running", "toilet keeps running", "toilet wont stop running",
                "toilet rocking", "loose toilet", "toilet leaking", "toilet base", "wax ring",
                "fill valve", "flapper", "flush valve", "ballcock", "toilet handle", "toilet tank",
                "low water pressure", "no water pressure", "no water", "water pressure low",
                "water hammer", "banging pipes", "pipes banging", "noisy pipes", "pipe noise",
                "pressure reducing valve", "prv", "main shut off", "stopcock", "stop cock",
                "isolation valve", "outside tap", "outdoor faucet", "hose bibb", "sillcock",
                "sump", "sump pit", "ejector pump", "backflow", "backflow preventer",
                "water meter", "water main", "mains water", "supply line", "supply pipe", "copper pipe",
                "pex", "pvc pipe", "pinhole leak", "slab leak", "wet ceiling", "water stain",
                "ceiling leak", "water through the ceiling", "through the ceiling",
                "coming through the ceiling", "damp patch", "shower valve", "shower head",
                "showerhead", "mixer valve", "thermostatic valve", "bath tap", "kitchen tap",
                "basin", "bidet", "urinal", "fixtures", "faucet install", "new faucet", "new toilet",
                "toilet install", "sink install", "dishwasher install", "washer hookup",
                "ice maker", "fridge line", "water filter", "reverse osmosis", "softener",
                "water softener", "pressure tank", "gas leak", "smell gas", "gas smell",
            ),
        ),
        Service(
            id="drain_cleaning",
            name="Drain cleaning",
            duration=timedelta(hours=1, minutes=30),
            skill="plumbing",
            keywords=(
                "drain", "clog", "clogged", "blocked", "backed up", "slow drain", "sewer",
                "sewer line", "rooter", "snake", "hydro jetting",
                "drains", "blockage", "unclog", "backing up", "backs up", "slow draining",
                "draining slowly", "will not drain", "not draining", "does not drain", "standing water",
                "overflowing", "gurgling", "sewage", "septic", "main line", "plunger", "clogging",
                "clogs", "blocked sink", "blocked toilet", "root intrusion", "drain cleaning",
                "unblock", "unblocking", "unclogging", "blocked up", "clogged up", "stopped up",
                "wont drain", "slow to drain", "drain unblocking", "jetting", "drains slowly",
                "drain slowly", "drains slow", "drain is slow", "drains are slow",
                "backed-up", "sewer backup", "sewage backup", "clogged toilet",
                "toilet clogged", "toilet is clogged", "toilet blocked", "toilet overflowing",
                "toilet overflow", "overflowed", "clogged sink", "sink clogged", "sink is clogged",
                "clogged drain", "drain clogged", "clogged shower", "clogged tub", "tub drain",
                "shower drain", "floor drain", "basement drain", "kitchen drain", "bathroom drain",
                "main drain", "main sewer", "sewer smell", "sewage smell", "drain smell",
                "smelly drain", "drain odor", "drain odour", "gurgles", "gurgling noise",
                "water backing up", "water coming up", "coming up the drain", "tree roots",
                "roots in the line", "camera inspection", "sewer camera", "sewer scope", "drain camera",
                "hydrojet", "hydro-jet", "rodding", "drain rod", "drain rods", "auger", "snaking",
                "snaked", "cleanout", "grease trap", "grease clog", "hair clog",
                "not going down", "wont go down", "water wont go down", "water sitting", "pooling",
                "septic backup", "septic tank", "blocked drain", "blocked drains", "drain blocked",
                "blocked loo", "loo blocked", "gully", "manhole", "soil pipe", "soil stack",
                "waste pipe", "downpipe", "clogged gutter",
            ),
        ),
        Service(
            id="water_heater",
            name="Water heater service",
            duration=timedelta(hours=2),
            skill="plumbing",
            keywords=(
                "water heater", "hot water", "no hot water", "tankless", "hot water tank",
                "pilot light", "cylinder",
                "hot water heater", "immersion", "immersion heater", "lukewarm water",
                "only cold water", "cold showers", "no hot", "water tank", "expansion tank",
                "anode rod", "heater tank", "water too hot",
                "no hot water", "not getting hot water", "hot water runs out", "runs out of hot water",
                "hot water running out", "water not hot", "water isnt hot", "water is not hot",
                "water is cold", "cold water only", "only cold", "lukewarm", "tepid water",
                "rusty water", "brown hot water", "discolored water", "smelly hot water",
                "rotten egg smell", "water heater leaking", "tank leaking", "leaking tank",
                "water heater making noise", "popping noise", "sediment", "flush the tank",
                "tank flush", "pilot keeps going out", "pilot light out", "pilot wont light",
                "relief valve", "pressure relief valve", "t&p valve", "tp valve", "gas valve",
                "thermocouple", "heating element", "tankless heater",
                "on-demand", "on demand water", "instant hot water", "boiler hot water",
                "hot water cylinder", "unvented cylinder", "megaflo", "immersion switch",
                "water heater replacement", "replace water heater", "new water heater",
                "water heater install", "gallon tank", "40 gallon", "50 gallon", "heat pump water heater",
                "hybrid water heater", "recirculation pump", "recirc pump", "hot water heater leaking",
            ),
        ),
        Service(
            id="electrical",
            name="Electrical repair",
            duration=timedelta(hours=1, minutes=30),
            skill="electrical",
            keywords=(
                "outlet", "socket", "breaker", "electrical", "electrician", "wiring", "light switch",
                "switch", "lights flickering", "panel", "fuse", "gfci", "power out", "ceiling fan",
                "light", "lights", "power", "no power", "sparking", "sparks", "tripping", "tripped",
                "trips", "circuit", "fuse box", "fusebox", "consumer unit", "rcd", "sockets", "plug",
                "gfi", "lighting", "light fixture", "fixture", "ceiling light", "dimmer",
                "ev charger", "generator", "surge", "rewire", "rewiring", "smoke detector",
                "electric", "electrics", "power outage", "flickering", "buzzing", "shock",
                "panel upgrade", "upgrade my panel", "upgrade the panel", "panel replacement",
                "electrical panel", "breaker panel", "breaker box", "service panel", "main panel",
                "sub panel", "subpanel", "amp service", "amp panel", "amps", "amp", "200a", "100a",
                "service upgrade", "meter base", "meter box", "main breaker", "breakers", "fuses",
                "blown fuse", "fuse blown", "fuse keeps blowing", "trips the breaker", "breaker trips",
                "tripping breaker", "breaker tripping", "rcd tripping", "rcd keeps tripping",
                "trip switch", "power cut", "lost power", "no electricity", "electricity", "half the house",
                "dead outlet", "outlet not working", "outlets not working", "socket not working",
                "dead socket", "burnt outlet", "burning smell outlet", "scorch marks", "warm outlet",
                "hot outlet", "sparking outlet", "loose outlet", "gfci outlet", "gfi outlet",
                "usb outlet", "new outlet", "add an outlet", "extra socket", "extra sockets",
                "light not working", "lights not working", "lights keep flickering",
                "lights dimming", "dimming lights", "light switch not working", "switch not working",
                "three way switch", "3 way switch", "recessed lights", "recessed lighting",
                "can lights", "pot lights", "downlights", "spotlights", "chandelier", "pendant light",
                "outdoor lighting", "security light", "motion light", "flood light", "floodlight",
                "landscape lighting", "under cabinet lighting", "ceiling fans", "exhaust fan",
                "bathroom fan", "extractor fan", "attic fan", "whole house fan", "doorbell",
                "video doorbell", "smoke alarm", "smoke alarms", "smoke detectors",
                "carbon monoxide detector",
                "co detector", "co alarm", "hardwired", "knob and tube", "aluminum wiring",
                "aluminium wiring", "old wiring", "faulty wiring", "exposed wires", "exposed wiring",
                "wires", "wire", "electrical fire", "electrical smell", "burning smell",
                "arc fault", "afci", "surge protector", "whole house surge", "ev charging",
                "car charger", "tesla charger", "level 2 charger", "240v", "240 volt", "220 volt",
                "dedicated circuit", "new circuit", "circuits", "hot tub wiring", "pool wiring",
                "generator hookup", "transfer switch", "standby generator", "solar panel wiring",
                "electrical inspection", "eicr", "electrical safety certificate", "pat testing",
                "shocked", "got a shock", "electrician", "sparky",
            ),
        ),
    )
)
