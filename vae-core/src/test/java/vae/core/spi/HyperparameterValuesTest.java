package vae.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HyperparameterValuesTest {

    private static final Hyperparameter<Integer> LATENT_DIM = Hyperparameter.integer("latent_dim", 20, 1, 4096, "size of z");
    private static final Hyperparameter<Double> BETA = Hyperparameter.real("beta", 1.0, 0.0, 100.0, "weight of the KL");
    private static final Hyperparameter<Double> SIGMA = Hyperparameter.positiveReal("sigma", 0.5, "kernel width");
    private static final Hyperparameter<String> KERNEL =
            Hyperparameter.choice("kernel", "rbf", List.of("rbf", "imq"), "MMD kernel");
    private static final Hyperparameter<Boolean> LEARN_VARIANCE =
            Hyperparameter.flag("learn_variance", false, "learn the decoder variance");
    private static final List<Hyperparameter<?>> DECLARED = List.of(LATENT_DIM, BETA, SIGMA, KERNEL, LEARN_VARIANCE);

    private static HyperparameterValues parse(Map<String, String> given) {
        return HyperparameterValues.parse("test-vae", DECLARED, given);
    }

    private static IllegalArgumentException rejected(Map<String, String> given) {
        return assertThrows(IllegalArgumentException.class, () -> parse(given));
    }

    @Test
    void defaultsAreFilledIn() {
        HyperparameterValues values = HyperparameterValues.defaults("test-vae", DECLARED);
        assertEquals(20, values.get(LATENT_DIM));
        assertEquals(1.0, values.get(BETA));
        assertEquals(0.5, values.get(SIGMA));
        assertEquals("rbf", values.get(KERNEL));
        assertFalse(values.get(LEARN_VARIANCE));
        assertEquals(List.of("latent_dim", "beta", "sigma", "kernel", "learn_variance"),
                List.copyOf(values.asMap().keySet()), "declaration order");
    }

    @Test
    void givenValuesOverrideDefaultsAndTheRestStay() {
        HyperparameterValues values = parse(Map.of("latent_dim", "2", "kernel", "imq"));
        assertEquals(2, values.get(LATENT_DIM));
        assertEquals("imq", values.get(KERNEL));
        assertEquals(1.0, values.get(BETA));
    }

    @Test
    void integersAndRealsAreParsed() {
        HyperparameterValues values = parse(Map.of("latent_dim", " 64 ", "beta", "2.5e-1", "sigma", "3"));
        assertEquals(64, values.get(LATENT_DIM));
        assertEquals(0.25, values.get(BETA));
        assertEquals(3.0, values.get(SIGMA));
        assertEquals(4096, parse(Map.of("latent_dim", "4096")).get(LATENT_DIM), "the upper bound is valid");
        assertEquals(1, parse(Map.of("latent_dim", "1")).get(LATENT_DIM), "the lower bound is valid");
        assertEquals(0.0, parse(Map.of("beta", "0")).get(BETA), "a closed lower bound is valid");
    }

    @Test
    void unparsableNumbersAreRejected() {
        IllegalArgumentException e = rejected(Map.of("latent_dim", "2.5"));
        assertTrue(e.getMessage().contains("latent_dim") && e.getMessage().contains("integer in [1, 4096]"),
                e.getMessage());
        e = rejected(Map.of("beta", "lots"));
        assertTrue(e.getMessage().contains("beta") && e.getMessage().contains("number in [0, 100]"), e.getMessage());
    }

    @Test
    void outOfRangeValuesAreRejectedNamingTheKeyAndTheRange() {
        IllegalArgumentException e = rejected(Map.of("latent_dim", "0"));
        assertTrue(e.getMessage().contains("latent_dim"), e.getMessage());
        assertTrue(e.getMessage().contains("[1, 4096]"), e.getMessage());
        assertTrue(e.getMessage().contains("test-vae"), e.getMessage());

        e = rejected(Map.of("latent_dim", "4097"));
        assertTrue(e.getMessage().contains("latent_dim") && e.getMessage().contains("[1, 4096]"), e.getMessage());

        e = rejected(Map.of("beta", "100.5"));
        assertTrue(e.getMessage().contains("beta") && e.getMessage().contains("[0, 100]"), e.getMessage());

        e = rejected(Map.of("sigma", "0"));
        assertTrue(e.getMessage().contains("sigma") && e.getMessage().contains("(0, inf)"), e.getMessage());
        rejected(Map.of("sigma", "-1"));
    }

    @Test
    void nanAndInfinityAreRejected() {
        rejected(Map.of("sigma", "NaN"));
        rejected(Map.of("sigma", "Infinity"));
        rejected(Map.of("beta", "NaN"));
    }

    @Test
    void integersTooLargeForAnIntAreRejectedNotWrapped() {
        rejected(Map.of("latent_dim", "4294967297"));
        rejected(Map.of("latent_dim", "99999999999999999999"));
    }

    @Test
    void unknownKeyIsRejectedListingTheKnownKeys() {
        IllegalArgumentException e = rejected(Map.of("latnet_dim", "8"));
        String message = e.getMessage();
        assertTrue(message.contains("latnet_dim"), message);
        assertTrue(message.contains("test-vae"), message);
        for (Hyperparameter<?> h : DECLARED) {
            assertTrue(message.contains(h.name()), message + " does not list " + h.name());
        }
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> HyperparameterValues.parse("ae", List.of(), Map.of("beta", "1")));
        assertTrue(none.getMessage().contains("beta") && none.getMessage().contains("none"), none.getMessage());
    }

    @Test
    void choicesMustBeOneOfTheNames() {
        IllegalArgumentException e = rejected(Map.of("kernel", "gaussian"));
        assertTrue(e.getMessage().contains("kernel") && e.getMessage().contains("one of rbf, imq"), e.getMessage());
        rejected(Map.of("kernel", "RBF"));
    }

    @Test
    void booleansAcceptTrueAndFalseInAnyCaseOnly() {
        assertTrue(parse(Map.of("learn_variance", "true")).get(LEARN_VARIANCE));
        assertTrue(parse(Map.of("learn_variance", "TRUE")).get(LEARN_VARIANCE));
        assertFalse(parse(Map.of("learn_variance", "False")).get(LEARN_VARIANCE));
        for (String bad : new String[] {"yes", "1", "", "t"}) {
            IllegalArgumentException e = rejected(Map.of("learn_variance", bad));
            assertTrue(e.getMessage().contains("learn_variance") && e.getMessage().contains("true or false"),
                    e.getMessage());
        }
    }

    @Test
    void askingForAnUndeclaredNameFails() {
        HyperparameterValues values = HyperparameterValues.defaults("test-vae", DECLARED);
        Hyperparameter<Double> gamma = Hyperparameter.positiveReal("gamma", 1.0, "not declared");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> values.get(gamma));
        assertTrue(e.getMessage().contains("gamma"), e.getMessage());
    }

    @Test
    void toStringListsNameValuePairsInOrder() {
        assertEquals("latent_dim=20, beta=1, sigma=0.5, kernel=rbf, learn_variance=false",
                HyperparameterValues.defaults("test-vae", DECLARED).toString());
    }

    @Test
    void numbersArePrintedShortWithoutLosingThem() {
        assertEquals("4", HyperparameterValues.formatNumber(4.0));
        assertEquals("999", HyperparameterValues.formatNumber(999.0));
        assertEquals("0", HyperparameterValues.formatNumber(0.0));
        assertEquals("0.001", HyperparameterValues.formatNumber(1e-3));
        assertEquals("-2.5", HyperparameterValues.formatNumber(-2.5));
        assertEquals("1.0E-7", HyperparameterValues.formatNumber(1e-7));
        assertEquals("0.30000000000000004", HyperparameterValues.formatNumber(0.1 + 0.2));
    }

    @Test
    void valuesFromAConfigFileNameTheFileInErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HyperparameterValues.parse(
                "test-vae", DECLARED, Map.of("beta", "500"), Map.of("beta", "--config c.json")));
        assertTrue(e.getMessage().startsWith("beta=500 in --config c.json"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> HyperparameterValues.parse(
                "test-vae", DECLARED, Map.of("depth", "2"), Map.of("depth", "--config c.json")));
        assertTrue(e.getMessage().contains("'depth' (in --config c.json)"), e.getMessage());
        assertTrue(e.getMessage().contains("known: latent_dim, beta"), e.getMessage());
    }

    private static final Hyperparameter<List<Integer>> CHANNELS = Hyperparameter.integers("channels", "", 1, 1024,
            "channels per layer");

    private static HyperparameterValues channels(String text) {
        return HyperparameterValues.parse("test-arch", List.of(CHANNELS), Map.of("channels", text));
    }

    @Test
    void integerListsAreParsedFromCommasOrAPrintedJavaListAndWrittenBackWithCommas() {
        assertEquals(List.of(), HyperparameterValues.defaults("test-arch", List.of(CHANNELS)).get(CHANNELS));
        assertEquals(List.of(32, 64, 128), channels("32,64,128").get(CHANNELS));
        assertEquals(List.of(32, 64, 128), channels(" [32, 64, 128] ").get(CHANNELS));
        assertEquals(List.of(1024), channels("1024").get(CHANNELS), "the bounds hold for each entry");
        assertEquals("32,64,128", HyperparameterValues.text(channels("[32, 64,128]").get(CHANNELS)));
        assertEquals("channels=8,16", channels("8, 16").toString());
    }

    @Test
    void integerListsRefuseEntriesOutOfRangeOrNotIntegers() {
        var range = assertThrows(IllegalArgumentException.class, () -> channels("32,0"));
        assertEquals("channels=32,0 (test-arch): 0 is out of range, expected integers separated by commas, each in "
                + "[1, 1024]", range.getMessage());
        var empty = assertThrows(IllegalArgumentException.class, () -> channels("32,,64"));
        assertEquals("channels=32,,64 (test-arch): '' is not an integer, expected integers separated by commas, "
                + "each in [1, 1024]", empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> channels("2.5"));
    }
}
