package vae.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import vae.api.TrainedVae;

/**
 * Scores and encodes a DataFrame with a trained vae4j model, in batched {@code mapPartitions}.
 *
 * <pre>{@code
 * Dataset<Row> scores = VaeSpark.score(spark, df, "pixels", "hdfs:///models/vae/model.safetensors",
 *         ScoringOptions.defaults().samples(100).idColumn("id"));
 * }</pre>
 *
 * <p>The checkpoint is read once on the driver (any file system Hadoop reads), checked against the
 * data, and shipped to the executors as a broadcast of its bytes; each executor JVM parses it once
 * and its tasks share the model. Each task copies its rows' values out of Spark's rows without
 * boxing and scores them a batch at a time on the backend. Row id i draws the importance samples
 * {@code vae score} draws for example i, so the scores equal {@code vae score}'s (and
 * {@link TrainedVae#score}'s) on the same rows, bit for bit.
 */
public final class VaeSpark {
    /** The score columns, as {@code vae score} writes them. */
    static final List<String> SCORES = List.of("neg_log_px", "neg_elbo", "recon", "kl", "recon_at_mean",
            "squared_error");

    private VaeSpark() {
    }

    /**
     * One row per row of {@code df}: its id (the {@link ScoringOptions#idColumn} or, without one,
     * {@code index}, the row's number), {@code neg_log_px} (−log p(x) from k importance samples: rank
     * anomalies by it), {@code neg_elbo}, {@code recon}, {@code kl}, {@code recon_at_mean} and
     * {@code squared_error}, as {@code vae score} computes them (the first four null for a model
     * without a posterior). Lazy: nothing runs until the result is used, except numbering the rows
     * when no id column is given (one pass that counts each partition).
     *
     * @param features     one array column of numbers (e.g. {@code pixels}), or the model's values as
     *                     numeric columns separated by commas ({@code c1,c2,...}), in the model's order.
     *                     For a table model: null (or its columns' names), and each row's columns named
     *                     as in training are encoded on the executors with the model's transform, as
     *                     {@code vae score} encodes a CSV file's rows (numbers or text; null is missing;
     *                     see {@link ScoringOptions#unseenAsMissing}); or the encoded vector as above
     * @param checkpointUri a {@code model.safetensors}: a path, or a URI of any file system Spark reads
     * @throws IllegalArgumentException for a column that is missing or of the wrong type or count
     * @throws vae.core.checkpoint.CheckpointException if the checkpoint cannot be read or used
     * @throws vae.core.data.DataException (in the tasks, so from the action on the result) for a table row
     *                                  the model cannot encode: an unseen category, text in a numeric column
     */
    public static Dataset<Row> score(SparkSession spark, Dataset<Row> df, String features, String checkpointUri,
                                     ScoringOptions options) {
        Prepared p = prepare(spark, df, features, checkpointUri, options);
        long seed = options.seed() != null ? options.seed() : p.model.metadata().run().seed();
        List<StructField> fields = new ArrayList<>();
        fields.add(p.idField());
        for (String s : SCORES) {
            fields.add(DataTypes.createStructField(s, DataTypes.DoubleType, true));
        }
        JavaRDD<Row> out = p.rows.mapPartitionsWithIndex(
                new ScorePartition(p.broadcast, p.features, options, p.firstIds, seed), true);
        return spark.createDataFrame(out, DataTypes.createStructType(fields));
    }

    /**
     * The scores of a table model's rows, read from the columns it was trained with: {@link #score}
     * with no features named.
     */
    public static Dataset<Row> score(SparkSession spark, Dataset<Row> df, String checkpointUri,
                                     ScoringOptions options) {
        return score(spark, df, null, checkpointUri, options);
    }

    /**
     * The latent means and log-variances of a table model's rows, read from the columns it was
     * trained with: {@link #encode} with no features named.
     */
    public static Dataset<Row> encode(SparkSession spark, Dataset<Row> df, String checkpointUri,
                                      ScoringOptions options) {
        return encode(spark, df, null, checkpointUri, options);
    }

    /**
     * Registers the SQL function {@code name(features, id)} (e.g. {@code vae_score}) giving −log p(x)
     * of one row with the model of {@code checkpointUri}: {@code features} an array of numbers, the
     * model's values; {@code id} a whole number that picks the row's importance samples, so the
     * result equals {@link #score}'s {@code neg_log_px} for the same row and id. It scores a row at
     * a time, far slower than {@link #score}; it is there for SQL users.
     *
     * <pre>{@code
     * VaeSpark.registerScoreFunction(spark, "vae_score", "hdfs:///models/vae/model.safetensors",
     *         ScoringOptions.defaults().samples(100));
     * spark.sql("SELECT id, vae_score(pixels, id) AS neg_log_px FROM images ORDER BY neg_log_px DESC");
     * }</pre>
     */
    public static void registerScoreFunction(SparkSession spark, String name, String checkpointUri,
                                             ScoringOptions options) {
        ModelBytes bytes = ModelBytes.read(checkpointUri, spark.sparkContext().hadoopConfiguration());
        TrainedVae model = ExecutorModels.get(bytes, options.backend(), options.threads()); // refuse a bad file now
        if (!model.canSample()) {
            throw new IllegalArgumentException("variant '" + model.spec().variant() + "' has no posterior and no "
                    + "prior, so no log p(x) to score");
        }
        if (model.conditionClasses() > 0) {
            throw new IllegalArgumentException("a conditional model scores x given its label; vae_score takes no "
                    + "label");
        }
        long seed = options.seed() != null ? options.seed() : model.metadata().run().seed();
        Broadcast<ModelBytes> b = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(bytes);
        spark.udf().register(name, new ScoreFunction(b, options, seed), DataTypes.DoubleType);
    }

