#!/usr/bin/env python3
"""Deterministic generator for the ecotown sample dataset (illustrative figures).

Writes data/provinces.csv, areas.csv, indicators.csv, observations.csv,
factories.csv, levels.csv. No unseeded randomness: every random stream is
seeded from a CRC32 of a fixed string.
"""
import csv
import math
import os
import random
import sys
import zlib

# data/ is the source of truth that publishers edit; this script only records how the
# illustrative figures were first made. Usage: python3 tools/gen_sample.py [OUT_DIR]
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "data")
YEARS = list(range(2016, 2022))
SAMPLE_TH = " (ข้อมูลตัวอย่าง)"
SAMPLE_EN = " (illustrative sample)"


def rng_for(*parts):
    return random.Random(zlib.crc32("|".join(map(str, parts)).encode("utf-8")))


# ---------------------------------------------------------------- provinces
PROVINCES = [
    ("TH-11", "สมุทรปราการ", "Samut Prakan"),
    ("TH-13", "ปทุมธานี", "Pathum Thani"),
    ("TH-14", "พระนครศรีอยุธยา", "Phra Nakhon Si Ayutthaya"),
    ("TH-19", "สระบุรี", "Saraburi"),
    ("TH-20", "ชลบุรี", "Chon Buri"),
    ("TH-21", "ระยอง", "Rayong"),
    ("TH-24", "ฉะเชิงเทรา", "Chachoengsao"),
    ("TH-25", "ปราจีนบุรี", "Prachin Buri"),
    ("TH-30", "นครราชสีมา", "Nakhon Ratchasima"),
    ("TH-40", "ขอนแก่น", "Khon Kaen"),
    ("TH-70", "ราชบุรี", "Ratchaburi"),
    ("TH-73", "นครปฐม", "Nakhon Pathom"),
    ("TH-74", "สมุทรสาคร", "Samut Sakhon"),
    ("TH-84", "สุราษฎร์ธานี", "Surat Thani"),
    ("TH-90", "สงขลา", "Songkhla"),
]

# ---------------------------------------------------------------- areas
# id, province, name_th, name_en, phase,
# factories in scope FY2021, share upgraded by FY2021,
# output per factory (million baht/yr), emission factor (t CO2e per million baht),
# waste factor (t per million baht)
AREAS = [
    ("samut-prakan", "TH-11", "สมุทรปราการ", "Samut Prakan", 1, 690, 0.35, 700, 6.0, 1.6),
    ("pathum-thani-bang-kadi", "TH-13", "ตำบลบางกะดี", "Tambon Bang Kadi", 1, 170, 0.55, 650, 4.5, 1.0),
    ("pathum-thani-lat-lum-kaeo", "TH-13", "อำเภอลาดหลุมแก้ว", "Amphoe Lat Lum Kaeo", 1, 280, 0.30, 450, 5.5, 1.8),
    ("phra-nakhon-si-ayutthaya", "TH-14", "พระนครศรีอยุธยา", "Phra Nakhon Si Ayutthaya", 1, 300, 0.42, 1100, 4.0, 1.1),
    ("saraburi", "TH-19", "สระบุรี", "Saraburi", 1, 210, 0.48, 1200, 55.0, 2.6),
    ("chon-buri", "TH-20", "ชลบุรี", "Chon Buri", 1, 480, 0.40, 900, 6.5, 1.5),
    ("rayong-map-ta-phut", "TH-21", "เขตควบคุมมลพิษมาบตาพุด", "Map Ta Phut Pollution Control Zone", 1, 460, 0.58, 2500, 18.0, 1.9),
    ("rayong-irpc", "TH-21", "เขตประกอบการไออาร์พีซี", "IRPC Industrial Zone", 1, 70, 0.61, 4000, 24.0, 1.4),
    ("chachoengsao", "TH-24", "ฉะเชิงเทรา", "Chachoengsao", 1, 220, 0.33, 700, 6.0, 1.4),
    ("prachin-buri", "TH-25", "ปราจีนบุรี", "Prachin Buri", 1, 190, 0.37, 800, 9.0, 1.7),
    ("nakhon-ratchasima", "TH-30", "นครราชสีมา", "Nakhon Ratchasima", 1, 240, 0.60, 550, 8.0, 2.0),
    ("khon-kaen", "TH-40", "ขอนแก่น", "Khon Kaen", 1, 130, 0.38, 600, 9.0, 2.2),
    ("ratchaburi", "TH-70", "ราชบุรี", "Ratchaburi", 1, 150, 0.27, 650, 14.0, 1.9),
    ("nakhon-pathom", "TH-73", "นครปฐม", "Nakhon Pathom", 1, 200, 0.22, 400, 5.0, 1.7),
    ("samut-sakhon", "TH-74", "สมุทรสาคร", "Samut Sakhon", 1, 560, 0.31, 550, 5.5, 2.1),
    ("surat-thani", "TH-84", "สุราษฎร์ธานี", "Surat Thani", 1, 60, 0.25, 450, 7.0, 3.0),
    ("songkhla-chalung", "TH-90", "ตำบลฉลุง", "Tambon Chalung", 1, 50, 0.30, 350, 6.0, 2.4),
    ("songkhla-sadao", "TH-90", "อำเภอสะเดา", "Amphoe Sadao", 1, 34, 0.21, 300, 6.0, 2.5),
]
AREA_IDS = [a[0] for a in AREAS]
A = {a[0]: dict(zip(["id", "prov", "th", "en", "phase", "fac", "share", "opf", "ef", "wf"], a)) for a in AREAS}

