//! The import page as HTML, from an [`ImportView`].

use maud::{Markup, html};

use super::view::{ImportView, UploadResult};
use crate::layout::{self, csrf_input};

/// The page's body.
pub fn render(view: &ImportView) -> Markup {
    html! {
        h1 { "Gegevens importeren" }
        @match &view.result {
            Some(UploadResult::Failed { stored, files }) => {
                div.notice.notice-error role="alert" {
                    @if let Some(stored) = stored {
                        h2 { "Niet alles geïmporteerd" }
                        p { "Elk bestand wordt in zijn geheel opgeslagen of helemaal niet. Deze bestanden zijn opgeslagen: "
                            (stored) ". Van de bestanden hieronder is niets opgeslagen." }
                    } @else {
                        h2 { "Niets geïmporteerd" }
                        p { "Er staan fouten in de bestanden hieronder. Er is niets opgeslagen; verbeter de bestanden en probeer het opnieuw." }
                    }
                    @for f in files {
                        h3 { (f.file) }
                        ul {
                            @for e in &f.errors { li { (e) } }
                            @if let Some(more) = f.more { li { "… en nog " (more) " fouten" } }
                        }
                    }
                }
            },
            Some(UploadResult::Done { lines, notes }) => {
                div.notice.notice-success role="status" {
                    h2 { "Import klaar" }
                    ul { @for line in lines { li { (line) } } }
                    @for f in notes {
                        h3 { "Opmerkingen bij " (f.file) }
                        ul { @for n in &f.notes { li { (n) } } }
                    }
                }
            },
            None => {},
        }
        @if let Some(form) = &view.form {
            form.stack method="post" action="/import" enctype="multipart/form-data" data-busy="Bezig met importeren…" {
                (csrf_input(&form.csrf))
                fieldset.field {
                    legend { "Soort gegevens" }
                    label { input type="radio" name="soort" value="kwb" checked; " CBS Kerncijfers wijken en buurten (CSV: de download van CBS, of de platte bestanden per niveau)" }
                    label { input type="radio" name="soort" value="leefbaarometer"; " Leefbaarometer 3.0: totaalscore en vijf dimensies per buurt, wijk of gemeente (CSV van leefbaarometer.nl, met kolom jaar)" }
                    label { input type="radio" name="soort" value="grenzen"; " Grenzen van gemeenten, wijken of buurten (GeoJSON of TopoJSON, WGS84 of RD New)" }
                    label { input type="radio" name="soort" value="eigen"; " Eigen gegevens: complexen en eigen kengetallen (CSV, Excel .xlsx of LibreOffice .ods, " a href="/import/sjabloon.xlsx" { "volgens het sjabloon" } ")" }
                }
                div.field {
                    label for="jaar" { "Jaar " span.hint { "(alleen voor CBS-bestanden zonder kolom jaar)" } }
                    input #jaar type="number" name="jaar" min="1990" max="2100" placeholder="2024";
                }
                div.field {
                    label for="bestanden" { "Bestanden " span.hint { (form.limits) } }
                    input #bestanden type="file" name="bestand" multiple required accept=".csv,.txt,.json,.geojson,.topojson,.xlsx,.ods";
                }
                div { button type="submit" { "Importeren" } }
                p data-progress hidden { progress { "Bezig…" } " Bezig met controleren en opslaan; grote bestanden duren enkele seconden." }
            }
        } @else {
            p { "Alleen een strateeg of beheerder kan gegevens importeren." }
        }
        h2 { "Eerdere imports" }
        @if view.history.is_empty() { p { "Nog niets geïmporteerd." } } @else {
            (layout::table_wrap("Eerdere imports", html! { table {
                thead { tr { th scope="col" { "Wanneer" } th scope="col" { "Soort" } th scope="col" { "Bestand" } th.num scope="col" { "Gebieden/objecten" } th.num scope="col" { "Waarden" } } }
                tbody { @for i in &view.history { tr {
                    td { a href=(i.href) { (i.when) } }
                    td { (i.kind) }
                    td { (i.file) }
                    td.num { (i.areas) }
                    td.num { (i.observations) }
                } } }
            } }))
        }
    }
}
