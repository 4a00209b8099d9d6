package vae.spark;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.InternalRow;
import vae.api.TrainedVae;
import vae.core.data.Dataset;

/**
 * Where a row's values for the model are, and how a partition turns rows into examples: a vector
 * already in the model's form ({@link FeatureColumns}), or a table's raw columns encoded with the
 * model's own transform ({@link TableColumns}). Checked against the DataFrame's schema on the driver.
 */
interface Features extends Serializable {
    /** The projection of the DataFrame that {@link Batches#add} reads (the id column follows it). */
    List<Column> select();

    /** How many columns {@link #select()} gives. */
    int width();

    /** A partition's gatherer of batches of at most {@code size} rows for model {@code m}. */
    Batches batches(TrainedVae m, int size);

    /** Rows in, examples out, a batch at a time. */
    interface Batches {
        /** Takes the values of {@code row} (projected by {@link #select()}), named {@code id}. */
        void add(InternalRow row, long id);

        /** The examples of the rows added since the last call (a row the model refuses may be left out). */
        Batch take();
    }

    /**
     * Examples 0..count−1 of {@code examples}, with their rows' ids.
     */
    record Batch(Dataset examples, long[] ids, int count) {
    }
}
