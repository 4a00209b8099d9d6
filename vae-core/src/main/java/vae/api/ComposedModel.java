package vae.api;

import java.util.ArrayList;
import java.util.List;
import vae.core.graph.Graph;
import vae.core.graph.OneHot;
import vae.core.graph.Parameter;
import vae.core.graph.RepeatOps;
import vae.core.graph.ShapeOps;
import vae.core.graph.Var;
import vae.core.nn.ClassifierMlp;
import vae.core.loss.Likelihood;
import vae.core.spi.Architecture;
import vae.core.spi.Encoding;
import vae.core.spi.LossContext;
import vae.core.spi.LossTerms;
import vae.core.spi.Model;
import vae.core.spi.Objective;
import vae.core.spi.PosteriorFlow;
import vae.core.spi.Prior;
import vae.core.tensor.Tensor;

/** A model made of one component per axis; the objective's loss sees it as a {@link Model}. */
final class ComposedModel implements Model {
    private final Architecture architecture;
    private final Objective objective;
    private final Prior prior;
    private final Likelihood likelihood;
    private final PosteriorFlow flow;
    private final int classes;
    private final ClassifierMlp classifier;
    private final List<Parameter> parameters;

    ComposedModel(Architecture architecture, Objective objective, Prior prior, Likelihood likelihood) {
        this(architecture, objective, prior, likelihood, null, 0, null);
    }

    /**
     * A model of x, or with {@code classes} above 0 a conditional model of x given a label, and with
     * a {@code classifier} q(y|x) (else null) a semi-supervised one.
     */
    ComposedModel(Architecture architecture, Objective objective, Prior prior, Likelihood likelihood,
                  PosteriorFlow flow, int classes, ClassifierMlp classifier) {
        this.classes = classes;
        this.classifier = classifier;
        this.architecture = architecture;
        this.objective = objective;
        this.prior = prior;
        this.likelihood = likelihood;
        this.flow = flow;
        List<Parameter> all = new ArrayList<>(architecture.parameters());
        if (prior != null) {
            all.addAll(prior.parameters());
        }
        if (flow != null) {
            all.addAll(flow.parameters());
        }
        if (classifier != null) {
            all.addAll(classifier.parameters());
        }
        this.parameters = List.copyOf(all);
    }

    @Override
    public PosteriorFlow posteriorFlow() {
        return flow;
    }

    @Override
    public int conditionClasses() {
        return classes;
    }

    @Override
    public boolean hasClassifier() {
        return classifier != null;
    }

    @Override
    public Var classify(Graph g, Var x) {
        if (classifier == null) {
            return Model.super.classify(g, x);
        }
        return classifier.forward(g, x);
    }

