//! The declaration of the material-flow tables: materials, the nodes flows run between, the flows
//! of each area and year, and the flows that are industrial symbiosis. All four are optional (a
//! site without them has no material-flow pages); the loader checks them in this order, each
//! against the ones before.

use super::*;

pub(super) fn declare() -> Vec<TableSpec> {
    vec![materials(), flow_nodes(), flows(), symbiosis()]
}

/// The categories of a material, in the order charts show them.
pub const MATERIAL_CATEGORIES: [&str; 6] = [
    "product",
    "by-product",
    "waste",
    "energy",
    "water",
    "emission",
];
/// The kinds of node a flow runs between.
pub const NODE_KINDS: [&str; 7] = [
    "factory-group",
    "utility",
    "community",
    "treatment",
    "outside",
    "market",
    "stock",
];
/// The units of a flow: tonnes for materials, m³ for water, MWh or GJ for energy.
pub const FLOW_UNITS: [&str; 4] = ["t/yr", "m3/yr", "MWh/yr", "GJ/yr"];
/// What an indicator's `measured_by` may name: a figure of an area and year made from the flows.
pub const MEASURES: [&str; 4] = [
    "exchanged-tonnes",
    "symbiosis-links",
    "landfill-diverted",
    "co2e-avoided",
];
/// The kinds of symbiosis link.
pub const LINK_KINDS: [&str; 3] = ["factory-factory", "factory-community", "factory-utility"];

fn empty_when_absent(mut t: TableSpec) -> TableSpec {
    t.absent = Absent::Empty;
    t
}

fn id_column(name: &'static str, title: (&str, &str), description: (&str, &str)) -> Column {
    col(name, Kind::String, title, description)
        .value_required()
        .pattern(SLUG)
}

fn materials() -> TableSpec {
    let mut t = spec(
        "materials",
        (
            "วัสดุ",
            "วัสดุ พลังงาน และน้ำที่ไหลระหว่างโรงงาน ชุมชน และผู้บำบัด พร้อมประเภทและความเป็นอันตราย",
        ),
        (
            "Materials",
            "The materials, energy and water that flow between factories, communities and treatment, with their category and whether they are hazardous.",
        ),
    );
    let [name_th, name_en] = name_columns("วัสดุ", "Material");
    t.columns = vec![
        id_column(
            "material_id",
            ("รหัสวัสดุ", "Material id"),
            ("รหัสวัสดุ ใช้ในคอลัมน์ material ของ flows", "Material id, used in the `material` column of flows"),
        )
        .unique(),
        name_th,
        name_en,
        col(
            "category",
            Kind::String,
            ("ประเภท", "Category"),
            (
                "ประเภทของวัสดุ: พลังงานวัดเป็น MWh หรือ GJ น้ำเป็น ลบ.ม. อื่น ๆ เป็นตัน",
                "The material's category: energy is measured in MWh or GJ, water in m³, the others in tonnes",
            ),
        )
        .value_required()
        .choices(&MATERIAL_CATEGORIES),
        col(
            "hazardous",
            Kind::String,
            ("เป็นของเสียอันตราย", "Hazardous"),
            ("เป็นวัสดุอันตรายหรือไม่: yes หรือ no", "Whether it is hazardous: yes or no"),
        )
        .choices(&["yes", "no"])
        .default_value("no"),
    ];
    t.primary_key = vec!["material_id"];
    t.example =
        "material_id,name_th,name_en,category,hazardous\nfly-ash,เถ้าลอย,Fly ash,by-product,no";
    empty_when_absent(t)
}

