//! The predefined-CMap tables under `formats/pdf/tables/`, made from poppler-data.

use std::path::Path;

use anyhow::{bail, Context, Result};

const POPPLER: &str = "/usr/share/poppler";

/// Compact binary tables from poppler-data's Adobe-GB1 resources.
pub(super) fn tables(root: &Path) -> Result<()> {
    let out = root.join("formats/pdf/tables");
    std::fs::create_dir_all(&out)?;
    // Adobe-GB1 CID → Unicode: one u16 LE per CID (0 = none), then a list of
    // (cid u16, code point u32) for the few CIDs outside the BMP.
    let text = std::fs::read_to_string(format!("{POPPLER}/cidToUnicode/Adobe-GB1"))
        .context("poppler-data is needed to generate the tables")?;
    let mut bmp = Vec::new();
    let mut astral = Vec::new();
    for (cid, line) in text.lines().enumerate() {
        let cp = u32::from_str_radix(line.trim(), 16).unwrap_or(0);
        if cp > 0xFFFF {
            bmp.extend_from_slice(&0u16.to_le_bytes());
            astral.extend_from_slice(&(cid as u16).to_le_bytes());
            astral.extend_from_slice(&cp.to_le_bytes());
        } else {
            bmp.extend_from_slice(&(cp as u16).to_le_bytes());
        }
    }
    let mut gb1 = Vec::new();
    gb1.extend_from_slice(&((bmp.len() / 2) as u32).to_le_bytes());
    gb1.extend_from_slice(&bmp);
    gb1.extend_from_slice(&astral);
    std::fs::write(out.join("adobe_gb1_ucs2.bin"), gb1)?;

    for name in ["GB-EUC-H", "GBK-EUC-H"] {
        let text = std::fs::read_to_string(format!("{POPPLER}/cMap/Adobe-GB1/{name}"))?;
        std::fs::write(
            out.join(format!("{}.bin", name.to_lowercase())),
            cmap_ranges(&text)?,
        )?;
    }
    Ok(())
}

/// A CMap as `ncodespace u32, (nbytes u32, lo u32, hi u32)*, (lo u32, hi u32, cid u32)*`.
fn cmap_ranges(text: &str) -> Result<Vec<u8>> {
    let mut codespace = Vec::new();
    let mut ranges = Vec::new();
    let mut section = "";
    for line in text.lines() {
        let line = line.trim();
        if line.ends_with("begincodespacerange") {
            section = "space";
            continue;
        }
        if line.ends_with("begincidrange") {
            section = "range";
            continue;
        }
        if line.ends_with("begincidchar") {
            section = "char";
            continue;
        }
        if line.starts_with("end") {
            section = "";
            continue;
        }
        let hex: Vec<&str> = line
            .split(['<', '>', ' '])
            .filter(|s| !s.is_empty())
            .collect();
        let num = |i: usize, radix: u32| -> Result<u32> {
            let s = hex.get(i).context("short line")?;
            Ok(u32::from_str_radix(s, radix)?)
        };
        match section {
            "space" => {
                let nbytes = hex.first().map(|s| s.len() / 2).unwrap_or(1) as u32;
                codespace.push([nbytes, num(0, 16)?, num(1, 16)?]);
            }
            "range" => ranges.push([num(0, 16)?, num(1, 16)?, num(2, 10)?]),
            "char" => ranges.push([num(0, 16)?, num(0, 16)?, num(1, 10)?]),
            _ => {}
        }
    }
    if codespace.is_empty() || ranges.is_empty() {
        bail!("no codespace or ranges");
    }
    ranges.sort();
    let mut out = Vec::new();
    out.extend_from_slice(&(codespace.len() as u32).to_le_bytes());
    for rec in codespace.iter().chain(ranges.iter()) {
        for v in rec {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    Ok(out)
}
