package vae.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.ParseResult;
import vae.api.Datasets;
import vae.api.TableSource;
import vae.api.Vae;
import vae.core.checkpoint.Checkpoint;
import vae.core.checkpoint.CheckpointMetadata;
import vae.core.checkpoint.RunSettings;
import vae.core.data.ImageFolderSource;
import vae.core.spi.ComponentSpec;
import vae.core.spi.ModelSpec;

/**
 * {@code vae train --resume FILE}: the run's settings come from the checkpoint, so nothing else
 * needs repeating. Options given as well must agree with it (the training aids too); only the
 * new target {@code --epochs} and where and how to run ({@code --out}, {@code --metrics},
 * {@code --pictures-every}, {@code --threads}, {@code --backend}, {@code --keep-best},
 * {@code --early-stop}) may change.
 */
final class ResumeOptions {
    private final Checkpoint checkpoint;
    private final CheckpointMetadata stored;
    private final ParseResult given;

    private ResumeOptions(Checkpoint checkpoint, ParseResult given) {
        this.checkpoint = checkpoint;
        this.stored = checkpoint.metadata();
        this.given = given;
    }

    /** Reads and validates the checkpoint to resume; {@code given} tells which options the user typed. */
    static ResumeOptions read(Path file, ParseResult given) {
        return new ResumeOptions(Checkpoint.read(file), given);
    }

    /** The run's training-example limit (0: all). */
    int trainLimit() {
        return stored.run().trainLimit();
    }

    /** The run's test-example limit (0: all). */
    int testLimit() {
        return stored.run().testLimit();
    }

    /** The data set the run trained on. */
    String dataset() {
        return stored.run().dataset();
    }

    /** Where the resumed checkpoint lives: the default output directory of the resumed run. */
    Path directory() {
        return checkpoint.file().toAbsolutePath().getParent();
    }

    /** For the run's header, e.g. {@code resumed from runs/vae/model.safetensors at epoch 10}. */
    String describe() {
        return "resumed from " + checkpoint.file() + " at epoch " + stored.epoch();
    }

    /** Checks that every run setting {@code cmd} was given agrees with the checkpoint's. */
    void requireAgreement(TrainCommand cmd) {
        RunSettings run = stored.run();
        ModelSpec model = stored.model();
        agree("--variant", cmd.variant, model.variant());
        agree("--arch", cmd.arch, model.architecture().name());
        agree("--prior", cmd.prior, model.prior() == null ? "none" : model.prior().name());
        agree("--likelihood", cmd.likelihood, model.likelihood().name());
        agree("--posterior", cmd.posterior, model.posterior() == null ? "none" : model.posterior().name());
        agree("--conditional", cmd.conditional, model.conditional());
        agree("--classifier-hidden", cmd.classifierHidden, model.classifierHidden());
        if (ImageFolderSource.isSpec(run.dataset())) {
            Path folder = ImageFolderSource.parse(run.dataset()).directory();
            if (given.hasMatchedOption("--dataset") && !Path.of(cmd.dataset).toAbsolutePath().normalize().equals(folder)) {
                throw contradiction("--dataset " + cmd.dataset, "folder " + folder);
            }
        } else if (!TableSource.isSpec(run.dataset())) {
            agree("--dataset", Datasets.canonical(cmd.dataset), run.dataset());
        } else if (given.hasMatchedOption("--dataset")
                && !Path.of(cmd.dataset).toAbsolutePath().normalize().equals(TableSource.parse(run.dataset()).file())) {
            throw contradiction("--dataset " + cmd.dataset, "table " + TableSource.parse(run.dataset()).file());
        }
        agree("--batch-size", cmd.batchSize, run.batchSize());
        agree("--lr", cmd.lr, run.adam().lr());
        agree("--adam-eps", cmd.adamEps, run.adam().eps());
        agree("--adam-initial-v", cmd.adamInitialV, run.adam().initialSecondMoment());
        if (given.hasMatchedOption("--adam-betas")) {
            double[] betas = cmd.adamBetas();
            if (betas[0] != run.adam().beta1() || betas[1] != run.adam().beta2()) {
                throw contradiction("--adam-betas " + cmd.adamBetas, "adam-betas " + run.adam().beta1() + ","
                        + run.adam().beta2());
            }
        }
        agree("--weight-decay", cmd.weightDecay, run.adam().weightDecay());
        agree("--seed", cmd.seed, run.seed());
        agree("--train-limit", cmd.trainLimit, run.trainLimit());
        agree("--test-limit", cmd.testLimit, run.testLimit());
        agree("--binarize", cmd.binarize, run.binarization().name().toLowerCase(Locale.ROOT));
        agree("--only-label", cmd.onlyLabel, run.onlyLabel());
        for (String option : TrainingAidsOptions.RECORDED) {
            agree(option, given.hasMatchedOption(option) ? cmd.aids.typed(option) : null,
                    TrainingAidsOptions.recorded(option, run.aids()));
        }
        if (given.hasMatchedOption("--cycles")) {
            throw new UserError("--cycles cannot be given to a resumed run, which keeps the KL schedule its checkpoint "
                    + "records (" + run.aids().klSchedule().description() + "); drop --cycles");
        }
        if (given.hasMatchedOption("--image-size") || given.hasMatchedOption("--channels")) {
            throw new UserError("--image-size and --channels cannot change a resumed run, which reads its images as "
                    + "recorded; drop them");
        }
        if (cmd.table.given()) {
            throw new UserError("the table options cannot change a resumed run, which reads its table as recorded; "
                    + "drop them");
        }
        if (cmd.epochs <= stored.epoch()) {
            throw new UserError("--epochs " + cmd.epochs + " is the target epoch and the checkpoint has done "
                    + stored.epoch() + " already; pass a larger --epochs to continue");
        }
        if (!cmd.params.isEmpty()) {
            requireSameHyperparameters(cmd.params);
        }
    }