    @Override
    public Model given(Graph g, int[] labels) {
        if (classes == 0) {
            return Model.super.given(g, labels);
        }
        return new GivenLabels(g.constant(OneHot.of(g, labels, classes)));
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public int latentDim() {
        return architecture.latentDim() + auxiliary();
    }

    @Override
    public int encoderLatentDim() {
        return architecture.latentDim();
    }

    private int auxiliary() {
        return prior == null ? 0 : prior.auxiliaryDimensions();
    }

    @Override
    public Likelihood likelihood() {
        return likelihood;
    }

    @Override
    public Prior prior() {
        return prior;
    }

    @Override
    public LossTerms loss(Graph g, Var x, LossContext context) {
        return objective.loss(g, this, x, context);
    }

    @Override
    public Encoding encode(Graph g, Var x) {
        requireUnconditional();
        return encode(g, x, null);
    }

    private Encoding encode(Graph g, Var x, Var condition) {
        Encoding q = architecture.encode(g, likelihood.acceptsMissingValues() ? withZerosForMissing(g, x) : x, condition);
        int aux = auxiliary();
        if (aux == 0) {
            return q;
        }
        Var zeros = g.constant(g.zeros(q.mu().rows(), aux)); // the prior's auxiliary noise: N(0, 1) in q
        return new Encoding(ShapeOps.concatColumns(g, q.mu(), zeros), ShapeOps.concatColumns(g, q.logvar(), zeros));
    }

    /** The decoder reads the encoder's latent columns only, not the prior's auxiliary ones. */
    private Var decode(Graph g, Var z, Var condition) {
        Var own = auxiliary() == 0 ? z : ShapeOps.sliceColumns(g, z, 0, architecture.latentDim());
        return architecture.decode(g, own, condition);
    }

    private void requireUnconditional() {
        if (classes > 0) {
            throw new IllegalStateException("a conditional model encodes and decodes given labels (Model.given)");
        }
    }

    /** The encoder sees 0 (the training mean, in standardised units) where a value is missing, as in MIWAE. */
    private static Var withZerosForMissing(Graph g, Var x) {
        float[] values = x.data();
        int first = 0;
        while (first < values.length && !Float.isNaN(values[first])) {
            first++;
        }
        if (first == values.length) {
            return x;
        }
        Tensor filled = g.allocate(x.shape());
        float[] f = filled.data();
        for (int i = 0; i < values.length; i++) {
            f[i] = Float.isNaN(values[i]) ? 0f : values[i];
        }
        return g.constant(filled);
    }

    @Override
    public Var decode(Graph g, Var z) {
        requireUnconditional();
        return decode(g, z, null);
    }

    @Override
    public boolean supportsKlWarmup() {
        return prior != null && objective.supportsKlWarmup();
    }

    @Override
    public boolean supportsFreeBits() {
        return prior != null && prior.klSplitsByDimension() && flow == null && objective.supportsFreeBits();
    }

    @Override
    public String objectiveDescription() {
        String kl = prior == null || klInClosedForm() ? ""
                : "; kl: " + (flow == null ? prior.klEstimate() : "one-sample estimate log q(z|x) - log p(z)");
        return objective.description() + kl;
    }

    /** This model with the one-hot labels of a batch as the condition of both networks. */
    private final class GivenLabels implements Model {
        private final Var condition;

        GivenLabels(Var condition) {
            this.condition = condition;
        }

        @Override
        public List<Parameter> parameters() {
            return parameters;
        }

        @Override
        public int latentDim() {
            return ComposedModel.this.latentDim();
        }

        @Override
        public Likelihood likelihood() {
            return likelihood;
        }

        @Override
        public Prior prior() {
            return prior;
        }

        @Override
        public PosteriorFlow posteriorFlow() {
            return flow;
        }

        @Override
        public int conditionClasses() {
            return classes;
        }

        @Override
        public boolean hasClassifier() {
            return ComposedModel.this.hasClassifier();
        }

        @Override
        public Model given(Graph g, int[] labels) {
            return ComposedModel.this.given(g, labels); // new labels replace these
        }

        @Override
        public Var classify(Graph g, Var x) {
            return ComposedModel.this.classify(g, x);
        }

        @Override
        public LossTerms loss(Graph g, Var x, LossContext context) {
            return objective.loss(g, this, x, context);
        }

        @Override
        public Encoding encode(Graph g, Var x) {
            return ComposedModel.this.encode(g, x, rowsOf(g, x.rows()));
        }

        @Override
        public Var decode(Graph g, Var z) {
            return ComposedModel.this.decode(g, z, rowsOf(g, z.rows()));
        }

        /** The condition for {@code rows} rows in sample-major order: the labels repeated. */
        private Var rowsOf(Graph g, int rows) {
            int batch = condition.rows();
            if (rows % batch != 0) {
                throw new IllegalArgumentException(rows + " rows for " + batch + " labels: not whole samples per example");
            }
            return rows == batch ? condition : RepeatOps.repeatBatch(g, condition, rows / batch);
        }

        @Override
        public boolean supportsKlWarmup() {
            return ComposedModel.this.supportsKlWarmup();
        }

        @Override
        public boolean supportsFreeBits() {
            return ComposedModel.this.supportsFreeBits();
        }

        @Override
        public String objectiveDescription() {
            return ComposedModel.this.objectiveDescription();
        }
    }
}
