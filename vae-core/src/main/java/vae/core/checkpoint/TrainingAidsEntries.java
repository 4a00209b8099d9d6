package vae.core.checkpoint;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.BiFunction;
import vae.core.optim.LearningRateSchedule;
import vae.core.train.KlSchedule;
import vae.core.train.Supervision;
import vae.core.train.TrainingAids;

/**
 * A run's {@link TrainingAids} as checkpoint metadata entries: {@code kl_schedule} and
 * {@code lr_schedule} (JSON objects with a {@code name}), {@code free_bits} and
 * {@code validation}. Each is written only when it is not the default, so runs without an aid
 * keep their run ids and files written before the aids existed read as runs without them.
 */
final class TrainingAidsEntries {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingAidsEntries() {
    }

    /** Adds the entries of {@code aids} that are not the default to {@code m}. */
    static void put(Map<String, String> m, TrainingAids aids) {
        switch (aids.klSchedule()) {
            case KlSchedule.None none -> { }
            case KlSchedule.Linear l -> m.put("kl_schedule",
                    JSON.createObjectNode().put("name", "linear").put("epochs", l.epochs()).toString());
            case KlSchedule.Cyclical c -> m.put("kl_schedule", JSON.createObjectNode().put("name", "cyclical")
                    .put("period_epochs", c.periodEpochs()).put("ratio", c.ratio()).toString());
        }
        if (aids.freeBits() > 0) {
            m.put("free_bits", Double.toString(aids.freeBits()));
        }
        switch (aids.lrSchedule()) {
            case LearningRateSchedule.Constant constant -> { }
            case LearningRateSchedule.Step s -> m.put("lr_schedule", JSON.createObjectNode().put("name", "step")
                    .put("epochs", s.epochs()).put("gamma", s.gamma()).toString());
            case LearningRateSchedule.Iwae iwae -> m.put("lr_schedule",
                    JSON.createObjectNode().put("name", "iwae").toString());
        }
        if (aids.validationExamples() > 0) {
            m.put("validation", Integer.toString(aids.validationExamples()));
        }
        if (aids.supervision().active()) {
            Supervision s = aids.supervision();
            m.put("labelled", JSON.createObjectNode().put("examples", s.labelled()).put("seed", s.seed())
                    .put("alpha", s.alpha()).toString());
        }
    }

    /**
     * The aids the entries of {@code m} record, the defaults for absent ones.
     *
     * @param bad makes the error for a malformed entry from its key and what is wrong
     */
    static TrainingAids read(Map<String, String> m, BiFunction<String, String, CheckpointException> bad) {
        KlSchedule kl = !m.containsKey("kl_schedule") ? KlSchedule.none()
                : checked("kl_schedule", bad, () -> klSchedule(object(m, "kl_schedule", bad), bad));
        LearningRateSchedule lr = !m.containsKey("lr_schedule") ? LearningRateSchedule.constant()
                : checked("lr_schedule", bad, () -> lrSchedule(object(m, "lr_schedule", bad), bad));
        double freeBits = m.containsKey("free_bits") ? number(m, "free_bits", bad) : 0;
        double validation = m.containsKey("validation") ? number(m, "validation", bad) : 0;
        if (validation != Math.rint(validation) || validation < 0 || validation > Integer.MAX_VALUE) {
            throw bad.apply("validation", "not a whole number of examples");
        }
        Supervision supervision = !m.containsKey("labelled") ? Supervision.NONE
                : checked("labelled", bad, () -> supervision(object(m, "labelled", bad), bad));
        return checked("free_bits", bad, () -> new TrainingAids(kl, freeBits, lr, (int) validation, supervision));
    }

    private static Supervision supervision(JsonNode n, BiFunction<String, String, CheckpointException> bad) {
        if (!n.path("examples").canConvertToInt() || !n.path("examples").isIntegralNumber() || n.get("examples").intValue() < 1
                || !n.path("seed").isIntegralNumber() || !n.path("seed").canConvertToLong()) {
            throw bad.apply("labelled", "expected whole numbers 'examples' (at least 1) and 'seed'");
        }
        return new Supervision(n.get("examples").intValue(), n.get("seed").longValue(), field(n, "alpha", "labelled", bad));
    }

    /** What {@code make} returns; its IllegalArgumentException is a malformed entry {@code key}. */
    private static <T> T checked(String key, BiFunction<String, String, CheckpointException> bad,
                                 java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw bad.apply(key, e.getMessage());
        }
    }

    private static KlSchedule klSchedule(JsonNode n, BiFunction<String, String, CheckpointException> bad) {
        return switch (n.path("name").asText()) {
            case "linear" -> KlSchedule.linear(field(n, "epochs", "kl_schedule", bad));
            case "cyclical" -> KlSchedule.cyclical(field(n, "period_epochs", "kl_schedule", bad),
                    field(n, "ratio", "kl_schedule", bad));
            default -> throw bad.apply("kl_schedule", "expected name linear or cyclical");
        };
    }

    private static LearningRateSchedule lrSchedule(JsonNode n, BiFunction<String, String, CheckpointException> bad) {
        return switch (n.path("name").asText()) {
            case "step" -> {
                if (!n.path("epochs").canConvertToInt() || !n.path("epochs").isIntegralNumber()) {
                    throw bad.apply("lr_schedule", "expected a whole number of epochs");
                }
                yield LearningRateSchedule.step(n.get("epochs").intValue(), field(n, "gamma", "lr_schedule", bad));
            }
            case "iwae" -> LearningRateSchedule.iwae();
            default -> throw bad.apply("lr_schedule", "expected name step or iwae");
        };
    }

    private static double field(JsonNode n, String field, String key, BiFunction<String, String, CheckpointException> bad) {
        if (!n.path(field).isNumber()) {
            throw bad.apply(key, "expected a number '" + field + "'");
        }
        return n.get(field).doubleValue();
    }

    private static ObjectNode object(Map<String, String> m, String key, BiFunction<String, String, CheckpointException> bad) {
        try {
            JsonNode n = JSON.readTree(m.get(key));
            if (n instanceof ObjectNode o) {
                return o;
            }
        } catch (JacksonException e) {
            // said below
        }
        throw bad.apply(key, "not a JSON object");
    }

    private static double number(Map<String, String> m, String key, BiFunction<String, String, CheckpointException> bad) {
        try {
            return Double.parseDouble(m.get(key));
        } catch (NumberFormatException e) {
            throw bad.apply(key, "not a number");
        }
    }
}
