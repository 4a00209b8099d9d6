package vae.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.core.backend.ScalarBackend;
import vae.core.checkpoint.Checkpoint;
import vae.core.checkpoint.CheckpointMetadata;
import vae.core.checkpoint.RunSettings;
import vae.core.spi.ComponentSpec;
import vae.core.spi.ModelSpec;
import vae.core.data.Dataset;
import vae.core.data.ExampleShape;
import vae.core.optim.Adam;
import vae.core.optim.AdamConfig;
import vae.core.optim.LearningRateSchedule;
import vae.core.random.CounterRng;

/** Training N epochs, saving, and resuming to N+M gives the weights and moments of N+M straight epochs. */
public class ResumeTest {
    private static final ExampleShape SHAPE = new ExampleShape(1, 8, 8);
    private static final AdamConfig ADAM = AdamConfig.defaults().withLr(1e-2);

    @TempDir
    Path tmp;

    private static Dataset data(int n, long seed) {
        CounterRng rng = new CounterRng(seed);
        float[] f = new float[n * SHAPE.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) rng.uniform(3, i);
        }
        return new Dataset("noise", SHAPE, f, null);
    }

    private record Run(TinyVae vae, Adam adam, Trainer trainer) {
    }

    private static Run fresh(long seed) {
        return fresh(seed, TrainingAids.NONE);
    }

    private static Run fresh(long seed, TrainingAids aids) {
        CounterRng rng = new CounterRng(seed);
        TinyVae vae = new TinyVae(64, 16, 3, rng);
        Adam adam = new Adam(vae.parameters(), ADAM);
        return new Run(vae, adam, new Trainer(new ScalarBackend(1), vae, adam, rng,
                new TrainingConfig(4, 16, Binarization.DYNAMIC, aids)));
    }

    private static void train(Run m, int fromEpoch, int toEpoch, Dataset train, Dataset test) {
        for (int e = fromEpoch; e <= toEpoch; e++) {
            m.trainer().runEpoch(e, train, test, null);
        }
    }

    @Test
    void resumedRunMatchesAStraightRunBitForBit() throws IOException {
        assertResumeIsExact(TrainingAids.NONE);
    }

    /** Warm-up over 3 of 4 epochs (across the resume), free bits, and a rate halved from epoch 3 on. */
    private static final TrainingAids AIDS = new TrainingAids(KlSchedule.linear(3), 0.05,
            LearningRateSchedule.step(2, 0.5), 0);

    @Test
    void aResumedRunWithKlWarmupFreeBitsAndARateScheduleMatchesAStraightRunBitForBit() throws IOException {
        assertResumeIsExact(AIDS);
    }

    @Test
    void theAidsChangeTheRun() {
        // Guards the test above: with aids the weights differ from a run without them.
        Dataset train = data(100, 1);
        Dataset test = data(30, 2);
        Run plain = fresh(7);
        Run aided = fresh(7, AIDS);
        train(plain, 1, 3, train, test);
        train(aided, 1, 3, train, test);
        assertEquals(false, java.util.Arrays.equals(plain.vae().parameters().get(0).value().data(),
                aided.vae().parameters().get(0).value().data()));
    }

    /** Training 4 epochs straight equals 2, a checkpoint (recording the aids), and 2 more after reading it back. */
    private void assertResumeIsExact(TrainingAids aids) throws IOException {
        Dataset train = data(100, 1);
        Dataset test = data(30, 2);
        Run straight = fresh(7, aids);
        train(straight, 1, 4, train, test);

        Run first = fresh(7, aids);
        train(first, 1, 2, train, test);
        Path file = tmp.resolve("model.safetensors");
        CheckpointMetadata meta = CheckpointMetadata.start(new ModelSpec("tiny",
                new ComponentSpec("vae", Map.of()), new ComponentSpec("tiny", Map.of()),
                new ComponentSpec("standard-normal", Map.of()), new ComponentSpec("bernoulli", Map.of())),
                SHAPE, new RunSettings(7, "noise", 0, 0, Binarization.DYNAMIC, 16, ADAM, null, aids))
                .at(2, first.trainer().globalStep(), Double.NaN);
        Checkpoint.write(file, meta, first.vae().parameters(), first.adam());

        Checkpoint c = Checkpoint.read(file);
        assertEquals(aids, c.metadata().run().aids());
        Run resumed = fresh(7, c.metadata().run().aids()); // fresh initial weights, all overwritten by the checkpoint
        c.restoreWeights(resumed.vae().parameters());
        c.restoreOptimizer(resumed.vae().parameters(), resumed.adam());
        resumed.trainer().resumeFrom(c.metadata().globalStep());
        train(resumed, c.metadata().epoch() + 1, 4, train, test);

        assertEquals(straight.trainer().globalStep(), resumed.trainer().globalStep());
        assertEquals(straight.adam().stepCount(), resumed.adam().stepCount());
        for (int i = 0; i < straight.vae().parameters().size(); i++) {
            String name = straight.vae().parameters().get(i).name();
            assertBitIdentical(name, straight.vae().parameters().get(i).value().data(),
                    resumed.vae().parameters().get(i).value().data());
            assertBitIdentical(name + ".exp_avg", straight.adam().firstMoment(i), resumed.adam().firstMoment(i));
            assertBitIdentical(name + ".exp_avg_sq", straight.adam().secondMoment(i), resumed.adam().secondMoment(i));
        }
    }

    public static void assertBitIdentical(String what, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), what + "[" + i + "]");
        }
    }

    @Test
    void withoutRestoringTheStepCountTheRunDiffers() throws IOException {
        // Guards the test above: the step count matters, so a resume that forgot it would be caught.
        Dataset train = data(100, 1);
        Dataset test = data(30, 2);
        Run straight = fresh(7);
        train(straight, 1, 3, train, test);
        Run first = fresh(7);
        train(first, 1, 2, train, test);
        Run resumed = fresh(7);
        for (int i = 0; i < first.vae().parameters().size(); i++) {
            float[] src = first.vae().parameters().get(i).value().data();
            System.arraycopy(src, 0, resumed.vae().parameters().get(i).value().data(), 0, src.length);
            System.arraycopy(first.adam().firstMoment(i), 0, resumed.adam().firstMoment(i), 0, src.length);
            System.arraycopy(first.adam().secondMoment(i), 0, resumed.adam().secondMoment(i), 0, src.length);
        }
        resumed.adam().setStepCount(first.adam().stepCount());
        train(resumed, 3, 3, train, test); // the trainer's global step was not restored: other noise
        float[] a = straight.vae().parameters().get(0).value().data();
        float[] b = resumed.vae().parameters().get(0).value().data();
        assertEquals(false, java.util.Arrays.equals(a, b));
    }
}
