//! The page of a wijk or buurt: its signal, all its indicators compared
//! with its wijk and gemeente, their trend over the years, its buurten or
//! its complexes.

mod charts;
mod figures;
mod template;
mod view;

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use wikken_data::{AreaCode, AreaLevel};

use super::parse_code;
use crate::AppState;
use crate::cache::Reads;
use crate::error::AppError;
use crate::layout::{self, Ctx, Section};
use crate::signals;
use figures::Figures;
use view::AreaData;

/// The chain of parents: the wijk (of a buurt) and the gemeente, then
/// Nederland when the organisation has its figures.
async fn parents(reads: &Reads, code: &AreaCode) -> Result<Vec<Figures>, AppError> {
    let mut out = Vec::new();
    let mut next = code.parent();
    while let Some(p) = next {
        if let Some(area) = reads.area(&p).await? {
            let rows = reads.observations(&p).await?;
            out.push(Figures::of_area(&area, &rows));
        }
        next = p.parent();
    }
    let national = reads.national_values().await?;
    if !national.is_empty() {
        out.push(Figures::national(&national));
    }
    Ok(out)
}

/// GET /gebied/{code}
pub async fn page(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let code = parse_code(&code, None)?;
    let reads = app.cache.reads(&app.store, &ctx.user.org).await?;
    let area = reads.area(&code).await?.ok_or(AppError::NotFound)?;
    if code.level() == AreaLevel::Gemeente {
        return Ok(Redirect::to(&format!("/monitor/{}", code.as_str())).into_response());
    }
    let indicators = reads.indicators().await?;
    let me = Figures::of_area(&area, &reads.observations(&code).await?);
    let parents = parents(&reads, &code).await?;
    let gemeente_code = code.gemeente();
    let buurten = if code.level() == AreaLevel::Wijk {
        reads
            .areas_in_gemeente(&gemeente_code, AreaLevel::Buurt)
            .await?
    } else {
        Default::default()
    };
    let complexes = if code.level() == AreaLevel::Buurt {
        reads.complexes_in_buurt(&code).await?
    } else {
        Default::default()
    };
    let signals = if code.level() == AreaLevel::Buurt {
        signals::buurten(&reads, &gemeente_code, &indicators)
            .await?
            .0
    } else {
        Vec::new()
    };
    let view = view::build(AreaData {
        me: &me,
        parents: &parents,
        indicators: &indicators,
        buurten: &buurten,
        complexes: &complexes,
        signals,
        gemeente: gemeente_code.as_str(),
        can_edit: ctx.user.role.can_edit(),
    });
    Ok(layout::page(&ctx, Section::Monitor, &view.title, template::render(&view)).into_response())
}
