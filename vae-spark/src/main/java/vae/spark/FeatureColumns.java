package vae.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import vae.api.TrainedVae;
import vae.core.data.Dataset;

/**
 * Where a row's values for the model are: one array column of numbers ({@code pixels}), or
 * numeric columns in the model's order ({@code col1,col2,...}). The columns are cast to float in
 * the projection, so an executor copies primitives out of Spark's rows ({@link InternalRow},
 * {@link ArrayData}) without boxing a value. A null value is NaN: a missing value for a model that
 * accepts them (tables), an error for the others.
 */
final class FeatureColumns implements Features {
    private static final long serialVersionUID = 1L;

    private final String array;
    private final List<String> columns;
    private final int dimension;

    private FeatureColumns(String array, List<String> columns, int dimension) {
        this.array = array;
        this.columns = columns;
        this.dimension = dimension;
    }

    /**
     * Parses {@code spec} against {@code schema} for a model of {@code dimension} values.
     *
     * @throws IllegalArgumentException naming a missing column, a column of the wrong type, or a
     *                                  count of columns that is not the model's
     */
    static FeatureColumns of(String spec, StructType schema, int dimension) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no feature columns given: name one array column (e.g. pixels) or the "
                    + "model's " + dimension + " numeric columns separated by commas");
        }
        List<String> names = Arrays.stream(spec.split(",", -1)).map(String::trim).toList();
        for (String n : names) {
            if (n.isEmpty()) {
                throw new IllegalArgumentException("feature columns '" + spec + "' has an empty name");
            }
            field(schema, n);
        }
        if (names.size() == 1 && field(schema, names.get(0)).dataType() instanceof ArrayType at) {
            if (!(at.elementType() instanceof NumericType)) {
                throw new IllegalArgumentException("feature column '" + names.get(0) + "' is an array of "
                        + at.elementType().simpleString() + "; it must hold numbers (float or double)");
            }
            return new FeatureColumns(names.get(0), List.of(), dimension);
        }
        for (String n : names) {
            DataType t = field(schema, n).dataType();
            if (!(t instanceof NumericType)) {
                throw new IllegalArgumentException("feature column '" + n + "' is of type " + t.simpleString()
                        + "; give numeric columns, or one array column of numbers");
            }
        }
        if (names.size() != dimension) {
            throw new IllegalArgumentException(names.size() + " feature column" + (names.size() == 1 ? "" : "s")
                    + " given but the model takes " + dimension + " values per example; give " + dimension
                    + " numeric columns, or one array column of " + dimension + " numbers");
        }
        return new FeatureColumns(null, names, dimension);
    }

    private static StructField field(StructType schema, String name) {
        for (StructField f : schema.fields()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no column '" + name + "' in the data; its columns: "
                + String.join(", ", schema.fieldNames()));
    }

    /** The model's values per example. */
    int dimension() {
        return dimension;
    }

    /** The projection: the features cast to float, in order (one array column, or one column each). */
    @Override
    public List<Column> select() {
        List<Column> out = new ArrayList<>();
        if (array != null) {
            out.add(functions.col(quote(array)).cast(DataTypes.createArrayType(DataTypes.FloatType)));
        } else {
            for (String c : columns) {
                out.add(functions.col(quote(c)).cast(DataTypes.FloatType));
            }
        }
        return out;
    }

    @Override
    public int width() {
        return array != null ? 1 : columns.size();
    }

    @Override
    public Batches batches(TrainedVae m, int size) {
        float[] x = new float[size * dimension];
        long[] ids = new long[size];
        return new Batches() {
            private int n;

            @Override
            public void add(InternalRow row, long id) {
                ids[n] = id;
                copy(row, x, n * dimension, id);
                n++;
            }

            @Override
            public Batch take() {
                Batch b = new Batch(new Dataset("rows", m.dataShape(), n == size ? x : Arrays.copyOf(x, n * dimension),
                        null), ids, n);
                n = 0;
                return b;
            }
        };
    }

    /**
     * Copies the features of {@code row} (projected by {@link #select()}) into {@code out} from
     * {@code offset}; {@code id} names the row in messages.
     *
     * @throws IllegalArgumentException for a null array or one of another length
     */
    void copy(InternalRow row, float[] out, int offset, long id) {
        if (array == null) {
            for (int j = 0; j < dimension; j++) {
                out[offset + j] = row.isNullAt(j) ? Float.NaN : row.getFloat(j);
            }
            return;
        }
        if (row.isNullAt(0)) {
            throw new IllegalArgumentException("row " + id + " has no " + array + " (null); every row needs its "
                    + dimension + " values");
        }
        ArrayData a = row.getArray(0);
        if (a.numElements() != dimension) {
            throw new IllegalArgumentException("row " + id + " has " + a.numElements() + " values in " + array
                    + " but the model takes " + dimension);
        }
        for (int j = 0; j < dimension; j++) {
            out[offset + j] = a.isNullAt(j) ? Float.NaN : a.getFloat(j);
        }
    }

    /** A column name as {@code functions.col} reads it literally (dots and backticks are not paths). */
    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
