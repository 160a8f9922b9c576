//! Ids for things users name: "Sloop-nieuwbouw Molenhoek" → `sloop-nieuwbouw-molenhoek`.

/// An id (a-z 0-9 -, at most 48 characters) made from a name; `optie` when
/// nothing usable is left.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'a'..='z' | '0'..='9' => c,
            'à' | 'á' | 'â' | 'ä' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            _ => '-',
        };
        if c == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(c);
        if out.len() >= 48 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "optie".to_string()
    } else {
        out
    }
}

/// `base`, or `base-2`, `base-3`, … : the first not in `taken`.
pub fn unique(base: &str, taken: &[&str]) -> String {
    if !taken.contains(&base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken.contains(&id.as_str()))
        .expect("an unused suffix exists")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_valid_ids() {
        assert_eq!(
            slug("Sloop-nieuwbouw Molenhoek"),
            "sloop-nieuwbouw-molenhoek"
        );
        assert_eq!(slug("  Café 't Hoekje!  "), "cafe-t-hoekje");
        assert_eq!(slug("€€€"), "optie");
        assert!(crate::validate::is_valid_id(&slug(&"x".repeat(200))));
    }

    #[test]
    fn unique_adds_a_number() {
        assert_eq!(unique("a", &["b"]), "a");
        assert_eq!(unique("a", &["a", "a-2"]), "a-3");
    }
}
