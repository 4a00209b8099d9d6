package vae.example.embedding;

import vae.api.Datasets;
import vae.api.TrainedVae;
import vae.api.Vae;
import vae.core.data.Dataset;

/**
 * Labels through vae.api: a conditional VAE that draws digits on request, and Kingma et al.'s M2
 * that learns a classifier from a handful of labels.
 */
public final class FewLabels {

    /** Optional arguments: training examples (default 6000), epochs (default 2) and labels kept for M2 (default 100). */
    public static void main(String[] args) {
        int trainLimit = args.length > 0 ? Integer.parseInt(args[0]) : 6000;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int labels = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        var mnist = Datasets.mnist();

        TrainedVae cvae = Vae.builder().conditional().set("latent", 2).seed(1).build(mnist).trainer().epochs(epochs)
                .trainLimit(trainLimit).testLimit(1000).fit(mnist).model();
        float[][] sevens = cvae.sample(8, 3, 7);
        float[][] grid = cvae.classGrid(4, 3);
        System.out.printf("conditional VAE of %d classes: %d sevens drawn, a class-by-z grid of %d images%n",
                cvae.conditionClasses(), sevens.length, grid.length);

        // A short run: alpha 50 times the paper's 0.1 lets the few labels show within an epoch or two.
        TrainedVae m2 = Vae.builder().classifier(100).set("latent", 8).seed(1).build(mnist).trainer().epochs(epochs)
                .trainLimit(trainLimit).testLimit(1000).labelled(labels, 1).classifierAlpha(5).fit(mnist).model();
        Dataset test = Datasets.load("mnist", 1, 1000).test();
        float[][] p = m2.classProbabilities(test, 0, test.size());
        int right = 0;
        for (int i = 0; i < p.length; i++) {
            int best = 0;
            for (int c = 1; c < p[i].length; c++) {
                best = p[i][c] > p[i][best] ? c : best;
            }
            right += best == test.label(i) ? 1 : 0;
        }
        System.out.printf("M2 with %d labels: test accuracy %.3f on %d images%n", labels, right / (double) p.length,
                p.length);
    }
}
