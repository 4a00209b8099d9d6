package vae.cli;

import java.util.Locale;
import picocli.CommandLine.Option;
import vae.api.Training;
import vae.core.optim.LearningRateSchedule;
import vae.core.spi.HyperparameterValues;
import vae.core.train.KlSchedule;
import vae.core.train.TrainingAids;

/**
 * The training aids of {@code vae train}: KL warm-up (linear or cyclical), free bits, a validation
 * split and a learning-rate schedule, checked here and handed to {@link Training}.
 */
final class TrainingAidsOptions {
    @Option(names = "--warmup", paramLabel = "EPOCHS",
            description = "KL warm-up: the KL term's weight is multiplied by a factor rising linearly from 0 to 1 over "
                    + "the first EPOCHS epochs, step by step (vae, beta-vae, info-vae); validation and test losses "
                    + "count the KL in full. Default: none.")
    Integer warmup;

    @Option(names = "--kl-schedule", paramLabel = "NAME",
            description = "linear (the default with --warmup) or cyclical (Fu et al. 2019: --cycles cycles over "
                    + "--epochs, the factor rising 0 -> 1 over the first --ratio of each, then 1).")
    String klSchedule;

    @Option(names = "--cycles", paramLabel = "M",
            description = "With --kl-schedule cyclical: the number of cycles in --epochs epochs (a resumed run keeps "
                    + "the cycle length).")
    Integer cycles;

    @Option(names = "--ratio", paramLabel = "R",
            description = "With --kl-schedule cyclical: the share of each cycle the factor rises in, in (0, 1]; "
                    + "default: 0.5.")
    Double ratio;

    @Option(names = "--free-bits", paramLabel = "NATS",
            description = "Free bits (Kingma et al. 2016): the training objective counts the KL as "
                    + "sum_j max(NATS, KL_j), KL_j latent dimension j's KL averaged over the batch, so a dimension "
                    + "below NATS gets no gradient from the KL; validation and test losses are unchanged. Default: 0 "
                    + "(none).")
    Double freeBits;

    @Option(names = "--validation", paramLabel = "N|FRACTION",
            description = "Hold N training examples (or a FRACTION in (0, 1) of them) out as a validation set, chosen "
                    + "by --seed: its loss is printed each epoch and chooses the epochs of --early-stop and "
                    + "--keep-best instead of the test loss.")
    String validation;

    @Option(names = "--lr-schedule", paramLabel = "NAME",
            description = "constant (the default), step (times --lr-gamma every --lr-step-epochs epochs) or iwae "
                    + "(Burda et al.: 3^i epochs at --lr times 10^(-i/7), i = 0..7, 3,280 epochs).")
    String lrSchedule;

    @Option(names = "--lr-step-epochs", paramLabel = "S",
            description = "With --lr-schedule step: epochs between two reductions of the learning rate.")
    Integer lrStepEpochs;

    @Option(names = "--lr-gamma", paramLabel = "G",
            description = "With --lr-schedule step: the factor of each reduction; default: 0.1.")
    Double lrGamma;

    @Option(names = "--labels", paramLabel = "N",
            description = "Semi-supervised training (Kingma et al. 2014, M2): keep the labels of N training examples, "
                    + "the same number of each class (chosen by --label-seed), and train on the rest without theirs, "
                    + "marginalised over a classifier q(y|x) that the labelled ones teach; the test error of q(y|x) is "
                    + "printed each epoch and 'vae classify' uses it. Makes the model conditional.")
    Integer labels;

    @Option(names = "--label-seed", paramLabel = "N",
            description = "With --labels: the seed of the choice of the labelled examples; default: 1.")
    Long labelSeed;

    @Option(names = "--alpha", paramLabel = "A",
            description = "With --labels: Kingma et al.'s classifier weight alpha; each step's mean cross-entropy "
                    + "weighs alpha x N_train / N_unlabelled against the unlabelled examples' mean bound, the ratio of "
                    + "the paper's objective; default: 0.1.")
    Double alpha;

    /** The ratio of a cyclical schedule when none is given, as in Fu et al. */
    static final double DEFAULT_RATIO = 0.5;
    /** The factor of a step schedule when none is given, as in PyTorch's StepLR. */
    static final double DEFAULT_GAMMA = 0.1;

