package vae.core.nn;

import vae.core.graph.Parameter;
import java.util.List;
import vae.core.graph.Graph;
import vae.core.graph.Var;

/** A building block of encoders and decoders: a function of its input and its parameters. */
public interface Layer {

    /** Applies the layer on the graph. */
    Var forward(Graph g, Var x);

    /** Its parameters in {@code state_dict} order. */
    List<Parameter> parameters();
}
