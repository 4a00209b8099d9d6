package vae.core.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vae.core.backend.ScalarBackend;
import vae.core.graph.Graph;
import vae.core.graph.Parameter;
import vae.core.tensor.Tensor;

class LossTermsTest {

    @Test
    void weightedObjectiveIsTheBatchMeanOfTheWeightedTerms() {
        Parameter recon = new Parameter("recon", new Tensor(new float[] {10f, 20f, 30f, 40f}, 4));
        Parameter kl = new Parameter("kl", new Tensor(new float[] {1f, 2f, 3f, 6f}, 4));
        Graph g = Graph.training(new ScalarBackend(1));
        List<LossTerms.Term> terms = new ArrayList<>(List.of(
                new LossTerms.Term("recon", g.parameter(recon), 1.0),
                new LossTerms.Term("kl", g.parameter(kl), 4.0)));
        LossTerms loss = LossTerms.weighted(g, terms);
        assertEquals(25 + 4 * 3, loss.objective().item(), 1e-5);
        terms.clear();
        assertEquals(2, loss.terms().size(), "terms are copied");
        assertEquals("kl", loss.terms().get(1).name());
        assertEquals(4.0, loss.terms().get(1).weight());

        g.backward(loss.objective());
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f}, recon.grad().data());
        assertArrayEquals(new float[] {1f, 1f, 1f, 1f}, kl.grad().data());
    }
}