    /**
     * One row per row of {@code df}: its id (as in {@link #score}), {@code mu_0..} and
     * {@code logvar_0..}, the mean and log-variance of q(z|x), as {@code vae encode} writes them.
     *
     * @see #score for the parameters
     */
    public static Dataset<Row> encode(SparkSession spark, Dataset<Row> df, String features, String checkpointUri,
                                      ScoringOptions options) {
        Prepared p = prepare(spark, df, features, checkpointUri, options);
        int k = p.model.encoderLatentDim();
        List<StructField> fields = new ArrayList<>();
        fields.add(p.idField());
        for (String prefix : new String[] {"mu_", "logvar_"}) {
            for (int j = 0; j < k; j++) {
                fields.add(DataTypes.createStructField(prefix + j, DataTypes.FloatType, false));
            }
        }
        JavaRDD<Row> out = p.rows.mapPartitionsWithIndex(new EncodePartition(p.broadcast, p.features, options,
                p.firstIds), true);
        return spark.createDataFrame(out, DataTypes.createStructType(fields));
    }

    /**
     * Trains one model on the rows of {@code train} by local SGD with periodic averaging, one
     * partition per worker: each partition takes H ({@link TrainOptions#syncEvery}) Adam steps on
     * its own rows, then the driver averages the weights and Adam's moments summed in partition
     * order, so a run is the same bits for a given partition count. After every epoch it evaluates
     * {@code test} (if not null) and writes {@code model.safetensors} and its optimizer file into
     * {@code out} (a local directory; any file system Hadoop writes with the {@code String} form),
     * readable by every {@code vae} command and by {@link #score}.
     *
     * @param datasetName what the checkpoint records as the data set
     * @return each epoch's losses and speed
     */
    public static java.util.List<SparkEpoch> train(SparkSession spark, Dataset<Row> train, String features,
                                                   Dataset<Row> test, TrainOptions options, java.nio.file.Path out,
                                                   String datasetName) {
        return LocalSgd.run(spark, train, features, test, options, out, datasetName, () -> { });
    }

    /**
     * As {@link #train(SparkSession, Dataset, String, Dataset, TrainOptions, java.nio.file.Path, String)},
     * writing the checkpoint pair into {@code outUri}: a directory of the driver, or of any file system
     * Hadoop writes ({@code hdfs:}, {@code s3a:}), where the pair is copied after every epoch.
     */
    public static java.util.List<SparkEpoch> train(SparkSession spark, Dataset<Row> train, String features,
                                                   Dataset<Row> test, TrainOptions options, String outUri,
                                                   String datasetName) {
        try (CheckpointDirectory out = CheckpointDirectory.of(outUri, spark.sparkContext().hadoopConfiguration())) {
            return LocalSgd.run(spark, train, features, test, options, out.local(), datasetName, out::publish);
        }
    }

    /**
     * Continues a run of {@link #train} from its checkpoint {@code modelFile} (with the optimizer
     * file beside it) up to epoch {@code epochs}, on rows partitioned as before (the same number of
     * partitions holding the same rows): its model, Adam's state, seed, batch size, learning rate
     * and H are the recorded ones, so the checkpoints it writes into {@code out} are those of the run
     * that never stopped.
     *
     * @param backend the backend by name, or null for the fastest (the bits do not depend on it)
     * @throws IllegalArgumentException for a checkpoint not written by {@link #train}, a target
     *                                  epoch already reached, or another partition count
     */
    public static java.util.List<SparkEpoch> resume(SparkSession spark, Dataset<Row> train, String features,
                                                    Dataset<Row> test, java.nio.file.Path modelFile, int epochs,
                                                    String backend, java.nio.file.Path out) {
        return LocalSgd.resume(spark, train, features, test, vae.core.checkpoint.Checkpoint.read(modelFile), epochs,
                backend, out, () -> { });
    }

    /**
     * As {@link #resume(SparkSession, Dataset, String, Dataset, java.nio.file.Path, int, String,
     * java.nio.file.Path)}, with the checkpoint and the output directory on any file system Hadoop
     * reads and writes (a path of the driver, {@code hdfs:}, {@code s3a:}).
     */
    public static java.util.List<SparkEpoch> resume(SparkSession spark, Dataset<Row> train, String features,
                                                    Dataset<Row> test, String checkpointUri, int epochs,
                                                    String backend, String outUri) {
        var conf = spark.sparkContext().hadoopConfiguration();
        var checkpoint = vae.core.checkpoint.Checkpoint.read(CheckpointDirectory.fetch(checkpointUri, conf));
        try (CheckpointDirectory out = CheckpointDirectory.of(outUri, conf)) {
            return LocalSgd.resume(spark, train, features, test, checkpoint, epochs, backend, out.local(),
                    out::publish);
        }
    }