# ---------------------------------------------------------------- sources
SRC = {
    "diw": ("กรมโรงงานอุตสาหกรรม รายงานผลการตรวจประเมินโรงงาน",
            "Department of Industrial Works, factory assessment reports"),
    "diw_eco": ("กรมโรงงานอุตสาหกรรม ศูนย์อุตสาหกรรมเชิงนิเวศ รายงานผลการดำเนินงานรายพื้นที่",
                "Department of Industrial Works, Eco Center, area progress reports"),
    "diw_waste": ("กรมโรงงานอุตสาหกรรม ระบบกำกับการขนส่งกากอุตสาหกรรม",
                  "Department of Industrial Works, industrial waste manifest system"),
    "pcd": ("กรมควบคุมมลพิษ รายงานผลการตรวจวัดคุณภาพสิ่งแวดล้อม",
            "Pollution Control Department, environmental monitoring reports"),
    "pio": ("สำนักงานอุตสาหกรรมจังหวัด รายงานข้อมูลอุตสาหกรรมจังหวัด",
            "Provincial Industry Office, provincial industry reports"),
    "dede": ("กรมพัฒนาพลังงานทดแทนและอนุรักษ์พลังงาน รายงานการจัดการพลังงานของโรงงานควบคุม",
             "Department of Alternative Energy Development and Efficiency, designated factory energy reports"),
    "tgo": ("องค์การบริหารจัดการก๊าซเรือนกระจก (องค์การมหาชน) บัญชีก๊าซเรือนกระจก",
            "Thailand Greenhouse Gas Management Organization, greenhouse gas inventory"),
    "sso": ("สำนักงานประกันสังคม กองทุนเงินทดแทน สถิติการประสบอันตรายจากการทำงาน",
            "Social Security Office, Workmen's Compensation Fund, occupational injury statistics"),
    "ieat": ("การนิคมอุตสาหกรรมแห่งประเทศไทย รายงานประจำปี",
             "Industrial Estate Authority of Thailand, annual reports"),
    "wma": ("องค์การจัดการน้ำเสีย รายงานผลการดำเนินงาน",
            "Wastewater Management Authority, performance reports"),
    "tisi": ("สำนักงานมาตรฐานผลิตภัณฑ์อุตสาหกรรม ทะเบียนการรับรองระบบการจัดการสิ่งแวดล้อม",
             "Thai Industrial Standards Institute, environmental management system certification register"),
    "ddpm": ("กรมป้องกันและบรรเทาสาธารณภัย สำนักงานป้องกันและบรรเทาสาธารณภัยจังหวัด",
             "Department of Disaster Prevention and Mitigation, provincial offices"),
    "damrongdhama": ("ศูนย์ดำรงธรรมจังหวัดและสำนักงานอุตสาหกรรมจังหวัด ระบบรับเรื่องร้องเรียน",
                     "Provincial Damrongdhama Centres and Provincial Industry Offices, complaint records"),
    "fti": ("สภาอุตสาหกรรมแห่งประเทศไทย ทะเบียนโรงงานอุตสาหกรรมเชิงนิเวศ",
            "Federation of Thai Industries, Eco Factory register"),
}

