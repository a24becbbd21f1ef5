//! serde_json's pretty layout, written by a `serde_json` formatter.

/// serde_json's pretty layout (two spaces), byte for byte, with each
/// indentation written at once: serde_json writes it two bytes at a time,
/// which cost a fifth of rendering a report.
#[derive(Default)]
pub(crate) struct Indented {
    level: usize,
    has_value: bool,
}

impl Indented {
    fn newline<W: ?Sized + std::io::Write>(&self, w: &mut W, first: bool) -> std::io::Result<()> {
        // `,`, the line break and up to 32 levels of indentation, cut to
        // size and written at once.
        const BREAK: &[u8; 66] =
            b",\n                                                                ";
        let indent = self.level * 2;
        let from = usize::from(first);
        match BREAK.get(from..2 + indent) {
            Some(piece) => w.write_all(piece),
            None => {
                w.write_all(BREAK.get(from..2).unwrap_or_default())?;
                for _ in 0..self.level {
                    w.write_all(b"  ")?;
                }
                Ok(())
            }
        }
    }

    fn close<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.level = self.level.saturating_sub(1);
        if self.has_value {
            // The closing bracket goes on its own line, one level out.
            self.newline(w, true)?;
        }
        w.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Indented {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.newline(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.newline(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indentation_is_serde_jsons_pretty_layout() {
        // Deeper than one write of spaces (64 bytes = 32 levels).
        let mut nested = serde_json::json!(1);
        for _ in 0..40 {
            nested = serde_json::json!([nested]);
        }
        let deep = serde_json::json!({"a": [], "b": {}, "c": nested, "d": [{"e": null}], "f": "x\"\u{1}é"});
        let mut mine = Vec::new();
        serde::Serialize::serialize(
            &deep,
            &mut serde_json::Serializer::with_formatter(&mut mine, Indented::default()),
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(mine).unwrap(),
            serde_json::to_string_pretty(&deep).unwrap()
        );
    }
}
