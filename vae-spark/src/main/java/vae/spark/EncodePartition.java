package vae.spark;

import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.RowFactory;
import vae.api.Encoded;
import vae.api.TrainedVae;

/** Encodes a partition: one row per example with its id, the latent means and the log-variances. */
final class EncodePartition extends PartitionBatches {
    private static final long serialVersionUID = 1L;

    EncodePartition(Broadcast<ModelBytes> model, Features features, ScoringOptions options, long[] firstIds) {
        super(model, features, options, firstIds);
    }

    @Override
    BatchSink open(TrainedVae m) {
        int k = m.encoderLatentDim();
        return (batch, ids, n, out) -> {
            Encoded q = m.encode(batch, 0, n);
            for (int i = 0; i < n; i++) {
                Object[] values = new Object[1 + 2 * k];
                values[0] = ids[i];
                for (int j = 0; j < k; j++) {
                    values[1 + j] = q.mean()[i][j];
                    values[1 + k + j] = q.logVariance()[i][j];
                }
                out.add(RowFactory.create(values));
            }
        };
    }
}
