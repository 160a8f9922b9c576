//! What the monitor pages read, cached per organisation while its data is
//! unchanged. Every change of an organisation's areas, values, boundaries
//! or own data is an import recorded in the same transaction, so its number
//! of imports ([`Store::data_version`]) tells whether cached reads still
//! hold: one one-row query per page instead of the thousands of rows a map
//! or buurt page reads (the signal alone compares every buurt). Imports by
//! `wikken import` in another process are seen just the same. Settings that
//! change without an import (the signal's weights) are not cached.

use std::any::Any;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};

use wikken_data::geo::MultiPolygon;
use wikken_data::{AreaCode, AreaLevel};
use wikken_storage::{
    AreaRow, AreaValue, ComplexRow, IndicatorRow, ObservationRow, OrganisationId, Series,
    StorageError, Store,
};

/// Most reads kept per organisation; past this the snapshot starts afresh
/// (a bound on memory when many areas' pages are visited).
const MAX_ENTRIES: usize = 4096;

type Entry = Arc<dyn Any + Send + Sync>;

/// The reads of one organisation at one data version.
#[derive(Default)]
struct Snapshot {
    version: i64,
    entries: Mutex<HashMap<String, Entry>>,
}

/// The cache of all organisations (shared by all requests).
#[derive(Default)]
pub struct Cache {
    orgs: Mutex<HashMap<String, Arc<Snapshot>>>,
    fragments: Mutex<VecDeque<(String, Arc<Vec<String>>)>>,
}

/// Rendered fragments kept (the newest); each is a page's worth of HTML.
const MAX_FRAGMENTS: usize = 16;

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Cache")
    }
}

impl Cache {
    /// Rendered HTML kept under `key`, if any. The key names everything
    /// the fragments show (for the afspraken' dashboard: the afspraken'
    /// version and revision, the data version, the year and the view), so
    /// a change anywhere makes a new key and the old entry ages out.
    pub fn fragments(&self, key: &str) -> Option<Arc<Vec<String>>> {
        let kept = self
            .fragments
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        kept.iter().find(|(k, _)| k == key).map(|(_, f)| f.clone())
    }

    /// Keeps rendered HTML under `key`; past [`MAX_FRAGMENTS`] the oldest
    /// goes.
    pub fn keep_fragments(&self, key: String, fragments: Arc<Vec<String>>) {
        let mut kept = self
            .fragments
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if kept.iter().any(|(k, _)| *k == key) {
            return;
        }
        if kept.len() >= MAX_FRAGMENTS {
            kept.pop_front();
        }
        kept.push_back((key, fragments));
    }

    /// The organisation's reads at its current data version.
    pub async fn reads(&self, store: &Store, org: &OrganisationId) -> Result<Reads, StorageError> {
        let version = store.data_version(org).await?;
        let snapshot = {
            let mut orgs = self.orgs.lock().unwrap_or_else(PoisonError::into_inner);
            let current = orgs.entry(org.0.clone()).or_default();
            if current.version < version {
                *current = Arc::new(Snapshot {
                    version,
                    entries: Mutex::default(),
                });
            }
            if current.version == version {
                current.clone()
            } else {
                // A request that started before a newer import: read afresh.
                Arc::new(Snapshot {
                    version,
                    entries: Mutex::default(),
                })
            }
        };
        Ok(Reads {
            store: store.clone(),
            org: org.clone(),
            snapshot,
        })
    }
}

/// A cache key for a set of (area, indicator) pairs, whatever their order.
fn pairs_key(pairs: &[(String, String)]) -> String {
    let mut keys: Vec<String> = pairs.iter().map(|(a, i)| format!("{a}:{i}")).collect();
    keys.sort_unstable();
    keys.dedup();
    keys.join(",")
}

/// One organisation's cached reads, for one request.
#[derive(Clone)]
pub struct Reads {
    store: Store,
    org: OrganisationId,
    snapshot: Arc<Snapshot>,
}

impl Reads {
    /// The store itself, for what is not cached.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The organisation.
    pub fn org(&self) -> &OrganisationId {
        &self.org
    }

    /// The data version these reads are of (the organisation's number of
    /// imports).
    pub fn version(&self) -> i64 {
        self.snapshot.version
    }

