package vae.core.checkpoint;

import vae.core.optim.AdamConfig;
import vae.core.train.Binarization;
import vae.core.train.DataParallel;
import vae.core.train.TrainingAids;

/**
 * How a run trains, as a checkpoint records it so that {@code --resume} continues it exactly.
 *
 * @param seed         the run's seed
 * @param dataset      the data set specification, e.g. {@code mnist} or an absolute directory
 * @param trainLimit   training examples used (0: all)
 * @param testLimit    test examples used (0: all)
 * @param binarization how targets were formed
 * @param batchSize    examples per step
 * @param adam         the optimiser's settings
 * @param onlyLabel    the one label whose training examples the run trained on (one-class
 *                     training), or null for all of them
 * @param aids         KL warm-up, free bits, the learning-rate schedule and the validation split
 * @param dataParallel for a run trained by local SGD on a cluster, its partitions and H; null otherwise
 */
public record RunSettings(long seed, String dataset, int trainLimit, int testLimit, Binarization binarization,
                          int batchSize, AdamConfig adam, String onlyLabel, TrainingAids aids,
                          DataParallel dataParallel) {

    /** The settings of a run on one machine. */
    public RunSettings(long seed, String dataset, int trainLimit, int testLimit, Binarization binarization,
                       int batchSize, AdamConfig adam, String onlyLabel, TrainingAids aids) {
        this(seed, dataset, trainLimit, testLimit, binarization, batchSize, adam, onlyLabel, aids, null);
    }

    public RunSettings {
        if (aids == null) {
            throw new IllegalArgumentException("training aids are missing; use TrainingAids.NONE for none");
        }
    }

    /** The settings of a run without training aids. */
    public RunSettings(long seed, String dataset, int trainLimit, int testLimit, Binarization binarization,
                       int batchSize, AdamConfig adam, String onlyLabel) {
        this(seed, dataset, trainLimit, testLimit, binarization, batchSize, adam, onlyLabel, TrainingAids.NONE);
    }

    /** The settings of a run that trains on every training example. */
    public RunSettings(long seed, String dataset, int trainLimit, int testLimit, Binarization binarization,
                       int batchSize, AdamConfig adam) {
        this(seed, dataset, trainLimit, testLimit, binarization, batchSize, adam, null, TrainingAids.NONE);
    }
}
