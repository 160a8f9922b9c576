//! The wijkmonitor: the organisation's gemeenten, and per gemeente a
//! choropleth map of its buurten (or wijken) for any indicator or for the
//! "onder druk" signal, with the same figures as a table.

mod gemeente_template;
mod gemeente_view;
mod map_choice;
mod shading;

use axum::extract::{Path, Query, State};
use maud::{Markup, html};
use serde::Deserialize;
use wikken_data::AreaLevel;

use super::{fmt_value, parse_code};
use crate::AppState;
use crate::error::AppError;
use crate::layout::{self, Ctx, Section};
use crate::signals;
use gemeente_view::MapData;

/// GET /monitor: the gemeenten.
pub async fn index(State(app): State<AppState>, ctx: Ctx) -> Result<Markup, AppError> {
    let gemeenten = app.store.gemeenten(&ctx.user.org).await?;
    let mut cards = Vec::new();
    for g in &gemeenten {
        let code = parse_code(&g.code, Some(AreaLevel::Gemeente))?;
        let buurten = app
            .store
            .areas_in_gemeente(&ctx.user.org, &code, AreaLevel::Buurt)
            .await?
            .len();
        let values = app.store.observations(&ctx.user.org, &code).await?;
        let latest = |ind: &str| {
            values
                .iter()
                .filter(|o| o.indicator == ind)
                .max_by_key(|o| o.year)
        };
        cards.push((
            g,
            buurten,
            latest("inwoners").cloned(),
            latest("pct_corporatiebezit").cloned(),
        ));
    }
    Ok(layout::page(
        &ctx,
        Section::Monitor,
        "Wijkmonitor",
        html! {
            h1 { "Wijkmonitor" }
            p.lead { "Het gedeelde beeld van de wijken: cijfers van CBS en van de corporatie zelf, per gemeente, wijk, buurt en complex, op de kaart en in de tijd." }
            @if gemeenten.is_empty() {
                div.notice {
                    h2 { "Nog geen gegevens" }
                    p { "Uw organisatie heeft nog geen gebieden. Importeer de CBS Kerncijfers wijken en buurten en de grenzen van uw gemeente(n)." }
                    @if ctx.user.role.can_edit() { p { a.button href="/import" { "Gegevens importeren" } } }
                }
            } @else {
                h2 { "Gemeenten" }
                ul.cards {
                    @for (g, buurten, inwoners, corp) in &cards {
                        li.card {
                            h3 { a href=(format!("/monitor/{}", g.code)) { (g.name) } }
                            dl.facts {
                                dt { "Buurten" } dd { (buurten) }
                                @if let Some(o) = inwoners { dt { "Inwoners" } dd { (fmt_value(o.value, "aantal")) " (" (o.year) ")" } }
                                @if let Some(o) = corp { dt { "Corporatiebezit" } dd { (fmt_value(o.value, "%")) " (" (o.year) ")" } }
                            }
                        }
                    }
                }
            }
        },
    ))
}

/// The map page's choices.
#[derive(Debug, Deserialize, Default)]
pub struct MapQuery {
    /// Indicator code, or "signaal".
    pub(crate) kengetal: Option<String>,
    /// Year.
    pub(crate) jaar: Option<i32>,
    /// "buurt" (default) or "wijk".
    pub(crate) niveau: Option<String>,
    /// The signal's minimum of inhabitants (as on the signal page).
    pub(crate) min_inwoners: Option<String>,
    /// What happens to buurten below it: "markeren" or "weglaten".
    pub(crate) klein: Option<String>,
}

/// GET /monitor/{code}: the gemeente's map.
pub async fn gemeente(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Query(q): Query<MapQuery>,
) -> Result<Markup, AppError> {
    let code = parse_code(&code, Some(AreaLevel::Gemeente))?;
    let reads = app.cache.reads(&app.store, &ctx.user.org).await?;
    let gemeente = reads.area(&code).await?.ok_or(AppError::NotFound)?;
    let level = map_choice::level_asked(&q);
    let indicators = reads.indicators().await?;
    let areas = reads.areas_in_gemeente(&code, level).await?;
    // Which indicators (and years) there are; then only the shown values.
    let available = reads.level_indicator_years(&code, level).await?;
    let choice = map_choice::choose(&q, &indicators, &available);
    let boundaries = reads.boundaries_in_gemeente(&code, level).await?;
    let outline = reads.boundary(&code).await?;
    // The signal page links here with its rule for small buurten; one
    // that cannot be used is the default (the legend says which holds).
    let (small, _) =
        signals::SmallBuurten::from_query(q.min_inwoners.as_deref(), q.klein.as_deref());
    let (signal, left_out) = if choice.signal {
        let s = signals::buurten_under(&reads, &code, &indicators, &small).await?;
        (s.scored, s.left_out)
    } else {
        (Vec::new(), Vec::new())
    };
    let values = match (choice.indicator, choice.year) {
        (Some(ind), Some(y)) => {
            reads
                .level_values_in_year(&code, level, &ind.code, y)
                .await?
        }
        _ => Default::default(),
    };
    let view = gemeente_view::build(
        &choice,
        &MapData {
            gemeente: &gemeente,
            can_edit: ctx.user.role.can_edit(),
            areas: &areas,
            boundaries: &boundaries,
            outline: outline.as_ref().as_ref(),
            signal: &signal,
            small,
            left_out: &left_out,
            values: &values,
        },
    );
    Ok(layout::page(
        &ctx,
        Section::Monitor,
        &view.title,
        gemeente_template::render(&view),
    ))
}
