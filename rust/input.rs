//! Turn the user's inputs (files, directories, globs) into an ordered, de-duplicated shard list.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// File names picked up when walking a directory: JSON Lines and Parquet. Explicit files are taken whatever their name:
/// the compression is detected from magic bytes, not from the extension.
fn looks_like_shard(path: &Path) -> bool {
    // Lossy, so that a shard whose name is not UTF-8 is found, and refused by name in `resolve`.
    let name = match path.file_name() {
        Some(n) => n.to_string_lossy(),
        None => return false,
    };
    let name = name.as_ref();
    let stem = name
        .strip_suffix(".gz")
        .or_else(|| name.strip_suffix(".zst"))
        .or_else(|| name.strip_suffix(".zstd"))
        .unwrap_or(name);
    // Not `.json`: a `.json` file is one document (a config, a run's stats), not JSON Lines.
    stem.ends_with(".jsonl") || stem.ends_with(".ndjson") || name.ends_with(".parquet")
}

/// A folder curafilter wrote (a run's `-o`, a revise or annotate output): its files are outputs,
/// never inputs, even when it sits inside an input folder.
pub const OUTPUT_MARKER: &str = ".curafilter-output";

fn is_output_dir(dir: &Path) -> bool {
    dir.join(OUTPUT_MARKER).exists() || (dir.join("run.json").is_file() && dir.join("manifest").is_dir())
}