# ---------------------------------------------------------------- indicators
# Per indicator: id, dimension, theme, name_th, name_en, unit_th, unit_en,
# direction, decimals, base_year, target, target_year, source key, model spec.
# Model kinds:
#   pct_gap  : percentage, increase; moves the gap to 100 by a yearly rate
#   pct_add  : percentage, increase; moves by points per year
#   rel      : positive quantity; multiplies by (1+g) per year
#   count    : integer count; expected value modelled like rel, then rounded
#   derived  : computed from factories.csv
IND = [
    dict(id="green-area-share", dim="physical", theme="environment",
         th="สัดส่วนพื้นที่สีเขียว", en="Green area share",
         uth="ร้อยละของพื้นที่", uen="% of site area", dir="increase", dec=1, by=2016,
         target=10, ty=2026, src="ieat", kind="pct_add", base=(3.5, 9.5), step=(0.2, 0.8), noise=0.15),
    dict(id="factories-in-industrial-zones", dim="physical", theme="",
         th="สัดส่วนโรงงานที่ตั้งอยู่ในนิคมอุตสาหกรรมหรือเขตประกอบการอุตสาหกรรม",
         en="Factories in industrial estates and zones",
         uth="ร้อยละของจำนวนโรงงาน", uen="% of factories", dir="increase", dec=1, by=None,
         target=None, ty=None, src="ieat", kind="pct_add", base=(12, 60), step=(0.2, 1.2), noise=0.3),
    dict(id="central-wastewater-coverage", dim="physical", theme="environment",
         th="สัดส่วนโรงงานที่เชื่อมต่อระบบบำบัดน้ำเสียรวม",
         en="Factories connected to central wastewater treatment",
         uth="ร้อยละของจำนวนโรงงาน", uen="% of factories", dir="increase", dec=1, by=2016,
         target=60, ty=2027, src="wma", kind="pct_add", base=(15, 56), step=(1.2, 4.2), noise=0.6),
    dict(id="buffer-zone-compliance", dim="physical", theme="community",
         th="สัดส่วนโรงงานที่มีแนวกันชนตามเกณฑ์",
         en="Factories meeting buffer-zone requirements",
         uth="ร้อยละของจำนวนโรงงาน", uen="% of factories", dir="increase", dec=1, by=2016,
         target=80, ty=2026, src="diw", kind="pct_gap", base=(45, 78), step=(0.04, 0.12), noise=0.8),
    dict(id="industrial-output-value", dim="economic", theme="",
         th="มูลค่าผลผลิตภาคอุตสาหกรรม", en="Industrial output value",
         uth="ล้านบาท", uen="million baht", dir="increase", dec=0, by=None,
         target=None, ty=None, src="pio", kind="rel", step=(0.01, 0.045), noise=0.02, covid=(0.90, 0.97)),
    dict(id="local-employment", dim="economic", theme="community",
         th="สัดส่วนการจ้างแรงงานในพื้นที่", en="Local employment",
         uth="ร้อยละของแรงงานทั้งหมด", uen="% of workforce", dir="increase", dec=1, by=2016,
         target=60, ty=2025, src="pio", kind="pct_add", base=(40, 63), step=(0.4, 1.4), noise=0.5),
    dict(id="material-exchanged", dim="economic", theme="resources",
         th="ปริมาณวัสดุที่แลกเปลี่ยนใช้ประโยชน์ระหว่างโรงงาน", en="Material exchanged between factories",
         uth="ตันต่อปี", uen="t/yr", dir="increase", dec=0, by=2016,
         target=None, ty=None, src="diw_eco", kind="rel", step=(0.10, 0.30), noise=0.05, covid=(0.92, 0.98)),
    dict(id="symbiosis-links", dim="economic", theme="resources",
         th="จำนวนคู่ความร่วมมือแบบพึ่งพาอาศัยกันทางอุตสาหกรรม", en="Industrial symbiosis links",
         uth="คู่ความร่วมมือ", uen="links", dir="increase", dec=0, by=2016,
         target=None, ty=None, src="diw_eco", kind="count"),
    dict(id="eco-factory-certified", dim="economic", theme="",
         th="จำนวนโรงงานที่ได้รับการรับรองโรงงานอุตสาหกรรมเชิงนิเวศ", en="Certified Eco Factories",
         uth="โรงงาน", uen="factories", dir="increase", dec=0, by=2016,
         target=None, ty=None, src="fti", kind="derived"),
    dict(id="energy-intensity", dim="environmental", theme="energy",
         th="ความเข้มการใช้พลังงาน", en="Energy intensity",
         uth="กิโลวัตต์ชั่วโมงต่อตันผลิตภัณฑ์", uen="kWh per tonne of product", dir="decrease", dec=0, by=2016,
         target=450, ty=2027, src="dede", kind="rel", base=(420, 820), step=(0.015, 0.045), noise=0.012),
    dict(id="renewable-energy-share", dim="environmental", theme="energy",
         th="สัดส่วนการใช้พลังงานทดแทน", en="Renewable energy share",
         uth="ร้อยละ", uen="%", dir="increase", dec=1, by=2016,
         target=20, ty=2027, src="dede", kind="pct_add", base=(3, 14), step=(0.5, 2.2), noise=0.4),
    dict(id="water-intensity", dim="environmental", theme="resources",
         th="ความเข้มการใช้น้ำ", en="Water intensity",
         uth="ลูกบาศก์เมตรต่อตันผลิตภัณฑ์", uen="m³ per tonne of product", dir="decrease", dec=2, by=2016,
         target=4, ty=2026, src="diw", kind="rel", base=(3.6, 8.5), step=(0.02, 0.06), noise=0.015),
    dict(id="water-reuse", dim="environmental", theme="resources",
         th="สัดส่วนการนำน้ำกลับมาใช้ซ้ำ", en="Water reuse",
         uth="ร้อยละ", uen="%", dir="increase", dec=1, by=2016,
         target=30, ty=2026, src="diw", kind="pct_add", base=(6, 24), step=(0.6, 2.5), noise=0.5),
    dict(id="industrial-waste", dim="environmental", theme="environment",
         th="ปริมาณกากอุตสาหกรรมที่เกิดขึ้น", en="Industrial waste generated",
         uth="ตันต่อปี", uen="t/yr", dir="decrease", dec=0, by=2016,
         target=None, ty=None, src="diw_waste", kind="rel", step=(0.01, 0.04), noise=0.02, covid=(0.93, 0.98)),
    dict(id="waste-diverted", dim="environmental", theme="environment",
         th="สัดส่วนกากอุตสาหกรรมที่นำไปใช้ประโยชน์แทนการฝังกลบ", en="Waste diverted from landfill",
         uth="ร้อยละ", uen="%", dir="increase", dec=1, by=2016,
         target=85, ty=2025, src="diw_waste", kind="pct_gap", base=(55, 80), step=(0.04, 0.12), noise=0.6),
    dict(id="ghg-emissions", dim="environmental", theme="energy",
         th="ปริมาณการปล่อยก๊าซเรือนกระจก", en="Greenhouse gas emissions",
         uth="ตันคาร์บอนไดออกไซด์เทียบเท่าต่อปี", uen="t CO₂e/yr", dir="decrease", dec=0, by=2016,
         target=None, ty=None, src="tgo", kind="rel", step=(0.005, 0.03), noise=0.015, covid=(0.92, 0.97)),
    dict(id="air-emissions-compliant", dim="environmental", theme="environment",
         th="สัดส่วนผลการตรวจวัดมลพิษทางอากาศที่ผ่านเกณฑ์มาตรฐาน",
         en="Air emission measurements within standard",
         uth="ร้อยละของจำนวนครั้งที่ตรวจวัด", uen="% of measurements", dir="increase", dec=1, by=2016,
         target=95, ty=2024, src="pcd", kind="pct_gap", base=(82, 94), step=(0.05, 0.15), noise=0.5),
    dict(id="wastewater-compliant", dim="environmental", theme="environment",
         th="สัดส่วนตัวอย่างน้ำทิ้งที่ผ่านเกณฑ์มาตรฐาน",
         en="Effluent samples within standard",
         uth="ร้อยละของจำนวนตัวอย่าง", uen="% of samples", dir="increase", dec=1, by=2016,
         target=95, ty=2024, src="pcd", kind="pct_gap", base=(80, 93), step=(0.06, 0.17), noise=0.6),
    dict(id="hazardous-waste-managed", dim="environmental", theme="chemicals",
         th="สัดส่วนของเสียอันตรายที่ได้รับการจัดการอย่างถูกต้อง", en="Hazardous waste properly managed",
         uth="ร้อยละ", uen="%", dir="increase", dec=1, by=2016,
         target=90, ty=2025, src="diw_waste", kind="pct_gap", base=(62, 86), step=(0.05, 0.14), noise=0.6),
    dict(id="community-complaints", dim="social", theme="community",
         th="จำนวนเรื่องร้องเรียนจากชุมชน", en="Community complaints",
         uth="เรื่องต่อปี", uen="complaints/yr", dir="decrease", dec=0, by=2016,
         target=None, ty=None, src="damrongdhama", kind="count"),
    dict(id="complaints-resolved", dim="social", theme="community",
         th="สัดส่วนเรื่องร้องเรียนที่ได้รับการแก้ไขแล้วเสร็จ", en="Complaints resolved",
         uth="ร้อยละ", uen="%", dir="increase", dec=1, by=2016,
         target=90, ty=2024, src="damrongdhama", kind="pct_gap", base=(64, 87), step=(0.07, 0.18), noise=1.2),
    dict(id="community-projects", dim="social", theme="community",
         th="จำนวนโครงการเพื่อชุมชน", en="Community projects",
         uth="โครงการต่อปี", uen="projects/yr", dir="increase", dec=0, by=2016,
         target=None, ty=None, src="diw_eco", kind="count", covid=(0.55, 0.75)),
    dict(id="lost-time-injury-frequency", dim="social", theme="safety",
         th="อัตราความถี่ของการบาดเจ็บถึงขั้นหยุดงาน", en="Lost-time injury frequency rate",
         uth="ครั้งต่อหนึ่งล้านชั่วโมงการทำงาน", uen="per 1,000,000 hours", dir="decrease", dec=2, by=2016,
         target=1.5, ty=2025, src="sso", kind="rel", base=(1.6, 5.5), step=(0.04, 0.12), noise=0.05),
    dict(id="chemical-incidents", dim="social", theme="chemicals",
         th="จำนวนอุบัติภัยจากสารเคมี", en="Chemical incidents",
         uth="ครั้งต่อปี", uen="incidents/yr", dir="decrease", dec=0, by=2016,
         target=0, ty=2025, src="diw", kind="count"),
    dict(id="emergency-drills", dim="social", theme="safety",
         th="จำนวนการฝึกซ้อมแผนฉุกเฉินระดับพื้นที่", en="Area emergency drills",
         uth="ครั้งต่อปี", uen="drills/yr", dir="increase", dec=0, by=2016,
         target=4, ty=2024, src="ddpm", kind="count", covid=(0.5, 0.8)),
    dict(id="chemicals-with-sds", dim="management", theme="chemicals",
         th="สัดส่วนสารเคมีที่มีเอกสารข้อมูลความปลอดภัย", en="Chemicals with safety data sheets",
         uth="ร้อยละ", uen="%", dir="increase", dec=1, by=2016,
         target=100, ty=2027, src="diw", kind="pct_gap", base=(60, 90), step=(0.10, 0.25), noise=0.8),
    dict(id="environmental-reports-submitted", dim="management", theme="environment",
         th="สัดส่วนโรงงานที่ส่งรายงานผลการปฏิบัติตามมาตรการด้านสิ่งแวดล้อมตามกำหนด",
         en="Factories submitting environmental reports on time",
         uth="ร้อยละของจำนวนโรงงาน", uen="% of factories", dir="increase", dec=1, by=2016,
         target=90, ty=2024, src="diw", kind="pct_gap", base=(55, 84), step=(0.08, 0.18), noise=1.0),
    dict(id="iso14001-certified", dim="management", theme="environment",
         th="จำนวนโรงงานที่ได้รับการรับรองมาตรฐาน ISO 14001", en="ISO 14001 certified factories",
         uth="โรงงาน", uen="factories", dir="increase", dec=0, by=None,
         target=None, ty=None, src="tisi", kind="derived"),
    dict(id="network-meetings", dim="management", theme="community",
         th="จำนวนการประชุมเครือข่ายโรงงานและชุมชน", en="Factory and community network meetings",
         uth="ครั้งต่อปี", uen="meetings/yr", dir="increase", dec=0, by=None,
         target=12, ty=2025, src="diw_eco", kind="count", covid=(0.5, 0.75)),
    dict(id="emergency-plan-coverage", dim="management", theme="safety",
         th="สัดส่วนโรงงานที่มีแผนป้องกันและระงับเหตุฉุกเฉิน", en="Factories with an emergency response plan",
         uth="ร้อยละของจำนวนโรงงาน", uen="% of factories", dir="increase", dec=1, by=2016,
         target=95, ty=2026, src="diw", kind="pct_gap", base=(66, 90), step=(0.10, 0.22), noise=0.8),
]
IND_IDS = [i["id"] for i in IND]
I = {i["id"]: i for i in IND}

