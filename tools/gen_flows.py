#!/usr/bin/env python3
"""Deterministic generator for the sample's material flows and symbiosis (illustrative figures).

Writes data/materials.csv, flow_nodes.csv, flows.csv and symbiosis.csv for the 18 phase 1 areas,
FY2019-FY2021. Each area gets node groups (never named factories) typical of its industry:
petrochemicals at Map Ta Phut and IRPC, cement at Saraburi, food, sugar, cassava, palm oil,
seafood and rubber processing elsewhere, mixed manufacturing around Bangkok and the Eastern
Seaboard. The flows are by-products, wastes, recycled materials, water and energy, with recycling
loops; recyclers balance (inputs = outputs).

The sample's indicators "material exchanged between factories" (t/yr) and "symbiosis links" are
measured by these data (indicators.csv says so in its `measured_by` column), so the flows are sized
to agree with data/observations.csv where it has a value for FY2019-FY2021: the tonnes of the
factory-factory links add up to the one, the factory pairs of all links to the other. Where the
indicator has no value, a plausible figure is made up.

data/ is the source of truth that publishers edit; this script only records how the illustrative
figures were first made. Usage: python3 tools/gen_flows.py [DATA_DIR]
"""
import csv
import os
import random
import sys
import zlib

DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "data")
YEARS = [2019, 2020, 2021]


def rng_for(*parts):
    return random.Random(zlib.crc32("|".join(map(str, parts)).encode("utf-8")))


# material id: (th, en, category, hazardous)
MATERIALS = {
    "fly-ash": ("เถ้าลอย", "Fly ash", "by-product", "no"),
    "fgd-gypsum": ("ยิปซัมจากระบบกำจัดก๊าซซัลเฟอร์", "FGD gypsum", "by-product", "no"),
    "hydrogen": ("ไฮโดรเจน", "Hydrogen", "by-product", "no"),
    "sulfur": ("กำมะถัน", "Sulfur", "by-product", "no"),
    "used-solvent": ("ตัวทำละลายใช้แล้ว", "Used solvents", "waste", "yes"),
    "spent-catalyst": ("ตัวเร่งปฏิกิริยาใช้แล้ว", "Spent catalyst", "waste", "yes"),
    "plastic-scrap": ("เศษพลาสติก", "Plastic scrap", "waste", "no"),
    "recycled-pellets": ("เม็ดพลาสติกรีไซเคิล", "Recycled plastic pellets", "product", "no"),
    "metal-scrap": ("เศษโลหะ", "Metal scrap", "waste", "no"),
    "recycled-metal": ("โลหะรีไซเคิล", "Recycled metal", "product", "no"),
    "paper-scrap": ("เศษกระดาษ", "Paper scrap", "waste", "no"),
    "recycled-fibre": ("เยื่อกระดาษรีไซเคิล", "Recycled fibre", "product", "no"),
    "sludge": ("กากตะกอน", "Sludge", "waste", "no"),
    "waste-oil": ("น้ำมันใช้แล้ว", "Waste oil", "waste", "yes"),
    "general-waste": ("ขยะอุตสาหกรรมทั่วไป", "General industrial waste", "waste", "no"),
    "process-residue": ("กากจากการแปรรูป", "Processing residue", "by-product", "no"),
    "food-residue": ("เศษอาหารและกากจากการแปรรูป", "Food processing residue", "by-product", "no"),
    "bagasse": ("กากอ้อย", "Bagasse", "by-product", "no"),
    "filter-cake": ("กากตะกอนหม้อกรอง", "Filter cake", "by-product", "no"),
    "cassava-pulp": ("กากมันสำปะหลัง", "Cassava pulp", "by-product", "no"),
    "palm-residue": ("ทะลายปาล์มเปล่าและกากปาล์ม", "Empty fruit bunches and palm residue", "by-product", "no"),
    "fish-residue": ("เศษปลาและกากจากการแปรรูปสัตว์น้ำ", "Fish processing residue", "by-product", "no"),
    "rubber-scrap": ("เศษยาง", "Rubber scrap", "waste", "no"),
    "digestate": ("กากตะกอนจากระบบก๊าซชีวภาพ", "Biogas digestate", "by-product", "no"),
    "steam": ("ไอน้ำ", "Steam", "energy", "no"),
    "biogas-power": ("ไฟฟ้าจากก๊าซชีวภาพ", "Electricity from biogas", "energy", "no"),
    "waste-heat": ("ความร้อนเหลือทิ้ง", "Waste heat", "energy", "no"),
    "treated-water": ("น้ำที่ผ่านการบำบัดแล้ว", "Treated water", "water", "no"),
    "wastewater": ("น้ำเสีย", "Wastewater", "water", "no"),
}
UNIT = {"energy": "GJ/yr", "water": "m3/yr"}

