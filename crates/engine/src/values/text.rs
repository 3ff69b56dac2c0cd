//! Comparing names the way people write them: accents folded, so a French or German header or
//! activity name matches its plain spelling.

/// The plain letter of a lowercase Western European accented letter (`é` → `e`, `ß` → `s`); any
/// other character as it is.
pub fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ß' => 's',
        c => c,
    }
}

/// "DisputeClosed" → "Dispute Closed", "DueDate" → "Due Date": ERP exports and several-table
/// extracts write names in camel case, whose words must be seen apart to be recognised. A capital
/// after a lowercase letter starts a word; runs of capitals ("SAPDocument") stay as they are.
pub fn split_camel_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    let mut prev_lower = false;
    for c in s.chars() {
        if prev_lower && c.is_uppercase() {
            out.push(' ');
        }
        prev_lower = c.is_lowercase();
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{fold_accent, split_camel_case};

    #[test]
    fn camel_case_names_split_into_words() {
        assert_eq!(split_camel_case("DisputeClosed"), "Dispute Closed");
        assert_eq!(split_camel_case("dunningLevel"), "dunning Level");
        assert_eq!(split_camel_case("SAPDocument"), "SAPDocument");
        assert_eq!(split_camel_case("Date d'échéance"), "Date d'échéance");
    }

    #[test]
    fn accented_letters_fold_to_their_plain_letter() {
        let folded: String = "relance envoyée à l'agence, straße, niño"
            .chars()
            .map(fold_accent)
            .collect();
        assert_eq!(folded, "relance envoyee a l'agence, strase, nino");
        assert_eq!(
            fold_accent('É'),
            'É',
            "upper case is folded by the caller first"
        );
    }
}
