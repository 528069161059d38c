//! Read one Parquet shard, row group by row group, into the same records a JSON line gives.
//!
//! Memory is bounded by one batch of rows (`BATCH_ROWS`), whatever the file's size. Each row's
//! text (and id) is taken from the named column, dotted paths reaching into struct columns; a null
//! or non-string text is quarantined with the row, like a bad JSON line. Each row also becomes one
//! JSON object of all its columns (`raw`), so the JSON Lines writers keep every value. Provenance is
//! the row: `line` is its 1-based number and `offset` its 0-based index.

use std::fs::File;
use std::path::Path;

use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, RecordBatch, StructArray};
use arrow_cast::display::{ArrayFormatter, FormatOptions};
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use crate::quarantine::{Quarantine, Reason};
use crate::reader::ShardTotals;
use crate::record::{Extracted, FieldPath};

/// Rows decoded at a time.
const BATCH_ROWS: usize = 1024;

/// What reading a Parquet shard produces, in row order.
#[derive(Debug)]
pub enum RowEvent {
    Row { line: u64, offset: u64, rec: Extracted, raw: Vec<u8> },
    Bad(Quarantine),
}

/// Read `path` and pass each row to `emit`, which returns `false` to stop early. `progress` gets
/// the compressed bytes of the row groups read so far.
pub fn read_parquet(
    shard: u32,
    path: &Path,
    text: &FieldPath,
    id: Option<&FieldPath>,
    probe: Option<&str>,
    progress: &mut dyn FnMut(u64),
    emit: &mut dyn FnMut(RowEvent) -> bool,
) -> ShardTotals {
    let mut totals = ShardTotals::default();
    let bad = |row: u64, reason, detail| Quarantine { shard, line: row + 1, offset: row, reason, detail };
    let whole = |reason, detail: String| RowEvent::Bad(Quarantine { shard, line: 0, offset: 0, reason, detail });
    let builder = File::open(path)
        .map_err(|e| format!("cannot open {}: {e}", path.display()))
        .and_then(|f| {
            ParquetRecordBatchReaderBuilder::try_new(f)
                .map_err(|e| format!("cannot read the Parquet footer of {}: {e}", path.display()))
        });
    let builder = match builder {
        Ok(b) => b,
        Err(msg) => {
            emit(whole(Reason::UnreadableFile, msg));
            return totals;
        }
    };
    let meta = builder.metadata().clone();
    let groups = meta.row_groups();
    let reader = match builder.with_batch_size(BATCH_ROWS).build() {
        Ok(r) => r,
        Err(e) => {
            emit(whole(Reason::UnreadableFile, format!("cannot read {}: {e}", path.display())));
            return totals;
        }
    };
    // Row-group boundaries, to report progress as each group is finished.
    let mut group = 0usize;
    let mut group_end = groups.first().map_or(0, |g| g.num_rows() as u64);
    let mut row = 0u64;
    for batch in reader {
        let batch = match batch {
            Ok(b) => b,
            Err(e) => {
                let detail = format!("corrupt Parquet data in {} at row {row} ({e}); the rest of the shard is skipped", path.display());
                totals.lines += 1;
                emit(RowEvent::Bad(bad(row, Reason::CorruptCompressed, detail)));
                break;
            }
        };
        let n = batch.num_rows() as u64;
        let mut keep_going = true;
        for ev in rows(&batch, path, row, text, id, probe, &bad) {
            totals.lines += 1;
            if !emit(ev) {
                keep_going = false;
                break;
            }
        }
        row += n;
        while group < groups.len() && row >= group_end {
            totals.bytes_read += groups[group].compressed_size() as u64;
            totals.bytes_decoded += groups[group].total_byte_size() as u64;
            progress(totals.bytes_read);
            group += 1;
            group_end += groups.get(group).map_or(0, |g| g.num_rows() as u64);
        }
        if !keep_going {
            break;
        }
    }
    totals
}

