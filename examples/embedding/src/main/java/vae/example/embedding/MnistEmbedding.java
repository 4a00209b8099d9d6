package vae.example.embedding;

import java.util.Arrays;
import java.util.stream.IntStream;
import vae.api.Datasets;
import vae.api.Encoded;
import vae.api.Scores;
import vae.api.TrainedVae;
import vae.api.TrainingRun;
import vae.api.Vae;

/** Trains a VAE with a 2-d z on part of MNIST, then embeds, scores and samples test images via vae.api. */
public final class MnistEmbedding {
    private static final int IMAGES = 100, K = 50;

    /** Optional arguments: training examples (default 4000) and epochs (default 2). */
    public static void main(String[] args) {
        int trainLimit = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        var mnist = Datasets.mnist();
        Vae vae = Vae.builder().variant("vae").set("latent", 2).seed(42).build(mnist);
        TrainingRun run = vae.trainer().epochs(epochs).trainLimit(trainLimit).testLimit(IMAGES).fit(mnist);
        TrainedVae model = run.model();
        float[][] images = Datasets.rows(run.testSet(), 0, IMAGES);
        Encoded q = model.encode(images);
        System.out.printf("encoded %d test images; the first 3 -> z = %s%n", q.mean().length,
                Arrays.deepToString(Arrays.copyOf(q.mean(), 3)));
        Scores s = model.score(images, K);
        System.out.printf("scored %d test images with k=%d: mean -log p(x) = %.2f nats, mean -ELBO = %.2f nats%n",
                s.negLogPx().length, K, Arrays.stream(s.negLogPx()).average().orElseThrow(),
                Arrays.stream(s.negElbo()).average().orElseThrow());
        float[][] samples = model.sample(16);
        double ink = Arrays.stream(samples).flatMapToDouble(r -> IntStream.range(0, r.length).mapToDouble(j -> r[j]))
                .average().orElseThrow();
        System.out.printf("trained %d steps; sampled %d images of %d pixels, mean intensity %.3f%n",
                run.globalStep(), samples.length, samples[0].length, ink);
    }
}
