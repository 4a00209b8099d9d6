package vae.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import vae.core.backend.BackendProvider;
import vae.core.backend.Backends;
import vae.core.spi.ArchitectureProvider;
import vae.core.spi.LikelihoodProvider;
import vae.core.spi.ObjectiveProvider;
import vae.core.spi.Preset;
import vae.core.spi.PosteriorProvider;
import vae.core.spi.PriorProvider;

/**
 * The components found on the module path (or class path), by axis and name: objectives,
 * presets, architectures, priors, likelihoods and backends. Two components of one axis with the
 * same name are refused, naming where each comes from.
 */
public final class Registry {
    private static volatile Registry loaded;

    private final Map<String, ObjectiveProvider> objectives;
    private final Map<String, Preset> presets;
    private final Map<String, ArchitectureProvider> architectures;
    private final Map<String, PriorProvider> priors;
    private final Map<String, LikelihoodProvider> likelihoods;
    private final Map<String, PosteriorProvider> posteriors;

    private Registry() {
        this.objectives = byName("objective", ObjectiveProvider.class, ObjectiveProvider::name);
        this.presets = byName("preset", Preset.class, Preset::name);
        this.architectures = byName("architecture", ArchitectureProvider.class, ArchitectureProvider::name);
        this.priors = byName("prior", PriorProvider.class, PriorProvider::name);
        this.likelihoods = byName("likelihood", LikelihoodProvider.class, LikelihoodProvider::name);
        this.posteriors = byName("posterior", PosteriorProvider.class, PosteriorProvider::name);
        for (String p : presets.keySet()) {
            if (objectives.containsKey(p)) {
                throw new IllegalArgumentException("'" + p + "' is both an objective (" + origin(objectives.get(p))
                        + ") and a preset (" + origin(presets.get(p)) + "); remove one of them from the module path");
            }
        }
    }

    /** The components on the module path, found once and then shared. */
    public static Registry load() {
        Registry r = loaded;
        if (r == null) {
            synchronized (Registry.class) {
                r = loaded;
                if (r == null) {
                    r = new Registry();
                    loaded = r;
                }
            }
        }
        return r;
    }

    private static <T> Map<String, T> byName(String axis, Class<T> type, Function<T, String> name) {
        List<T> found = new ArrayList<>();
        try {
            ServiceLoader.load(type).forEach(found::add);
        } catch (ServiceConfigurationError e) {
            Throwable cause = e.getCause();
            throw new IllegalArgumentException("the " + axis + " plugins cannot be loaded (" + e.getMessage()
                    + (cause == null ? "" : ": " + cause.getMessage()) + "); fix it or remove its jar from the module path");
        }
        found.sort(Comparator.comparing(name));
        Map<String, T> map = new LinkedHashMap<>();
        for (T t : found) {
            T clash = map.putIfAbsent(name.apply(t), t);
            if (clash != null) {
                throw new IllegalArgumentException("two " + axis + "s are named '" + name.apply(t) + "': " + origin(clash)
                        + " and " + origin(t) + "; remove one of them from the module path");
            }
        }
        return map;
    }

    /** Objectives, what {@code variant} names besides presets, sorted by name. */
    public List<ObjectiveProvider> objectives() {
        return List.copyOf(objectives.values());
    }

    /** Presets such as {@code conv-vae}, sorted by name. */
    public List<Preset> presets() {
        return List.copyOf(presets.values());
    }

    /** Architectures, sorted by name. */
    public List<ArchitectureProvider> architectures() {
        return List.copyOf(architectures.values());
    }

    /** Priors, sorted by name. */
    public List<PriorProvider> priors() {
        return List.copyOf(priors.values());
    }

    /** Likelihoods, sorted by name. */
    public List<LikelihoodProvider> likelihoods() {
        return List.copyOf(likelihoods.values());
    }

    /** Posterior flows, sorted by name. */
    public List<PosteriorProvider> posteriors() {
        return List.copyOf(posteriors.values());
    }

    /** Backends, the preferred first. */
    public List<BackendProvider> backends() {
        return Backends.providers();
    }

    /** The objective named {@code name}; a one-line error lists the known names. */
    public ObjectiveProvider objective(String name) {
        return get("objective", objectives, name);
    }

    /** The preset named {@code name}, or null if there is none. */
    public Preset preset(String name) {
        return presets.get(name);
    }

    /** The architecture named {@code name}; a one-line error lists the known names. */
    public ArchitectureProvider architecture(String name) {
        return get("architecture", architectures, name);
    }

    /** The prior named {@code name}; a one-line error lists the known names. */
    public PriorProvider prior(String name) {
        return get("prior", priors, name);
    }

    /** The likelihood named {@code name}; a one-line error lists the known names. */
    public LikelihoodProvider likelihood(String name) {
        return get("likelihood", likelihoods, name);
    }

    /** The posterior flow named {@code name}; a one-line error lists the known names. */
    public PosteriorProvider posterior(String name) {
        return get("posterior", posteriors, name);
    }

    /** Every name {@code variant} accepts: objectives and presets, sorted. */
    public List<String> variantNames() {
        List<String> names = new ArrayList<>(objectives.keySet());
        names.addAll(presets.keySet());
        names.sort(null);
        return names;
    }

    private static <T> T get(String axis, Map<String, T> map, String name) {
        T t = map.get(name);
        if (t == null) {
            throw new IllegalArgumentException("unknown " + axis + " '" + name + "' (not on the module path); known: "
                    + (map.isEmpty() ? "none (is vae-models on the module path?)" : String.join(", ", map.keySet())));
        }
        return t;
    }

    /** Where a component comes from: its module, or its jar on the class path. */
    public static String origin(Object component) {
        Module m = component.getClass().getModule();
        if (m.isNamed()) {
            return "module " + m.getName();
        }
        var source = component.getClass().getProtectionDomain().getCodeSource();
        return source == null ? component.getClass().getName() : source.getLocation().toString();
    }
}