# ---------------------------------------------------------------- factories
def make_factories():
    """Return {(area, year): (total, upgraded_cumulative)} with the seed sums."""
    final_up = {a: round(A[a]["fac"] * A[a]["share"]) for a in AREA_IDS}
    diff = 1760 - sum(final_up.values())
    final_up["samut-prakan"] += diff  # absorb rounding in the largest area
    assert sum(A[a]["fac"] for a in AREA_IDS) == 4494
    assert sum(final_up.values()) == 1760
    # cumulative share of the FY2021 upgrades reached in each year (S-curve, COVID slowdown)
    curves = [
        (0.04, 0.14, 0.33, 0.55, 0.74, 1.0),
        (0.06, 0.20, 0.40, 0.60, 0.78, 1.0),
        (0.02, 0.10, 0.26, 0.47, 0.70, 1.0),
        (0.05, 0.17, 0.36, 0.58, 0.72, 1.0),
    ]
    out = {}
    for k, a in enumerate(AREA_IDS):
        r = rng_for("factories", a)
        tot21 = A[a]["fac"]
        growth = r.uniform(0.020, 0.065)  # total grew by this share FY2016->FY2021
        tot16 = round(tot21 * (1 - growth))
        curve = curves[k % len(curves)]
        prev_up = 0
        for j, y in enumerate(YEARS):
            tot = round(tot16 + (tot21 - tot16) * j / 5)
            up = max(prev_up, round(final_up[a] * curve[j]))
            if y == 2016:
                up = max(up, 1)
            assert up <= tot
            out[(a, y)] = (tot, up)
            prev_up = up
    return out


