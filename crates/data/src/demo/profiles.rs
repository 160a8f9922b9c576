//! The kinds of buurt the demo gemeente has, each as a profile a strateeg
//! recognises: where it sits in the national distribution of each indicator
//! (as z on the urban-buurt quantiles of `calibration.rs`), its corporation
//! share, its trends and its kind of corporation complexes.

use super::calibration::CORP_SHARE_OF_RENT;

/// A kind of buurt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Shopping centre of the old town.
    Centre,
    /// Historic residential streets around it, well-off.
    OldTown,
    /// A transformed harbour or factory site: apartments around 2010.
    Waterfront,
    /// Pre-war ring (1910-1935), gentrifying.
    Prewar,
    /// Post-war flats (1955-1966), mostly corporation-owned, under
    /// pressure and getting worse.
    PostwarHard,
    /// Post-war, mixed and ageing.
    Postwar,
    /// 1970s-80s "bloemkoolwijk": single-family homes, average.
    Seventies,
    /// Villas in green surroundings.
    Villa,
    /// A park or sports park with few dwellings.
    Park,
    /// New-build (Vinex, 2000-2020): families, owners.
    NewBuild,
    /// New-build still being built: the population grows every year.
    UnderConstruction,
    /// An industrial estate with a few dwellings.
    Industrial,
}

/// What a kind of buurt looks like.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Profile {
    /// z of gem_woz_waarde, pct_koopwoningen, pct_eengezinswoningen,
    /// household size, income, crime, health, density, 0-14 share and 65+
    /// share (in that order) on the urban-buurt quantiles.
    pub z: [f64; 10],
    /// Bevolkingsdichtheid range (per km²) instead of the quantiles, for
    /// buurten mostly without dwellings.
    pub density: Option<(f64, f64)>,
    /// Corporation dwellings as a share of rented dwellings.
    pub corp_of_rent: f64,
    /// Leegstand in 2024 (%), and its change a year (percentage points).
    pub leegstand: (f64, f64),
    /// Population growth on top of the gemeente's (percentage points a year).
    pub growth: f64,
    /// WOZ change on top of the gemeente's (percentage points a year).
    pub woz_trend: f64,
    /// Change of crime per 1.000 inwoners (% a year).
    pub crime_trend: f64,
    /// Change of good perceived health (percentage points a year).
    pub health_trend: f64,
    /// Income growth on top of the gemeente's (percentage points a year).
    pub income_trend: f64,
    /// Does the corporation sell dwellings here (its share falls)?
    pub sells: bool,
    /// The corporation's own indicators: pressure in standard deviations
    /// (positive is worse) in 2024, and its change a year.
    pub own_pressure: (f64, f64),
    /// Share of the buurt's corporation dwellings that are the demo
    /// corporation's (the rest belongs to other corporations).
    pub own_share: f64,
    /// Building years of its corporation complexes.
    pub built: (i32, i32),
    /// Words for its complexes' names ("Molenhoek flats").
    pub complex_words: &'static [&'static str],
}

/// Indices into [`Profile::z`].
pub(crate) mod z {
    pub const WOZ: usize = 0;
    pub const KOOP: usize = 1;
    pub const EENGEZINS: usize = 2;
    pub const HH_SIZE: usize = 3;
    pub const INCOME: usize = 4;
    pub const CRIME: usize = 5;
    pub const HEALTH: usize = 6;
    pub const DENSITY: usize = 7;
    pub const YOUNG: usize = 8;
    pub const OLD: usize = 9;
}

/// How each indicator's z moves with a buurt's own status (its shared
/// noise: a better-off buurt of a kind has higher WOZ, fewer crimes, ...).
pub(crate) const STATUS_LOADING: [f64; 10] = [1.0, 0.8, 0.3, 0.0, 1.0, -0.8, 0.8, 0.0, 0.0, 0.0];

const BASE: Profile = Profile {
    z: [0.0; 10],
    density: None,
    corp_of_rent: CORP_SHARE_OF_RENT,
    leegstand: (3.0, 0.0),
    growth: 0.0,
    woz_trend: 0.0,
    crime_trend: -1.0,
    health_trend: -0.1,
    income_trend: 0.0,
    sells: true,
    own_pressure: (0.0, 0.0),
    own_share: 0.6,
    built: (1950, 1990),
    complex_words: &["woningen"],
};

