//! The gemeente's map page as HTML: the filters, the map with its legend,
//! and the table of all areas, from a [`GemeenteView`].

use maud::{Markup, html};

use super::gemeente_view::{GemeenteView, LegendNote};
use crate::layout::{self, breadcrumbs};
use crate::svg::keys::swatch;
use crate::svg::map::choropleth;

/// The page's body.
pub fn render(view: &GemeenteView<'_>) -> Markup {
    html! {
        (breadcrumbs(&[("Wijkmonitor", Some("/monitor".into())), (&view.name, None)]))
        h1 { (view.title) }
        @if let Some(href) = &view.start_case {
            p { a.button href=(href) { "Afweging starten voor deze gemeente" } }
        }
        form.filters method="get" action=(view.filter_action) {
            @for (name, value) in &view.keep { input type="hidden" name=(name) value=(value); }
            div.field {
                label for="niveau" { "Niveau" }
                select #niveau name="niveau" data-autosubmit {
                    @for o in &view.levels { option value=(o.value) selected[o.selected] { (o.label) } }
                }
            }
            div.field {
                label for="kengetal" { "Kengetal" }
                select #kengetal name="kengetal" data-autosubmit {
                    @for o in &view.indicators { option value=(o.value) selected[o.selected] { (o.label) } }
                }
            }
            @if !view.years.is_empty() {
                div.field {
                    label for="jaar" { "Jaar" }
                    select #jaar name="jaar" data-autosubmit {
                        @for o in &view.years { option value=(o.value) selected[o.selected] { (o.label) } }
                    }
                }
            }
            div { button type="submit" { "Toon" } }
        }
        div.map-layout {
            div {
                h2.visually-hidden { "Kaart" }
                (choropleth(&view.map_title, &view.map_areas, view.outline))
                @if let Some(note) = &view.unmapped { p.muted { (note) } }
            }
            aside aria-labelledby="legenda-kop" {
                h2 #legenda-kop { "Legenda" }
                p { strong { (view.shown) } @if let Some(y) = view.year { ", " (y) } }
                ul.legend {
                    @for entry in &view.legend {
                        li { (swatch(&entry.colour)) (entry.label) }
                    }
                    li { span.swatch.swatch-missing {} "geen gegevens (" (view.missing) ")" }
                }
                @match &view.note {
                    Some(LegendNote::Classes(text)) => p.muted { (text) },
                    Some(LegendNote::Signal { text, href }) => p.muted { (text) a href=(href) { "Hoe het signaal is opgebouwd" } },
                    None => {},
                }
                p { a.button.button-secondary href=(view.export) download { "Tabel downloaden (Excel)" } }
            }
        }
        h2 #tabel { "Alle " (view.level_word) }
        (layout::table_wrap(&format!("Alle {}", view.level_word), html! {
            table {
                caption { (view.shown) @if let Some(y) = view.year { ", " (y) } ", van hoog naar laag" }
                thead { tr {
                    th.wide-only scope="col" { "Code" }
                    th scope="col" { (view.level_header) }
                    th.num scope="col" { (view.shown) }
                } }
                tbody {
                    @for row in &view.rows {
                        tr data-code=(row.code) {
                            td.wide-only { (row.code) }
                            td { a href=(row.href) { (row.name) } }
                            td.num { (row.text) }
                        }
                    }
                }
            }
        }))
    }
}