LEVELS = {
    "samut-prakan":              (1, 1, 2, 2, 2, 3),
    "pathum-thani-bang-kadi":    (1, 1, 2, 2, 3, 3),
    "pathum-thani-lat-lum-kaeo": (1, 1, 1, 2, 2, 2),
    "phra-nakhon-si-ayutthaya":  (1, 1, 2, 2, 2, 3),
    "saraburi":                  (1, 2, 2, 2, 3, 3),
    "chon-buri":                 (1, 1, 2, 2, 3, 3),
    "rayong-map-ta-phut":        (1, 2, 2, 3, 3, 3),
    "rayong-irpc":               (1, 2, 2, 3, 3, 3),
    "chachoengsao":              (1, 1, 1, 2, 2, 2),
    "prachin-buri":              (1, 1, 2, 2, 2, 2),
    "nakhon-ratchasima":         (1, 1, 2, 2, 3, 3),
    "khon-kaen":                 (1, 1, 1, 2, 2, 2),
    "ratchaburi":                (1, 1, 1, 1, 2, 2),
    "nakhon-pathom":             (1, 1, 1, 1, 1, 2),
    "samut-sakhon":              (1, 1, 2, 2, 2, 2),
    "surat-thani":               (1, 1, 1, 1, 2, 2),
    "songkhla-chalung":          (1, 1, 1, 1, 1, 2),
    "songkhla-sadao":            (1, 1, 1, 1, 1, 1),
}

# ---------------------------------------------------------------- observations
# Explicitly planted series (values for 2016..2021; None = row absent).
# Documented in the report so that tests can rely on them.
PLANTED = {
    # zero in the base year for a decrease-is-better count
    ("songkhla-sadao", "chemical-incidents"): [0, 1, 0, 1, 0, 0],
    ("songkhla-chalung", "chemical-incidents"): [0, 0, 1, 0, 0, 0],
    # rising count = deterioration
    ("rayong-map-ta-phut", "community-complaints"): [58, 61, 66, 72, 69, 77],
    # noisy ups and downs
    ("samut-prakan", "community-complaints"): [47, 39, 52, 41, 36, 44],
    # deteriorating intensity (worse), no target reached
    ("samut-sakhon", "water-intensity"): [6.12, 6.25, 6.31, 6.48, 6.55, 6.71],
    # rising waste = deterioration (decrease is better)
    ("samut-sakhon", "industrial-waste"): [612400, 634900, 661200, 689800, 671500, 702300],
    # target reached by 2021 (85), crossing in 2020
    ("rayong-irpc", "waste-diverted"): [74.2, 77.9, 80.8, 83.1, 85.4, 87.6],
    # target (100) reached exactly
    ("nakhon-ratchasima", "chemicals-with-sds"): [82.5, 88.0, 93.6, 97.2, 99.1, 100.0],
    # target (95) already met in the base year
    ("rayong-irpc", "air-emissions-compliant"): [95.8, 96.3, 96.1, 97.0, 97.4, 97.8],
    # flat series
    ("saraburi", "local-employment"): [52.4, 52.6, 52.3, 52.5, 52.4, 52.6],
    # missing base year: no 2016 row, base falls to 2017
    ("khon-kaen", "water-intensity"): [None, 5.84, 5.61, 5.47, 5.30, 5.12],
    ("prachin-buri", "ghg-emissions"): [None, 1402300, 1376800, 1351900, 1248700, 1302600],
    # deteriorating percentage (increase is better but falls)
    ("chachoengsao", "water-reuse"): [18.4, 17.9, 17.1, 16.5, 16.8, 15.9],
    # energy intensity reached the target (450) in 2019 and stays below
    ("pathum-thani-bang-kadi", "energy-intensity"): [512, 489, 468, 447, 439, 426],
    # lost-time injury rate reaches the target 1.5
    ("phra-nakhon-si-ayutthaya", "lost-time-injury-frequency"): [2.41, 2.18, 1.93, 1.71, 1.58, 1.46],
}

# series that lose the FY2016 row in addition to the planted ones
NO_2016 = [
    ("samut-prakan", "material-exchanged"),
    ("pathum-thani-lat-lum-kaeo", "symbiosis-links"),
    ("chon-buri", "water-reuse"),
    ("rayong-map-ta-phut", "renewable-energy-share"),
    ("nakhon-pathom", "energy-intensity"),
    ("surat-thani", "complaints-resolved"),
    ("ratchaburi", "hazardous-waste-managed"),
    ("songkhla-sadao", "emergency-plan-coverage"),
    ("samut-sakhon", "buffer-zone-compliance"),
    ("khon-kaen", "central-wastewater-coverage"),
    ("songkhla-chalung", "green-area-share"),
    ("phra-nakhon-si-ayutthaya", "wastewater-compliant"),
]

