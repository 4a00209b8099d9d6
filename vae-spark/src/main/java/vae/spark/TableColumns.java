package vae.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import vae.api.TableSource;
import vae.api.TrainedVae;
import vae.core.data.Dataset;
import vae.core.table.ColumnType;
import vae.core.table.EncodedTable;
import vae.core.table.TableBuilder;
import vae.core.table.TableOptions;
import vae.core.table.TableTransform;

/**
 * A table model's raw columns, found by the names it was trained with and encoded on the executors
 * with its own transform, as {@code vae score} encodes the rows of a CSV file: each batch of rows
 * becomes a {@link vae.core.table.Table} ({@link TableBuilder}, with the missing-value tokens and
 * bad-row policy the checkpoint records) and goes through {@link TableTransform#encodeFeatures}. A
 * numeric column is read as float when Spark holds numbers, as text otherwise; a categorical or
 * binary one as text (a number's or boolean's text, as in a CSV file). Null is a missing value.
 */
final class TableColumns implements Features {
    private static final long serialVersionUID = 1L;
    /** Names rows in messages: "input row 1027, column ...". */
    static final String SOURCE = "input";

    private final List<String> names;
    /** Per column: read as a float (a numeric column that Spark holds as numbers), else as text. */
    private final boolean[] asNumber;
    private final boolean unseenAsMissing;

    private TableColumns(List<String> names, boolean[] asNumber, boolean unseenAsMissing) {
        this.names = names;
        this.asNumber = asNumber;
        this.unseenAsMissing = unseenAsMissing;
    }

    /** The transform's columns in the order a {@link TableBuilder} of its reading schema takes them. */
    static List<String> names(TableTransform t) {
        return List.copyOf(t.readingSchema().columns().keySet());
    }

    /** Whether {@code spec} (null, or column names separated by commas) asks for the model's raw columns. */
    static boolean wanted(String spec, TrainedVae model) {
        if (model.table().isEmpty()) {
            return false;
        }
        if (spec == null || spec.isBlank()) {
            return true;
        }
        Set<String> given = new HashSet<>(Arrays.stream(spec.split(",", -1)).map(String::trim).toList());
        return given.equals(new HashSet<>(names(model.table().get())));
    }

    /**
     * The raw columns of table model {@code model} in {@code schema}.
     *
     * @throws IllegalArgumentException naming a column that is missing or of a type the model cannot read
     */
    static TableColumns of(TrainedVae model, StructType schema, boolean unseenAsMissing) {
        TableTransform t = model.table().orElseThrow();
        List<String> names = names(t);
        boolean[] asNumber = new boolean[names.size()];
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            StructField f = Arrays.stream(schema.fields()).filter(x -> x.name().equals(n)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no column '" + n + "' in the data, which the "
                            + "model was trained with; its columns: " + String.join(", ", schema.fieldNames())));
            DataType type = f.dataType();
            boolean numeric = t.readingSchema().columns().get(n).type() == ColumnType.NUMERIC;
            boolean text = type instanceof StringType;
            if (numeric && !(type instanceof NumericType) && !text) {
                throw new IllegalArgumentException("column '" + n + "' is of type " + type.simpleString() + " but the "
                        + "model reads it as numbers; give it as a numeric or string column");
            }
            if (!numeric && !(type instanceof NumericType) && !text && !(type instanceof BooleanType)) {
                throw new IllegalArgumentException("column '" + n + "' is of type " + type.simpleString() + " but the "
                        + "model reads it as categories; give it as a string, numeric or boolean column");
            }
            asNumber[i] = numeric && type instanceof NumericType;
        }
        return new TableColumns(names, asNumber, unseenAsMissing);
    }

    @Override
    public List<Column> select() {
        List<Column> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            out.add(functions.col(FeatureColumns.quote(names.get(i)))
                    .cast(asNumber[i] ? DataTypes.FloatType : DataTypes.StringType));
        }
        return out;
    }

    @Override
    public int width() {
        return names.size();
    }

    @Override
    public Batches batches(TrainedVae m, int size) {
        TableTransform transform = m.table().orElseThrow();
        TableOptions options = TableSource.parse(m.metadata().run().dataset()).options();
        TableBuilder builder = new TableBuilder(SOURCE, transform.readingSchema(), options);
        if (!builder.columnNames().equals(names)) {
            throw new IllegalStateException("the model's columns " + builder.columnNames() + " are not " + names);
        }
        return new Batches() {
            private long[] kept = new long[size];
            private int n;

            @Override
            public void add(InternalRow row, long id) {
                for (int j = 0; j < asNumber.length; j++) {
                    if (row.isNullAt(j)) {
                        builder.missing(j);
                    } else if (asNumber[j]) {
                        builder.number(j, row.getFloat(j));
                    } else {
                        builder.text(j, row.getUTF8String(j).toString());
                    }
                }
                if (builder.endRow(id)) {
                    if (n == kept.length) {
                        kept = Arrays.copyOf(kept, 2 * n);
                    }
                    kept[n++] = id;
                }
            }

            @Override
            public Batch take() {
                EncodedTable e = transform.encodeFeatures(builder.build(), options.onBadRow(), unseenAsMissing);
                long[] ids = new long[e.rows()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = kept[e.tableRows()[i]];
                }
                n = 0;
                return new Batch(new Dataset(SOURCE, m.dataShape(), e.values(), null), ids, ids.length);
            }
        };
    }
}