    /** Checks each option's value, before anything is read. */
    void validate() {
        if (warmup != null && warmup < 0) {
            throw new UserError("--warmup must be 0 (none) or a positive number of epochs, got " + warmup);
        }
        if (klSchedule != null && !klSchedule.equals("linear") && !klSchedule.equals("cyclical")) {
            throw new UserError("--kl-schedule must be linear or cyclical, got '" + klSchedule + "'");
        }
        if (cycles != null && cycles < 1) {
            throw new UserError("--cycles must be at least 1, got " + cycles);
        }
        if (ratio != null && !(ratio > 0 && ratio <= 1)) {
            throw new UserError("--ratio must be in (0, 1], got " + ratio);
        }
        if (freeBits != null && (!(freeBits >= 0) || Double.isInfinite(freeBits))) {
            throw new UserError("--free-bits must be a number of nats >= 0, got " + freeBits);
        }
        parseValidation();
        if (lrSchedule != null && !lrSchedule.equals("constant") && !lrSchedule.equals("step")
                && !lrSchedule.equals("iwae")) {
            throw new UserError("--lr-schedule must be constant, step or iwae, got '" + lrSchedule + "'");
        }
        if (lrStepEpochs != null && lrStepEpochs < 1) {
            throw new UserError("--lr-step-epochs must be at least 1, got " + lrStepEpochs);
        }
        if (lrGamma != null && (!(lrGamma > 0) || Double.isInfinite(lrGamma))) {
            throw new UserError("--lr-gamma must be a positive number, got " + lrGamma);
        }
        if (labels != null && labels < 1) {
            throw new UserError("--labels must be a positive number of labelled examples, got " + labels);
        }
        if (alpha != null && (!(alpha >= 0) || Double.isInfinite(alpha))) {
            throw new UserError("--alpha must be a number >= 0, got " + alpha);
        }
    }

    /** True when the run is semi-supervised. */
    boolean semiSupervised() {
        return labels != null;
    }

    /** Checks that the options of a new run go together (a resumed run compares them with its checkpoint instead). */
    void validateCombination() {
        String kl = klScheduleName();
        if (kl.equals("linear") && (warmup == null || warmup == 0)) {
            throw new UserError("--kl-schedule linear needs --warmup N, the epochs over which the factor rises");
        }
        if (kl.equals("cyclical")) {
            if (warmup != null) {
                throw new UserError("--kl-schedule cyclical takes --cycles (and --ratio), not --warmup; drop --warmup");
            }
            if (cycles == null) {
                throw new UserError("--kl-schedule cyclical needs --cycles M, the number of cycles in --epochs");
            }
        } else if (cycles != null || ratio != null) {
            throw new UserError("--cycles and --ratio apply to --kl-schedule cyclical; add it or drop them");
        }
        if (labels == null && (labelSeed != null || alpha != null)) {
            throw new UserError("--label-seed and --alpha apply to semi-supervised training; add --labels N or drop them");
        }
        if (lrScheduleName().equals("step")) {
            if (lrStepEpochs == null) {
                throw new UserError("--lr-schedule step needs --lr-step-epochs S, the epochs between two reductions");
            }
        } else if (lrStepEpochs != null || lrGamma != null) {
            throw new UserError("--lr-step-epochs and --lr-gamma apply to --lr-schedule step; add it or drop them");
        }
    }

    /** Hands the aids to a new run of {@code epochs} epochs. */
    void applyTo(Training training, int epochs) {
        training.klSchedule(klSchedule(epochs)).lrSchedule(lrScheduleOf());
        if (freeBits != null) {
            training.freeBits(freeBits);
        }
        Number v = parseValidation();
        if (v instanceof Double fraction) {
            training.validationFraction(fraction);
        } else if (v != null) {
            training.validation(v.intValue());
        }
        if (labels != null) {
            training.labelled(labels, labelSeed != null ? labelSeed : 1);
            if (alpha != null) {
                training.classifierAlpha(alpha);
            }
        }
    }

    private KlSchedule klSchedule(int epochs) {
        return switch (klScheduleName()) {
            case "linear" -> KlSchedule.linear(warmup);
            case "cyclical" -> KlSchedule.cyclical(epochs, cycles, ratio != null ? ratio : DEFAULT_RATIO);
            default -> KlSchedule.none();
        };
    }

    private LearningRateSchedule lrScheduleOf() {
        return switch (lrScheduleName()) {
            case "step" -> LearningRateSchedule.step(lrStepEpochs, lrGamma != null ? lrGamma : DEFAULT_GAMMA);
            case "iwae" -> LearningRateSchedule.iwae();
            default -> LearningRateSchedule.constant();
        };
    }

    String klScheduleName() {
        if (klSchedule != null) {
            return klSchedule;
        }
        return warmup != null && warmup > 0 ? "linear" : "none";
    }

    String lrScheduleName() {
        return lrSchedule != null ? lrSchedule : "constant";
    }