COVID_TH = "ไม่ได้เก็บข้อมูลเนื่องจากสถานการณ์การแพร่ระบาดของโรคโควิด-19"
COVID_EN = "Not collected because of the COVID-19 pandemic"
BLANK_NOTES = {
    "verify": ("ข้อมูลอยู่ระหว่างการตรวจสอบความถูกต้อง", "Data under verification, not yet released"),
    "equipment": ("เครื่องมือตรวจวัดชำรุดเป็นเวลานานจึงไม่มีผลการตรวจวัด",
                  "Monitoring equipment out of service for most of the year; no valid measurements"),
    "reports": ("โรงงานส่งรายงานไม่ครบ จึงไม่สามารถคำนวณค่าได้",
                "Too few factories reported, so no value could be computed"),
}
EST_NOTES = [
    ("ประมาณการจากข้อมูลปีก่อนหน้า", "Estimated from the previous year's data"),
    ("ประมาณการจากโรงงานที่ส่งรายงานบางส่วน", "Estimated from the factories that reported (partial coverage)"),
    ("ประมาณการจากข้อมูลการใช้ไฟฟ้าของการไฟฟ้าส่วนภูมิภาค",
     "Estimated from Provincial Electricity Authority consumption data"),
]


def trend_category(r):
    x = r.random()
    if x < 0.60:
        return "improve"
    if x < 0.75:
        return "deteriorate"
    if x < 0.87:
        return "flat"
    return "noisy"


def clamp(v, lo, hi):
    return max(lo, min(hi, v))


def series_values(a, ind, fac):
    """Modelled values (floats, unrounded) for 2016..2021."""
    iid, kind = ind["id"], ind["kind"]
    r = rng_for("series", a, iid)
    cat = trend_category(r)
    ar = A[a]
    size = ar["fac"] / 250.0
    better = 1 if ind["dir"] == "increase" else -1
    covid = ind.get("covid")

    def cov(j, v):
        if covid and YEARS[j] == 2020:
            return v * covid[0]
        if covid and YEARS[j] == 2021:
            return v * covid[1]
        return v

    vals = []
    if kind in ("pct_add", "pct_gap"):
        lo, hi = ind["base"]
        v0 = r.uniform(lo, hi)
        # area-specific adjustments for realism
        if iid == "factories-in-industrial-zones":
            v0 = {"rayong-irpc": 100.0, "rayong-map-ta-phut": 86.0, "chon-buri": 71.0,
                  "phra-nakhon-si-ayutthaya": 64.0, "pathum-thani-bang-kadi": 78.0}.get(a, v0)
        if iid == "renewable-energy-share" and a in ("surat-thani", "songkhla-chalung", "khon-kaen", "ratchaburi"):
            v0 += 9  # palm oil, rubber and sugar mills burn biomass
        if iid == "green-area-share" and a in ("rayong-irpc", "rayong-map-ta-phut", "pathum-thani-bang-kadi"):
            v0 += 2.5  # estates with a 10 % green-area rule
        s_lo, s_hi = ind["step"]
        if cat == "improve":
            step = r.uniform(s_lo, s_hi)
        elif cat == "deteriorate":
            step = -r.uniform(s_lo * 0.3, s_hi * 0.6)
            if kind == "pct_gap":
                step = max(step, -0.04)  # the gap to 100 grows at most 4 % a year
        elif cat == "flat":
            step = r.uniform(-0.1, 0.1) * s_lo
        else:
            step = r.uniform(s_lo * 0.5, s_hi)
        noise = ind["noise"] * (3 if cat == "noisy" else 1)
        v = v0
        for j in range(6):
            if j > 0:
                if kind == "pct_add":
                    v = v + step
                else:
                    v = 100 - (100 - v) * (1 - step)
            vj = v + (r.gauss(0, noise) if j > 0 else 0)
            if iid == "factories-in-industrial-zones" and a == "rayong-irpc":
                vj = 100.0
            vals.append(clamp(vj, 0.0, 99.9 if iid != "factories-in-industrial-zones" else 100.0))
        return vals, cat

    if kind == "rel":
        if iid == "industrial-output-value":
            v0 = ar["fac"] * 0.96 * ar["opf"] * r.uniform(0.9, 1.1)
        elif iid == "industrial-waste":
            v0 = ar["fac"] * 0.96 * ar["opf"] * ar["wf"] * r.uniform(0.85, 1.15)
        elif iid == "ghg-emissions":
            v0 = ar["fac"] * 0.96 * ar["opf"] * ar["ef"] * r.uniform(0.9, 1.1)
        elif iid == "material-exchanged":
            v0 = ar["fac"] * 0.96 * ar["opf"] * ar["wf"] * r.uniform(0.015, 0.04)
        else:
            lo, hi = ind["base"]
            v0 = r.uniform(lo, hi)
            if iid == "energy-intensity" and a in ("saraburi", "rayong-map-ta-phut", "rayong-irpc"):
                v0 *= 1.25
        s_lo, s_hi = ind["step"]
        if cat == "improve":
            g = better * r.uniform(s_lo, s_hi)
        elif cat == "deteriorate":
            g = -better * r.uniform(s_lo * 0.3, min(s_hi * 0.6, 0.03))
        elif cat == "flat":
            g = r.uniform(-0.003, 0.003)
        else:
            g = better * r.uniform(s_lo * 0.5, s_hi)
        # output and material exchange grow in most areas regardless of category mix
        if iid in ("industrial-output-value", "material-exchanged") and cat == "flat":
            g = r.uniform(0.0, 0.01)
        noise = ind["noise"] * (3 if cat == "noisy" else 1)
        v = v0
        for j in range(6):
            if j > 0:
                v = v * (1 + g)
            vj = cov(j, v * (1 + (r.gauss(0, noise) if j > 0 else 0)))
            vals.append(max(vj, 0.0))
        return vals, cat

    if kind == "count":
        if iid == "symbiosis-links":
            v0 = max(1.0, size * r.uniform(2, 6))
            inc = size * r.uniform(1.0, 3.5) + 0.6
            if cat == "deteriorate":
                inc = -0.08 * v0  # links lapse when partner plants close
            elif cat == "flat":
                inc = 0.0
            out = []
            for j in range(6):
                out.append(max(0.0, v0 + inc * j + (r.gauss(0, 0.5) if j else 0)))
            return out, cat
        if iid == "community-complaints":
            hot = 2.2 if a in ("rayong-map-ta-phut", "samut-sakhon", "samut-prakan", "rayong-irpc") else 1.0
            v0 = max(1.0, ar["fac"] * 0.075 * hot * r.uniform(0.7, 1.3))
            g = {"improve": -r.uniform(0.05, 0.14), "deteriorate": r.uniform(0.03, 0.08),
                 "flat": 0.0, "noisy": -r.uniform(0.0, 0.08)}[cat]
            sd = 0.06 if cat != "noisy" else 0.18
            return [v0 * (1 + g) ** j * (1 + (r.gauss(0, sd) if j else 0)) for j in range(6)], cat
        if iid == "community-projects":
            v0 = max(1.0, 1.5 + size * r.uniform(2, 5))
            g = {"improve": r.uniform(0.08, 0.2), "deteriorate": -r.uniform(0.03, 0.08),
                 "flat": 0.0, "noisy": r.uniform(0.0, 0.12)}[cat]
            sd = 0.05 if cat != "noisy" else 0.2
            return [cov(j, v0 * (1 + g) ** j * (1 + (r.gauss(0, sd) if j else 0))) for j in range(6)], cat
        if iid == "chemical-incidents":
            heavy = 2.5 if a in ("rayong-map-ta-phut", "rayong-irpc", "samut-prakan") else 1.0
            v0 = max(0.6, size * r.uniform(1.0, 2.5) * heavy)
            g = {"improve": -r.uniform(0.1, 0.25), "deteriorate": r.uniform(0.05, 0.12),
                 "flat": 0.0, "noisy": -r.uniform(0.0, 0.12)}[cat]
            sd = 0.1 if cat != "noisy" else 0.35
            return [v0 * (1 + g) ** j * (1 + (r.gauss(0, sd) if j else 0)) for j in range(6)], cat
        if iid == "emergency-drills":
            v0 = r.uniform(1.0, 3.4) + (1 if size > 1.5 else 0)
            inc = {"improve": r.uniform(0.3, 0.7), "deteriorate": -r.uniform(0.1, 0.25),
                   "flat": 0.0, "noisy": r.uniform(0.1, 0.5)}[cat]
            return [cov(j, max(0.0, v0 + inc * j + (r.gauss(0, 0.3) if j else 0))) for j in range(6)], cat
        if iid == "network-meetings":
            # networks formed in FY2016-17: some areas held none in FY2016
            v0 = r.choice([0, 0, 1, 2, 3, 4])
            inc = {"improve": r.uniform(1.8, 3.4), "deteriorate": r.uniform(0.3, 0.8),
                   "flat": r.uniform(0.6, 1.2), "noisy": r.uniform(1.0, 2.4)}[cat]
            if cat == "deteriorate":
                cat = "improve"  # meetings rise everywhere as networks are set up
            return [cov(j, v0 + inc * j + (r.gauss(0, 0.6) if j else 0)) for j in range(6)], cat
    raise ValueError(iid)