    /**
     * Trains one model per configuration, one per task, each with the ordinary trainer on the data
     * set {@code dataset} (a built-in name such as {@code mnist}, a directory of IDX files or images,
     * or a CSV file read with the default table options and a fifth held out by the seed, as {@code
     * vae train --dataset FILE} does; each a path every executor can read), with the same seed, and
     * copies each checkpoint pair to {@code out/run-<i>/} (any file system Hadoop writes). Each run is the one {@code vae train}
     * makes with the same settings, bit for bit.
     *
     * @param configs each model's hyperparameters ({@code -P key=value} of {@code vae train})
     * @return one row per run: {@code run, hyperparameters, epochs, train_loss, test_loss, seconds, checkpoint}
     */
    public static Dataset<Row> sweep(SparkSession spark, java.util.List<java.util.Map<String, String>> configs,
                                     String dataset, String variant, int epochs, int batchSize, int trainLimit,
                                     int testLimit, long seed, String out) {
        return Sweep.run(spark, configs, new Sweep.Settings(dataset, variant, epochs, batchSize, trainLimit, testLimit,
                seed), out);
    }

    /** What scoring and encoding share: the checked model, its broadcast, the projected rows and the ids. */
    private record Prepared(TrainedVae model, Broadcast<ModelBytes> broadcast, Features features,
                            JavaRDD<InternalRow> rows, long[] firstIds, String idName) {
        StructField idField() {
            return DataTypes.createStructField(idName, DataTypes.LongType, false);
        }
    }

    private static Prepared prepare(SparkSession spark, Dataset<Row> df, String features, String checkpointUri,
                                    ScoringOptions options) {
        ModelBytes bytes = ModelBytes.read(checkpointUri, spark.sparkContext().hadoopConfiguration());
        // Parsed here first, to refuse a bad checkpoint or data before any task runs; in local mode
        // the tasks then find it in the same cache.
        TrainedVae model = ExecutorModels.get(bytes, options.backend(), options.threads());
        if (model.conditionClasses() > 0) {
            throw new IllegalArgumentException("a conditional model scores and encodes x given its label, and the "
                    + "Spark jobs take no label column; use 'vae score' or 'vae encode' on labelled data");
        }
        Features f = features(features, df.schema(), model, options);
        List<Column> select = new ArrayList<>(f.select());
        String id = options.idColumn();
        if (id != null) {
            DataType t = idType(df.schema(), id);
            if (!(t instanceof IntegralType)) {
                throw new IllegalArgumentException("id column '" + id + "' is of type " + t.simpleString()
                        + "; it must hold whole numbers (the row's number picks its importance samples)");
            }
            select.add(functions.col(FeatureColumns.quote(id)).cast(DataTypes.LongType));
        }
        JavaRDD<InternalRow> rows = df.select(select.toArray(Column[]::new)).queryExecution().toRdd().toJavaRDD();
        long[] firstIds = id == null ? firstIds(rows) : null;
        Broadcast<ModelBytes> b = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(bytes);
        return new Prepared(model, b, f, rows, firstIds, id == null ? "index" : id);
    }

    /** A table model's raw columns when the spec names them or is absent; else the model's vector. */
    private static Features features(String spec, StructType schema, TrainedVae model, ScoringOptions options) {
        if (TableColumns.wanted(spec, model)) {
            return TableColumns.of(model, schema, options.unseenAsMissing());
        }
        try {
            return FeatureColumns.of(spec, schema, model.dataShape().size());
        } catch (IllegalArgumentException e) {
            if (model.table().isEmpty()) {
                throw e;
            }
            throw new IllegalArgumentException(e.getMessage() + "; or name none, and the table model reads its own "
                    + "columns " + String.join(", ", TableColumns.names(model.table().get())));
        }
    }

    private static DataType idType(StructType schema, String id) {
        for (StructField field : schema.fields()) {
            if (field.name().equals(id)) {
                return field.dataType();
            }
        }
        throw new IllegalArgumentException("no id column '" + id + "' in the data; its columns: "
                + String.join(", ", schema.fieldNames()));
    }

    /** The number of each partition's first row: one pass counting the rows of each partition, in order. */
    private static long[] firstIds(JavaRDD<InternalRow> rows) {
        List<Long> counts = rows.mapPartitions((Iterator<InternalRow> it) -> {
            long n = 0;
            while (it.hasNext()) {
                it.next();
                n++;
            }
            return List.of(n).iterator();
        }).collect();
        long[] first = new long[counts.size()];
        for (int i = 1; i < first.length; i++) {
            first[i] = first[i - 1] + counts.get(i - 1);
        }
        return first;
    }
}
