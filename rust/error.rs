//! The one error enum of the core. Bad *lines* are not errors: they become quarantine records
//! (see [`crate::quarantine`]) and the stream goes on. These are the failures that stop a call.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A path the user named does not exist.
    #[error("input not found: {0}")]
    NotFound(PathBuf),
    /// A glob or directory that yields no input file.
    #[error("no input files matched: {0}")]
    NoInputs(String),
    /// A shard whose name is not UTF-8: shard names are recorded as text (manifest, quarantine,
    /// provenance), so it is refused up front, named, rather than skipped or renamed silently.
    #[error("file name is not valid UTF-8: {}; rename the file (curafilter records shard names as text)", .0.display())]
    NonUtf8Path(PathBuf),
    #[error("invalid glob pattern {pattern:?}: {msg}")]
    Pattern { pattern: String, msg: String },
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Writing an output (a full disk, a folder made read-only): said as a write, not a read.
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot load tokenizer {path}: {msg}")]
    Tokenizer { path: PathBuf, msg: String },
    #[error("invalid option {name}: {msg}")]
    Config { name: &'static str, msg: String },
    /// A pipeline thread panicked; a bug, never caused by input data.
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }

    pub fn write(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Write { path: path.into(), source }
    }
}