def derived_values(a, iid, fac):
    r = rng_for("derived", a, iid)
    if iid == "eco-factory-certified":
        frac = r.uniform(0.28, 0.55)
        out, prev = [], 0
        for y in YEARS:
            tot, up = fac[(a, y)]
            v = max(prev, int(up * frac))
            out.append(float(min(v, up)))
            prev = v
        return out, "improve"
    if iid == "iso14001-certified":
        frac0 = r.uniform(0.06, 0.20)
        if a in ("rayong-map-ta-phut", "rayong-irpc", "phra-nakhon-si-ayutthaya", "chon-buri"):
            frac0 += 0.12
        g = r.uniform(0.0, 0.012)
        out, prev = [], 0
        for j, y in enumerate(YEARS):
            tot, up = fac[(a, y)]
            v = max(prev, round(tot * (frac0 + g * j)))
            out.append(float(min(v, tot)))
            prev = v
        return out, "improve"
    raise ValueError(iid)


def fmt(v, dec):
    if v is None:
        return ""
    s = f"{v:.{dec}f}"
    if s.startswith("-0") and float(s) == 0:
        s = s[1:]
    return s


def make_observations(fac):
    rows = {}  # (a, iid, y) -> [value_str, status, note_th, note_en]
    cats = {}
    for a in AREA_IDS:
        for ind in IND:
            iid, dec = ind["id"], ind["dec"]
            if (a, iid) in PLANTED:
                vals = PLANTED[(a, iid)]
                cats[(a, iid)] = "planted"
            elif ind["kind"] == "derived":
                vals, cats[(a, iid)] = derived_values(a, iid, fac)
            else:
                vals, cats[(a, iid)] = series_values(a, ind, fac)
            for j, y in enumerate(YEARS):
                v = vals[j]
                if v is None:
                    continue  # absent row
                if dec == 0:
                    v = float(round(v))
                rows[(a, iid, y)] = [fmt(v, dec), "final", "", ""]
    protected = set(PLANTED)

    # absent FY2016 rows (base year falls to 2017)
    for key in NO_2016:
        assert key not in protected and I[key[1]]["by"] == 2016, key
        del rows[(key[0], key[1], 2016)]
    protected |= set(NO_2016)

    r = rng_for("gaps")
    # blank values with a note: COVID-19 for social/meeting indicators in 2020-21
    covid_inds = ["community-projects", "network-meetings", "emergency-drills", "local-employment",
                  "complaints-resolved", "buffer-zone-compliance"]
    blanks = []
    while len(blanks) < 22:
        a, iid, y = r.choice(AREA_IDS), r.choice(covid_inds), r.choice([2020, 2020, 2021])
        if (a, iid) in protected or (a, iid, y) not in rows or (a, iid, y) in blanks:
            continue
        blanks.append((a, iid, y))
        rows[(a, iid, y)] = ["", "final", COVID_TH, COVID_EN]
    other = [("verify", ["ghg-emissions", "industrial-waste", "material-exchanged", "water-intensity"], [2021]),
             ("equipment", ["air-emissions-compliant"], [2018, 2019, 2020]),
             ("reports", ["environmental-reports-submitted", "hazardous-waste-managed", "water-reuse"], [2017, 2019, 2021])]
    for key, inds, years in other:
        n = {"verify": 5, "equipment": 3, "reports": 4}[key]
        k = 0
        while k < n:
            a, iid, y = r.choice(AREA_IDS), r.choice(inds), r.choice(years)
            if (a, iid) in protected or (a, iid, y) not in rows or rows[(a, iid, y)][0] == "":
                continue
            rows[(a, iid, y)] = ["", "provisional" if key == "verify" else "final", *BLANK_NOTES[key]]
            blanks.append((a, iid, y))
            k += 1

    # further absent rows, anywhere from 2017 on (no note possible: the row is missing)
    absent = 0
    while absent < 38:
        a, iid, y = r.choice(AREA_IDS), r.choice(IND_IDS), r.choice(YEARS[1:])
        if (a, iid) in protected or (a, iid, y) not in rows or rows[(a, iid, y)][0] == "":
            continue
        # keep at least 4 values per series
        present = sum(1 for yy in YEARS if rows.get((a, iid, yy), [""])[0] != "")
        if present <= 4:
            continue
        del rows[(a, iid, y)]
        absent += 1

    # estimated values with a note
    est = 0
    while est < 12:
        a, iid, y = r.choice(AREA_IDS), r.choice(IND_IDS), r.choice(YEARS[1:])
        if (a, iid) in protected or (a, iid, y) not in rows or rows[(a, iid, y)][0] == "" \
                or rows[(a, iid, y)][1] != "final" or I[iid]["kind"] in ("derived", "count"):
            continue
        if iid == "energy-intensity":
            note = EST_NOTES[2]
        elif y > 2016 and (a, iid, y - 1) in rows and rows[(a, iid, y - 1)][0] != "" and r.random() < 0.4:
            note = EST_NOTES[0]
            rows[(a, iid, y)][0] = rows[(a, iid, y - 1)][0]  # carried forward
        else:
            note = EST_NOTES[1]
        rows[(a, iid, y)][1:] = ["estimated", note[0], note[1]]
        est += 1

    # provisional: about 30 % of FY2021 values
    for (a, iid, y), row in rows.items():
        if y == 2021 and row[0] != "" and row[1] == "final" and rng_for("prov", a, iid).random() < 0.30:
            row[1] = "provisional"
    # the planted "target reached" checks use final values; keep planted statuses final
    for (a, iid) in PLANTED:
        if (a, iid, 2021) in rows:
            rows[(a, iid, 2021)][1] = "final"
    return rows, cats


