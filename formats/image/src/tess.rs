//! Tesseract 5 through its C API, loaded at run time: the default build and
//! tests need no Tesseract, and one engine per thread reads every cell of
//! every file that thread reads (no subprocess per cell, no model loaded
//! twice).

use libloading::{Library, Symbol};
use std::ffi::{c_char, c_int, c_void, CStr, CString};

/// The shared library names tried, newest first.
const LIBRARIES: &[&str] = &[
    "libtesseract.so.5",
    "libtesseract.so",
    "libtesseract.5.dylib",
];
/// Page segmentation modes (`tesseract::PageSegMode`).
#[derive(Debug, Clone, Copy)]
pub enum Segmentation {
    /// A single column of text of variable sizes (PSM 4).
    Column = 4,
    /// A uniform block of text (PSM 6).
    Block = 6,
    /// A single text line (PSM 7).
    Line = 7,
}

/// Why the engine could not be started (the IR's type: the error a reader
/// returns names it).
pub use gongkai_ir::OcrMissing as EngineError;

type Handle = *mut c_void;

/// The C API functions used, resolved once.
struct Api {
    create: unsafe extern "C" fn() -> Handle,
    init3: unsafe extern "C" fn(Handle, *const c_char, *const c_char) -> c_int,
    set_psm: unsafe extern "C" fn(Handle, c_int),
    set_variable: unsafe extern "C" fn(Handle, *const c_char, *const c_char) -> c_int,
    set_image: unsafe extern "C" fn(Handle, *const u8, c_int, c_int, c_int, c_int),
    set_resolution: unsafe extern "C" fn(Handle, c_int),
    utf8_text: unsafe extern "C" fn(Handle) -> *mut c_char,
    delete_text: unsafe extern "C" fn(*const c_char),
    mean_conf: unsafe extern "C" fn(Handle) -> c_int,
    end: unsafe extern "C" fn(Handle),
    delete: unsafe extern "C" fn(Handle),
    version: unsafe extern "C" fn() -> *const c_char,
    /// libgomp's, when libtesseract is built with OpenMP (Debian's is).
    omp_set_max_active_levels: Option<unsafe extern "C" fn(c_int)>,
}

fn symbol<T: Copy>(lib: &Library, name: &'static str) -> Result<T, EngineError> {
    let c_name = format!("{name}\0");
    // SAFETY: the type of every symbol is the C API's published signature.
    let s: Symbol<'_, T> =
        unsafe { lib.get(c_name.as_bytes()) }.map_err(|_| EngineError::Symbol(name))?;
    Ok(*s)
}

/// One Tesseract instance for one model; not shared between threads.
pub struct Engine {
    api: Api,
    handle: Handle,
    /// Keeps the functions in `api` loaded; dropped last.
    _library: Library,
}

/// Text read from an image and Tesseract's mean confidence (0–100).
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The recognised text, trimmed.
    pub text: String,
    /// Mean word confidence, 0 to 100.
    pub confidence: i32,
}

