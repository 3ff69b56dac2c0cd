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

#[cfg(test)]
mod tests {
    use super::fold_accent;

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