# node suffix: (kind, th, en)
COMMON_NODES = {
    "community": ("community", "ชุมชนรอบพื้นที่", "Surrounding communities"),
    "treatment": ("treatment", "ผู้รับบำบัดและกำจัดของเสีย", "Waste treatment contractors"),
    "landfill": ("treatment", "หลุมฝังกลบ", "Landfill"),
}

# Profiles: the area's node groups and its flows. A flow is (source, target, material, role, weight):
# role "link" is a symbiosis exchange; "loop" a recycler's return (its quantity follows the
# recycler's input); "waste" goes to treatment or landfill (not symbiosis).
PROFILES = {
    "petrochemical": dict(
        nodes={
            "refineries": ("factory-group", "โรงกลั่นน้ำมัน", "Oil refineries"),
            "petrochem": ("factory-group", "โรงงานปิโตรเคมี", "Petrochemical plants"),
            "chemicals": ("factory-group", "โรงงานเคมีภัณฑ์", "Chemical plants"),
            "power": ("factory-group", "โรงไฟฟ้าและผลิตไอน้ำ", "Power and steam plants"),
            "recyclers": ("factory-group", "โรงงานรีไซเคิลพลาสติก", "Plastic recyclers"),
            "wwtp": ("utility", "ระบบบำบัดน้ำเสียส่วนกลาง", "Central wastewater treatment"),
            "building": ("outside", "โรงงานปูนซีเมนต์และแผ่นยิปซัมนอกพื้นที่", "Cement and board makers outside the area"),
        },
        flows=[
            ("petrochem", "chemicals", "hydrogen", "link", 3.0),
            ("power", "building", "fgd-gypsum", "link", 3.0),
            ("refineries", "chemicals", "sulfur", "link", 2.0),
            ("petrochem", "recyclers", "plastic-scrap", "link", 2.0),
            ("recyclers", "petrochem", "recycled-pellets", "loop", 0.0),
            ("power", "building", "fly-ash", "link", 1.5),
            ("chemicals", "building", "used-solvent", "link", 0.8),
            ("power", "petrochem", "steam", "link", 0.0),
            ("wwtp", "community", "treated-water", "link", 0.0),
            ("petrochem", "wwtp", "wastewater", "link", 0.0),
            ("refineries", "treatment", "spent-catalyst", "waste", 0.3),
            ("chemicals", "landfill", "sludge", "waste", 0.6),
            ("petrochem", "landfill", "general-waste", "waste", 0.5),
        ],
    ),
    "cement": dict(
        nodes={
            "cement": ("factory-group", "โรงงานปูนซีเมนต์", "Cement plants"),
            "power": ("factory-group", "โรงไฟฟ้า", "Power plants"),
            "paper": ("factory-group", "โรงงานกระดาษ", "Paper mills"),
            "recyclers": ("factory-group", "ผู้รับซื้อและคัดแยกกระดาษ", "Paper recyclers"),
            "outside": ("outside", "โรงงานนอกพื้นที่ที่ส่งของเสียเป็นเชื้อเพลิงร่วม", "Factories outside the area (co-processing)"),
        },
        flows=[
            ("power", "cement", "fly-ash", "link", 3.0),
            ("outside", "cement", "used-solvent", "link", 2.0),
            ("power", "cement", "fgd-gypsum", "link", 1.5),
            ("paper", "cement", "sludge", "link", 1.2),
            ("paper", "recyclers", "paper-scrap", "link", 1.0),
            ("recyclers", "paper", "recycled-fibre", "loop", 0.0),
            ("cement", "community", "waste-heat", "link", 0.0),
            ("cement", "landfill", "general-waste", "waste", 0.4),
            ("paper", "landfill", "sludge", "waste", 0.5),
        ],
    ),
    "food": dict(
        nodes={
            "processors": ("factory-group", "โรงงานแปรรูปอาหาร", "Food processors"),
            "feed": ("factory-group", "โรงงานอาหารสัตว์", "Animal feed makers"),
            "biogas": ("utility", "ระบบผลิตก๊าซชีวภาพ", "Biogas plants"),
            "packaging": ("factory-group", "โรงงานบรรจุภัณฑ์", "Packaging plants"),
            "recyclers": ("factory-group", "โรงงานรีไซเคิลพลาสติก", "Plastic recyclers"),
        },
        flows=[
            ("processors", "feed", "RESIDUE", "link", 3.0),
            ("processors", "biogas", "RESIDUE", "link", 2.0),
            ("biogas", "community", "digestate", "link", 1.0),
            ("packaging", "recyclers", "plastic-scrap", "link", 0.8),
            ("recyclers", "packaging", "recycled-pellets", "loop", 0.0),
            ("biogas", "processors", "biogas-power", "link", 0.0),
            ("processors", "biogas", "wastewater", "link", 0.0),
            ("processors", "landfill", "general-waste", "waste", 0.6),
            ("packaging", "landfill", "general-waste", "waste", 0.2),
        ],
    ),
    "manufacturing": dict(
        nodes={
            "metal": ("factory-group", "โรงงานโลหะและชิ้นส่วนยานยนต์", "Metal and auto-parts plants"),
            "electronics": ("factory-group", "โรงงานอิเล็กทรอนิกส์", "Electronics plants"),
            "plastics": ("factory-group", "โรงงานผลิตภัณฑ์พลาสติก", "Plastic products plants"),
            "recyclers": ("factory-group", "โรงงานคัดแยกและรีไซเคิล", "Sorting and recycling plants"),
            "wwtp": ("utility", "ระบบบำบัดน้ำเสียส่วนกลาง", "Central wastewater treatment"),
            "cement": ("outside", "เตาเผาปูนซีเมนต์นอกพื้นที่", "Cement kilns outside the area"),
        },
        flows=[
            ("metal", "recyclers", "metal-scrap", "link", 3.0),
            ("recyclers", "metal", "recycled-metal", "loop", 0.0),
            ("plastics", "recyclers", "plastic-scrap", "link", 1.5),
            ("recyclers", "plastics", "recycled-pellets", "loop", 0.0),
            ("electronics", "cement", "used-solvent", "link", 0.7),
            ("metal", "cement", "sludge", "link", 0.5),
            ("wwtp", "community", "treated-water", "link", 0.0),
            ("electronics", "wwtp", "wastewater", "link", 0.0),
            ("electronics", "treatment", "waste-oil", "waste", 0.3),
            ("plastics", "landfill", "general-waste", "waste", 0.5),
        ],
    ),
}