fn flow_nodes() -> TableSpec {
    let mut t = spec(
        "flow_nodes",
        (
            "จุดของผังการไหล",
            "กลุ่มโรงงาน สาธารณูปโภค ชุมชน ผู้บำบัด และภายนอกพื้นที่ ที่วัสดุไหลเข้าออก (เป็นกลุ่มหรือประเภทอุตสาหกรรม ไม่ระบุชื่อโรงงาน)",
        ),
        (
            "Flow nodes",
            "The factory groups, utilities, communities, treatment and outside parties materials flow between (groups or sectors, not named factories).",
        ),
    );
    let [name_th, name_en] = name_columns("จุด", "Node");
    t.columns = vec![
        id_column(
            "node_id",
            ("รหัสจุด", "Node id"),
            (
                "รหัสจุด ใช้ในคอลัมน์ source และ target ของ flows",
                "Node id, used in the `source` and `target` columns of flows",
            ),
        )
        .unique(),
        col(
            "kind",
            Kind::String,
            ("ประเภท", "Kind"),
            (
                "ประเภทของจุด: กลุ่มโรงงาน สาธารณูปโภค ชุมชน ผู้บำบัด/หลุมฝังกลบ ภายนอกพื้นที่ ตลาด หรือที่เก็บสะสม",
                "What the node is: a group of factories, a utility, a community, treatment or landfill, a party outside the area, a product market, or a stock",
            ),
        )
        .value_required()
        .choices(&NODE_KINDS),
        name_th,
        name_en,
        col(
            "balance_tolerance",
            Kind::Number,
            ("ความคลาดเคลื่อนของสมดุลมวล (%)", "Mass balance tolerance (%)"),
            (
                "เมื่อระบุ ปริมาณเข้าต้องเท่ากับปริมาณออก (รวมการเปลี่ยนแปลงของที่เก็บสะสม) ในแต่ละพื้นที่ ปี และหน่วย โดยคลาดเคลื่อนได้ไม่เกินร้อยละนี้",
                "When given, the node's inputs must equal its outputs (a stock change is a flow to or from a `stock` node) in each area, year and unit, within this percentage",
            ),
        )
        .range(0, 100),
    ];
    t.primary_key = vec!["node_id"];
    t.example = "node_id,kind,name_th,name_en,balance_tolerance\n\
        saraburi-cement,factory-group,โรงงานปูนซีเมนต์,Cement plants,\n\
        saraburi-recyclers,factory-group,ผู้รับซื้อและคัดแยกกระดาษ,Paper recyclers,2";
    empty_when_absent(t)
}

fn node_reference(name: &'static str, th: &str, en: &str) -> Column {
    id_column(
        name,
        (th, en),
        (
            &format!("{th} (ดู flow_nodes)"),
            &format!("{en} (see flow_nodes)"),
        ),
    )
}

fn flows() -> TableSpec {
    let mut t = spec(
        "flows",
        (
            "การไหลของวัสดุ",
            "การไหลของวัสดุ พลังงาน และน้ำระหว่างจุดต่าง ๆ ของแต่ละพื้นที่ต่อปีงบประมาณ (ผังการไหลของวัสดุ) หนึ่งการไหลต่อแถว",
        ),
        (
            "Material flows",
            "The flows of materials, energy and water between the nodes of each area per fiscal year (the material-flow diagrams), one flow per row.",
        ),
    );
    let [note_th, note_en] = note_columns();
    t.columns = vec![
        area_key(),
        year_column(),
        node_reference("source", "จุดต้นทาง", "Source node"),
        node_reference("target", "จุดปลายทาง", "Target node"),
        id_column(
            "material",
            ("วัสดุ", "Material"),
            ("วัสดุที่ไหล (ดู materials)", "What flows (see materials)"),
        ),
        col(
            "quantity",
            Kind::Number,
            ("ปริมาณ", "Quantity"),
            (
                "ปริมาณต่อปี ในหน่วยของคอลัมน์ unit ไม่ติดลบ",
                "The quantity per year, in `unit`; not negative",
            ),
        )
        .value_required(),
        col(
            "unit",
            Kind::String,
            ("หน่วย", "Unit"),
            (
                "t/yr สำหรับวัสดุ m3/yr สำหรับน้ำ MWh/yr หรือ GJ/yr สำหรับพลังงาน หน่วยต่างกันไม่นำมารวมกัน",
                "`t/yr` for materials, `m3/yr` for water, `MWh/yr` or `GJ/yr` for energy; quantities in different units are never added",
            ),
        )
        .value_required()
        .choices(&FLOW_UNITS),
        status_column(),
        note_th,
        note_en,
    ];
    t.primary_key = vec!["area_id", "year", "source", "target", "material"];
    t.foreign_keys = vec![
        key("area_id", "areas"),
        refers("source", "flow_nodes", "node_id"),
        refers("target", "flow_nodes", "node_id"),
        refers("material", "materials", "material_id"),
    ];
    t.example = "area_id,year,source,target,material,quantity,unit,status,note_th,note_en\n\
        saraburi,2021,saraburi-power,saraburi-cement,fly-ash,41200,t/yr,final,,";
    empty_when_absent(t)
}

