package vae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vae.core.train.EpochReport;
import vae.core.train.LossSummary;

class EpochLineTest {

    private static LossSummary summary(double objective, Map<String, Double> terms, Map<String, Double> weights) {
        return new LossSummary(objective, terms, weights, 100);
    }

    @Test
    void termsCarryTheirWeightsWhenNotOneAndSmallTermsKeepThreeDigits() {
        Map<String, Double> terms = new LinkedHashMap<>();
        terms.put("recon", 100.0);
        terms.put("kl", 20.5);
        terms.put("mmd", 0.001234);
        Map<String, Double> weights = new LinkedHashMap<>();
        weights.put("recon", 1.0);
        weights.put("kl", 0.0);
        weights.put("mmd", 999.0);
        LossSummary s = summary(101.23, terms, weights);
        String line = EpochLine.format(new EpochReport(3, s, s, 2.0, 30000, 0.5), 10);
        assertEquals("epoch  3/10  train 101.23  test 101.23 (recon 100.00, kl 20.50 ×0, mmd 0.00123 ×999)  2.0 s  "
                + "30,000 img/s", line);
    }

    @Test
    void aRunWithAidsShowsTheUnannealedTrainingLossTheValidationLossAndTheRate() {
        Map<String, Double> terms = new LinkedHashMap<>();
        terms.put("recon", 120.0);
        terms.put("kl", 20.0);
        Map<String, Double> weights = new LinkedHashMap<>();
        weights.put("recon", 1.0);
        weights.put("kl", 1.0);
        LossSummary train = summary(131.5, terms, weights); // trained with the KL at about half its weight
        LossSummary validation = summary(142.25, terms, weights);
        LossSummary test = summary(141.0, terms, weights);
        String line = EpochLine.format(new EpochReport(2, train, validation, test, 2.0, 30000, 0.5, 5e-4), 10, "img",
                true, true);
        assertEquals("epoch  2/10  train 131.50 (unannealed 140.00)  val 142.25  test 141.00 (recon 120.00, kl 20.00)  "
                + "2.0 s  30,000 img/s  lr 0.000500", line);
    }
}