/// The events of one batch whose first row is `first`.
fn rows(
    batch: &RecordBatch,
    path: &Path,
    first: u64,
    text: &FieldPath,
    id: Option<&FieldPath>,
    probe: Option<&str>,
    bad: &dyn Fn(u64, Reason, String) -> Quarantine,
) -> Vec<RowEvent> {
    let n = batch.num_rows();
    // Every column is a top-level key of every row's JSON (nulls are written out).
    let has_key = probe.is_some_and(|k| batch.schema().column_with_name(k).is_some());
    let raws = match json_rows(batch) {
        Ok(r) => r,
        Err(e) => {
            let detail = format!("{}: row cannot be written as JSON: {e}", path.display());
            return (0..n as u64).map(|i| RowEvent::Bad(bad(first + i, Reason::UnsupportedFormat, detail.clone()))).collect();
        }
    };
    let texts = Column::find(batch, text);
    let ids = id.map(|p| Column::find(batch, p));
    let id_fmt = match &ids {
        Some(Column::Found { leaf, .. }) => ArrayFormatter::try_new(leaf.as_ref(), &FormatOptions::default()).ok(),
        _ => None,
    };
    raws.into_iter()
        .enumerate()
        .map(|(i, raw)| {
            let row = first + i as u64;
            let text = match texts.text(i, text) {
                Ok(t) => t,
                Err((reason, detail)) => return RowEvent::Bad(bad(row, reason, format!("row {row}: {detail}"))),
            };
            let id = match (&ids, &id_fmt) {
                (Some(c), Some(f)) if !c.is_null(i) => Some(f.value(i).to_string()),
                _ => None,
            };
            RowEvent::Row { line: row + 1, offset: row, rec: Extracted { text, id, has_key }, raw }
        })
        .collect()
}

/// Each row as one JSON object of all its columns, nulls written out (every value kept).
fn json_rows(batch: &RecordBatch) -> Result<Vec<Vec<u8>>, arrow_schema::ArrowError> {
    let mut w = arrow_json::WriterBuilder::new()
        .with_explicit_nulls(true)
        .build::<_, arrow_json::writer::LineDelimited>(Vec::new());
    w.write(batch)?;
    w.finish()?;
    let out = w.into_inner();
    let rows: Vec<Vec<u8>> = out.split(|&b| b == b'\n').filter(|l| !l.is_empty()).map(<[u8]>::to_vec).collect();
    if rows.len() != batch.num_rows() {
        return Err(arrow_schema::ArrowError::JsonError(format!("{} JSON rows for {} rows", rows.len(), batch.num_rows())));
    }
    Ok(rows)
}

/// A column found by dotted path, with the struct columns above it (a null struct hides its
/// children's values).
enum Column {
    Found { parents: Vec<ArrayRef>, leaf: ArrayRef },
    Missing,
}

impl Column {
    fn find(batch: &RecordBatch, path: &FieldPath) -> Column {
        let parts = path.parts();
        let Some(mut col) = batch.column_by_name(&parts[0]).cloned() else { return Column::Missing };
        let mut parents = Vec::new();
        for part in &parts[1..] {
            let Some(child) = col.as_any().downcast_ref::<StructArray>().and_then(|s| s.column_by_name(part)).cloned()
            else {
                return Column::Missing;
            };
            parents.push(col);
            col = child;
        }
        Column::Found { parents, leaf: col }
    }

    fn is_null(&self, i: usize) -> bool {
        match self {
            Column::Found { parents, leaf } => leaf.is_null(i) || parents.iter().any(|p| p.is_null(i)),
            Column::Missing => true,
        }
    }