impl Kind {
    /// The profile of this kind.
    pub(crate) fn profile(self) -> Profile {
        match self {
            Kind::Centre => Profile {
                z: [0.6, -1.0, -1.7, -1.8, 0.4, 1.4, 0.2, 0.9, -1.7, -0.4],
                corp_of_rent: 0.4,
                leegstand: (4.5, 0.0),
                growth: 0.3,
                woz_trend: 0.5,
                own_pressure: (0.1, 0.0),
                own_share: 0.7,
                built: (1890, 1935),
                complex_words: &["stadswoningen", "bovenwoningen", "hofje"],
                ..BASE
            },
            Kind::OldTown => Profile {
                z: [1.4, 0.0, -0.4, -0.8, 1.3, 0.6, 0.8, 0.6, -0.6, 0.3],
                corp_of_rent: 0.35,
                leegstand: (3.5, 0.0),
                growth: -0.2,
                woz_trend: 0.5,
                own_pressure: (-0.3, 0.0),
                built: (1895, 1930),
                complex_words: &["hofje", "herenhuizen"],
                ..BASE
            },
            Kind::Waterfront => Profile {
                z: [0.8, -0.1, -1.5, -1.0, 0.8, 0.0, 0.6, 1.2, -0.7, -0.3],
                corp_of_rent: 0.45,
                leegstand: (3.0, -0.1),
                growth: 1.0,
                sells: false,
                own_pressure: (-0.5, 0.0),
                built: (2006, 2014),
                complex_words: &["appartementen", "kadewoningen"],
                ..BASE
            },
            Kind::Prewar => Profile {
                z: [0.4, -0.2, 0.0, -0.5, 0.3, 0.3, 0.2, 0.9, -0.3, -0.6],
                corp_of_rent: 0.6,
                growth: 0.2,
                woz_trend: 1.0,
                income_trend: 0.5,
                own_pressure: (0.0, -0.05),
                built: (1912, 1936),
                complex_words: &["arbeiderswoningen", "portiekwoningen", "bovenwoningen"],
                ..BASE
            },
            Kind::PostwarHard => Profile {
                z: [-1.5, -1.4, -1.0, 0.4, -1.6, 1.3, -1.5, 0.5, 0.9, -0.2],
                corp_of_rent: 0.9,
                leegstand: (4.5, 0.3),
                growth: -0.5,
                woz_trend: -1.5,
                crime_trend: 5.0,
                health_trend: -0.6,
                income_trend: -2.0,
                sells: false,
                own_pressure: (1.6, 0.18),
                own_share: 0.75,
                built: (1955, 1966),
                complex_words: &["flats", "portiekflats", "galerijflat"],
                ..BASE
            },
            Kind::Postwar => Profile {
                z: [-0.8, -0.6, -0.3, 0.0, -0.4, 0.1, -0.3, 0.2, 0.0, 0.6],
                corp_of_rent: 0.78,
                growth: -0.4,
                woz_trend: -0.3,
                own_pressure: (0.3, 0.03),
                own_share: 0.65,
                built: (1950, 1968),
                complex_words: &["flats", "eengezinswoningen", "portiekwoningen"],
                ..BASE
            },
            Kind::Seventies => Profile {
                z: [-0.1, 0.3, 0.9, 0.5, 0.0, -0.5, 0.0, -0.3, 0.3, 0.5],
                corp_of_rent: 0.72,
                leegstand: (2.2, 0.0),
                growth: -0.5,
                own_pressure: (-0.2, 0.0),
                built: (1972, 1986),
                complex_words: &["eengezinswoningen", "laagbouw", "seniorenwoningen"],
                ..BASE
            },
            Kind::Villa => Profile {
                z: [2.0, 1.6, 1.1, 0.6, 2.0, -0.6, 1.6, -1.3, 0.2, 0.9],
                corp_of_rent: 0.45,
                leegstand: (2.5, 0.0),
                growth: -0.3,
                woz_trend: 0.5,
                own_pressure: (-0.6, 0.0),
                own_share: 0.8,
                built: (1975, 1992),
                complex_words: &["seniorenwoningen", "appartementen"],
                ..BASE
            },
            Kind::Park => Profile {
                z: [1.2, 0.8, 0.6, 0.2, 1.2, -0.2, 1.0, -2.0, -0.2, 1.2],
                density: Some((450.0, 900.0)),
                corp_of_rent: 0.5,
                growth: -0.3,
                own_pressure: (-0.4, 0.0),
                built: (1965, 1985),
                complex_words: &["parkflat", "seniorenwoningen"],
                ..BASE
            },
            Kind::NewBuild => Profile {
                z: [0.7, 1.2, 1.2, 1.6, 0.7, -1.2, 1.2, -0.1, 1.8, -1.6],
                corp_of_rent: 0.62,
                leegstand: (1.8, 0.0),
                growth: 1.0,
                sells: false,
                own_pressure: (-0.8, 0.0),
                built: (2002, 2019),
                complex_words: &["eengezinswoningen", "appartementen", "rijwoningen"],
                ..BASE
            },
            Kind::UnderConstruction => Profile {
                z: [0.9, 1.0, 1.0, 1.5, 0.6, -1.4, 1.2, -0.4, 1.6, -1.9],
                corp_of_rent: 0.62,
                leegstand: (5.0, -0.4),
                sells: false,
                own_pressure: (-0.6, 0.0),
                own_share: 0.7,
                built: (2020, 2024),
                complex_words: &["appartementen", "rijwoningen"],
                ..BASE
            },
            Kind::Industrial => Profile {
                z: [-0.5, -0.3, -0.3, -0.6, -0.2, 0.5, -0.3, 0.0, -0.8, -0.4],
                density: Some((60.0, 160.0)),
                corp_of_rent: 0.3,
                leegstand: (3.0, 0.0),
                growth: -0.5,
                own_pressure: (0.3, 0.0),
                built: (1962, 1975),
                complex_words: &["bedrijfswoningen"],
                ..BASE
            },
        }
    }
}
