package vae.core.table;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.RecordType;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import vae.core.data.DataException;

/**
 * Reads a CSV file (UTF-8, a header line, then data rows; gzipped when it starts with the gzip magic bytes)
 * into a {@link Table}, parsing with FastCSV and storing columns as primitive arrays as the rows stream by.
 *
 * <p>Inference: a column not declared in the schema stays numeric while its values parse as finite numbers
 * (keeping its distinct numbers up to the category cap) and turns categorical at its first other value,
 * those numbers becoming its first categories; at the end a column of exactly two distinct values is binary.
 *
 * <p>Every problem is a one-line {@link DataException} naming the file, the line and the column. Bad rows
 * (wrong field count, a non-number in a declared numeric column, a value outside declared categories, a
 * missing label) stop the reading or are skipped and counted, as {@link TableOptions#onBadRow()} says.
 */
public final class TableReader {
    private static final int BUFFER = 1 << 16;

    private TableReader() {
    }

    /** Reads a table from a file. */
    public static Table read(Path file, TableOptions options) {
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file; check the path", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot be opened (" + TableSchema.oneLine(e.getMessage())
                    + "); check the path and its permissions", e);
        }
        try (in) {
            return read(in, file.toString(), options);
        } catch (IOException e) {
            throw new DataException(file + ": cannot be read (" + TableSchema.oneLine(e.getMessage()) + ")", e);
        }
    }

    /**
     * Reads a table from a stream, which is not closed; {@code source} names it in messages.
     */
    public static Table read(InputStream stream, String source, TableOptions options) {
        Handler handler = new Handler(source, options);
        try {
            BufferedInputStream buffered = new BufferedInputStream(stream, BUFFER);
            InputStream bytes = isGzip(buffered) ? new GZIPInputStream(buffered, BUFFER) : buffered;
            TextCheck text = new TextCheck(bytes);
            handler.text = text;
            Reader reader = new PushbackReader(new InputStreamReader(text, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)), 1);
            skipByteOrderMark((PushbackReader) reader);
            CsvReader<Object> csv = CsvReader.builder()
                    .fieldSeparator(options.delimiter())
                    .skipEmptyLines(true)
                    .allowExtraFields(true)
                    .allowMissingFields(true)
                    .build(handler, reader);
            CloseableIterator<Object> rows = csv.iterator();
            while (!handler.done && rows.hasNext()) {
                rows.next();
            }
        } catch (CsvParseException e) {
            throw handler.failure(e.getCause() != null ? e.getCause() : e);
        } catch (UncheckedIOException e) {
            throw handler.failure(e.getCause());
        } catch (IOException e) {
            throw handler.failure(e);
        }
        return handler.finish();
    }

    /**
     * The names on a file's header line, read without its rows, or an empty list when the file
     * cannot be read (then {@link #read} says why).
     */
    public static List<String> header(Path file, TableOptions options) {
        try (InputStream in = Files.newInputStream(file)) {
            BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
            InputStream bytes = isGzip(buffered) ? new GZIPInputStream(buffered, BUFFER) : buffered;
            PushbackReader reader = new PushbackReader(new InputStreamReader(bytes, StandardCharsets.UTF_8), 1);
            skipByteOrderMark(reader);
            try (CsvReader<de.siegmar.fastcsv.reader.CsvRecord> csv = CsvReader.builder()
                    .fieldSeparator(options.delimiter()).skipEmptyLines(true).allowExtraFields(true)
                    .allowMissingFields(true).ofCsvRecord(reader)) {
                var records = csv.iterator();
                return records.hasNext() ? records.next().getFields().stream().map(String::strip).toList() : List.of();
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b;
    }

    private static void skipByteOrderMark(PushbackReader reader) throws IOException {
        int c = reader.read();
        if (c >= 0 && c != '\uFEFF') {
            reader.unread(c);
        }
    }

    /** Refuses NUL bytes, which no text file holds, counting lines so the refusal can name one. */
    private static final class TextCheck extends FilterInputStream {
        long line = 1;

        TextCheck(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            for (int i = off; i < off + n; i++) {
                byte x = b[i];
                if (x == '\n') {
                    line++;
                } else if (x == 0) {
                    throw new NotText(line);
                }
            }
            return n;
        }
    }

    /** Thrown through FastCSV when the bytes are not text. */
    private static final class NotText extends IOException {
        @java.io.Serial
        private static final long serialVersionUID = 1L;
        final long line;

        NotText(long line) {
            super("NUL byte");
            this.line = line;
        }
    }

    /** Receives FastCSV's fields and builds the columns; one instance per read. */
    private static final class Handler extends AbstractBaseCsvCallbackHandler<Object> {
        private static final Object ROW = new Object();
        private static final int IGNORED = -1;
        private static final int LABEL = -2;

        private final String source;
        private final TableOptions options;
        private final char[][] missingTokens;
        TextCheck text;

        private List<String> header; // null until the header line is read
        private int[] role; // per header position: index into builders, IGNORED or LABEL
        private final List<ColumnBuilder> builders = new ArrayList<>();
        private ColumnBuilder label;
        private final IntChunks lines = new IntChunks();
        private long line;
        private boolean empty;
        private String rowProblem;
        private int skipped;
        private long rows;
        boolean done;

        Handler(String source, TableOptions options) {
            this.source = source;
            this.options = options;
            this.missingTokens = options.missingTokens().stream().map(String::toCharArray).toArray(char[][]::new);
        }

        @Override
        protected void handleBegin(long startingLine) {
            line = startingLine;
            empty = false;
            rowProblem = null;
        }

        @Override
        protected void handleEmpty() {
            empty = true;
        }

        @Override
        protected void handleField(int index, char[] buf, int offset, int len, boolean quoted) {
            if (header == null) {
                if (index < 100_000) { // a wider header is refused when the line ends
                    headerFields.add(new String(buf, offset, len).strip());
                }
                return;
            }
            if (index >= role.length || rowProblem != null) {
                return;
            }
            int r = role[index];
            if (r == IGNORED) {
                return;
            }
            ColumnBuilder column = r == LABEL ? label : builders.get(r);
            int start = offset;
            int end = offset + len;
            while (start < end && buf[start] <= ' ') {
                start++;
            }
            while (end > start && buf[end - 1] <= ' ') {
                end--;
            }
            if (isMissing(buf, start, end - start)) {
                column.stageMissing();
                return;
            }
            String problem = column.stage(buf, start, end - start);
            if (problem != null) {
                rowProblem = ", column '" + column.name + "': " + problem;
            }
        }

        private final List<String> headerFields = new ArrayList<>();

        private boolean isMissing(char[] buf, int off, int len) {
            for (char[] token : missingTokens) {
                if (token.length == len && Arrays.equals(token, 0, len, buf, off, off + len)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        protected Object buildRecord() {
            if (empty || getRecordType() != RecordType.DATA) {
                return ROW;
            }
            if (header == null) {
                readHeader();
                return ROW;
            }
            if (getFieldCount() != role.length) {
                badRow(": " + getFieldCount() + " fields but the header has " + role.length
                        + "; fix the line or skip such rows (on-bad-row skip)");
                return ROW;
            }
            if (rowProblem != null) {
                badRow(rowProblem);
                return ROW;
            }
            if (label != null && label.stagedMissing()) {
                badRow(": the label ('" + label.name + "') is missing; fill it in or skip such rows (on-bad-row skip)");
                return ROW;
            }
            if (line > Integer.MAX_VALUE) {
                throw new DataException(where() + ": too many lines; split the file");
            }
            for (ColumnBuilder b : builders) {
                b.commit(source, line);
            }
            if (label != null) {
                label.commit(source, line);
            }
            lines.add((int) line);
            rows++;
            done = rows >= options.rowLimit();
            return ROW;
        }

        private String where() {
            return source + " line " + line;
        }

        /** A bad row; the problem starts with ": " or ", column ...: ". */
        private void badRow(String problem) {
            if (options.onBadRow() == BadRowPolicy.FAIL) {
                throw new DataException(where() + problem);
            }
            skipped++;
        }

        private void readHeader() {
            header = List.copyOf(headerFields);
            if (getFieldCount() > 100_000) {
                throw new DataException(source + " line " + line + ": more than 100000 columns in the header;"
                        + " is this a CSV file with a header line?");
            }
            Map<String, Integer> position = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i);
                if (name.isEmpty()) {
                    throw new DataException(where() + ", column " + (i + 1) + ": empty column name;"
                            + " name every column in the header");
                }
                Integer before = position.putIfAbsent(name, i);
                if (before != null) {
                    throw new DataException(where() + ", column " + (i + 1) + ": column name '" + name
                            + "' is also column " + (before + 1) + "; give each column its own name");
                }
            }
            String labelName = options.effectiveLabel();
            Set<String> ignored = new HashSet<>(options.effectiveIgnored());
            TableSchema schema = options.schema();
            requireInHeader(labelName == null ? List.of() : List.of(labelName), position, "label");
            requireInHeader(options.effectiveIgnored(), position, "ignored");
            if (schema != null) {
                requireInHeader(List.copyOf(schema.columns().keySet()), position, "schema");
            }
            role = new int[header.size()];
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i);
                if (name.equals(labelName)) {
                    role[i] = LABEL;
                    label = ColumnBuilder.forLabel(name, options.maxCategories());
                } else if (ignored.contains(name)) {
                    role[i] = IGNORED;
                } else {
                    role[i] = builders.size();
                    builders.add(new ColumnBuilder(name, schema == null ? null : schema.columns().get(name),
                            options.maxCategories()));
                }
            }
        }

        private void requireInHeader(List<String> names, Map<String, Integer> position, String what) {
            for (String name : names) {
                if (!position.containsKey(name)) {
                    throw new DataException(where() + ": no column '" + name + "' (the " + what + " column) in"
                            + " the header " + TableErrors.list(header) + "; check the column name");
                }
            }
        }

        /** The one-line exception for a failure thrown inside FastCSV or the streams under it. */
        RuntimeException failure(Throwable e) {
            if (e instanceof Error err) {
                throw err;
            }
            return switch (e) {
                case DataException d -> d;
                case NotText n -> new DataException(source + " line " + n.line + ": a NUL byte, so this is not"
                        + " a text file; give a CSV file (UTF-8 text)", e);
                case CharacterCodingException c -> new DataException(source + ": not UTF-8 text (a bad byte on line "
                        + text.line + " or before); save the file as UTF-8", e);
                case ZipException z -> new DataException(source + ": the gzip data is damaged ("
                        + TableSchema.oneLine(z.getMessage()) + "); compress the file again", e);
                case EOFException eof -> new DataException(source + ": the gzip data ends too soon;"
                        + " compress the file again", e);
                case CsvParseException p -> new DataException(source + " line " + line + ": malformed CSV ("
                        + TableSchema.oneLine(p.getMessage()) + "); fix the quoting", e);
                case IOException io -> new DataException(source + ": cannot be read ("
                        + TableSchema.oneLine(io.getMessage()) + ")", e);
                case RuntimeException r -> r;
                default -> new IllegalStateException(e);
            };
        }

        Table finish() {
            if (header == null) {
                throw new DataException(source + " is empty; a table needs a header line and data rows");
            }
            if (rows == 0) {
                throw new DataException(skipped == 0
                        ? source + " has a header but no data rows; add rows"
                        : source + ": all " + skipped + " data rows are bad and were skipped; fix them");
            }
            List<TableColumn> columns = new ArrayList<>();
            for (ColumnBuilder b : builders) {
                columns.add(b.finish(source));
            }
            return new Table(source, header, columns, label == null ? null : label.finish(source),
                    options.effectiveIgnored(), lines.toArrayReleasing(), skipped);
        }
    }
}
