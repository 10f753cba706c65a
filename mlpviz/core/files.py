"""Reading and writing mlpviz's files, one idea per module; everything is importable from here:

- core/file_readers.py: a file's text and JSON documents (sizes limited, problems named);
- core/csv_dialects.py: the spreadsheet dialects of a CSV (separator, decimal commas, `sep=`);
- core/csv_files.py: dataset CSVs (columns by name or position) read into a Table, and written;
- core/file_writers.py: atomic saves (a temporary file, synced, then renamed), JSON text;
- core/model_files.py: the weights-and-biases file and the min-max file (the cheat sheet's formats).

Every reader turns any problem into an InputError naming the file, the line or key, and what was
expected. Readers check everything before returning, so a failed load hands nothing back.
"""

from __future__ import annotations

from .csv_files import Table, read_csv, write_csv  # noqa: F401
from .file_readers import MAX_CSV_BYTES, MAX_JSON_BYTES, read_json, read_text  # noqa: F401
from .file_writers import (commit_atomic, discard, json_text, prepare_atomic,  # noqa: F401
                           refuse_special, settle_atomic, write_atomic, write_json)
from .model_files import (MINMAX_KEYS, minmax_text, number_array, read_minmax,  # noqa: F401
                          read_weights, weights_document, weights_text, write_minmax,
                          write_weights)
