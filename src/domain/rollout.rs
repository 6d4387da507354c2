//! The roll-out picture across many units: each unit once, under its best standing
//! (inspected, else in progress, else self-assessed), how many meet the model standard,
//! progress against a target, per province, the criteria that fail most, and the units of
//! a roster never inspected. Works on small per-file records so that thousands of
//! inspections never have to be in memory at once.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::inspection::{Inspection, InspectionKind, Status};
use super::text::fold;

/// How an inspection file counts in the roll-out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// An inspection by a team, final or sealed with an intact seal.
    Inspected,
    /// An inspection by a team still in draft.
    InProgress,
    /// The unit's own self-assessment, whatever its status.
    SelfAssessed,
}

impl Standing {
    /// The standing of a file of this kind and status (a broken seal is ruled out before).
    pub fn of(kind: InspectionKind, status: Status) -> Standing {
        match (kind, status) {
            (InspectionKind::SelfAssessment, _) => Standing::SelfAssessed,
            (InspectionKind::Inspection, Status::Draft) => Standing::InProgress,
            (InspectionKind::Inspection, Status::Final | Status::Sealed) => Standing::Inspected,
        }
    }
}

/// Whether a sealed inspection's seal holds. The one place the roll-out and the dataset
/// ask this, so that a stricter definition of "sealed" changes it everywhere at once.
/// "Sealed" is this fact: a seal that verifies, over the catalog it names (`catalog_sha256`
/// is the SHA-256 of the catalog found for it, when one was).
pub fn seal_holds(i: &Inspection, catalog_sha256: Option<&str>) -> bool {
    i.seal.is_some() && !i.seal_broken(catalog_sha256)
}

/// What the roll-out needs from one inspection file.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitRecord {
    pub id: String,
    pub unit: String,
    pub unit_code: String,
    /// The district of an old inspection (its `district` or `former_district`).
    pub district: String,
    pub province: String,
    pub date: Date,
    pub updated_at: Timestamp,
    pub standing: Standing,
    pub meets: bool,
    pub assessed: usize,
    pub total: usize,
    /// Codes of the criteria not met.
    pub not_met: Vec<String>,
    pub demo: bool,
}

/// One unit of a roster (the units a province plans to bring to the model standard).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct RosterUnit {
    pub unit: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub unit_code: String,
    pub province: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub district: String,
}

/// One line of a rename map: inspections of the old unit count for the new one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rename {
    pub old_unit: String,
    /// Empty: any district.
    pub old_district: String,
    /// Empty: any province.
    pub old_province: String,
    pub new_unit: String,
    pub new_unit_code: String,
    /// Empty: the province stays.
    pub new_province: String,
}

impl Rename {
    fn matches(&self, r: &UnitRecord) -> bool {
        let same = |a: &str, b: &str| norm(a) == norm(b);
        same(&self.old_unit, &r.unit)
            && (self.old_district.is_empty() || same(&self.old_district, &r.district))
            && (self.old_province.is_empty() || same(&self.old_province, &r.province))
    }

