//! Reading a multipart form (a file upload) within limits on each part,
//! not only on the whole body: how many parts, how long a text field, how
//! many files and how large each. Over a limit, a Dutch page (413) that
//! names the field or file and the limit.

use axum::extract::Multipart;
use axum::extract::multipart::Field;
use axum::http::StatusCode;
use wikken_data::caps::{MAX_FILE_NAME_CHARS, MAX_FORM_FIELD_BYTES, MAX_FORM_PARTS};

use crate::body_limit::{size, too_large};
use crate::error::AppError;

/// What a form may send.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// The route's body limit (named when the body as a whole is too big).
    pub body: usize,
    /// Most files.
    pub files: usize,
    /// Largest file, in bytes.
    pub file_bytes: usize,
}

/// An uploaded file.
#[derive(Debug)]
pub(crate) struct File {
    /// The form field it came in.
    pub field: String,
    /// Its name on the user's computer.
    pub name: String,
    /// Its content.
    pub bytes: Vec<u8>,
}

/// A form as read: its text fields and its files, in order.
#[derive(Debug, Default)]
pub(crate) struct Form {
    /// Text fields: name and value.
    pub texts: Vec<(String, String)>,
    /// Files (empty ones left out: a file input left empty sends one).
    pub files: Vec<File>,
}

impl Form {
    /// The value of text field `name` (the last one sent), or "".
    pub(crate) fn text(&self, name: &str) -> &str {
        self.texts
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.as_str())
    }
}

fn refuse(message: String) -> AppError {
    AppError::Status(StatusCode::PAYLOAD_TOO_LARGE, message)
}

/// A broken or too large body, as a page.
fn broken(e: axum::extract::multipart::MultipartError, limits: &Limits) -> AppError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large(limits.body)
    } else {
        AppError::Status(
            StatusCode::BAD_REQUEST,
            "Het formulier kwam niet goed aan (onvolledig of onderbroken). Probeer het opnieuw; \
             er is niets opgeslagen."
                .into(),
        )
    }
}

/// The bytes of a part, refused as soon as they pass `max`.
async fn bytes_of(
    field: &mut Field<'_>,
    max: usize,
    limits: &Limits,
    over: impl Fn() -> AppError,
) -> Result<Vec<u8>, AppError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(|e| broken(e, limits))? {
        if bytes.len() + chunk.len() > max {
            return Err(over());
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

/// Reads the whole form within `limits`.
pub(crate) async fn read(mut multipart: Multipart, limits: Limits) -> Result<Form, AppError> {
    let mut form = Form::default();
    let mut parts = 0usize;
    let mut files = 0usize;
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|e| broken(e, &limits))?
    {
        parts += 1;
        if parts > MAX_FORM_PARTS {
            return Err(refuse(format!(
                "Het formulier heeft meer dan {MAX_FORM_PARTS} velden; Wikken leest er niet meer."
            )));
        }
        let name = field
            .name()
            .unwrap_or("")
            .chars()
            .take(100)
            .collect::<String>();
        match field.file_name().map(str::to_string) {
            Some(file_name) => {
                files += 1;
                if files > limits.files {
                    return Err(refuse(format!(
                        "Kies hoogstens {} bestanden tegelijk.",
                        limits.files
                    )));
                }
                if file_name.chars().count() > MAX_FILE_NAME_CHARS {
                    return Err(refuse(format!(
                        "De naam van een bestand is langer dan {MAX_FILE_NAME_CHARS} tekens; \
                         geef het een kortere naam."
                    )));
                }
                let shown = file_name.clone();
                let bytes = bytes_of(&mut field, limits.file_bytes, &limits, || {
                    refuse(format!(
                        "{shown} is groter dan {}; Wikken neemt bestanden tot {} aan. Er is \
                         niets opgeslagen.",
                        size(limits.file_bytes),
                        size(limits.file_bytes)
                    ))
                })
                .await?;
                if !bytes.is_empty() {
                    form.files.push(File {
                        field: name,
                        name: if file_name.is_empty() {
                            "bestand".into()
                        } else {
                            file_name
                        },
                        bytes,
                    });
                }
            }
            None => {
                let shown = name.clone();
                let bytes = bytes_of(&mut field, MAX_FORM_FIELD_BYTES, &limits, || {
                    refuse(format!(
                        "Het veld {shown} is langer dan {}.",
                        size(MAX_FORM_FIELD_BYTES)
                    ))
                })
                .await?;
                form.texts
                    .push((name, String::from_utf8_lossy(&bytes).into_owned()));
            }
        }
    }
    Ok(form)
}