# area: (profile, residue material for food profiles, processors' name override th/en)
AREAS = {
    "samut-prakan": ("manufacturing", None, None),
    "pathum-thani-bang-kadi": ("manufacturing", None, None),
    "pathum-thani-lat-lum-kaeo": ("manufacturing", None, None),
    "phra-nakhon-si-ayutthaya": ("manufacturing", None, None),
    "saraburi": ("cement", None, None),
    "chon-buri": ("manufacturing", None, None),
    "rayong-map-ta-phut": ("petrochemical", None, None),
    "rayong-irpc": ("petrochemical", None, None),
    "chachoengsao": ("manufacturing", None, None),
    "prachin-buri": ("manufacturing", None, None),
    "nakhon-ratchasima": ("food", "cassava-pulp", ("โรงงานแป้งมันสำปะหลัง", "Cassava starch mills")),
    "khon-kaen": ("food", "bagasse", ("โรงงานน้ำตาล", "Sugar mills")),
    "ratchaburi": ("food", "food-residue", None),
    "nakhon-pathom": ("food", "food-residue", None),
    "samut-sakhon": ("food", "fish-residue", ("โรงงานแปรรูปสัตว์น้ำ", "Seafood processors")),
    "surat-thani": ("food", "palm-residue", ("โรงงานสกัดน้ำมันปาล์ม", "Palm oil mills")),
    "songkhla-chalung": ("food", "rubber-scrap", ("โรงงานยางพารา", "Rubber processors")),
    "songkhla-sadao": ("food", "rubber-scrap", ("โรงงานยางพารา", "Rubber processors")),
}