    /** {@code --validation} as a count (Integer), a fraction (Double) or null; a one-line error if neither. */
    Number parseValidation() {
        if (validation == null) {
            return null;
        }
        String v = validation.strip();
        try {
            if (v.matches("\\d+")) {
                int n = Integer.parseInt(v);
                if (n >= 1) {
                    return n;
                }
            } else {
                double f = Double.parseDouble(v);
                if (f > 0 && f < 1) {
                    return f;
                }
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UserError("--validation must be a number of examples (e.g. 10000) or a fraction in (0, 1) (e.g. "
                + "0.1), got '" + validation + "'");
    }

    /**
     * The value a resumed run's checkpoint records for each option, as text to compare with what
     * was typed ({@link #typed}).
     */
    static String recorded(String option, TrainingAids aids) {
        return switch (option) {
            case "--warmup" -> aids.klSchedule() instanceof KlSchedule.Linear l ? num(l.epochs()) : "0";
            case "--kl-schedule" -> switch (aids.klSchedule()) {
                case KlSchedule.None n -> "none";
                case KlSchedule.Linear l -> "linear";
                case KlSchedule.Cyclical c -> "cyclical";
            };
            case "--ratio" -> aids.klSchedule() instanceof KlSchedule.Cyclical c ? num(c.ratio()) : "none";
            case "--free-bits" -> num(aids.freeBits());
            case "--validation" -> Integer.toString(aids.validationExamples());
            case "--lr-schedule" -> switch (aids.lrSchedule()) {
                case LearningRateSchedule.Constant c -> "constant";
                case LearningRateSchedule.Step s -> "step";
                case LearningRateSchedule.Iwae i -> "iwae";
            };
            case "--lr-step-epochs" -> aids.lrSchedule() instanceof LearningRateSchedule.Step s
                    ? Integer.toString(s.epochs()) : "none";
            case "--lr-gamma" -> aids.lrSchedule() instanceof LearningRateSchedule.Step s ? num(s.gamma()) : "none";
            case "--labels" -> aids.supervision().active() ? num(aids.supervision().labelled()) : "none";
            case "--label-seed" -> aids.supervision().active() ? num(aids.supervision().seed()) : "none";
            case "--alpha" -> aids.supervision().active() ? num(aids.supervision().alpha()) : "none";
            default -> throw new IllegalArgumentException(option);
        };
    }

    /** What was typed for {@code option}, in the form {@link #recorded} gives. */
    String typed(String option) {
        return switch (option) {
            case "--warmup" -> num(warmup);
            case "--kl-schedule" -> klSchedule;
            case "--ratio" -> num(ratio);
            case "--free-bits" -> num(freeBits);
            case "--validation" -> validation.strip();
            case "--lr-schedule" -> lrSchedule;
            case "--lr-step-epochs" -> num(lrStepEpochs);
            case "--lr-gamma" -> num(lrGamma);
            case "--labels" -> num(labels);
            case "--label-seed" -> num(labelSeed);
            case "--alpha" -> num(alpha);
            default -> throw new IllegalArgumentException(option);
        };
    }

    /** The options a resumed run compares with its checkpoint ({@code --cycles} is refused there instead). */
    static final String[] RECORDED = {"--warmup", "--kl-schedule", "--ratio", "--free-bits", "--validation",
        "--lr-schedule", "--lr-step-epochs", "--lr-gamma", "--labels", "--label-seed", "--alpha"};

    private static String num(Number v) {
        return v == null ? "none" : HyperparameterValues.formatNumber(v.doubleValue());
    }

    /** The run's aids in words for its header, or null when it has none. */
    static String describe(TrainingAids aids, int trainExamples) {
        StringBuilder b = new StringBuilder();
        if (!(aids.klSchedule() instanceof KlSchedule.None)) {
            b.append("KL weight ").append(aids.klSchedule().description());
        }
        if (aids.freeBits() > 0) {
            append(b, "free bits " + num(aids.freeBits()) + " nats per latent dimension");
        }
        if (!(aids.lrSchedule() instanceof LearningRateSchedule.Constant)) {
            append(b, "lr schedule " + aids.lrSchedule().description());
        }
        int labelled = aids.supervision().active() ? aids.supervision().labelled() : 0; // not in trainExamples
        if (aids.validationExamples() > 0) {
            append(b, String.format(Locale.ROOT, "validation %,d examples held out of the %,d training examples",
                    aids.validationExamples(), aids.validationExamples() + trainExamples + labelled));
        }
        if (aids.supervision().active()) {
            var s = aids.supervision();
            int all = trainExamples + s.labelled();
            append(b, String.format(Locale.ROOT, "semi-supervised: %,d labelled examples (label seed %d), %,d "
                    + "unlabelled; classifier weight alpha %s x %,d / %,d = %.4g", s.labelled(), s.seed(), trainExamples,
                    num(s.alpha()), all, trainExamples, s.classifierWeight(all)));
        }
        return b.isEmpty() ? null : b.toString();
    }

    private static void append(StringBuilder b, String part) {
        if (!b.isEmpty()) {
            b.append("; ");
        }
        b.append(part);
    }
}
