//! curafilter's Rust core: stream JSONL shards (plain, gzip, zstd) and Parquet shards into
//! length-sorted token batches.
//!
//! Plain Rust with no Python types: `py.rs` (behind the `python` feature) is the only binding code.
//! Stages, each testable on its own:
//! [`input`] resolves paths → [`reader`] decompresses and splits lines ([`lines`]), refusing
//! other formats ([`format`]), or [`parquet_shard`] reads rows →
//! [`record`] pulls the text out of each JSON line → [`tokenize`] encodes it →
//! [`batch`] sorts a window by length and cuts token-budget batches → [`pipeline`] runs it on threads.
//! [`cheap`] is the cascade's first stage, which [`tokenize`] runs on each window.

pub mod batch;
pub mod cheap;
pub mod error;
pub mod format;
pub mod input;
pub mod lines;
pub mod lookalike;
pub mod parquet_shard;
pub mod pipeline;
pub mod quarantine;
pub mod reader;
pub mod record;
pub mod tokenize;
pub mod write;

#[cfg(feature = "python")]
mod py;

pub use error::{Error, Result};
pub use pipeline::{Stream, StreamConfig};
