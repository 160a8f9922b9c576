//! The CBS indicators Wikken knows, with unit, direction and source, and
//! the column names under which they appear in import files.

/// An indicator (kengetal) definition.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IndicatorDef {
    /// Wikken's code, stored and used in URLs.
    pub code: &'static str,
    /// Dutch name for the UI.
    pub name: &'static str,
    /// Unit for the UI.
    pub unit: &'static str,
    /// Is a higher value better (`Some(true)`), worse (`Some(false)`), or
    /// neither (`None`: a size or a context figure)?
    pub higher_is_better: Option<bool>,
    /// Where the figures come from.
    pub source: &'static str,
    /// Column names in import files, lower case: the flattened CSVs of
    /// `shared/data`, CBS's own KWB variable names (CSV download) and the
    /// field names of CBS's open-data API without their numeric suffix
    /// (`AantalInwoners_5` is `aantalinwoners`), each with the factor that
    /// turns its values into `unit`. CBS publishes WOZ-waarde and inkomen
    /// in × € 1.000, afstanden in km, oppervlakte in ha and the housing
    /// shares (koop, huur, corporatie, onbewoond) in %, as the units here.
    pub columns: &'static [(&'static str, f64)],
}

const CBS: &str = "CBS Kerncijfers wijken en buurten";

macro_rules! def {
    ($code:literal, $name:literal, $unit:literal, $better:expr, $source:expr, [$(($col:literal, $f:literal)),*]) => {
        IndicatorDef { code: $code, name: $name, unit: $unit, higher_is_better: $better, source: $source, columns: &[$(($col, $f)),*] }
    };
}