impl Engine {
    /// Start Tesseract with `language` (`chi_sim`, `eng`).
    pub fn start(language: &'static str) -> Result<Engine, EngineError> {
        // SAFETY: loading libtesseract runs its initialisers, which only set up
        // its own state.
        let library = LIBRARIES
            .iter()
            .find_map(|name| unsafe { Library::new(name) }.ok())
            .ok_or(EngineError::Library)?;
        let api = Api {
            create: symbol(&library, "TessBaseAPICreate")?,
            init3: symbol(&library, "TessBaseAPIInit3")?,
            set_psm: symbol(&library, "TessBaseAPISetPageSegMode")?,
            set_variable: symbol(&library, "TessBaseAPISetVariable")?,
            set_image: symbol(&library, "TessBaseAPISetImage")?,
            set_resolution: symbol(&library, "TessBaseAPISetSourceResolution")?,
            utf8_text: symbol(&library, "TessBaseAPIGetUTF8Text")?,
            delete_text: symbol(&library, "TessDeleteText")?,
            mean_conf: symbol(&library, "TessBaseAPIMeanTextConf")?,
            end: symbol(&library, "TessBaseAPIEnd")?,
            delete: symbol(&library, "TessBaseAPIDelete")?,
            version: symbol(&library, "TessVersion")?,
            // dlsym on libtesseract's handle also searches the libraries it
            // loaded, libgomp among them.
            omp_set_max_active_levels: symbol(&library, "omp_set_max_active_levels").ok(),
        };
        // Tesseract's LSTM runs each line on a team of 4 OpenMP threads:
        // on top of gongkai's own workers that oversubscribes the cores,
        // and the idle team members spin. Measured on a 3-page scan (2
        // shared cores): 12 s of CPU and 18 s wall with the team, 3.3 s and
        // 8.5 s without. No active parallel level makes every region run
        // on the calling thread (per thread since libgomp 11, hence here,
        // in the thread that uses the engine: an Engine is not Send).
        if let Some(set_levels) = api.omp_set_max_active_levels {
            // SAFETY: a plain setter of libgomp's, any level ≥ 0 is valid.
            unsafe { set_levels(0) };
        }
        // SAFETY: create takes nothing and returns an owned handle.
        let handle = unsafe { (api.create)() };
        if handle.is_null() {
            return Err(EngineError::Library);
        }
        // Tesseract prints its own warnings (a missing model, a guessed
        // resolution) on stderr; errors here are ours, in one line.
        #[cfg(unix)]
        // SAFETY: handle is live; both strings are static and NUL-terminated.
        unsafe {
            (api.set_variable)(handle, c"debug_file".as_ptr(), c"/dev/null".as_ptr());
        }
        let lang = CString::new(language).map_err(|_| EngineError::Model(language))?;
        // SAFETY: handle is live; a null datapath means the built-in tessdata path.
        let status = unsafe { (api.init3)(handle, std::ptr::null(), lang.as_ptr()) };
        let engine = Engine {
            api,
            handle,
            _library: library,
        };
        if status != 0 {
            return Err(EngineError::Model(language));
        }
        // Page images are dark ink on paper: Tesseract need not read each
        // unsure line again inverted (a second recognition of it). Set
        // after Init, which starts the parameters afresh.
        // SAFETY: handle is live and initialised; both strings are static
        // and NUL-terminated.
        unsafe {
            (engine.api.set_variable)(engine.handle, c"tessedit_do_invert".as_ptr(), c"0".as_ptr());
        }
        Ok(engine)
    }

    /// The engine's version (`5.3.0`).
    pub fn version(&self) -> String {
        // SAFETY: TessVersion returns a static NUL-terminated string.
        let v = unsafe { (self.api.version)() };
        if v.is_null() {
            return String::new();
        }
        // SAFETY: non-null and NUL-terminated, as above.
        unsafe { CStr::from_ptr(v) }.to_string_lossy().into_owned()
    }

    /// Restrict the characters recognised (`None`: all of the model's).
    pub fn whitelist(&mut self, chars: Option<&str>) {
        let name = c"tessedit_char_whitelist";
        let value = CString::new(chars.unwrap_or("")).unwrap_or_default();
        // SAFETY: handle is live; both strings are NUL-terminated and outlive the call.
        unsafe { (self.api.set_variable)(self.handle, name.as_ptr(), value.as_ptr()) };
    }

    /// Read an 8-bit grey image of `width × height` pixels.
    pub fn read(
        &mut self,
        pixels: &[u8],
        width: usize,
        height: usize,
        dpi: u32,
        mode: Segmentation,
    ) -> Reading {
        let empty = Reading {
            text: String::new(),
            confidence: 0,
        };
        let (Ok(w), Ok(h)) = (c_int::try_from(width), c_int::try_from(height)) else {
            return empty;
        };
        if width == 0 || height == 0 || pixels.len() < width.saturating_mul(height) {
            return empty;
        }
        // SAFETY: handle is live; `pixels` holds width × height bytes, one
        // byte a pixel, `width` bytes a row, and outlives the recognition below.
        unsafe {
            (self.api.set_psm)(self.handle, mode as c_int);
            (self.api.set_image)(self.handle, pixels.as_ptr(), w, h, 1, w);
            (self.api.set_resolution)(self.handle, c_int::try_from(dpi).unwrap_or(300));
        }
        // SAFETY: handle is live with an image set; the text is ours to free.
        let raw = unsafe { (self.api.utf8_text)(self.handle) };
        if raw.is_null() {
            return empty;
        }
        // SAFETY: non-null, NUL-terminated, freed once right after.
        let text = unsafe { CStr::from_ptr(raw) }
            .to_string_lossy()
            .trim()
            .to_string();
        // SAFETY: raw came from GetUTF8Text and is freed once.
        unsafe { (self.api.delete_text)(raw) };
        // SAFETY: handle is live and has recognised the image.
        let confidence = unsafe { (self.api.mean_conf)(self.handle) };
        Reading { text, confidence }
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        // SAFETY: handle came from create and is ended and deleted once.
        unsafe {
            (self.api.end)(self.handle);
            (self.api.delete)(self.handle);
        }
    }
}
