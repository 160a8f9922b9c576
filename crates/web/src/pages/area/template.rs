//! The page of a wijk or buurt as HTML, from an [`AreaView`].

use maud::{Markup, html};

use super::view::AreaView;
use crate::layout::{self, breadcrumbs};
use crate::pages::signal_notice;
use crate::svg::chart::line_chart;
use crate::svg::keys::line_key;

/// The page's body.
pub fn render(view: &AreaView<'_>) -> Markup {
    html! {
        (breadcrumbs(&view.crumb_refs()))
        h1 { (view.title) " " span.muted { "(" (view.code) ")" } }
        @if let Some(href) = &view.start_case {
            p.actions {
                a.button href=(href) { "Afweging starten voor dit gebied" }
                a.button.button-secondary href=(format!("/gebied/{}/werkatelier", view.code)) { "Gebiedsatelier openen" }
            }
        }
        @if let Some(s) = &view.signal {
            (signal_notice(&s.scored, "de andere buurten van de gemeente", s.indicators, html! {
                p { a href=(s.all_href) { "Alle buurten op volgorde van het signaal" } }
            }))
        }
        @if !view.children.is_empty() {
            h2 { "Buurten in deze wijk" }
            ul { @for b in &view.children { li { a href=(b.href) { (b.text) } } } }
        }
        h2 { "Kerncijfers" }
        @if view.figures.is_empty() {
            p { "Voor dit gebied zijn nog geen cijfers geïmporteerd." }
        } @else {
            (layout::table_wrap("Kerncijfers", html! {
                table {
                    caption { (view.caption) }
                    thead { tr {
                        th scope="col" { "Kengetal" }
                        th.num scope="col" { "Jaar" }
                        th.num scope="col" { (view.name) }
                        @for label in &view.parent_labels { th.num scope="col" { (label) } }
                        th scope="col" { "Richting" }
                        th scope="col" { "Bron" }
                    } }
                    tbody {
                        @for row in &view.figures {
                            tr {
                                th scope="row" { (row.name) }
                                td.num { (row.year) }
                                td.num { (row.value) }
                                @for value in &row.parents {
                                    td.num { @match value { Some(x) => (x), None => span.muted { "–" } } }
                                }
                                td { (row.direction) }
                                td.muted { (row.source) }
                            }
                        }
                    }
                }
            }))
        }
        @if !view.charts.is_empty() {
            h2 { "Ontwikkeling door de jaren" }
            ul.series-legend aria-hidden="true" {
                @for key in &view.line_keys { li { (line_key(key.colour, key.dashed)) (key.label) } }
            }
            ul.charts {
                @for chart in &view.charts {
                    li.chart {
                        figure {
                            figcaption { (chart.caption) }
                            (line_chart(&chart.title, &chart.series(), chart.decimals))
                        }
                    }
                }
            }
        }
        @if let Some(complexes) = &view.complexes {
            h2 { "Complexen van de corporatie in deze buurt" }
            @if complexes.is_empty() {
                p { "De corporatie heeft hier geen complexen (of ze zijn nog niet geïmporteerd)." }
            } @else {
                (layout::table_wrap("Complexen in deze buurt", html! { table {
                    thead { tr {
                        th scope="col" { "Complex" } th.num scope="col" { "Woningen" } th.num scope="col" { "Bouwjaar" }
                        th scope="col" { "Energielabel" } th.num scope="col" { "Gemiddelde huur" }
                    } }
                    tbody { @for c in complexes { tr {
                        td { a href=(c.href) { (c.label) } }
                        td.num { (c.dwellings) }
                        td.num { (c.build_year) }
                        td { (c.energy_label) }
                        td.num { (c.rent) }
                    } } }
                } }))
            }
        }
    }
}
