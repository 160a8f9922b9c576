//! The demo gemeente's wijken: their names, where they lie, and their
//! buurten's names and kinds. All names are made up.

use super::profiles::Kind;

/// The (fictional) gemeente.
pub(crate) const GEMEENTE_NAME: &str = "Lindeveen";
/// Its code: CBS uses no gemeente code 9999.
pub(crate) const GEMEENTE_CODE: &str = "GM9999";
/// The (fictional) corporation whose own data the demo holds.
pub(crate) const CORPORATION_NAME: &str = "Woonstichting Lindeveen (fictief)";

/// A wijk of the plan.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WijkPlan {
    /// Name.
    pub name: &'static str,
    /// Direction from the centre in degrees (counter-clockwise from east);
    /// `None` for the centre itself.
    pub direction: Option<f64>,
    /// Its buurten from the city centre outwards, with their kinds.
    pub buurten: &'static [(&'static str, Kind)],
    /// The buurt placed farthest from the city centre, if special.
    pub outermost: Option<(&'static str, Kind)>,
}

/// The wijken, the centre first.
pub(crate) const WIJKEN: &[WijkPlan] = &[
    WijkPlan {
        name: "Oude Kern",
        direction: None,
        buurten: &[
            ("Binnenstad", Kind::Centre),
            ("Kerkbuurt", Kind::OldTown),
            ("Havenkwartier", Kind::Waterfront),
            ("Vestingwal", Kind::OldTown),
            ("Lindegracht", Kind::OldTown),
            ("Bolwerk", Kind::Prewar),
            ("Poortwijk", Kind::Prewar),
            ("Sint-Jansbuurt", Kind::OldTown),
        ],
        outermost: None,
    },
    WijkPlan {
        name: "Beekdal",
        direction: Some(20.0),
        buurten: &[
            ("Elzenhof", Kind::Postwar),
            ("Rietkamp", Kind::Seventies),
            ("Beekzicht", Kind::Seventies),
            ("Weidebeek", Kind::Seventies),
            ("Hooiland", Kind::Seventies),
            ("Waterhoven", Kind::Seventies),
            ("Kamperfoelie", Kind::Seventies),
            ("Oeverlanden", Kind::NewBuild),
            ("Zwanenwater", Kind::NewBuild),
        ],
        outermost: None,
    },
    WijkPlan {
        name: "Stationskwartier",
        direction: Some(85.0),
        buurten: &[
            ("Oranjepark", Kind::OldTown),
            ("Schildersbuurt", Kind::Prewar),
            ("Stationsbuurt", Kind::Prewar),
            ("Bloemenbuurt", Kind::Prewar),
            ("Vaartkwartier", Kind::Prewar),
            ("Spoorzicht", Kind::Postwar),
            ("Emmabuurt", Kind::Postwar),
            ("Ketelhuis", Kind::Waterfront),
            ("Noordsingel", Kind::Seventies),
        ],
        outermost: None,
    },
    WijkPlan {
        name: "De Hoven",
        direction: Some(145.0),
        buurten: &[
            ("Hovenbuurt", Kind::Postwar),
            ("Kloosterhof", Kind::Postwar),
            ("Merelhof", Kind::Postwar),
            ("Gildehof", Kind::Seventies),
            ("Ambachtshoek", Kind::Seventies),
            ("Kruidenhof", Kind::Seventies),
            ("Wilgenhof", Kind::Seventies),
            ("Sportpark De Hoven", Kind::Park),
            ("Lijsterhof", Kind::Seventies),
        ],
        outermost: Some(("Bedrijventerrein De Hoven", Kind::Industrial)),
    },
    WijkPlan {
        name: "Molenveld",
        direction: Some(205.0),
        buurten: &[
            ("Molenhoek", Kind::PostwarHard),
            ("Zuiderflank", Kind::PostwarHard),
            ("Vogelbuurt", Kind::PostwarHard),
            ("Kastanjeplein", Kind::Postwar),
            ("Akkerhof", Kind::Postwar),
            ("Graanakker", Kind::Seventies),
            ("Molenveld-Zuid", Kind::Seventies),
            ("Korenbloem", Kind::Seventies),
            ("Zaaiersbuurt", Kind::Seventies),
        ],
        outermost: None,
    },
    WijkPlan {
        name: "Lindenhout",
        direction: Some(265.0),
        buurten: &[
            ("Parkzicht", Kind::OldTown),
            ("Lindenhout", Kind::Villa),
            ("Berkenrode", Kind::Villa),
            ("Lindenpark", Kind::Park),
            ("Eikenlaan", Kind::Villa),
            ("Beukenhof", Kind::Seventies),
            ("Hazelaar", Kind::Villa),
            ("Den Ham", Kind::Villa),
            ("Esdoornlaan", Kind::Villa),
        ],
        outermost: None,
    },
    WijkPlan {
        name: "Vinkenhorst",
        direction: Some(325.0),
        buurten: &[
            ("Vinkenhof", Kind::Seventies),
            ("Veldhoeve", Kind::NewBuild),
            ("Vinkenhorst-West", Kind::NewBuild),
            ("Kievitsakker", Kind::NewBuild),
            ("Vinkenhorst-Oost", Kind::NewBuild),
            ("Leeuweriksveld", Kind::NewBuild),
            ("Grutto", Kind::NewBuild),
            ("Tureluur", Kind::NewBuild),
            ("Wulpenveld", Kind::NewBuild),
        ],
        outermost: Some(("Vinkenweide", Kind::UnderConstruction)),
    },
];

/// Buurten in the centre wijk.
pub(crate) const CENTRE_SIZE: usize = 5;