    fn text(&self, i: usize, path: &FieldPath) -> Result<String, (Reason, String)> {
        let Column::Found { leaf, .. } = self else {
            return Err((Reason::MissingText, format!("no column {:?}", path.to_string())));
        };
        if self.is_null(i) {
            return Err((Reason::TextNotString, format!("column {:?} is null", path.to_string())));
        }
        let s = match leaf.data_type() {
            DataType::Utf8 => leaf.as_string::<i32>().value(i).to_owned(),
            DataType::LargeUtf8 => leaf.as_string::<i64>().value(i).to_owned(),
            DataType::Utf8View => leaf.as_string_view().value(i).to_owned(),
            DataType::Dictionary(_, v) if matches!(**v, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View) => {
                let one = leaf.slice(i, 1);
                let cast = arrow_cast::cast(&one, &DataType::Utf8).map_err(|e| (Reason::TextNotString, e.to_string()))?;
                cast.as_string::<i32>().value(0).to_owned()
            }
            other => {
                return Err((Reason::TextNotString, format!("column {:?} is {other}, not a string", path.to_string())))
            }
        };
        if s.trim().is_empty() {
            return Err((Reason::EmptyText, format!("column {:?} is empty", path.to_string())));
        }
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use arrow_array::{Int64Array, StringArray};
    use arrow_schema::{Field, Fields, Schema};
    use parquet::arrow::ArrowWriter;
    use parquet::file::properties::WriterProperties;

    /// A shard of `n` rows in row groups of 7: id, text (every 5th null, every 11th empty) and
    /// meta.body (a struct).
    pub fn write_parquet(path: &Path, n: usize) {
        let ids = Int64Array::from_iter_values(0..n as i64);
        let text = StringArray::from_iter((0..n).map(|i| match i {
            _ if i % 5 == 3 => None,
            _ if i % 11 == 4 => Some("  ".to_string()),
            _ => Some(format!("document {i} says \"hi\"\nacross lines")),
        }));
        let body = StringArray::from_iter_values((0..n).map(|i| format!("body {i}")));
        let meta = StructArray::new(
            Fields::from(vec![Field::new("body", DataType::Utf8, false)]),
            vec![Arc::new(body) as ArrayRef],
            None,
        );
        let schema = Arc::new(Schema::new(vec![
            Field::new("id", DataType::Int64, false),
            Field::new("text", DataType::Utf8, true),
            Field::new("meta", meta.data_type().clone(), false),
        ]));
        let batch = RecordBatch::try_new(schema.clone(), vec![Arc::new(ids), Arc::new(text), Arc::new(meta)]).unwrap();
        let props = WriterProperties::builder().set_max_row_group_row_count(Some(7)).build();
        let mut w = ArrowWriter::try_new(File::create(path).unwrap(), schema, Some(props)).unwrap();
        w.write(&batch).unwrap();
        w.close().unwrap();
    }

    fn collect(path: &Path, text: &str, id: Option<&str>) -> (Vec<(u64, u64, Extracted, String)>, Vec<Quarantine>, ShardTotals) {
        let (mut rows, mut bad) = (Vec::new(), Vec::new());
        let text = FieldPath::parse(text).unwrap();
        let id = id.map(|i| FieldPath::parse(i).unwrap());
        let totals = read_parquet(3, path, &text, id.as_ref(), None, &mut |_| {}, &mut |ev| {
            match ev {
                RowEvent::Row { line, offset, rec, raw } => rows.push((line, offset, rec, String::from_utf8(raw).unwrap())),
                RowEvent::Bad(q) => bad.push(q),
            }
            true
        });
        (rows, bad, totals)
    }

    #[test]
    fn rows_in_order_with_every_column_and_bad_texts_quarantined() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("s.parquet");
        let n = 2500;
        write_parquet(&p, n);
        let (rows, bad, totals) = collect(&p, "text", Some("id"));
        assert_eq!(rows.len() + bad.len(), n);
        assert_eq!(totals.lines, n as u64);
        assert!(totals.bytes_read > 0 && totals.bytes_decoded > 0);
        for (line, offset, rec, raw) in &rows {
            assert_eq!(*line, offset + 1);
            assert_eq!(rec.id.as_deref(), Some(offset.to_string().as_str()));
            assert_eq!(rec.text, format!("document {offset} says \"hi\"\nacross lines"));
            let v: serde_json::Value = serde_json::from_str(raw).unwrap();
            assert_eq!(v["id"], serde_json::json!(offset));
            assert_eq!(v["text"], serde_json::json!(rec.text));
            assert_eq!(v["meta"]["body"], serde_json::json!(format!("body {offset}")));
        }
        for q in &bad {
            assert_eq!((q.shard, q.line), (3, q.offset + 1));
            let want = if q.offset % 5 == 3 { Reason::TextNotString } else { Reason::EmptyText };
            assert_eq!(q.reason, want, "{q:?}");
            assert!(q.detail.contains(&format!("row {}", q.offset)), "{}", q.detail);
        }
        assert_eq!(bad.iter().filter(|q| q.reason == Reason::TextNotString).count(), n / 5);
    }

    #[test]
    fn dotted_paths_reach_into_structs_and_wrong_columns_are_named() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("s.parquet");
        write_parquet(&p, 20);
        let (rows, bad, _) = collect(&p, "meta.body", None);
        assert_eq!((rows.len(), bad.len()), (20, 0));
        assert_eq!(rows[4].2, Extracted { text: "body 4".into(), id: None, has_key: false });
        let (rows, bad, _) = collect(&p, "id", None);
        assert!(rows.is_empty() && bad.iter().all(|q| q.reason == Reason::TextNotString && q.detail.contains("Int64")));
        let (_, bad, _) = collect(&p, "meta.nope", None);
        assert!(bad.len() == 20 && bad.iter().all(|q| q.reason == Reason::MissingText));
    }

    #[test]
    fn a_truncated_file_is_named() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("s.parquet");
        write_parquet(&p, 50);
        let bytes = std::fs::read(&p).unwrap();
        std::fs::write(&p, &bytes[..bytes.len() / 2]).unwrap();
        let (rows, bad, _) = collect(&p, "text", None);
        assert!(rows.is_empty());
        assert_eq!((bad.len(), bad[0].line, bad[0].reason), (1, 0, Reason::UnreadableFile));
        assert!(bad[0].detail.contains("s.parquet"), "{}", bad[0].detail);
    }
}
