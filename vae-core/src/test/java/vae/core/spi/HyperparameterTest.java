package vae.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HyperparameterTest {

    @Test
    void validValuesOfAnInteger() {
        assertEquals("integer in [1, 4096]", Hyperparameter.integer("latent_dim", 20, 1, 4096, "").validValues());
        assertEquals("integer in [-3, 3]", Hyperparameter.integer("shift", 0, -3, 3, "").validValues());
    }

    @Test
    void validValuesOfAReal() {
        assertEquals("number in [0, 100]", Hyperparameter.real("beta", 1, 0, 100, "").validValues());
        assertEquals("number in [0.5, 2.25]", Hyperparameter.real("gamma", 1, 0.5, 2.25, "").validValues());
        assertEquals("number in (0, inf)", Hyperparameter.positiveReal("sigma", 1, "").validValues());
        assertEquals("number in (-inf, inf)", new Hyperparameter("free", Hyperparameter.Type.REAL, "0", "",
                null, false, null, List.of()).validValues());
    }

    @Test
    void validValuesOfAChoiceAndAFlag() {
        assertEquals("one of rbf, imq", Hyperparameter.choice("kernel", "rbf", List.of("rbf", "imq"), "").validValues());
        assertEquals("true or false", Hyperparameter.flag("learn_variance", true, "").validValues());
    }

    @Test
    void factoriesRecordTypeDefaultAndBounds() {
        Hyperparameter h = Hyperparameter.integer("latent_dim", 20, 1, 4096, "size of z");
        assertEquals(Hyperparameter.Type.INTEGER, h.type());
        assertEquals("20", h.defaultValue());
        assertEquals(1.0, h.lower());
        assertEquals(4096.0, h.upper());
        assertEquals("size of z", h.description());
        Hyperparameter flag = Hyperparameter.flag("f", true, "");
        assertEquals("true", flag.defaultValue());
        assertEquals(Hyperparameter.Type.BOOLEAN, flag.type());
    }

    @Test
    void namesMustBeLowerSnakeCase() {
        assertThrows(IllegalArgumentException.class, () -> Hyperparameter.flag("LearnVariance", true, ""));
        assertThrows(IllegalArgumentException.class, () -> Hyperparameter.flag("latent-dim", true, ""));
        assertThrows(IllegalArgumentException.class, () -> Hyperparameter.flag("1st", true, ""));
        assertThrows(IllegalArgumentException.class, () -> Hyperparameter.flag("", true, ""));
        Hyperparameter.flag("kl_warmup_2", true, "");
    }

    @Test
    void choicesAreCopied() {
        List<String> choices = new ArrayList<>(List.of("rbf", "imq"));
        Hyperparameter h = Hyperparameter.choice("kernel", "rbf", choices, "");
        choices.add("linear");
        assertEquals(List.of("rbf", "imq"), h.choices());
    }
}