fn symbiosis() -> TableSpec {
    let mut t = spec(
        "symbiosis",
        (
            "การพึ่งพาอาศัยกันทางอุตสาหกรรม",
            "การไหลที่เป็นการพึ่งพาอาศัยกันทางอุตสาหกรรม (ของเสียหรือผลพลอยได้ของฝ่ายหนึ่งเป็นวัตถุดิบของอีกฝ่าย) พร้อมจำนวนคู่โรงงานและประโยชน์ที่ได้",
        ),
        (
            "Industrial symbiosis",
            "The flows that are industrial symbiosis (one party's by-product or waste is another's input), with the number of factory pairs and the benefit where known.",
        ),
    );
    let number = |name, th: &str, en: &str, dth: &str, den: &str| {
        col(name, Kind::Number, (th, en), (dth, den)).range(0, i64::MAX)
    };
    t.columns = vec![
        area_key(),
        year_column(),
        id_column(
            "link_id",
            ("รหัสความร่วมมือ", "Link id"),
            (
                "รหัสของความร่วมมือ ไม่ซ้ำในพื้นที่และปีเดียวกัน",
                "The link's id, unique in its area and year",
            ),
        ),
        col(
            "kind",
            Kind::String,
            ("ประเภท", "Kind"),
            (
                "โรงงานกับโรงงาน โรงงานกับชุมชน หรือโรงงานกับสาธารณูปโภค",
                "Factory–factory, factory–community or factory–utility",
            ),
        )
        .value_required()
        .choices(&LINK_KINDS),
        node_reference("source", "จุดต้นทาง", "Source node"),
        node_reference("target", "จุดปลายทาง", "Target node"),
        id_column(
            "material",
            ("วัสดุ", "Material"),
            (
                "วัสดุ: source target และ material ต้องตรงกับการไหลหนึ่งแถวใน flows ของพื้นที่และปีเดียวกัน",
                "The material: `source`, `target` and `material` must be a flow of the same area and year in flows",
            ),
        ),
        col(
            "pairs",
            Kind::Integer,
            ("จำนวนคู่โรงงาน", "Factory pairs"),
            (
                "จำนวนคู่โรงงาน (หรือโรงงานกับชุมชน) ที่ความร่วมมือนี้รวมไว้ เว้นว่าง: 1",
                "How many pairs of factories (or factory and community) the link groups; blank: 1",
            ),
        )
        .range(1, 100_000)
        .default_value("1"),
        number(
            "landfill_diverted_t",
            "ของเสียที่ไม่ต้องฝังกลบ (ตัน/ปี)",
            "Landfill diverted (t/yr)",
            "ปริมาณที่ไม่ต้องนำไปฝังกลบเพราะความร่วมมือนี้",
            "Tonnes a year kept out of landfill by the link",
        ),
        number(
            "co2e_avoided_t",
            "ก๊าซเรือนกระจกที่ลดได้ (ตันคาร์บอนไดออกไซด์เทียบเท่า/ปี)",
            "Emissions avoided (t CO2e/yr)",
            "ก๊าซเรือนกระจกที่หลีกเลี่ยงได้ต่อปี",
            "Greenhouse gases avoided a year",
        ),
        number(
            "saving_baht",
            "ค่าใช้จ่ายที่ประหยัดได้ (บาท/ปี)",
            "Saving (baht/yr)",
            "ค่าใช้จ่ายที่ประหยัดได้ต่อปี",
            "Money saved a year",
        ),
    ];
    t.primary_key = vec!["area_id", "year", "link_id"];
    t.foreign_keys = vec![
        key("area_id", "areas"),
        refers("source", "flow_nodes", "node_id"),
        refers("target", "flow_nodes", "node_id"),
        refers("material", "materials", "material_id"),
    ];
    t.example = "area_id,year,link_id,kind,source,target,material,pairs,landfill_diverted_t,co2e_avoided_t,saving_baht\n\
        saraburi,2021,fly-ash-to-cement,factory-factory,saraburi-power,saraburi-cement,fly-ash,3,41200,6100,24700000";
    empty_when_absent(t)
}
