package vae.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import vae.core.backend.ScalarBackend;
import vae.core.data.Dataset;
import vae.core.data.ExampleShape;
import vae.core.graph.Parameter;
import vae.core.optim.Adam;
import vae.core.optim.AdamConfig;
import vae.core.random.CounterRng;
import vae.core.random.RandomPurpose;

class TrainerTest {
    private static final ExampleShape SHAPE = new ExampleShape(1, 8, 8);

    /** Blurry stripes: a data set with structure a tiny VAE can learn. */
    private static Dataset stripes(int n, long seed) {
        CounterRng rng = new CounterRng(seed);
        float[] features = new float[n * SHAPE.size()];
        int[] labels = new int[n];
        for (int e = 0; e < n; e++) {
            int row = (int) (rng.uniform(0, e) * 8);
            labels[e] = row;
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    float v = Math.max(0f, 1f - 0.5f * Math.abs(y - row));
                    features[e * 64 + y * 8 + x] = v;
                }
            }
        }
        return new Dataset("stripes", SHAPE, features, labels);
    }

    private record Run(List<EpochReport> reports, List<float[]> weights) {
    }

    private static Run train(int threads, long seed, Binarization binarization, int epochs) {
        CounterRng rng = new CounterRng(seed);
        TinyVae model = new TinyVae(64, 32, 4, rng);
        Adam adam = new Adam(model.parameters(), AdamConfig.defaults().withLr(1e-2));
        Trainer trainer = new Trainer(new ScalarBackend(threads), model, adam, rng, new TrainingConfig(epochs, 16, binarization));
        Dataset train = stripes(200, 7);
        Dataset test = stripes(50, 8);
        List<EpochReport> reports = new java.util.ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            reports.add(trainer.runEpoch(e, train, test, null));
        }
        return new Run(reports, model.parameters().stream().map(p -> p.value().data().clone()).toList());
    }

    @Test
    void stepMemoryIsLinearInTheBatchAndMeasuringItLeavesTheRunUnchanged() {
        Run plain = train(1, 3, Binarization.DYNAMIC, 2);
        CounterRng rng = new CounterRng(3);
        TinyVae model = new TinyVae(64, 32, 4, rng);
        Adam adam = new Adam(model.parameters(), AdamConfig.defaults().withLr(1e-2));
        Trainer trainer = new Trainer(new ScalarBackend(1), model, adam, rng, new TrainingConfig(2, 16, Binarization.DYNAMIC));
        Dataset train = stripes(200, 7);
        StepMemory memory = trainer.measureStepMemory(train);
        assertTrue(memory.bytesPerExample() > 64 * Float.BYTES, memory.toString());
        assertEquals(trainer.dryStepBytes(train, 16), memory.bytesFor(16));
        assertEquals(trainer.dryStepBytes(train, 7), memory.bytesFor(7));
        for (int e = 1; e <= 2; e++) {
            EpochReport report = trainer.runEpoch(e, train, stripes(50, 8), null);
            assertEquals(plain.reports().get(e - 1).train().objective(), report.train().objective(), 0.0);
        }
        for (int i = 0; i < plain.weights().size(); i++) {
            assertArrayEquals(plain.weights().get(i), model.parameters().get(i).value().data());
        }
    }

    @Test
    void trainingLowersTheTestLoss() {
        Run run = train(1, 1, Binarization.NONE, 5);
        double first = run.reports().get(0).test().objective();
        double last = run.reports().get(4).test().objective();
        assertTrue(last < first - 1.0, "test loss " + first + " -> " + last);
        assertEquals(200, run.reports().get(0).train().examples());
        assertEquals(50, run.reports().get(0).test().examples());
    }

    @Test
    void sameSeedGivesBitIdenticalRunsOnOneAndTwoThreads() {
        Run one = train(1, 5, Binarization.DYNAMIC, 2);
        Run two = train(2, 5, Binarization.DYNAMIC, 2);
        for (int e = 0; e < 2; e++) {
            assertEquals(one.reports().get(e).train().objective(), two.reports().get(e).train().objective(), 0.0);
            assertEquals(one.reports().get(e).test().objective(), two.reports().get(e).test().objective(), 0.0);
        }
        for (int i = 0; i < one.weights().size(); i++) {
            assertArrayEquals(one.weights().get(i), two.weights().get(i));
        }
    }

    @Test
    void differentSeedsGiveDifferentRuns() {
        Run a = train(1, 5, Binarization.NONE, 1);
        Run b = train(1, 6, Binarization.NONE, 1);
        assertTrue(a.reports().get(0).train().objective() != b.reports().get(0).train().objective());
    }

    @Test
    void objectiveIsTheWeightedSumOfTheReportedTerms() {
        LossSummary s = train(1, 2, Binarization.NONE, 1).reports().get(0).test();
        assertEquals(s.term("recon") + s.term("kl"), s.objective(), 1e-3);
        assertEquals(List.of("recon", "kl"), List.copyOf(s.terms().keySet()));
    }

    private static Trainer trainer(TinyVae model, CounterRng rng, TrainingAids aids) {
        return new Trainer(new ScalarBackend(1), model, new Adam(model.parameters(), AdamConfig.defaults().withLr(1e-2)),
                rng, new TrainingConfig(3, 16, Binarization.NONE, aids));
    }

    @Test
    void warmupLowersTheTrainedObjectiveButNeverTheEvaluatedOne() {
        CounterRng rng = new CounterRng(4);
        TinyVae model = new TinyVae(64, 32, 4, rng);
        Trainer trainer = trainer(model, rng, TrainingAids.NONE.withKlSchedule(KlSchedule.linear(10)));
        EpochReport r = trainer.runEpoch(1, stripes(200, 7), stripes(50, 8), null); // the factor stays below 0.1
        assertTrue(r.train().objective() < r.train().weightedTerms() - 1, r.train().toString());
        assertEquals(r.train().term("recon") + r.train().term("kl"), r.train().weightedTerms(), 1e-9);
        assertEquals(r.test().objective(), r.test().weightedTerms(), 1e-3, "the test loss is the -ELBO");
    }

    @Test
    void freeBitsRaiseTheTrainedKlToLambdaPerDimension() {
        CounterRng rng = new CounterRng(4);
        TinyVae model = new TinyVae(64, 32, 4, rng);
        Trainer trainer = trainer(model, rng, TrainingAids.NONE.withFreeBits(5)); // far above any dimension's KL
        EpochReport r = trainer.runEpoch(1, stripes(200, 7), stripes(50, 8), null);
        assertEquals(r.train().term("recon") + 4 * 5, r.train().objective(), 1e-3, "recon + latent * lambda");
        assertEquals(r.test().objective(), r.test().weightedTerms(), 1e-3, "the test loss is the -ELBO");
    }

    @Test
    void theRateFollowsItsScheduleEpochByEpoch() {
        CounterRng rng = new CounterRng(4);
        TinyVae model = new TinyVae(64, 32, 4, rng);
        Trainer trainer = trainer(model, rng, TrainingAids.NONE.withLrSchedule(
                vae.core.optim.LearningRateSchedule.step(1, 0.5)));
        double[] rates = new double[3];
        for (int e = 1; e <= 3; e++) {
            rates[e - 1] = trainer.runEpoch(e, stripes(32, 7), stripes(16, 8), null).learningRate();
        }
        assertArrayEquals(new double[] {1e-2, 5e-3, 2.5e-3}, rates, 1e-15);
    }

    @Test
    void evaluatingAValidationSetLeavesTrainingAsItWas() {
        CounterRng rngA = new CounterRng(4);
        TinyVae a = new TinyVae(64, 32, 4, rngA);
        Trainer withValidation = trainer(a, rngA, TrainingAids.NONE);
        CounterRng rngB = new CounterRng(4);
        TinyVae b = new TinyVae(64, 32, 4, rngB);
        Trainer without = trainer(b, rngB, TrainingAids.NONE);
        for (int e = 1; e <= 2; e++) {
            EpochReport ra = withValidation.runEpoch(e, stripes(64, 7), stripes(40, 9), stripes(20, 8), null);
            EpochReport rb = without.runEpoch(e, stripes(64, 7), stripes(20, 8), null);
            assertEquals(rb.train().objective(), ra.train().objective(), 0.0);
            assertEquals(rb.test().objective(), ra.test().objective(), 0.0);
            assertEquals(40, ra.validation().examples());
            assertEquals(ra.validation(), ra.selection());
            assertEquals(rb.test(), rb.selection());
        }
        for (int i = 0; i < a.parameters().size(); i++) {
            assertArrayEquals(b.parameters().get(i).value().data(), a.parameters().get(i).value().data());
        }
    }

    @Test
    void nanLossStopsTrainingWithAClearMessage() {
        CounterRng rng = new CounterRng(1);
        TinyVae model = new TinyVae(64, 8, 2, rng);
        for (Parameter p : model.parameters()) {
            java.util.Arrays.fill(p.value().data(), Float.NaN);
        }
        Trainer trainer = new Trainer(new ScalarBackend(1), model, new Adam(model.parameters(), AdamConfig.defaults()),
                rng, new TrainingConfig(1, 16, Binarization.NONE));
        var e = assertThrows(TrainingDivergedException.class, () -> trainer.trainEpoch(1, stripes(32, 1), null));
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("learning rate"), e.getMessage());
    }

    @Test
    void shuffleIsAPermutationThatChangesWithTheEpoch() {
        CounterRng rng = new CounterRng(9);
        int[] a = ExampleOrder.shuffled(1000, rng, 1);
        int[] b = ExampleOrder.shuffled(1000, rng, 2);
        int[] sorted = a.clone();
        java.util.Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i]);
        }
        assertTrue(!java.util.Arrays.equals(a, b));
        assertArrayEquals(a, ExampleOrder.shuffled(1000, rng, 1));
    }

    @Test
    void dynamicBinarizationDrawsOnesWithThePixelsProbability() {
        int n = 20000;
        float[] batch = new float[n];
        java.util.Arrays.fill(batch, 0.3f);
        DynamicBinarizer.sample(batch, null, 0, n, 1, new CounterRng(4), 11);
        int ones = 0;
        for (float v : batch) {
            assertTrue(v == 0f || v == 1f);
            ones += (int) v;
        }
        // Binomial(20000, 0.3): standard deviation 65, so ±400 is over six of them.
        assertEquals(6000, ones, 400);
    }

    @Test
    void binarizedTestSetIsWhatSamplingTheWholeSetAtOnceGives() {
        byte[] pixels = new byte[40 * 6];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 53);
        }
        Dataset d = Dataset.fromUnsignedBytes("grey", new ExampleShape(1, 2, 3), pixels, null);
        // What binarizeOnce did before it drew example by example into bytes: one float copy, sampled whole.
        float[] expected = d.features();
        DynamicBinarizer.sample(expected, null, 0, d.size(), d.dimension(), new CounterRng(5),
                RandomPurpose.BINARIZE.stream(-1));

        assertArrayEquals(expected, DynamicBinarizer.binarizeOnce(d, new CounterRng(5)).features());
    }

    @Test
    void binarizedTestSetIsTheSameForTheSameSeed() {
        Dataset d = stripes(10, 3);
        float[] a = DynamicBinarizer.binarizeOnce(d, new CounterRng(1)).features();
        float[] b = DynamicBinarizer.binarizeOnce(d, new CounterRng(1)).features();
        float[] c = DynamicBinarizer.binarizeOnce(d, new CounterRng(2)).features();
        assertArrayEquals(a, b);
        assertTrue(!java.util.Arrays.equals(a, c));
    }
}