    /** Each {@code -P} given must leave the recorded composition as it is. */
    private void requireSameHyperparameters(Map<String, String> params) {
        ModelSpec recorded = stored.model();
        ModelSpec mine = Vae.builder().from(recorded).setAll(params, null).spec();
        String[] axes = {"objective", "arch", "prior", "likelihood", "posterior"};
        ComponentSpec[] theirs = {recorded.objective(), recorded.architecture(), recorded.prior(), recorded.likelihood(),
            recorded.posterior()};
        ComponentSpec[] ours = {mine.objective(), mine.architecture(), mine.prior(), mine.likelihood(), mine.posterior()};
        for (int a = 0; a < axes.length; a++) {
            if (theirs[a] == null) {
                continue;
            }
            for (var e : ours[a].hyperparameters().entrySet()) { // one the record leaves out at its default
                if (!theirs[a].hyperparameters().containsKey(e.getKey())) {
                    String typed = params.containsKey(e.getKey()) ? e.getKey() : axes[a] + "." + e.getKey();
                    throw contradiction("-P " + typed + "=" + params.get(typed), axes[a] + "." + e.getKey()
                            + " at its default");
                }
            }
            for (var e : theirs[a].hyperparameters().entrySet()) {
                String value = ours[a].hyperparameters().get(e.getKey());
                if (!Objects.equals(value, e.getValue())) {
                    String key = e.getKey();
                    String typed = params.containsKey(key) ? key : axes[a] + "." + key;
                    throw contradiction("-P " + typed + "=" + params.get(typed), axes[a] + "." + key + "=" + e.getValue());
                }
            }
        }
    }

    private void agree(String option, Object value, Object fromCheckpoint) {
        if (given.hasMatchedOption(option) && !Objects.equals(value, fromCheckpoint)) {
            throw contradiction(option + " " + value, option.substring(2) + " " + fromCheckpoint);
        }
    }

    private static UserError contradiction(String option, String stored) {
        return new UserError(option + " contradicts the checkpoint being resumed (" + stored
                + "); a resumed run keeps its settings: drop the option, or start a new run without --resume");
    }
}
