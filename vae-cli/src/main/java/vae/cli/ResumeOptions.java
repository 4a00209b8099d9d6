package vae.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.ParseResult;
import vae.core.checkpoint.Checkpoint;
import vae.core.checkpoint.CheckpointMetadata;
import vae.core.optim.Adam;
import vae.core.spi.Variant;
import vae.core.train.Trainer;
import vae.core.spi.HyperparameterValues;
import vae.core.spi.VariantProvider;

/**
 * {@code vae train --resume FILE}: the run's settings come from the checkpoint, so nothing else
 * needs repeating. Options given as well must agree with it; only the new target
 * {@code --epochs} and where and how to run ({@code --out}, {@code --metrics},
 * {@code --threads}, {@code --backend}, {@code --keep-best}) may change.
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

    /**
     * Gives the freshly built model the checkpoint's weights and Adam state and sets the trainer's
     * step count; returns the first epoch still to train.
     */
    int restore(Variant model, Adam adam, Trainer trainer) {
        checkpoint.restoreWeights(model.parameters());
        checkpoint.restoreOptimizer(model.parameters(), adam);
        trainer.resumeFrom(stored.globalStep());
        return stored.epoch() + 1;
    }

    /** Where the resumed checkpoint lives: the default output directory of the resumed run. */
    Path directory() {
        return checkpoint.file().toAbsolutePath().getParent();
    }

    /** For the run's header, e.g. {@code resumed from runs/vae/model.safetensors at epoch 10}. */
    String describe() {
        return "resumed from " + checkpoint.file() + " at epoch " + stored.epoch();
    }

    /** Replaces the run settings of {@code cmd} by the checkpoint's, after checking the given ones agree. */
    void applyTo(TrainCommand cmd) {
        cmd.variant = agree("--variant", cmd.variant, stored.variant());
        cmd.dataset = agree("--dataset", TrainCommand.datasetSpec(cmd.dataset), stored.dataset());
        cmd.batchSize = agree("--batch-size", cmd.batchSize, stored.batchSize());
        cmd.lr = agree("--lr", cmd.lr, stored.adam().lr());
        cmd.adamEps = agree("--adam-eps", cmd.adamEps, stored.adam().eps());
        cmd.weightDecay = agree("--weight-decay", cmd.weightDecay, stored.adam().weightDecay());
        cmd.seed = agree("--seed", cmd.seed, stored.seed());
        cmd.trainLimit = agree("--train-limit", cmd.trainLimit, stored.trainLimit());
        cmd.testLimit = agree("--test-limit", cmd.testLimit, stored.testLimit());
        cmd.binarize = agree("--binarize", cmd.binarize, stored.binarization().name().toLowerCase(Locale.ROOT));
        cmd.likelihood = agree("--likelihood", cmd.likelihood, stored.likelihood());
        if (cmd.epochs <= stored.epoch()) {
            throw new UserError("--epochs " + cmd.epochs + " is the target epoch and the checkpoint has done "
                    + stored.epoch() + " already; pass a larger --epochs to continue");
        }
    }

    /** The checkpoint's hyperparameters, after checking that each {@code -P} given agrees with them. */
    Map<String, String> hyperparameters(VariantProvider provider, Map<String, String> params) {
        Map<String, Object> mine;
        Map<String, Object> theirs;
        try {
            mine = HyperparameterValues.parse(provider.name(), provider.hyperparameters(), params).asMap();
            theirs = HyperparameterValues.parse(provider.name(), provider.hyperparameters(), stored.hyperparameters()).asMap();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        TrainedModel.requireEveryHyperparameter(checkpoint.file(), provider, stored.hyperparameters());
        for (String key : params.keySet()) {
            if (!Objects.equals(mine.get(key), theirs.get(key))) {
                throw contradiction("-P " + key + "=" + params.get(key), key + "=" + stored.hyperparameters().get(key));
            }
        }
        return new LinkedHashMap<>(stored.hyperparameters());
    }

    private <T> T agree(String option, T value, T fromCheckpoint) {
        if (given.hasMatchedOption(option) && !Objects.equals(value, fromCheckpoint)) {
            throw contradiction(option + " " + value, option.substring(2) + " " + fromCheckpoint);
        }
        return fromCheckpoint;
    }

    private static UserError contradiction(String option, String stored) {
        return new UserError(option + " contradicts the checkpoint being resumed (" + stored
                + "); a resumed run keeps its settings: drop the option, or start a new run without --resume");
    }
}
