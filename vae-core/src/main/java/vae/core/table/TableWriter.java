package vae.core.table;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes a table as CSV (UTF-8, LF line ends, fields quoted only where needed) to a stream the caller
 * owns: {@link #close()} flushes but does not close it, so the stream can be standard output or a file
 * written atomically. A null value is written as an empty field.
 */
public final class TableWriter implements Closeable, Flushable {
    private final CsvWriter csv;
    private final int columns;

    private TableWriter(OutputStream out, List<String> header, char delimiter) {
        this.columns = header.size();
        OutputStream keepOpen = new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
        this.csv = CsvWriter.builder().fieldSeparator(delimiter).lineDelimiter(LineDelimiter.LF).build(keepOpen);
        csv.writeRecord(header);
    }

    /** Starts a comma-separated table on {@code out} by writing its header. */
    public static TableWriter open(OutputStream out, List<String> header) {
        return open(out, header, ',');
    }

    /** Starts a table with the given field separator on {@code out} by writing its header. */
    public static TableWriter open(OutputStream out, List<String> header, char delimiter) {
        if (header.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        return new TableWriter(out, header, delimiter);
    }

    /** Writes one row; it must have one value per header column. */
    public TableWriter writeRow(String... values) {
        if (values.length != columns) {
            throw new IllegalArgumentException(values.length + " values for " + columns + " columns");
        }
        CsvWriter.CsvWriterRecord record = csv.writeRecord();
        for (String v : values) {
            record.writeField(v == null ? "" : v);
        }
        record.endRecord();
        return this;
    }

    /** Writes one row; it must have one value per header column. */
    public TableWriter writeRow(List<String> values) {
        return writeRow(values.toArray(String[]::new));
    }

    /** Pushes buffered rows to the stream. */
    @Override
    public void flush() throws IOException {
        csv.flush();
    }

    /** Flushes; the stream stays open. */
    @Override
    public void close() throws IOException {
        csv.close();
    }

}
