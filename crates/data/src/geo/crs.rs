//! Coordinate reference systems: WGS84 is taken as is, RD New
//! (EPSG:28992, the Dutch national grid) is converted to WGS84 with
//! `proj4rs` (pure Rust), including the Bessel-to-WGS84 datum shift.

use proj4rs::proj::Proj;

use super::Position;

/// The coordinate systems a boundary file may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Crs {
    /// Longitude and latitude in degrees (EPSG:4326, OGC CRS84).
    Wgs84,
    /// Rijksdriehoeksstelsel, metres (EPSG:28992).
    RdNew,
}

/// EPSG:28992 as a PROJ string, with the 7-parameter datum shift (towgs84)
/// from Bessel 1841 to WGS84 that PROJ's own definition uses.
const RD_NEW: &str = "+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 \
    +k=0.9999079 +x_0=155000 +y_0=463000 +ellps=bessel \
    +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs";
const WGS84: &str = "+proj=longlat +ellps=WGS84 +datum=WGS84 +no_defs";

/// The system a `crs` name stands for: GeoJSON 2008's named CRS
/// (`urn:ogc:def:crs:EPSG::28992`, `EPSG:28992`,
/// `urn:ogc:def:crs:OGC:1.3:CRS84`, ...); `None` when it is neither.
pub(crate) fn from_name(name: &str) -> Option<Crs> {
    let name = name.trim().to_ascii_uppercase();
    let code = name.rsplit(':').next().unwrap_or("");
    match code {
        "4326" | "CRS84" | "WGS84" => Some(Crs::Wgs84),
        "28992" => Some(Crs::RdNew),
        _ => None,
    }
}

/// Guesses the system from the coordinates' extent `[min_x, min_y, max_x,
/// max_y]`: degrees fit WGS84; x in 0..300,000 m and y in 300,000..650,000 m
/// fit RD New. The error says what the coordinates look like (Dutch).
pub(crate) fn detect(extent: [f64; 4]) -> Result<Crs, String> {
    let [min_x, min_y, max_x, max_y] = extent;
    if min_x >= -180.0 && max_x <= 180.0 && min_y >= -90.0 && max_y <= 90.0 {
        Ok(Crs::Wgs84)
    } else if min_x >= 0.0 && max_x <= 300_000.0 && min_y >= 300_000.0 && max_y <= 650_000.0 {
        Ok(Crs::RdNew)
    } else {
        Err(format!(
            "de coördinaten (x van {min_x} tot {max_x}, y van {min_y} tot {max_y}) zijn geen \
             WGS84-lengte/breedte en geen RD New (x 0 tot 300000, y 300000 tot 650000); \
             geef het stelsel op in het crs-veld"
        ))
    }
}

/// Converts RD New positions to WGS84 degrees.
pub(crate) struct RdToWgs84 {
    rd: Proj,
    wgs84: Proj,
}

impl RdToWgs84 {
    /// The converter (both definitions are constants, so this cannot fail).
    pub(crate) fn new() -> RdToWgs84 {
        RdToWgs84 {
            rd: Proj::from_proj_string(RD_NEW).expect("EPSG:28992 definition parses"),
            wgs84: Proj::from_proj_string(WGS84).expect("WGS84 definition parses"),
        }
    }

    /// Converts in place; a position that cannot be converted becomes NaN
    /// (the repair step then drops its ring, with a note).
    pub(crate) fn convert(&self, positions: &mut [Position]) {
        for p in positions {
            let mut point = (p[0], p[1], 0.0);
            *p = match proj4rs::transform::transform(&self.rd, &self.wgs84, &mut point) {
                Ok(()) => [point.0.to_degrees(), point.1.to_degrees()],
                Err(_) => [f64::NAN, f64::NAN],
            };
        }
    }
}

/// Rounds a coordinate to 6 decimals (about 0.1 m), which keeps stored
/// shapes small.
pub(crate) fn round6(value: f64) -> f64 {
    (value * 1e6).round() / 1e6
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Metres between two WGS84 positions near the Netherlands (flat-earth
    /// approximation, fine at this scale).
    fn metres(a: Position, b: Position) -> f64 {
        let dy = (a[1] - b[1]) * 111_320.0;
        let dx = (a[0] - b[0]) * 111_320.0 * a[1].to_radians().cos();
        (dx * dx + dy * dy).sqrt()
    }

    #[test]
    fn rd_new_converts_to_known_wgs84_positions() {
        let to = RdToWgs84::new();
        // Amersfoort, the origin of RD: 5.38720621 52.15517440 (RDNAPTRANS)
        // within a metre.
        let mut origin = [[155_000.0, 463_000.0]];
        to.convert(&mut origin);
        assert!(metres(origin[0], [5.387_206_21, 52.155_174_40]) < 1.0);
        // Across the country, against PROJ 9 (pyproj, EPSG:28992 to
        // EPSG:4326, which uses the same 7-parameter shift): Amsterdam,
        // Groningen, Zeeuws-Vlaanderen, Zuid-Limburg, the North Sea.
        let known = [
            ([155_000.0, 463_000.0], [5.387_203_51, 52.155_172_30]),
            ([121_687.0, 487_484.0], [4.898_009_89, 52.374_218_16]),
            ([233_883.0, 582_065.0], [6.568_195_74, 53.219_379_58]),
            ([13_000.0, 370_000.0], [3.350_869_27, 51.301_443_17]),
            ([270_000.0, 310_000.0], [7.017_326_85, 50.768_417_39]),
            ([100_000.0, 550_000.0], [4.569_182_80, 52.934_258_14]),
        ];
        let mut points: Vec<Position> = known.iter().map(|(rd, _)| *rd).collect();
        to.convert(&mut points);
        for (got, (rd, want)) in points.iter().zip(&known) {
            assert!(metres(*got, *want) < 0.01, "{rd:?}: {got:?} vs {want:?}");
        }
    }

    #[test]
    fn names_and_extents() {
        assert_eq!(from_name("urn:ogc:def:crs:EPSG::28992"), Some(Crs::RdNew));
        assert_eq!(from_name("EPSG:28992"), Some(Crs::RdNew));
        assert_eq!(from_name("urn:ogc:def:crs:OGC:1.3:CRS84"), Some(Crs::Wgs84));
        assert_eq!(from_name("urn:ogc:def:crs:EPSG::4326"), Some(Crs::Wgs84));
        assert_eq!(from_name("EPSG:3857"), None);
        assert_eq!(detect([3.3, 50.7, 7.2, 53.6]), Ok(Crs::Wgs84));
        assert_eq!(
            detect([13_000.0, 306_000.0, 278_000.0, 619_000.0]),
            Ok(Crs::RdNew)
        );
        assert!(detect([400_000.0, 5_000_000.0, 500_000.0, 6_000_000.0]).is_err());
    }

    #[test]
    fn rounding_keeps_six_decimals() {
        assert_eq!(round6(5.387_206_214_9), 5.387_206);
        assert_eq!(round6(-0.000_000_6), -0.000_001);
    }
}