def write_csv(name, header, rows):
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        w.writerows(rows)
    return path


def main():
    os.makedirs(OUT, exist_ok=True)
    write_csv("provinces.csv", ["province_code", "name_th", "name_en"], PROVINCES)
    write_csv("areas.csv", ["area_id", "province_code", "name_th", "name_en", "phase"],
              [(a[0], a[1], a[2], a[3], a[4]) for a in AREAS])
    ind_rows = []
    for i in IND:
        th, en = SRC[i["src"]]
        tgt = "" if i["target"] is None else fmt(i["target"], i["dec"])
        ind_rows.append([i["id"], i["dim"], i["theme"], i["th"], i["en"], i["uth"], i["uen"], i["dir"],
                         i["dec"], "" if i["by"] is None else i["by"], tgt,
                         "" if i["ty"] is None else i["ty"], th + SAMPLE_TH, en + SAMPLE_EN])
    write_csv("indicators.csv", ["indicator_id", "dimension", "theme", "name_th", "name_en", "unit_th",
                                 "unit_en", "direction", "decimals", "base_year", "target", "target_year",
                                 "source_th", "source_en"], ind_rows)
    fac = make_factories()
    write_csv("factories.csv", ["area_id", "year", "factories_total", "factories_upgraded"],
              [(a, y, *fac[(a, y)]) for a in AREA_IDS for y in YEARS])
    write_csv("levels.csv", ["area_id", "year", "level"],
              [(a, y, LEVELS[a][j]) for a in AREA_IDS for j, y in enumerate(YEARS)])
    rows, cats = make_observations(fac)
    out = []
    for a in AREA_IDS:
        for iid in IND_IDS:
            for y in YEARS:
                if (a, iid, y) in rows:
                    out.append([a, iid, y, *rows[(a, iid, y)]])
    write_csv("observations.csv", ["area_id", "indicator_id", "year", "value", "status", "note_th", "note_en"], out)


if __name__ == "__main__":
    main()
