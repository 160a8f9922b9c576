//! Tables as Excel workbooks: a gemeente's areas × indicators, and the
//! signals.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use serde::Deserialize;
use wikken_data::AreaLevel;
use wikken_storage::IndicatorRow;

use crate::AppState;
use crate::error::AppError;
use crate::layout::Ctx;
use crate::pages::signals::{by_score, caveats};
use crate::pages::{direction_text, parse_code};
use crate::signals::{self, Scored, SmallBuurten};

fn xlsx_error(e: XlsxError) -> AppError {
    AppError::Internal(format!("Excel-bestand maken mislukt: {e}"))
}

fn download(name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

fn header_row(sheet: &mut Worksheet, titles: &[&str]) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold().set_background_color("#DDE6F0");
    for (c, t) in titles.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *t, &bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn indicator_sheet(book: &mut Workbook, indicators: &[&IndicatorRow]) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet().set_name("Kengetallen")?;
    header_row(sheet, &["Code", "Kengetal", "Eenheid", "Richting", "Bron"])?;
    for (r, i) in indicators.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, &i.code)?;
        sheet.write_string(r, 1, &i.name)?;
        sheet.write_string(r, 2, &i.unit)?;
        sheet.write_string(r, 3, direction_text(i))?;
        sheet.write_string(r, 4, &i.source)?;
    }
    sheet.autofit();
    Ok(())
}

/// `?niveau=`
#[derive(Debug, Deserialize)]
pub struct Level {
    niveau: Option<String>,
}

/// GET /monitor/{code}/export.xlsx: every area of a level × every
/// indicator (latest year), plus all years in long form.
pub async fn gemeente(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Query(q): Query<Level>,
) -> Result<Response, AppError> {
    let org = &ctx.user.org;
    let code = parse_code(&code, Some(AreaLevel::Gemeente))?;
    let gemeente = app
        .store
        .area(org, &code)
        .await?
        .ok_or(AppError::NotFound)?;
    let level = if q.niveau.as_deref() == Some("wijk") {
        AreaLevel::Wijk
    } else {
        AreaLevel::Buurt
    };
    let areas = app.store.areas_in_gemeente(org, &code, level).await?;
    let values = app.store.level_values(org, &code, level, None).await?;
    let indicators = app.store.indicators(org).await?;
    let used: BTreeSet<&str> = values.iter().map(|v| v.indicator.as_str()).collect();
    let shown: Vec<&IndicatorRow> = indicators
        .iter()
        .filter(|i| used.contains(i.code.as_str()))
        .collect();
    let mut latest: HashMap<(&str, &str), (i32, f64)> = HashMap::new();
    for v in &values {
        let e = latest
            .entry((v.area.as_str(), v.indicator.as_str()))
            .or_insert((v.year, v.value));
        if v.year >= e.0 {
            *e = (v.year, v.value);
        }
    }
    let names: HashMap<&str, &str> = areas
        .iter()
        .map(|a| (a.code.as_str(), a.name.as_str()))
        .collect();
    let mut book = Workbook::new();
    {
        let sheet = book
            .add_worksheet()
            .set_name(if level == AreaLevel::Wijk {
                "Wijken"
            } else {
                "Buurten"
            })
            .map_err(xlsx_error)?;
        let mut titles = vec!["Code", "Naam", "Ligt in"];
        let labels: Vec<String> = shown
            .iter()
            .map(|i| {
                format!(
                    "{}{}",
                    i.name,
                    crate::pages::unit_suffix_for(&i.name, &i.unit)
                )
            })
            .collect();
        titles.extend(labels.iter().map(String::as_str));
        header_row(sheet, &titles).map_err(xlsx_error)?;
        for (r, a) in areas.iter().enumerate() {
            let r = r as u32 + 1;
            sheet.write_string(r, 0, &a.code).map_err(xlsx_error)?;
            sheet.write_string(r, 1, &a.name).map_err(xlsx_error)?;
            sheet
                .write_string(r, 2, a.parent_code.as_deref().unwrap_or(""))
                .map_err(xlsx_error)?;
            for (c, i) in shown.iter().enumerate() {
                if let Some((_, v)) = latest.get(&(a.code.as_str(), i.code.as_str())) {
                    sheet
                        .write_number(r, c as u16 + 3, *v)
                        .map_err(xlsx_error)?;
                }
            }
        }
        sheet.autofit();
    }
    {
        let sheet = book
            .add_worksheet()
            .set_name("Alle jaren")
            .map_err(xlsx_error)?;
        header_row(sheet, &["Code", "Naam", "Kengetal", "Jaar", "Waarde"]).map_err(xlsx_error)?;
        for (r, v) in values.iter().enumerate() {
            let r = r as u32 + 1;
            sheet.write_string(r, 0, &v.area).map_err(xlsx_error)?;
            sheet
                .write_string(r, 1, names.get(v.area.as_str()).copied().unwrap_or(""))
                .map_err(xlsx_error)?;
            sheet.write_string(r, 2, &v.indicator).map_err(xlsx_error)?;
            sheet.write_number(r, 3, v.year).map_err(xlsx_error)?;
            sheet.write_number(r, 4, v.value).map_err(xlsx_error)?;
        }
    }
    indicator_sheet(&mut book, &shown).map_err(xlsx_error)?;
    let bytes = book.save_to_buffer().map_err(xlsx_error)?;
    Ok(download(
        &format!("wikken-{}-{}.xlsx", gemeente.code, level.as_str()),
        bytes,
    ))
}