# Recyclers return this share of what they take in; the rest goes to landfill, so they balance.
RECOVERY = 0.88


def read_observations():
    values = {}
    with open(os.path.join(DATA, "observations.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["indicator_id"] in ("material-exchanged", "symbiosis-links") and row["value"]:
                values[(row["area_id"], row["indicator_id"], int(row["year"]))] = float(row["value"])
    return values


def split(total, weights):
    """`total` (an integer) split by `weights` into integers that add up to it exactly."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    out = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (out[i] - raw[i], i))
    for i in order[: total - sum(out)]:
        out[i] += 1
    return out


def node_id(area, suffix):
    return f"{area}-{suffix}"


def main():
    observed = read_observations()
    nodes = {}
    flows = []
    links = []
    for area, (profile_name, residue, rename) in AREAS.items():
        profile = PROFILES[profile_name]
        area_nodes = dict(profile["nodes"])
        area_nodes.update(COMMON_NODES)
        if rename:
            area_nodes["processors"] = ("factory-group",) + rename
        used = set()
        templates = []
        for (src, tgt, mat, role, w) in profile["flows"]:
            mat = residue if mat == "RESIDUE" else mat
            # Two flows of one material between the same pair would be one row: merge by weight.
            key = (src, tgt, mat)
            if key in used:
                continue
            used.add(key)
            templates.append((src, tgt, mat, role, w))
        for suffix, (kind, th, en) in area_nodes.items():
            balance = "2" if suffix == "recyclers" else ""
            nodes[node_id(area, suffix)] = (kind, th, en, balance)
        for year in YEARS:
            rng = rng_for("flows", area, year)
            tonnes = observed.get((area, "material-exchanged", year))
            pairs = observed.get((area, "symbiosis-links", year))
            grow = {2019: 0.9, 2020: 0.95, 2021: 1.0}[year]
            if tonnes is None:
                tonnes = round(rng.uniform(3000, 15000) * grow)
            if pairs is None:
                pairs = max(2, round(rng.uniform(3, 12) * grow))
            tonnes, pairs = int(round(tonnes)), int(round(pairs))
            def kind_of(t):
                kinds = (area_nodes[t[0]][0], area_nodes[t[1]][0])
                if "community" in kinds:
                    return "factory-community"
                if "utility" in kinds:
                    return "factory-utility"
                return "factory-factory"

            # The factory-factory exchanges in tonnes carry `tonnes`; a recycler's link brings
            # its return with it, so it needs two factory pairs.
            tonne_links = [t for t in templates if t[3] == "link" and MATERIALS[t[2]][2] not in UNIT
                           and kind_of(t) == "factory-factory"]
            other_links = [t for t in templates if t[3] == "link" and t not in tonne_links]
            loops = {t[1]: t for t in templates if t[3] == "loop"}  # keyed by who gets the return
            chosen, left = [], pairs
            for t in tonne_links:
                need = 2 if t[1] == "recyclers" else 1
                if need <= left - (0 if chosen else 0):
                    chosen.append(t)
                    left -= need
            if not chosen:  # one pair: the first exchange that is not a recycler's
                chosen = [next(t for t in tonne_links if t[1] != "recyclers")]
                left = pairs - 1
            chosen_other = other_links[: max(0, left)]
            weights = [t[4] * rng.uniform(0.8, 1.2) for t in chosen]
            eff = [w * (1 + RECOVERY) if t[1] == "recyclers" else w for t, w in zip(chosen, weights)]
            base = split(tonnes, eff)
            rows = []
            for t, q_eff in zip(chosen, base):
                src, tgt, mat = t[0], t[1], t[2]
                if tgt == "recyclers":
                    q_in = round(q_eff / (1 + RECOVERY))
                    q_back = q_eff - q_in
                    rows.append((src, tgt, mat, q_in, "t/yr", True))
                    # The return goes to the group that sent the scrap.
                    rows.append(("recyclers", src, loops[src][2], q_back, "t/yr", True))
                    rows.append(("recyclers", "landfill", "general-waste", q_in - q_back, "t/yr", False))
                else:
                    rows.append((src, tgt, mat, q_eff, "t/yr", True))
            for t in chosen_other:
                category = MATERIALS[t[2]][2]
                if category in UNIT:
                    unit = UNIT[category]
                    q = round(tonnes * rng.uniform(1.5, 4.0) * (20 if unit == "m3/yr" else 8))
                else:
                    unit = "t/yr"
                    q = round(tonnes * t[4] * rng.uniform(0.15, 0.3))
                rows.append((t[0], t[1], t[2], q, unit, True))
            for t in templates:
                if t[3] == "waste":
                    q = round(tonnes * t[4] * rng.uniform(0.6, 1.0))
                    rows.append((t[0], t[1], t[2], q, "t/yr", False))
            # Merge flows with the same source, target and material (the recyclers' residue).
            merged = {}
            for src, tgt, mat, q, unit, link in rows:
                key = (src, tgt, mat)
                if key in merged:
                    merged[key] = (merged[key][0] + q, unit, merged[key][2] or link)
                else:
                    merged[key] = (q, unit, link)
            link_rows = []
            for (src, tgt, mat), (q, unit, link) in merged.items():
                if q <= 0:
                    continue
                status = "provisional" if year == 2021 and area in ("saraburi", "nakhon-ratchasima", "songkhla-sadao") else "final"
                flows.append((area, year, node_id(area, src), node_id(area, tgt), mat, q, unit, status))
                if link:
                    link_rows.append((src, tgt, mat, q, unit))
            # Factory pairs: every link row has at least one; the rest go to the largest.
            n = len(link_rows)
            extra = split(max(0, pairs - n), [r[3] if r[4] == "t/yr" else 1 for r in link_rows]) if n else []
            for i, (src, tgt, mat, q, unit) in enumerate(link_rows):
                kind = kind_of((src, tgt))
                diverted = q if unit == "t/yr" and MATERIALS[mat][2] in ("waste", "by-product") else ""
                co2e = round(q * rng.uniform(0.05, 0.4)) if unit == "t/yr" else ""
                saving = round(q * rng.uniform(300, 1500), -3) if unit == "t/yr" else ""
                links.append((area, year, f"{src}-{tgt}-{mat}", kind, node_id(area, src), node_id(area, tgt), mat,
                              1 + extra[i], diverted, co2e, int(saving) if saving != "" else ""))

    def write(name, header, rows):
        with open(os.path.join(DATA, name), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)

    write("materials.csv", ["material_id", "name_th", "name_en", "category", "hazardous"],
          [(k,) + v for k, v in MATERIALS.items()])
    write("flow_nodes.csv", ["node_id", "kind", "name_th", "name_en", "balance_tolerance"],
          [(k,) + v for k, v in nodes.items()])
    write("flows.csv", ["area_id", "year", "source", "target", "material", "quantity", "unit", "status", "note_th", "note_en"],
          [f + ("", "") for f in flows])
    write("symbiosis.csv", ["area_id", "year", "link_id", "kind", "source", "target", "material", "pairs",
                            "landfill_diverted_t", "co2e_avoided_t", "saving_baht"], links)


if __name__ == "__main__":
    main()
