//! The boundaries of a gemeente's areas from PDOK: the WFS of CBS's *wijk-
//! en buurtkaart* (`service.pdok.nl/cbs/wijkenbuurten/<year>/wfs/v1_0`),
//! asked for GeoJSON in RD New (EPSG:28992, the data's own system), one
//! request per level, filtered on `gemeentecode`. Pure: this only builds
//! the URLs and file names; reading the GeoJSON is `geo`'s.
//!
//! The filter is a standard OGC filter (FES 2.0) in the `FILTER` parameter:
//! this PDOK service ignores GeoServer's `CQL_FILTER` (it then answers the
//! first features of the whole country). A GetFeature answers at most
//! [`PAGE_SIZE`] features, more than any gemeente has buurten (Amsterdam,
//! the largest, has about 520).

use percent_encoding::utf8_percent_encode;

use crate::area::{AreaCode, AreaLevel};
use crate::cbs_odata::QUERY_VALUE;

/// PDOK's service host, without a trailing `/`.
pub const PDOK_URL: &str = "https://service.pdok.nl";

/// Features asked for per request (PDOK's maximum).
pub const PAGE_SIZE: usize = 1000;

/// The feature type (layer) of a level: `buurten`, `wijken`, `gemeenten`.
pub fn layer(level: AreaLevel) -> &'static str {
    match level {
        AreaLevel::Gemeente => "gemeenten",
        AreaLevel::Wijk => "wijken",
        AreaLevel::Buurt => "buurten",
    }
}

/// The GetFeature URL for one level of a gemeente's areas in one year's
/// wijk- en buurtkaart. `base` is [`PDOK_URL`] or a stand-in for it.
pub fn boundary_url(base: &str, gemeente: &AreaCode, year: i32, level: AreaLevel) -> String {
    let filter = format!(
        "<fes:Filter xmlns:fes=\"http://www.opengis.net/fes/2.0\">\
         <fes:PropertyIsEqualTo><fes:ValueReference>gemeentecode</fes:ValueReference>\
         <fes:Literal>{}</fes:Literal></fes:PropertyIsEqualTo></fes:Filter>",
        gemeente.gemeente()
    );
    format!(
        "{}/cbs/wijkenbuurten/{year}/wfs/v1_0?service=WFS&version=2.0.0&request=GetFeature\
         &typeNames=wijkenbuurten:{}&outputFormat=application%2Fjson&srsName=EPSG%3A28992\
         &count={PAGE_SIZE}&FILTER={}",
        base.trim_end_matches('/'),
        layer(level),
        utf8_percent_encode(&filter, QUERY_VALUE)
    )
}

/// The three requests for a gemeente: buurten, wijken and the gemeente.
pub fn boundary_urls(base: &str, gemeente: &AreaCode, year: i32) -> Vec<(AreaLevel, String)> {
    [AreaLevel::Buurt, AreaLevel::Wijk, AreaLevel::Gemeente]
        .into_iter()
        .map(|level| (level, boundary_url(base, gemeente, year, level)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_file_names() {
        let tilburg = AreaCode::parse("GM0855").unwrap();
        let urls = boundary_urls(PDOK_URL, &tilburg, 2024);
        assert_eq!(urls.len(), 3);
        assert_eq!(urls[0].0, AreaLevel::Buurt);
        assert_eq!(
            urls[0].1,
            "https://service.pdok.nl/cbs/wijkenbuurten/2024/wfs/v1_0?service=WFS&version=2.0.0\
             &request=GetFeature&typeNames=wijkenbuurten:buurten&outputFormat=application%2Fjson\
             &srsName=EPSG%3A28992&count=1000&FILTER=%3Cfes%3AFilter%20xmlns%3Afes%3D%22http%3A\
             %2F%2Fwww.opengis.net%2Ffes%2F2.0%22%3E%3Cfes%3APropertyIsEqualTo%3E%3Cfes%3A\
             ValueReference%3Egemeentecode%3C%2Ffes%3AValueReference%3E%3Cfes%3ALiteral%3E\
             GM0855%3C%2Ffes%3ALiteral%3E%3C%2Ffes%3APropertyIsEqualTo%3E%3C%2Ffes%3AFilter%3E"
        );
        assert!(urls[2].1.contains("typeNames=wijkenbuurten:gemeenten&"));
        let wijk = boundary_url("http://127.0.0.1:1/", &tilburg, 2023, AreaLevel::Wijk);
        assert!(wijk.starts_with("http://127.0.0.1:1/cbs/wijkenbuurten/2023/wfs/v1_0?"));
    }
}
