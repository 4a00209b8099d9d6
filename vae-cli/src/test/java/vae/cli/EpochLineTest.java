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
}
