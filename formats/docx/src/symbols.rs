//! `w:sym` characters from symbol fonts (Wingdings, Symbol) to Unicode.
//!
//! Word stores a symbol as a font name and a code in the private-use range
//! (`F0FC`); only the font says what it looks like. Reports use a handful of
//! them (check boxes, ticks, bullets), which are mapped here.

/// The Unicode character for code `code` of symbol font `font`, if known.
/// Codes below 0x100 are taken as their `F0xx` private-use form.
pub fn map_symbol(font: &str, code: u32) -> Option<char> {
    let code = if code < 0x100 { code + 0xF000 } else { code };
    let font = font.trim().to_ascii_lowercase();
    let specific = match font.as_str() {
        "symbol" => symbol(code),
        "wingdings 2" => wingdings2(code),
        _ => wingdings(code),
    };
    // Bullets are F0B7 in every font people pick for them.
    specific.or(match code {
        0xF0B7 => Some('•'),
        _ => None,
    })
}

fn wingdings(code: u32) -> Option<char> {
    Some(match code {
        0xF0FC => '✓',
        0xF0FB => '✗',
        0xF0FE => '☑',
        0xF0FD => '☒',
        0xF0A8 => '□',
        0xF06F => '□',
        0xF06E => '■',
        0xF06C => '●',
        0xF0A1 => '○',
        0xF0A7 => '▪',
        0xF0D8 => '➢',
        0xF076 => '❖',
        0xF071 => '❑',
        0xF0E0 => '→',
        _ => return None,
    })
}

fn wingdings2(code: u32) -> Option<char> {
    Some(match code {
        0xF050 => '✓',
        0xF04F => '✗',
        0xF052 => '☑',
        0xF053 => '☒',
        0xF0A3 => '□',
        0xF097 => '●',
        _ => return None,
    })
}

fn symbol(code: u32) -> Option<char> {
    Some(match code {
        0xF0B7 => '•',
        0xF0B4 => '×',
        0xF0B8 => '÷',
        0xF0B1 => '±',
        0xF0B3 => '≥',
        0xF0A3 => '≤',
        0xF0B9 => '≠',
        0xF0BB => '≈',
        0xF0B0 => '°',
        0xF0AE => '→',
        0xF0DE => '⇒',
        0xF0D6 => '√',
        0xF02D => '−',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::map_symbol;

    #[test]
    fn common_symbols() {
        assert_eq!(map_symbol("Wingdings", 0xF0FC), Some('✓'));
        assert_eq!(map_symbol("Wingdings", 0xF0FE), Some('☑'));
        assert_eq!(map_symbol("Wingdings", 0xF0A8), Some('□'));
        assert_eq!(map_symbol("Wingdings", 0xF06C), Some('●'));
        assert_eq!(map_symbol("Symbol", 0xF0B7), Some('•'));
        assert_eq!(map_symbol("Wingdings", 0xFC), Some('✓'));
        assert_eq!(map_symbol("Webdings", 0xF021), None);
    }
}
