package vae.spark;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import vae.api.TrainedVae;
import vae.core.data.Dataset;

/**
 * The rows of one partition through a model in batches: the loop scoring and encoding share. The
 * model comes from the JVM's cache ({@link ExecutorModels}), parsed from the broadcast bytes the
 * first time; rows are read lazily, a batch at a time, so a partition is never held whole.
 */
abstract class PartitionBatches implements Function2<Integer, Iterator<InternalRow>, Iterator<Row>> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<ModelBytes> model;
    private final Features features;
    final ScoringOptions options;
    /** The id of each partition's first row, when rows are numbered; null when ids come from a column. */
    private final long[] firstIds;

    PartitionBatches(Broadcast<ModelBytes> model, Features features, ScoringOptions options, long[] firstIds) {
        this.model = model;
        this.features = features;
        this.options = options;
        this.firstIds = firstIds;
    }

    /** What one partition does with its batches. */
    interface BatchSink {
        /** Appends the output rows of examples 0..n−1 of {@code batch}, whose ids are {@code ids}, to {@code out}. */
        void accept(Dataset batch, long[] ids, int n, ArrayDeque<Row> out);
    }

    /** The per-partition state (a scorer with its graph) for model {@code m}. */
    abstract BatchSink open(TrainedVae m);

    @Override
    public Iterator<Row> call(Integer partition, Iterator<InternalRow> rows) {
        TrainedVae m = ExecutorModels.get(model.value(), options.backend(), options.threads());
        BatchSink sink = open(m);
        int size = options.batchSize();
        int idOrdinal = features.width();
        Features.Batches batches = features.batches(m, size);
        ArrayDeque<Row> ready = new ArrayDeque<>();
        return new Iterator<>() {
            private long nextId = firstIds == null ? 0 : firstIds[partition];

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && rows.hasNext()) {
                    for (int n = 0; n < size && rows.hasNext(); n++) {
                        InternalRow r = rows.next(); // a reused buffer: copied out before the next
                        long id;
                        if (firstIds != null) {
                            id = nextId++;
                        } else if (r.isNullAt(idOrdinal)) {
                            throw new IllegalArgumentException("a row of partition " + partition + " has no "
                                    + options.idColumn() + " (null); every row needs its id");
                        } else {
                            id = r.getLong(idOrdinal);
                        }
                        batches.add(r, id);
                    }
                    Features.Batch b = batches.take();
                    if (b.count() > 0) {
                        sink.accept(b.examples(), b.ids(), b.count(), ready);
                    }
                }
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }
        };
    }
}