/// Every indicator an import of CBS data can fill.
pub const CATALOGUE: &[IndicatorDef] = &[
    def!(
        "inwoners",
        "Inwoners",
        "aantal",
        None,
        CBS,
        [("inwoners", 1.0), ("a_inw", 1.0), ("aantalinwoners", 1.0)]
    ),
    def!(
        "inwoners_0_14",
        "Inwoners 0 tot 15 jaar",
        "aantal",
        None,
        CBS,
        [
            ("inwoners_0_14", 1.0),
            ("a_00_14", 1.0),
            ("k_0tot15jaar", 1.0)
        ]
    ),
    def!(
        "inwoners_65plus",
        "Inwoners 65 jaar en ouder",
        "aantal",
        None,
        CBS,
        [
            ("inwoners_65plus", 1.0),
            ("a_65_oo", 1.0),
            ("k_65jaarofouder", 1.0)
        ]
    ),
    def!(
        "huishoudens",
        "Huishoudens",
        "aantal",
        None,
        CBS,
        [
            ("huishoudens", 1.0),
            ("a_hh", 1.0),
            ("huishoudenstotaal", 1.0)
        ]
    ),
    def!(
        "gem_huishoudensgrootte",
        "Gemiddelde huishoudensgrootte",
        "personen",
        None,
        CBS,
        [
            ("gem_huishoudensgrootte", 1.0),
            ("g_hhgro", 1.0),
            ("gemiddeldehuishoudensgrootte", 1.0)
        ]
    ),
    def!(
        "bevolkingsdichtheid",
        "Bevolkingsdichtheid",
        "inwoners per km²",
        None,
        CBS,
        [
            ("bevolkingsdichtheid_per_km2", 1.0),
            ("bev_dich", 1.0),
            ("bevolkingsdichtheid", 1.0)
        ]
    ),
    def!(
        "woningvoorraad",
        "Woningvoorraad",
        "woningen",
        None,
        CBS,
        [("a_woning", 1.0), ("woningvoorraad", 1.0)]
    ),
    def!(
        "gem_woz_waarde",
        "Gemiddelde WOZ-waarde woningen",
        "× € 1.000",
        None,
        CBS,
        [
            ("gem_woz_waarde_x1000eur", 1.0),
            ("g_woz", 1.0),
            ("g_wozbag_eur", 0.001),
            ("gemiddeldewozwaardevanwoningen", 1.0),
            ("gemiddeldewoningwaarde", 1.0)
        ]
    ),
    def!(
        "pct_koopwoningen",
        "Koopwoningen",
        "%",
        None,
        CBS,
        [
            ("pct_koopwoningen", 1.0),
            ("p_koopw", 1.0),
            ("koopwoningen", 1.0)
        ]
    ),
    def!(
        "pct_huurwoningen",
        "Huurwoningen",
        "%",
        None,
        CBS,
        [("p_huurw", 1.0), ("huurwoningentotaal", 1.0)]
    ),
    def!(
        "pct_corporatiebezit",
        "Huurwoningen van een woningcorporatie",
        "%",
        None,
        CBS,
        [("p_wcorpw", 1.0), ("inbezitwoningcorporatie", 1.0)]
    ),
    def!(
        "pct_overige_verhuur",
        "Huurwoningen van overige verhuurders",
        "%",
        None,
        CBS,
        [("p_ov_hw", 1.0), ("inbezitoverigeverhuurders", 1.0)]
    ),
    def!(
        "pct_leegstand",
        "Leegstaande woningen",
        "%",
        Some(false),
        CBS,
        [("p_leegsw", 1.0), ("onbewoondewoningen", 1.0)]
    ),
    def!(
        "pct_eengezinswoningen",
        "Eengezinswoningen",
        "%",
        None,
        CBS,
        [
            ("pct_eengezinswoningen", 1.0),
            ("p_1gezw", 1.0),
            ("percentageeengezinswoning", 1.0)
        ]
    ),
    def!(
        "gem_inkomen_per_inwoner",
        "Gemiddeld inkomen per inwoner",
        "× € 1.000",
        Some(true),
        CBS,
        [
            ("gem_inkomen_per_inwoner_x1000eur", 1.0),
            ("g_ink_pi", 1.0),
            ("gemiddeldinkomenperinwoner", 1.0)
        ]
    ),
    def!(
        "stedelijkheid",
        "Mate van stedelijkheid (1 zeer sterk – 5 niet stedelijk)",
        "klasse",
        None,
        CBS,
        [
            ("stedelijkheid_1_5", 1.0),
            ("ste_mvs", 1.0),
            ("matevanstedelijkheid", 1.0)
        ]
    ),
    def!(
        "omgevingsadressendichtheid",
        "Omgevingsadressendichtheid",
        "adressen per km²",
        None,
        CBS,
        [
            ("omgevingsadressendichtheid_per_km2", 1.0),
            ("ste_oad", 1.0),
            ("omgevingsadressendichtheid", 1.0)
        ]
    ),
    def!(
        "oppervlakte_land",
        "Oppervlakte land",
        "ha",
        None,
        CBS,
        [
            ("oppervlakte_land_ha", 1.0),
            ("a_lan_ha", 1.0),
            ("oppervlakteland", 1.0)
        ]
    ),
    def!(
        "afstand_huisarts",
        "Afstand tot huisartsenpraktijk",
        "km",
        Some(false),
        CBS,
        [
            ("afstand_huisarts_km", 1.0),
            ("g_afs_hp", 1.0),
            ("afstandtothuisartsenpraktijk", 1.0)
        ]
    ),
    def!(
        "afstand_supermarkt",
        "Afstand tot grote supermarkt",
        "km",
        Some(false),
        CBS,
        [
            ("afstand_supermarkt_km", 1.0),
            ("g_afs_gs", 1.0),
            ("afstandtotgrotesupermarkt", 1.0)
        ]
    ),
    def!(
        "afstand_basisschool",
        "Afstand tot basisschool",
        "km",
        Some(false),
        CBS,
        [
            ("afstand_basisschool_km", 1.0),
            ("g_afs_sc", 1.0),
            ("afstandtotschool", 1.0)
        ]
    ),
    def!(
        "basisscholen_binnen_3km",
        "Basisscholen binnen 3 km",
        "aantal",
        Some(true),
        CBS,
        [
            ("basisscholen_binnen_3km", 1.0),
            ("g_3km_sc", 1.0),
            ("scholenbinnen3km", 1.0)
        ]
    ),
    def!(
        "misdrijven_12mnd",
        "Geregistreerde misdrijven (12 maanden)",
        "aantal",
        Some(false),
        "Politie via CBS (47022NED)",
        [("misdrijven_12mnd", 1.0)]
    ),
    def!(
        "misdrijven_per_1000",
        "Geregistreerde misdrijven per 1.000 inwoners",
        "per 1.000 inwoners",
        Some(false),
        "Politie via CBS (47022NED), meerjarig gemiddelde",
        [("misdrijven_per_1000_inw_12mnd", 1.0)]
    ),
    def!(
        "pct_goed_ervaren_gezondheid",
        "Goed ervaren gezondheid (volwassenen)",
        "%",
        Some(true),
        "RIVM/GGD Gezondheidsmonitor via CBS (50150NED)",
        [("pct_goed_ervaren_gezondheid_rivm", 1.0)]
    ),
];

/// The indicator a file column holds, with the factor to its unit.
pub fn for_column(column: &str) -> Option<(&'static IndicatorDef, f64)> {
    let column = column.trim().to_ascii_lowercase();
    CATALOGUE.iter().find_map(|def| {
        def.columns
            .iter()
            .find(|(name, _)| *name == column)
            .map(|(_, factor)| (def, *factor))
    })
}

/// The indicator with a code.
pub fn by_code(code: &str) -> Option<&'static IndicatorDef> {
    CATALOGUE.iter().find(|d| d.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_columns_are_unique() {
        let mut codes: Vec<_> = CATALOGUE.iter().map(|d| d.code).collect();
        let mut columns: Vec<_> = CATALOGUE
            .iter()
            .flat_map(|d| d.columns.iter().map(|c| c.0))
            .collect();
        let (n, m) = (codes.len(), columns.len());
        codes.sort();
        codes.dedup();
        columns.sort();
        columns.dedup();
        assert_eq!((codes.len(), columns.len()), (n, m));
        assert_eq!(for_column("G_WOZBAG_EUR").unwrap().1, 0.001);
        assert_eq!(
            by_code("pct_leegstand").unwrap().higher_is_better,
            Some(false)
        );
    }
}