/// `?gemeente=&min_inwoners=&klein=`
#[derive(Debug, Deserialize)]
pub struct Which {
    gemeente: Option<String>,
    min_inwoners: Option<String>,
    klein: Option<String>,
}

/// A sheet of signals in the page's order: buurten below the minimum of
/// `small` after the others, unranked and marked; those left out under
/// it (`left_out`: code and inhabitants) at the bottom, unscored.
fn signal_sheet(
    book: &mut Workbook,
    name: &str,
    mut scored: Vec<Scored>,
    small: Option<&SmallBuurten>,
    left_out: &[(String, f64)],
    names: &BTreeMap<String, String>,
    indicators: &[IndicatorRow],
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet().set_name(name)?;
    header_row(
        sheet,
        &[
            "Rang",
            "Code",
            "Naam",
            "Score",
            "Signaal",
            "Drijft de score (1)",
            "(2)",
            "(3)",
            "Inwoners",
            "Let op",
        ],
    )?;
    by_score(&mut scored, small);
    let is_small = |s: &Scored| small.is_some_and(|r| r.is_small(s.population));
    let mut rank = 0;
    for (k, s) in scored.iter().enumerate() {
        let r = k as u32 + 1;
        if !is_small(s) {
            rank += 1;
            sheet.write_number(r, 0, rank)?;
        }
        if let Some(p) = s.population {
            sheet.write_number(r, 8, p)?;
        }
        let mut notes = caveats(s, &[], small);
        if is_small(s) {
            notes.push("apart gezet, niet meegeteld".into());
        }
        if !notes.is_empty() {
            sheet.write_string(r, 9, notes.join("; "))?;
        }
        sheet.write_string(r, 1, &s.code)?;
        sheet.write_string(r, 2, names.get(&s.code).map_or("", String::as_str))?;
        if let (Some(v), Some(l)) = (s.score.score, s.level()) {
            sheet.write_number(r, 3, v)?;
            sheet.write_string(r, 4, l.label())?;
        }
        for (c, d) in s
            .score
            .contributions
            .iter()
            .filter(|c| c.share > 0.0)
            .take(3)
            .enumerate()
        {
            let n = indicators
                .iter()
                .find(|i| i.code == d.indicator)
                .map_or(d.indicator.as_str(), |i| i.name.as_str());
            sheet.write_string(r, 5 + c as u16, n)?;
        }
    }
    let below = small.map(SmallBuurten::below).unwrap_or_default();
    for (k, (code, p)) in left_out.iter().enumerate() {
        let r = (scored.len() + k) as u32 + 1;
        sheet.write_string(r, 1, code)?;
        sheet.write_string(r, 2, names.get(code).map_or("", String::as_str))?;
        sheet.write_number(r, 8, *p)?;
        sheet.write_string(r, 9, format!("weggelaten: {below}"))?;
    }
    sheet.autofit();
    Ok(())
}

/// GET /signalen/export.xlsx: buurten of a gemeente and all complexes, by score.
pub async fn signals(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<Which>,
) -> Result<Response, AppError> {
    let org = &ctx.user.org;
    let (small, problem) = SmallBuurten::from_query(q.min_inwoners.as_deref(), q.klein.as_deref());
    if let Some(problem) = problem {
        return Err(AppError::Status(StatusCode::BAD_REQUEST, problem));
    }
    let indicators = app.store.indicators(org).await?;
    let mut book = Workbook::new();
    if let Some(g) = q.gemeente.as_deref() {
        let code = parse_code(g, Some(AreaLevel::Gemeente))?;
        app.store
            .area(org, &code)
            .await?
            .ok_or(AppError::NotFound)?;
        let reads = app.cache.reads(&app.store, org).await?;
        let signal = signals::buurten_under(&reads, &code, &indicators, &small).await?;
        let names = app
            .store
            .areas_in_gemeente(org, &code, AreaLevel::Buurt)
            .await?
            .into_iter()
            .map(|a| (a.code, a.name))
            .collect();
        signal_sheet(
            &mut book,
            "Buurten",
            signal.scored,
            Some(&small),
            &signal.left_out,
            &names,
            &indicators,
        )
        .map_err(xlsx_error)?;
    }
    let (scored, _) = signals::complexes(&app.store, org, &indicators).await?;
    let names = app
        .store
        .complexes(org)
        .await?
        .into_iter()
        .map(|c| (c.code.0, c.name))
        .collect();
    signal_sheet(
        &mut book,
        "Complexen",
        scored,
        None,
        &[],
        &names,
        &indicators,
    )
    .map_err(xlsx_error)?;
    let bytes = book.save_to_buffer().map_err(xlsx_error)?;
    Ok(download("wikken-signalen.xlsx", bytes))
}