fn has_glob_chars(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

/// Resolve inputs into shard paths. Each input's files are sorted so the order (and so the
/// document sequence) is the same on every run; a file reached twice (by another spelling of its
/// path, or through a symlink) is read once, under the first name that reached it: read twice, its
/// documents would be routed twice. A name that is
/// not UTF-8, given or found in a folder, is refused by name: shard names are recorded as text.
pub fn resolve(inputs: &[impl AsRef<Path>]) -> Result<Vec<PathBuf>> {
    if inputs.is_empty() {
        return Err(Error::NoInputs("no inputs given".into()));
    }
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for input in inputs {
        let input = input.as_ref().to_str().ok_or_else(|| Error::NonUtf8Path(input.as_ref().to_path_buf()))?;
        let mut found = expand(input)?;
        found.sort();
        if found.is_empty() {
            return Err(Error::NoInputs(input.to_string()));
        }
        for path in found {
            if path.to_str().is_none() {
                return Err(Error::NonUtf8Path(path));
            }
            // A path that cannot be canonicalised (a dangling link) is its own key; the reader
            // quarantines it.
            let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            if seen.insert(key) {
                out.push(path);
            }
        }
    }
    Ok(out)
}

fn expand(input: &str) -> Result<Vec<PathBuf>> {
    let path = Path::new(input);
    if path.is_dir() {
        return walk(path);
    }
    if path.exists() {
        // Any other existing path is read as a shard: a file, a named pipe, /dev/stdin.
        return Ok(vec![path.to_path_buf()]);
    }
    if has_glob_chars(input) {
        let entries = glob::glob(input).map_err(|e| Error::Pattern {
            pattern: input.to_string(),
            msg: e.to_string(),
        })?;
        let mut files = Vec::new();
        for entry in entries {
            let p = entry.map_err(|e| Error::io(e.path().to_path_buf(), std::io::Error::other(e.to_string())))?;
            if p.is_dir() {
                files.extend(walk(&p)?);
            } else {
                files.push(p);
            }
        }
        return Ok(files);
    }
    Err(Error::NotFound(path.to_path_buf()))
}

fn walk(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(dir).follow_links(true).into_iter();
    for entry in walker.filter_entry(|e| !(e.file_type().is_dir() && is_output_dir(e.path()))) {
        match entry {
            Ok(entry) => {
                if entry.file_type().is_file() && looks_like_shard(entry.path()) {
                    files.push(entry.into_path());
                }
            }
            // A dangling symlink, a symlink loop or an unreadable folder: kept as a "shard" so
            // that the reader quarantines it as unreadable_file, naming it, and the run goes on.
            // An error at the top folder itself is the user's input missing: fatal.
            Err(e) => match e.path() {
                Some(p) if p != dir => {
                    let is_dir_problem = e.loop_ancestor().is_some() || p.is_dir();
                    if is_dir_problem || looks_like_shard(p) {
                        files.push(p.to_path_buf());
                    }
                }
                _ => return Err(Error::io(dir.to_path_buf(), e.into())),
            },
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn files_dirs_and_globs() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        fs::create_dir_all(d.join("sub/deeper")).unwrap();
        for name in ["a.jsonl", "sub/b.jsonl.zst", "sub/deeper/c.jsonl.gz", "sub/notes.txt", "sub/p.parquet"] {
            fs::write(d.join(name), b"").unwrap();
        }
        let dir = d.to_str().unwrap();
        let got = resolve(&[dir]).unwrap();
        let names: Vec<_> = got.iter().map(|p| p.strip_prefix(d).unwrap().to_str().unwrap().to_string()).collect();
        assert_eq!(names, ["a.jsonl", "sub/b.jsonl.zst", "sub/deeper/c.jsonl.gz", "sub/p.parquet"]);

        let pattern = format!("{dir}/sub/*.zst");
        assert_eq!(resolve(&[pattern.as_str()]).unwrap(), vec![d.join("sub/b.jsonl.zst")]);

        // An explicit file is taken whatever its name, and a repeat is read once.
        let txt = format!("{dir}/sub/notes.txt");
        assert_eq!(resolve(&[txt.as_str(), txt.as_str()]).unwrap().len(), 1);
    }

    #[test]
    fn output_folders_and_plain_json_are_not_inputs() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        fs::create_dir_all(d.join("out/keep")).unwrap();
        fs::create_dir_all(d.join("out/manifest")).unwrap();
        fs::create_dir_all(d.join("revised/revised")).unwrap();
        for name in ["a.jsonl", "config.json", "out/run.json", "out/keep/a.jsonl.zst", "revised/revised/r.jsonl.zst"] {
            fs::write(d.join(name), b"").unwrap();
        }
        fs::write(d.join("revised").join(OUTPUT_MARKER), b"").unwrap();
        assert_eq!(resolve(&[d.to_str().unwrap()]).unwrap(), vec![d.join("a.jsonl")]);
    }

    #[cfg(unix)]
    #[test]
    fn a_file_reached_through_symlinks_is_read_once() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        fs::create_dir_all(d.join("A")).unwrap();
        fs::create_dir_all(d.join("B")).unwrap();
        fs::write(d.join("A/real.jsonl"), b"").unwrap();
        std::os::unix::fs::symlink("real.jsonl", d.join("A/link.jsonl")).unwrap();
        std::os::unix::fs::symlink("../A/real.jsonl", d.join("B/x.jsonl")).unwrap();
        let (a, b) = (d.join("A"), d.join("B"));
        // Under the first name that reached it: the link sorts before the file it points to.
        assert_eq!(resolve(&[a.to_str().unwrap(), b.to_str().unwrap()]).unwrap(), vec![d.join("A/link.jsonl")]);
        assert_eq!(resolve(&[b.to_str().unwrap(), a.to_str().unwrap()]).unwrap(), vec![d.join("B/x.jsonl")]);
    }

    #[cfg(unix)]
    #[test]
    fn broken_entries_in_a_folder_are_kept_for_the_reader_to_quarantine() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        fs::create_dir_all(d.join("sub")).unwrap();
        fs::write(d.join("a.jsonl"), b"").unwrap();
        std::os::unix::fs::symlink(d.join("gone.jsonl"), d.join("dangling.jsonl")).unwrap();
        std::os::unix::fs::symlink(d.join("nowhere"), d.join("dangling.txt")).unwrap();
        std::os::unix::fs::symlink(d, d.join("sub/loop")).unwrap();
        let got = resolve(&[d.to_str().unwrap()]).unwrap();
        let names: Vec<_> = got.iter().map(|p| p.strip_prefix(d).unwrap().to_str().unwrap().to_string()).collect();
        assert_eq!(names, ["a.jsonl", "dangling.jsonl", "sub/loop"]);
    }

    #[test]
    fn missing_inputs_are_named() {
        let err = resolve(&["/no/such/file.jsonl"]).unwrap_err();
        assert!(err.to_string().contains("/no/such/file.jsonl"), "{err}");
        let err = resolve(&["/no/such/*.jsonl"]).unwrap_err();
        assert!(matches!(err, Error::NoInputs(_)), "{err}");
    }

    #[test]
    fn a_shard_whose_name_is_not_utf8_is_refused_by_name_not_skipped() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;

        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        fs::write(d.join("a.jsonl"), b"").unwrap();
        fs::write(d.join(OsStr::from_bytes(b"we\xffird.jsonl")), b"").unwrap();
        let err = resolve(&[d.to_str().unwrap()]).unwrap_err();
        assert!(matches!(err, Error::NonUtf8Path(_)), "{err}");
        assert!(err.to_string().contains("we\u{fffd}ird.jsonl"), "{err}");
        // Named directly, too.
        let err = resolve(&[d.join(OsStr::from_bytes(b"we\xffird.jsonl"))]).unwrap_err();
        assert!(matches!(err, Error::NonUtf8Path(_)), "{err}");
    }
}
