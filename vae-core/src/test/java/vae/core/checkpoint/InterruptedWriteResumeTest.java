package vae.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.core.backend.ScalarBackend;
import vae.core.data.Dataset;
import vae.core.data.ExampleShape;
import vae.core.optim.Adam;
import vae.core.optim.AdamConfig;
import vae.core.random.CounterRng;
import vae.core.spi.ComponentSpec;
import vae.core.spi.ModelSpec;
import vae.core.train.Binarization;
import vae.core.train.TinyVae;
import vae.core.train.Trainer;
import vae.core.train.TrainingConfig;

/**
 * A run whose checkpoint write is cut off at any step, resumed from what is on disk, ends bit for
 * bit where the run that never stopped ends.
 */
class InterruptedWriteResumeTest {
    private static final ExampleShape SHAPE = new ExampleShape(1, 8, 8);
    private static final AdamConfig ADAM = AdamConfig.defaults().withLr(1e-2);
    private static final int EPOCHS = 4;

    @TempDir
    Path tmp;

    private record Run(TinyVae vae, Adam adam, Trainer trainer) {
        static Run fresh() {
            CounterRng rng = new CounterRng(7);
            TinyVae vae = new TinyVae(64, 16, 3, rng);
            Adam adam = new Adam(vae.parameters(), ADAM);
            return new Run(vae, adam, new Trainer(new ScalarBackend(1), vae, adam, rng,
                    new TrainingConfig(EPOCHS, 16, Binarization.DYNAMIC)));
        }

        void train(int from, int to, Dataset train, Dataset test) {
            for (int e = from; e <= to; e++) {
                trainer.runEpoch(e, train, test, null);
            }
        }

        CheckpointMetadata at(int epoch) {
            return CheckpointMetadata.start(new ModelSpec("tiny", new ComponentSpec("vae", Map.of()),
                    new ComponentSpec("tiny", Map.of()), new ComponentSpec("standard-normal", Map.of()),
                    new ComponentSpec("bernoulli", Map.of())), SHAPE,
                    new RunSettings(7, "noise", 0, 0, Binarization.DYNAMIC, 16, ADAM)).at(epoch, trainer.globalStep(), 1);
        }
    }

    private static Dataset data(int n, long seed) {
        CounterRng rng = new CounterRng(seed);
        float[] f = new float[n * SHAPE.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) rng.uniform(3, i);
        }
        return new Dataset("noise", SHAPE, f, null);
    }

    @Test
    void aRunCutOffAtAnyStepOfItsCheckpointWriteResumesToTheSameBits() throws IOException {
        Dataset train = data(100, 1);
        Dataset test = data(30, 2);
        Run straight = Run.fresh();
        straight.train(1, EPOCHS, train, test);

        for (int steps = Checkpoint.WROTE_OPTIMIZER_TEMP; steps <= Checkpoint.RENAMED_MODEL; steps++) {
            Path file = Files.createDirectories(tmp.resolve("cut" + steps)).resolve("model.safetensors");
            Run first = Run.fresh();
            first.train(1, 1, train, test);
            Checkpoint.write(file, first.at(1), first.vae().parameters(), first.adam());
            first.train(2, 2, train, test);
            Checkpoint.write(file, first.at(2), first.vae().parameters(), first.adam());
            first.train(3, 3, train, test);
            Checkpoint.write(file, first.at(3), first.vae().parameters(), first.adam(), steps); // the kill

            Run resumed = Run.fresh();
            Checkpoint c = Checkpoint.read(file);
            c.restoreWeights(resumed.vae().parameters());
            c.restoreOptimizer(resumed.vae().parameters(), resumed.adam());
            resumed.trainer().resumeFrom(c.metadata().globalStep());
            resumed.train(c.metadata().epoch() + 1, EPOCHS, train, test);

            assertEquals(steps == Checkpoint.RENAMED_MODEL ? 3 : 2, c.metadata().epoch(), "cut after step " + steps);
            assertEquals(straight.trainer().globalStep(), resumed.trainer().globalStep());
            for (int i = 0; i < straight.vae().parameters().size(); i++) {
                String what = straight.vae().parameters().get(i).name() + " cut after step " + steps;
                vae.core.train.ResumeTest.assertBitIdentical(what, straight.vae().parameters().get(i).value().data(),
                        resumed.vae().parameters().get(i).value().data());
                vae.core.train.ResumeTest.assertBitIdentical(what + " exp_avg", straight.adam().firstMoment(i),
                        resumed.adam().firstMoment(i));
            }
        }
    }
}