    /// Count `r` for the new unit when this line names its old one. The first matching
    /// line of the map wins.
    pub fn apply_all(map: &[Rename], r: &mut UnitRecord) {
        if let Some(m) = map.iter().find(|m| m.matches(r)) {
            r.unit = m.new_unit.clone();
            r.unit_code = m.new_unit_code.clone();
            r.district = String::new();
            if !m.new_province.is_empty() {
                r.province = m.new_province.clone();
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProvinceRow {
    pub province: String,
    pub units_inspected: usize,
    pub units_meeting_all: usize,
    pub units_in_progress: usize,
    pub units_self_assessed: usize,
    /// Units of this province in the roster, when a roster was given.
    pub units_in_roster: Option<usize>,
}

/// One unit as counted: the record its standing comes from. Its texts stay packed as
/// they were kept while reading (a roll-out of 100,000 units holds 100,000 rows).
#[derive(Debug, Clone, PartialEq)]
pub struct UnitRow {
    /// inspection id, unit, unit code, former district.
    texts: Packed,
    province: Arc<str>,
    pub standing: Standing,
    pub meets: bool,
    pub date: Date,
    pub demo: bool,
}

impl UnitRow {
    pub fn province(&self) -> &str {
        &self.province
    }
    pub fn unit(&self) -> &str {
        self.texts.part(1)
    }
    pub fn unit_code(&self) -> &str {
        self.texts.part(2)
    }
    /// The district of an old inspection.
    pub fn former_district(&self) -> &str {
        self.texts.part(3)
    }
    /// The id of the inspection the unit's standing comes from.
    pub fn inspection(&self) -> &str {
        self.texts.part(0)
    }
}

impl Serialize for UnitRow {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (code, district) = (self.unit_code(), self.former_district());
        let len = 7 + usize::from(!code.is_empty()) + usize::from(!district.is_empty());
        let mut st = s.serialize_struct("UnitRow", len)?;
        st.serialize_field("province", self.province())?;
        st.serialize_field("unit", self.unit())?;
        if code.is_empty() {
            st.skip_field("unit_code")?;
        } else {
            st.serialize_field("unit_code", code)?;
        }
        if district.is_empty() {
            st.skip_field("former_district")?;
        } else {
            st.serialize_field("former_district", district)?;
        }
        st.serialize_field("standing", &self.standing)?;
        st.serialize_field("meets", &self.meets)?;
        st.serialize_field("inspection", self.inspection())?;
        st.serialize_field("date", &self.date)?;
        st.serialize_field("demo", &self.demo)?;
        st.end()
    }
}

/// Four texts in one allocation.
#[derive(Debug, Clone, PartialEq)]
struct Packed {
    text: Box<str>,
    ends: [u32; 3],
}

impl Packed {
    fn new(parts: [&str; 4]) -> Packed {
        let mut text = String::with_capacity(parts.iter().map(|p| p.len()).sum());
        let mut ends = [0u32; 3];
        for (i, part) in parts.into_iter().enumerate() {
            text.push_str(part);
            if let Some(end) = ends.get_mut(i) {
                *end = u32::try_from(text.len()).unwrap_or(u32::MAX);
            }
        }
        Packed {
            text: text.into_boxed_str(),
            ends,
        }
    }

    fn part(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        let end = self.ends.get(i).map_or(self.text.len(), |e| *e as usize);
        self.text.get(start..end).unwrap_or("")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FailCount {
    pub criterion: String,
    pub units: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rollout {
    pub units_inspected: usize,
    pub units_meeting_all: usize,
    pub units_in_progress: usize,
    pub units_self_assessed: usize,
    pub inspections_read: usize,
    pub target: Option<usize>,
    /// units_meeting_all / target, in percent.
    pub percent_of_target: Option<f64>,
    pub provinces: Vec<ProvinceRow>,
    pub units: Vec<UnitRow>,
    pub most_failed: Vec<FailCount>,
    pub never_inspected: Vec<RosterUnit>,
    /// Units whose counted record is demo data.
    pub demo_inspections: usize,
}

/// A sort key that puts "Phường 3" before "Phường 10": runs of digits compare as numbers.
pub fn natural_key(s: &str) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut digits = String::new();
    for c in fold(s).chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            if !digits.is_empty() {
                out.push((
                    std::mem::take(&mut text),
                    digits.parse().unwrap_or(u64::MAX),
                ));
                digits.clear();
            }
            text.push(c);
        }
    }
    out.push((text, digits.parse().unwrap_or(0)));
    out
}

/// `natural_key` as bytes that sort the same way, so a sort can keep one small key per
/// item: each text byte is shifted up by two, each part ends with 1 and its number in
/// big-endian bytes, and the whole ends with 0 (so a shorter key sorts first).
pub fn natural_bytes(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for (text, n) in natural_key(s) {
        out.extend(text.bytes().map(|b| b.saturating_add(2)));
        out.push(1);
        out.extend(n.to_be_bytes());
    }
    out.push(0);
    out
}

/// Accents, case and spacing aside.
pub fn norm(s: &str) -> String {
    fold(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The key that says two records are the same unit: the official code when there is one,
/// else the name and province (and, for an old inspection, its district, since old ward
/// names were only unique within a district), accents, case and spacing aside.
pub fn unit_key(code: &str, unit: &str, province: &str, district: &str) -> String {
    if !code.trim().is_empty() {
        format!("code:{}", code.trim().to_lowercase())
    } else {
        format!("name:{}|{}|{}", norm(unit), norm(province), norm(district))
    }
}

/// `norm` and `unit_key` remembered: at 100,000 units folding the same names again on
/// each computation was most of the Dashboard's roll-out. Whoever computes again and
/// again keeps one (`Latest::with_folds`); its size is bounded.
#[derive(Debug, Default)]
pub struct Folds {
    folded: HashMap<Box<str>, Box<str>>,
}

impl Folds {
    /// Names remembered at most; past that the memory starts over.
    const MAX: usize = 1 << 20;

    pub fn norm(&mut self, s: &str) -> &str {
        if !self.folded.contains_key(s) {
            if self.folded.len() >= Self::MAX {
                self.folded.clear();
            }
            self.folded.insert(s.into(), norm(s).into_boxed_str());
        }
        &self.folded[s]
    }

    /// `unit_key`, from remembered folds.
    pub fn unit_key(&mut self, code: &str, unit: &str, province: &str, district: &str) -> String {
        if !code.trim().is_empty() {
            return unit_key(code, unit, province, district);
        }
        let mut key = String::from("name:");
        for (i, part) in [unit, province, district].into_iter().enumerate() {
            if i > 0 {
                key.push('|');
            }
            key.push_str(self.norm(part));
        }
        key
    }
}

/// A record as `Latest` keeps it, about a third of a `UnitRecord`'s size: its own texts
/// in one allocation, the province and criterion codes shared by every record.
#[derive(Debug)]
struct Kept {
    /// id, unit, unit code and district.
    texts: Packed,
    province: Arc<str>,
    not_met: Box<[Arc<str>]>,
    date: Date,
    updated_at: Timestamp,
    standing: Standing,
    meets: bool,
    demo: bool,
    assessed: u32,
    total: u32,
}

impl Kept {
    fn id(&self) -> &str {
        self.texts.part(0)
    }
    fn unit(&self) -> &str {
        self.texts.part(1)
    }
    fn unit_code(&self) -> &str {
        self.texts.part(2)
    }
    fn district(&self) -> &str {
        self.texts.part(3)
    }
    fn key(&self, folds: &mut Folds) -> String {
        folds.unit_key(
            self.unit_code(),
            self.unit(),
            &self.province,
            self.district(),
        )
    }

    fn record(&self) -> UnitRecord {
        UnitRecord {
            id: self.id().to_string(),
            unit: self.unit().to_string(),
            unit_code: self.unit_code().to_string(),
            district: self.district().to_string(),
            province: self.province.to_string(),
            date: self.date,
            updated_at: self.updated_at,
            standing: self.standing,
            meets: self.meets,
            assessed: self.assessed as usize,
            total: self.total as usize,
            not_met: self.not_met.iter().map(|c| c.to_string()).collect(),
            demo: self.demo,
        }
    }
}

/// Keeps only the latest record per unit and standing as records stream in.
#[derive(Debug, Default)]
pub struct Latest {
    // Boxed: most units have one record, and an empty slot then costs a pointer.
    by_unit: HashMap<Box<str>, [Option<Box<Kept>>; 3]>,
    /// Provinces and criterion codes, each kept once.
    shared: HashSet<Arc<str>>,
    read: usize,
    /// The roll-out is wanted without its list of units (the Dashboard's, which does not
    /// show them): their natural sort is then not paid for.
    no_units: bool,
    folds: Folds,
}

impl Latest {
    pub fn add(&mut self, r: UnitRecord) {
        self.add_ref(&r);
    }

    /// `add` for a record kept elsewhere (the Dashboard's, kept between computations):
    /// `Latest` keeps its own compact copy, so nothing needs to be cloned first.
    pub fn add_ref(&mut self, r: &UnitRecord) {
        self.read += 1;
        self.keep(r);
    }

    /// Fold names with the folds remembered from an earlier computation (and hand them
    /// back with `rollout_and_folds`).
    pub fn with_folds(mut self, folds: Folds) -> Latest {
        self.folds = folds;
        self
    }

    /// The roll-out this gives will have no `units`.
    pub fn without_units(mut self) -> Latest {
        self.no_units = true;
        self
    }

    fn share(&mut self, s: &str) -> Arc<str> {
        if let Some(a) = self.shared.get(s) {
            return Arc::clone(a);
        }
        let a: Arc<str> = Arc::from(s);
        self.shared.insert(Arc::clone(&a));
        a
    }

    fn keep(&mut self, r: &UnitRecord) {
        let province = self.share(&r.province);
        let not_met = r.not_met.iter().map(|c| self.share(c)).collect();
        let kept = Kept {
            texts: Packed::new([&r.id, &r.unit, &r.unit_code, &r.district]),
            province,
            not_met,
            date: r.date,
            updated_at: r.updated_at,
            standing: r.standing,
            meets: r.meets,
            demo: r.demo,
            assessed: u32::try_from(r.assessed).unwrap_or(u32::MAX),
            total: u32::try_from(r.total).unwrap_or(u32::MAX),
        };
        let key = kept.key(&mut self.folds).into_boxed_str();
        self.keep_kept(key, Box::new(kept));
    }

    fn keep_kept(&mut self, key: Box<str>, r: Box<Kept>) {
        let slots = self.by_unit.entry(key).or_default();
        let slot = &mut slots[r.standing as usize];
        match slot {
            Some(old) if (old.date, old.updated_at) >= (r.date, r.updated_at) => {}
            _ => *slot = Some(r),
        }
    }

    /// Records of a unit made without its code join the records with the code when the
    /// name and province say which unit it is (exactly one coded unit has them).
    fn join_codeless(&mut self) {
        // Only the names of codeless units are looked up, so that a hub of coded units
        // pays nothing here.
        let wanted: HashSet<String> = self
            .by_unit
            .iter()
            .filter(|(key, _)| key.starts_with("name:"))
            .filter_map(|(_, slots)| slots.iter().flatten().next())
            .map(|r| self.folds.unit_key("", r.unit(), &r.province, ""))
            .collect();
        if wanted.is_empty() {
            return;
        }
        let mut coded: HashMap<String, Vec<Box<str>>> = HashMap::new();
        for (key, slots) in &self.by_unit {
            if let Some(r) = slots
                .iter()
                .flatten()
                .find(|r| !r.unit_code().trim().is_empty())
            {
                let name = self.folds.unit_key("", r.unit(), &r.province, "");
                if wanted.contains(&name) {
                    coded.entry(name).or_default().push(key.clone());
                }
            }
        }
        let codeless: Vec<(Box<str>, Box<str>)> = self
            .by_unit
            .iter()
            .filter(|(key, _)| key.starts_with("name:"))
            .filter_map(|(key, slots)| {
                let r = slots.iter().flatten().next()?;
                match coded
                    .get(&self.folds.unit_key("", r.unit(), &r.province, ""))
                    .map(Vec::as_slice)
                {
                    Some([one]) if r.district().trim().is_empty() => {
                        Some((key.clone(), one.clone()))
                    }
                    _ => None,
                }
            })
            .collect();
        for (from, to) in codeless {
            if let Some(slots) = self.by_unit.remove(&from) {
                for r in slots.into_iter().flatten() {
                    let mut r = r.record();
                    if let Some(c) = self.by_unit[&to].iter().flatten().next() {
                        r.unit_code = c.unit_code().to_string();
                    }
                    self.keep(&r);
                }
            }
        }
    }

    pub fn merge(&mut self, other: Latest) {
        self.read += other.read;
        for (key, slots) in other.by_unit {
            for r in slots.into_iter().flatten() {
                self.keep_kept(key.clone(), r);
            }
        }
    }

    /// The picture: `target` is the number of units to reach; `roster` the units planned.
    pub fn rollout(self, roster: &[RosterUnit], target: Option<usize>, top: usize) -> Rollout {
        self.rollout_and_folds(roster, target, top).0
    }

    /// `rollout`, handing back the folds for the next computation.
    pub fn rollout_and_folds(
        mut self,
        roster: &[RosterUnit],
        target: Option<usize>,
        top: usize,
    ) -> (Rollout, Folds) {
        self.join_codeless();
        let mut folds = std::mem::take(&mut self.folds);
        // Each unit once, under its best standing.
        let records: Vec<Box<Kept>> = self
            .by_unit
            .into_values()
            .filter_map(|slots| slots.into_iter().flatten().next())
            .collect();
        let count = |s: Standing| records.iter().filter(|r| r.standing == s).count();
        let meeting = records
            .iter()
            .filter(|r| r.standing == Standing::Inspected && r.meets)
            .count();
        let mut provinces: BTreeMap<String, ProvinceRow> = BTreeMap::new();
        // Provinces group like units do, accents and case aside; the first spelling met
        // (an inspection's, as those come first) is the one shown.
        fn province<'m>(
            provinces: &'m mut BTreeMap<String, ProvinceRow>,
            folds: &mut Folds,
            name: &str,
        ) -> &'m mut ProvinceRow {
            provinces
                .entry(folds.norm(name).to_string())
                .or_insert_with(|| ProvinceRow {
                    province: name.to_string(),
                    units_inspected: 0,
                    units_meeting_all: 0,
                    units_in_progress: 0,
                    units_self_assessed: 0,
                    units_in_roster: None,
                })
        }
        let mut fails: HashMap<&str, usize> = HashMap::new();
        for r in &records {
            let p = province(&mut provinces, &mut folds, &r.province);
            match r.standing {
                Standing::Inspected => {
                    p.units_inspected += 1;
                    p.units_meeting_all += usize::from(r.meets);
                    for code in &r.not_met {
                        *fails.entry(&**code).or_default() += 1;
                    }
                }
                Standing::InProgress => p.units_in_progress += 1,
                Standing::SelfAssessed => p.units_self_assessed += 1,
            }
        }
        // The lookups of a roster cost a few strings per unit: only built for a roster.
        let inspected: Vec<&Kept> = records
            .iter()
            .filter(|r| !roster.is_empty() && r.standing == Standing::Inspected)
            .map(|r| &**r)
            .collect();
        let codes: HashSet<String> = inspected
            .iter()
            .filter(|r| !r.unit_code().is_empty())
            .map(|r| r.unit_code().trim().to_lowercase())
            .collect();
        let full: HashSet<String> = inspected
            .iter()
            .map(|r| folds.unit_key("", r.unit(), &r.province, r.district()))
            .collect();
        let by_province: HashSet<String> = inspected
            .iter()
            .map(|r| folds.unit_key("", r.unit(), &r.province, ""))
            .collect();
        let by_name: HashSet<String> = inspected
            .iter()
            .map(|r| folds.unit_key("", r.unit(), "", ""))
            .collect();
        drop(inspected);
        let mut never = Vec::new();
        for u in roster {
            // The code first; then the name, with as much of province and district as the
            // roster gives.
            let found = (!u.unit_code.trim().is_empty()
                && codes.contains(&u.unit_code.trim().to_lowercase()))
                || match (u.province.trim().is_empty(), u.district.trim().is_empty()) {
                    (false, false) => {
                        full.contains(&folds.unit_key("", &u.unit, &u.province, &u.district))
                    }
                    (false, true) => {
                        by_province.contains(&folds.unit_key("", &u.unit, &u.province, ""))
                    }
                    _ => by_name.contains(&folds.unit_key("", &u.unit, "", "")),
                };
            if !found {
                never.push(u.clone());
            }
            *province(&mut provinces, &mut folds, &u.province)
                .units_in_roster
                .get_or_insert(0) += 1;
        }
        let mut most_failed: Vec<FailCount> = fails
            .into_iter()
            .map(|(c, n)| FailCount {
                criterion: c.to_string(),
                units: n,
            })
            .collect();
        most_failed.sort_by(|a, b| b.units.cmp(&a.units).then(a.criterion.cmp(&b.criterion)));
        most_failed.truncate(top);
        let target = target.or((!roster.is_empty()).then_some(roster.len()));
        let counts = [
            count(Standing::Inspected),
            count(Standing::InProgress),
            count(Standing::SelfAssessed),
        ];
        let demo_inspections = records.iter().filter(|r| r.demo).count();
        // Each record becomes its row and is freed at once; the rows are then sorted with
        // one small byte key each (ties by id), in the memory the records left.
        let no_units = self.no_units;
        let records = if no_units { Vec::new() } else { records };
        let mut units: Vec<UnitRow> = Vec::with_capacity(records.len());
        units.extend(records.into_iter().map(|r| {
            let r = *r;
            UnitRow {
                meets: r.standing == Standing::Inspected && r.meets,
                texts: r.texts,
                province: r.province,
                standing: r.standing,
                date: r.date,
                demo: r.demo,
            }
        }));
        units.sort_unstable_by(|a, b| a.inspection().cmp(b.inspection()));
        // Provinces are few: each gets its rank once, and a unit's key is that rank and
        // its own name's bytes.
        let mut by_key: BTreeMap<Vec<u8>, Vec<&str>> = BTreeMap::new();
        let distinct: HashSet<&str> = units.iter().map(UnitRow::province).collect();
        for p in distinct {
            by_key.entry(natural_bytes(p)).or_default().push(p);
        }
        let rank: HashMap<String, u32> = by_key
            .into_values()
            .enumerate()
            .flat_map(|(i, names)| names.into_iter().map(move |p| (p.to_string(), i as u32)))
            .collect();
        units.sort_by_cached_key(|u| {
            (
                rank.get(u.province()).copied().unwrap_or(u32::MAX),
                natural_bytes(u.unit()).into_boxed_slice(),
            )
        });
        let rollout = Rollout {
            units_inspected: counts[0],
            units_meeting_all: meeting,
            units_in_progress: counts[1],
            units_self_assessed: counts[2],
            inspections_read: self.read,
            percent_of_target: target
                .filter(|t| *t > 0)
                .map(|t| meeting as f64 * 100.0 / t as f64),
            target,
            provinces: {
                let mut p: Vec<ProvinceRow> = provinces.into_values().collect();
                p.sort_by_key(|row| natural_key(&row.province));
                p
            },
            units,
            most_failed,
            never_inspected: never,
            demo_inspections,
        };
        (rollout, folds)
    }
}
