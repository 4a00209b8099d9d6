import java.nio.file.Path;
import vae.api.TrainedVae;
import vae.core.data.Dataset;
import vae.core.eval.ExampleScorer;
import vae.core.eval.ScoredBatch;

/**
 * Active units of every latent column (Cov_x of the posterior code > 0.01; for top-down inference the
 * columns after z1 are z2's, μq2(x)) over the first N test images. Run from a directory with the modules
 * in build/: java --add-modules jdk.incubator.vector,vae.core,vae.models -p build ActiveUnits.java MODEL N
 */
public class ActiveUnits {
    public static void main(String[] a) {
        try (TrainedVae m = TrainedVae.load(Path.of(a[0]))) {
            int n = Integer.parseInt(a[1]);
            Dataset test = m.testSet("mnist", n);
            ExampleScorer s = m.scorer(1, 1);
            int L = m.latentDim();
            double[] sum = new double[L], sq = new double[L];
            for (int from = 0; from < n; from += 100) {
                ScoredBatch b = s.score(test, from, 100);
                for (int i = 0; i < 100; i++) for (int j = 0; j < L; j++) { double v = b.mu(i, j); sum[j] += v; sq[j] += v * v; }
            }
            StringBuilder sb = new StringBuilder();
            int[] active = new int[2];
            for (int j = 0; j < L; j++) {
                double var = sq[j] / n - (sum[j] / n) * (sum[j] / n);
                active[j < m.encoderLatentDim() ? 0 : 1] += var > 0.01 ? 1 : 0;
                sb.append(String.format("%.3f ", var));
            }
            System.out.println("active z1 " + active[0] + "/" + m.encoderLatentDim() + ", other columns " + active[1] + "/" + (L - m.encoderLatentDim()));
            System.out.println(sb);
        }
    }
}