    pub(crate) async fn get<T, Fut>(&self, key: String, load: Fut) -> Result<Arc<T>, StorageError>
    where
        T: Send + Sync + 'static,
        Fut: Future<Output = Result<T, StorageError>>,
    {
        let hit = self.entries().get(&key).cloned();
        if let Some(found) = hit.and_then(|e| e.downcast::<T>().ok()) {
            return Ok(found);
        }
        let value = Arc::new(load.await?);
        let mut entries = self.entries();
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(key, value.clone());
        Ok(value)
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        self.snapshot
            .entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// [`Store::indicators`]
    pub async fn indicators(&self) -> Result<Arc<Vec<IndicatorRow>>, StorageError> {
        self.get("indicators".into(), self.store.indicators(&self.org))
            .await
    }

    /// [`Store::area`]
    pub async fn area(&self, code: &AreaCode) -> Result<Option<AreaRow>, StorageError> {
        let key = format!("area {}", code.as_str());
        let found = self.get(key, self.store.area(&self.org, code)).await?;
        Ok(found.as_ref().clone())
    }

    /// [`Store::areas_in_gemeente`]
    pub async fn areas_in_gemeente(
        &self,
        gemeente: &AreaCode,
        level: AreaLevel,
    ) -> Result<Arc<Vec<AreaRow>>, StorageError> {
        let key = format!("areas {} {}", gemeente.as_str(), level.as_str());
        self.get(
            key,
            self.store.areas_in_gemeente(&self.org, gemeente, level),
        )
        .await
    }

    /// [`Store::observations`]
    pub async fn observations(
        &self,
        area: &AreaCode,
    ) -> Result<Arc<Vec<ObservationRow>>, StorageError> {
        let key = format!("observations {}", area.as_str());
        self.get(key, self.store.observations(&self.org, area))
            .await
    }

    /// [`Store::national_values`]
    pub async fn national_values(&self) -> Result<Arc<Vec<ObservationRow>>, StorageError> {
        self.get("national".into(), self.store.national_values(&self.org))
            .await
    }

    /// [`Store::level_indicator_years`]
    pub async fn level_indicator_years(
        &self,
        gemeente: &AreaCode,
        level: AreaLevel,
    ) -> Result<Arc<Vec<(String, i32)>>, StorageError> {
        let key = format!("indicator years {} {}", gemeente.as_str(), level.as_str());
        let load = self.store.level_indicator_years(&self.org, gemeente, level);
        self.get(key, load).await
    }

    /// [`Store::level_values_in_year`]
    pub async fn level_values_in_year(
        &self,
        gemeente: &AreaCode,
        level: AreaLevel,
        indicator: &str,
        year: i32,
    ) -> Result<Arc<Vec<AreaValue>>, StorageError> {
        let key = format!(
            "values {} {} {indicator} {year}",
            gemeente.as_str(),
            level.as_str()
        );
        let load = self
            .store
            .level_values_in_year(&self.org, gemeente, level, indicator, year);
        self.get(key, load).await
    }

    /// [`Store::latest_level_values`]
    pub async fn latest_level_values(
        &self,
        gemeente: &AreaCode,
        level: AreaLevel,
        indicators: &[&str],
    ) -> Result<Arc<Vec<AreaValue>>, StorageError> {
        let key = format!(
            "latest {} {} {}",
            gemeente.as_str(),
            level.as_str(),
            indicators.join(",")
        );
        let load = self
            .store
            .latest_level_values(&self.org, gemeente, level, indicators);
        self.get(key, load).await
    }

    /// [`Store::indicator_values_everywhere`]
    pub async fn indicator_values_everywhere(
        &self,
        indicators: &[&str],
    ) -> Result<Arc<Vec<AreaValue>>, StorageError> {
        let mut sorted: Vec<&str> = indicators.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        let key = format!("everywhere {}", sorted.join(","));
        let load = self.store.indicator_values_everywhere(&self.org, &sorted);
        self.get(key, load).await
    }

    /// [`Store::area_series`]: the series behind the goals of
    /// prestatieafspraken (imported figures, so cached like the rest).
    pub async fn area_series(
        &self,
        gemeente_code: &str,
        wanted: &[(String, String)],
    ) -> Result<Arc<BTreeMap<(String, String), Series>>, StorageError> {
        let key = format!("area series {gemeente_code} {}", pairs_key(wanted));
        let load = self.store.area_series(&self.org, gemeente_code, wanted);
        self.get(key, load).await
    }

    /// [`Store::complexes_series_many`]: the series over the
    /// corporation's complexes behind goals (own data is imported too).
    pub async fn complexes_series_many(
        &self,
        gemeente_code: &str,
        wanted: &[(String, String)],
    ) -> Result<Arc<BTreeMap<(String, String), Series>>, StorageError> {
        let key = format!("complexes series {gemeente_code} {}", pairs_key(wanted));
        let load = self
            .store
            .complexes_series_many(&self.org, gemeente_code, wanted);
        self.get(key, load).await
    }

    /// [`Store::boundaries_in_gemeente`]
    pub async fn boundaries_in_gemeente(
        &self,
        gemeente: &AreaCode,
        level: AreaLevel,
    ) -> Result<Arc<Vec<(String, MultiPolygon)>>, StorageError> {
        let key = format!("boundaries {} {}", gemeente.as_str(), level.as_str());
        let load = self
            .store
            .boundaries_in_gemeente(&self.org, gemeente, level);
        self.get(key, load).await
    }

    /// [`Store::boundary`]
    pub async fn boundary(
        &self,
        code: &AreaCode,
    ) -> Result<Arc<Option<MultiPolygon>>, StorageError> {
        let key = format!("boundary {}", code.as_str());
        self.get(key, self.store.boundary(&self.org, code)).await
    }

    /// [`Store::complexes_in_buurt`]
    pub async fn complexes_in_buurt(
        &self,
        buurt: &AreaCode,
    ) -> Result<Arc<Vec<ComplexRow>>, StorageError> {
        let key = format!("complexes {}", buurt.as_str());
        self.get(key, self.store.complexes_in_buurt(&self.org, buurt))
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_are_kept_by_key_and_the_oldest_goes_first() {
        let cache = Cache::default();
        assert!(cache.fragments("a").is_none());
        cache.keep_fragments("a".into(), Arc::new(vec!["A".into()]));
        assert_eq!(cache.fragments("a").unwrap()[0], "A");
        // The same key again keeps the first (both were drawn from the same state).
        cache.keep_fragments("a".into(), Arc::new(vec!["B".into()]));
        assert_eq!(cache.fragments("a").unwrap()[0], "A");
        for k in 0..MAX_FRAGMENTS {
            cache.keep_fragments(format!("k{k}"), Arc::new(Vec::new()));
        }
        assert!(cache.fragments("a").is_none(), "the oldest went");
        assert!(cache.fragments("k0").is_some());
        assert_eq!(
            cache
                .fragments
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .len(),
            MAX_FRAGMENTS
        );
    }
}
